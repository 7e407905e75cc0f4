import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseTweet } from 'twitter-text';
import { readBody, sendJson, sendProblem } from './http';
import {
  blankProblem,
  duplicateContent,
  invalidRequest,
  resourceNotFound,
  tweetTooLong,
  type ProblemResponse,
} from './problems';
import { parseSearchQuery, SearchQueryError } from './search-query';
import { TWEET_ID_PATTERN } from './snowflake';
import type { XStore } from './store';
import { isProblem, parseTimelineParams, timelinePage } from './timeline';
import type { LocalXUser } from './types';

export interface XRouteContext {
  store: XStore;
  now: Date;
  user: LocalXUser;
  request: IncomingMessage;
  response: ServerResponse;
  url: URL;
}

type Handler = (context: XRouteContext, pathParams: string[]) => Promise<void> | void;

export interface XRoute {
  /** the key rate limits are counted under: method and path template, like X's per-endpoint limits */
  name: string;
  handler: Handler;
  pathParams: string[];
}

const MAX_TWEET_WEIGHT = 280;
const RECENT_SEARCH_DAYS = 7;
const DAY_MS = 86_400_000;
// CreatePostsRequest has additionalProperties: false; X rejects fields it does not know
const CREATE_POST_FIELDS = new Set([
  'card_uri',
  'community_id',
  'direct_message_deep_link',
  'edit_options',
  'for_super_followers_only',
  'geo',
  'made_with_ai',
  'media',
  'nullcast',
  'paid_partnership',
  'poll',
  'quote_tweet_id',
  'reply',
  'reply_settings',
  'share_with_followers',
  'text',
]);

const ROUTES: { method: string; pattern: RegExp; name: string; handler: Handler }[] = [
  { method: 'POST', pattern: /^\/2\/tweets$/, name: 'POST /2/tweets', handler: createPost },
  { method: 'DELETE', pattern: /^\/2\/tweets\/([^/]+)$/, name: 'DELETE /2/tweets/:id', handler: deletePost },
  { method: 'GET', pattern: /^\/2\/users\/me$/, name: 'GET /2/users/me', handler: me },
  {
    method: 'GET',
    pattern: /^\/2\/users\/([^/]+)\/mentions$/,
    name: 'GET /2/users/:id/mentions',
    handler: mentions,
  },
  {
    method: 'GET',
    pattern: /^\/2\/tweets\/search\/recent$/,
    name: 'GET /2/tweets/search/recent',
    handler: search,
  },
];

export function matchXRoute(method: string, path: string): XRoute | undefined {
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (match)
      return { name: route.name, handler: route.handler, pathParams: match.slice(1).map(decodeURIComponent) };
  }
  return undefined;
}

async function createPost({ store, now, user, request, response }: XRouteContext): Promise<void> {
  const parsed = parseCreatePostBody(await readBody(request));
  if ('status' in parsed) return sendProblem(response, parsed);
  const { text, inReplyToTweetId } = parsed;

  if (text.trim().length === 0) {
    return sendProblem(
      response,
      invalidRequest([{ parameter: 'text', value: text, message: 'Post text must not be empty' }]),
    );
  }
  if (parseTweet(text).weightedLength > MAX_TWEET_WEIGHT) return sendProblem(response, tweetTooLong());
  if (inReplyToTweetId !== undefined && !store.tweetById(inReplyToTweetId)) {
    return sendProblem(
      response,
      resourceNotFound(400, 'tweet', 'reply.in_reply_to_tweet_id', inReplyToTweetId),
    );
  }
  if (store.isDuplicate(user.id, text, now)) return sendProblem(response, duplicateContent());

  const tweet = store.createPost(user, text, now, inReplyToTweetId);
  sendJson(response, 201, { data: { id: tweet.id, text: tweet.text, edit_history_post_ids: [tweet.id] } });
}

function parseCreatePostBody(raw: string): { text: string; inReplyToTweetId?: string } | ProblemResponse {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return invalidRequest([{ parameter: 'body', value: '', message: 'Request body is not valid JSON' }]);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return invalidRequest([{ parameter: 'body', value: '', message: 'Request body must be a JSON object' }]);
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((key) => !CREATE_POST_FIELDS.has(key));
  if (unknown.length > 0) {
    return invalidRequest(
      unknown.map((key) => ({ parameter: key, value: '', message: `The property [${key}] is not allowed` })),
    );
  }
  const text = fields['text'] ?? '';
  if (typeof text !== 'string') {
    return invalidRequest([{ parameter: 'text', value: '', message: '`text` must be a string' }]);
  }
  const reply = fields['reply'] as { in_reply_to_tweet_id?: unknown } | undefined;
  const inReplyTo = reply?.in_reply_to_tweet_id;
  if (inReplyTo !== undefined && (typeof inReplyTo !== 'string' || !TWEET_ID_PATTERN.test(inReplyTo))) {
    return invalidRequest([
      { parameter: 'reply.in_reply_to_tweet_id', value: String(inReplyTo), message: 'must be a post id' },
    ]);
  }
  return { text, ...(typeof inReplyTo === 'string' ? { inReplyToTweetId: inReplyTo } : {}) };
}

function deletePost({ store, now, user, response }: XRouteContext, [id = '']: string[]): void {
  if (!TWEET_ID_PATTERN.test(id)) {
    return sendProblem(
      response,
      invalidRequest([
        { parameter: 'id', value: id, message: `The \`id\` query parameter value [${id}] is not valid` },
      ]),
    );
  }
  const tweet = store.tweetById(id);
  if (!tweet || tweet.deletedAt) return sendProblem(response, resourceNotFound(404, 'tweet', 'id', id));
  if (tweet.authorId !== user.id) {
    return sendProblem(response, blankProblem(403, 'You are not allowed to delete this Tweet.'));
  }
  store.delete(id, now);
  sendJson(response, 200, { data: { deleted: true } });
}

function me({ user, response }: XRouteContext): void {
  sendJson(response, 200, { data: { id: user.id, name: user.name, username: user.username } });
}

function mentions({ store, now, url, response }: XRouteContext, [id = '']: string[]): void {
  if (!TWEET_ID_PATTERN.test(id)) {
    return sendProblem(
      response,
      invalidRequest([
        { parameter: 'id', value: id, message: `The \`id\` query parameter value [${id}] is not valid` },
      ]),
    );
  }
  const params = parseTimelineParams(url.searchParams, {
    maxResults: { min: 5, max: 100, fallback: 10 },
    extraParameters: [],
    paginationParameters: ['pagination_token'],
  });
  if (isProblem(params)) return sendProblem(response, params);
  const target = store.userById(id);
  // X answers a lookup of an unknown user with 200 and a problem in `errors`
  if (!target) return sendJson(response, 200, { errors: [resourceNotFound(200, 'user', 'id', id).body] });
  const mentioning = store.visibleTweets(now).filter((tweet) => store.mentions(tweet, target));
  sendJson(response, 200, timelinePage(mentioning, params, store));
}

function search({ store, now, url, response }: XRouteContext): void {
  const query = url.searchParams.get('query');
  if (!query || query.length > 4096) {
    return sendProblem(
      response,
      invalidRequest([
        {
          parameter: 'query',
          value: query ?? '',
          message: 'The `query` query parameter must be 1 to 4096 characters',
        },
      ]),
    );
  }
  let matches: ReturnType<typeof parseSearchQuery>;
  try {
    matches = parseSearchQuery(query);
  } catch (error) {
    if (!(error instanceof SearchQueryError)) throw error;
    return sendProblem(
      response,
      invalidRequest([{ parameter: 'query', value: query, message: error.message }]),
    );
  }
  const params = parseTimelineParams(url.searchParams, {
    maxResults: { min: 10, max: 100, fallback: 10 },
    extraParameters: ['query', 'sort_order'],
    paginationParameters: ['next_token', 'pagination_token'],
  });
  if (isProblem(params)) return sendProblem(response, params);
  const oldestSearchable = new Date(now.getTime() - RECENT_SEARCH_DAYS * DAY_MS);
  if (params.startTime && params.startTime.getTime() < oldestSearchable.getTime()) {
    const value = url.searchParams.get('start_time') ?? '';
    return sendProblem(
      response,
      invalidRequest([
        {
          parameter: 'start_time',
          value,
          message: `Invalid 'start_time':'${value}'. 'start_time' must be on or after ${oldestSearchable.toISOString()}`,
        },
      ]),
    );
  }
  const found = store.visibleTweets(now).filter((tweet) => {
    if (tweet.createdAt.getTime() < oldestSearchable.getTime()) return false;
    const repliedTo = tweet.inReplyToUserId ? store.userById(tweet.inReplyToUserId) : undefined;
    return matches({
      text: tweet.text,
      authorUsername: store.userById(tweet.authorId)?.username ?? '',
      ...(repliedTo ? { inReplyToUsername: repliedTo.username } : {}),
    });
  });
  sendJson(response, 200, timelinePage(found, params, store));
}
