import { invalidRequest, type ParameterError, type ProblemResponse } from './problems';
import { compareIds, TWEET_ID_PATTERN } from './snowflake';
import type { StoredTweet, XStore } from './store';

/** Query parameters shared by the mentions timeline and recent search, already checked. */
export interface TimelineParams {
  maxResults: number;
  sinceId?: string;
  untilId?: string;
  startTime?: Date;
  endTime?: Date;
  /** posts older than this id: the decoded pagination token */
  beforeId?: string;
  tweetFields: Set<string>;
  expansions: Set<string>;
}

export interface TimelineEndpoint {
  maxResults: { min: number; max: number; fallback: number };
  /** parameters this endpoint accepts besides the shared ones */
  extraParameters: string[];
  paginationParameters: string[];
}

// the OpenAPI document's `post.fields` values, plus the `tweet.fields` names X still answers to
// prettier-ignore
const TWEET_FIELDS = new Set([
  'article', 'article_title', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations',
  'conversation_id', 'created_at', 'display_text_range', 'edit_controls', 'edit_history_post_ids',
  'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang', 'matched_media_notes',
  'media_metadata', 'non_public_metrics', 'note_post', 'note_request_suggestions', 'note_tweet', 'organic_metrics',
  'paid_partnership', 'possibly_sensitive', 'promoted_metrics', 'public_metrics', 'referenced_posts',
  'referenced_tweets', 'reply_settings', 'scopes', 'source', 'suggested_source_links',
  'suggested_source_links_with_counts', 'text', 'withheld',
]);
// prettier-ignore
const EXPANSIONS = new Set([
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet',
  'attachments.poll_ids', 'author_id', 'edit_history_post_ids', 'edit_history_tweet_ids',
  'entities.mentions.username', 'geo.place_id', 'in_reply_to_user_id', 'referenced_posts', 'referenced_tweets.id',
  'referenced_tweets.id.author_id', 'username',
]);
// prettier-ignore
const USER_FIELDS = new Set([
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id',
  'is_identity_verified', 'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id', 'profile_banner_url',
  'profile_image_url', 'protected', 'public_metrics', 'receives_your_dm', 'subscribes_to_you', 'subscription',
  'subscription_type', 'url', 'username', 'verified', 'verified_followers_count', 'verified_type', 'withheld',
]);
const LIST_PARAMETERS: Record<string, Set<string>> = {
  'tweet.fields': TWEET_FIELDS,
  'post.fields': TWEET_FIELDS,
  expansions: EXPANSIONS,
  'user.fields': USER_FIELDS,
};
// prettier-ignore
const SHARED_PARAMETERS = [
  'max_results', 'since_id', 'until_id', 'start_time', 'end_time', 'media.fields', 'poll.fields', 'place.fields',
  ...Object.keys(LIST_PARAMETERS),
];

export function parseTimelineParams(
  query: URLSearchParams,
  endpoint: TimelineEndpoint,
): TimelineParams | ProblemResponse {
  const errors: ParameterError[] = [];
  const allowed = new Set([
    ...SHARED_PARAMETERS,
    ...endpoint.extraParameters,
    ...endpoint.paginationParameters,
  ]);
  for (const name of new Set(query.keys())) {
    if (!allowed.has(name)) {
      errors.push({
        parameter: name,
        value: query.get(name) ?? '',
        message: `The query parameter [${name}] is not one of [${[...allowed].join(',')}]`,
      });
    }
  }

  const { min, max, fallback } = endpoint.maxResults;
  const maxResultsText = query.get('max_results');
  const maxResults = maxResultsText === null ? fallback : Number(maxResultsText);
  if (!Number.isInteger(maxResults) || maxResults < min || maxResults > max) {
    errors.push({
      parameter: 'max_results',
      value: maxResultsText ?? '',
      message: `The \`max_results\` query parameter value [${maxResultsText}] is not between ${min} and ${max}`,
    });
  }

  const ids: Partial<Record<'since_id' | 'until_id', string>> = {};
  for (const name of ['since_id', 'until_id'] as const) {
    const value = query.get(name);
    if (value === null) continue;
    if (TWEET_ID_PATTERN.test(value)) ids[name] = BigInt(value).toString();
    else
      errors.push({
        parameter: name,
        value,
        message: `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`,
      });
  }

  const times: Partial<Record<'start_time' | 'end_time', Date>> = {};
  for (const name of ['start_time', 'end_time'] as const) {
    const value = query.get(name);
    if (value === null) continue;
    const parsed = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(parsed.getTime())) {
      errors.push({
        parameter: name,
        value,
        message: `Invalid '${name}':'${value}'. '${name}' must be a valid RFC 3339 date-time`,
      });
    } else {
      times[name] = parsed;
    }
  }

  let beforeId: string | undefined;
  for (const name of endpoint.paginationParameters) {
    const token = query.get(name);
    if (token === null) continue;
    beforeId = decodePaginationToken(token);
    if (beforeId === undefined)
      errors.push({
        parameter: name,
        value: token,
        message: `The \`${name}\` query parameter value [${token}] is not a valid token`,
      });
  }

  const lists: Record<string, Set<string>> = {};
  for (const [name, known] of Object.entries(LIST_PARAMETERS)) {
    const values = (query.get(name) ?? '').split(',').filter(Boolean);
    for (const value of values) {
      if (!known.has(value)) {
        errors.push({
          parameter: name,
          value,
          message: `The \`${name}\` query parameter value [${value}] is not one of [${[...known].join(',')}]`,
        });
      }
    }
    lists[name] = new Set(values);
  }

  if (errors.length > 0) return invalidRequest(errors);
  return {
    maxResults,
    ...(ids.since_id ? { sinceId: ids.since_id } : {}),
    ...(ids.until_id ? { untilId: ids.until_id } : {}),
    ...(times.start_time ? { startTime: times.start_time } : {}),
    ...(times.end_time ? { endTime: times.end_time } : {}),
    ...(beforeId ? { beforeId } : {}),
    tweetFields: new Set([...(lists['tweet.fields'] ?? []), ...(lists['post.fields'] ?? [])]),
    expansions: lists['expansions'] ?? new Set(),
  };
}

export function isProblem(value: TimelineParams | ProblemResponse): value is ProblemResponse {
  return 'status' in value && 'body' in value;
}

/** One page of an X timeline response, newest first: `data` is left out when empty, as X does. */
export function timelinePage(
  newestFirst: StoredTweet[],
  params: TimelineParams,
  store: XStore,
): Record<string, unknown> {
  const matching = newestFirst.filter((tweet) => withinBounds(tweet, params));
  const page = matching.slice(0, params.maxResults);
  const first = page[0];
  const last = page[page.length - 1];
  const meta: Record<string, unknown> = { result_count: page.length };
  if (first && last) {
    meta['newest_id'] = first.id;
    meta['oldest_id'] = last.id;
    if (matching.length > page.length) meta['next_token'] = encodePaginationToken(last.id);
  }
  if (page.length === 0) return { meta };
  return {
    data: page.map((tweet) => serialiseTweet(tweet, params.tweetFields)),
    ...includesFor(page, params, store),
    meta,
  };
}

function withinBounds(tweet: StoredTweet, params: TimelineParams): boolean {
  const { sinceId, untilId, beforeId, startTime, endTime } = params;
  if (sinceId && compareIds(tweet.id, sinceId) <= 0) return false;
  if (untilId && compareIds(tweet.id, untilId) >= 0) return false;
  if (beforeId && compareIds(tweet.id, beforeId) >= 0) return false;
  if (startTime && tweet.createdAt.getTime() < startTime.getTime()) return false;
  if (endTime && tweet.createdAt.getTime() > endTime.getTime()) return false;
  return true;
}

export function serialiseTweet(tweet: StoredTweet, fields: Set<string>): Record<string, unknown> {
  const post: Record<string, unknown> = { id: tweet.id, text: tweet.text, edit_history_post_ids: [tweet.id] };
  if (fields.has('created_at')) post['created_at'] = tweet.createdAt.toISOString();
  if (fields.has('author_id')) post['author_id'] = tweet.authorId;
  if (fields.has('conversation_id')) post['conversation_id'] = tweet.conversationId;
  if (fields.has('in_reply_to_user_id') && tweet.inReplyToUserId)
    post['in_reply_to_user_id'] = tweet.inReplyToUserId;
  return post;
}

function includesFor(page: StoredTweet[], params: TimelineParams, store: XStore): Record<string, unknown> {
  const userIds = new Set<string>();
  for (const tweet of page) {
    if (params.expansions.has('author_id')) userIds.add(tweet.authorId);
    if (params.expansions.has('in_reply_to_user_id') && tweet.inReplyToUserId)
      userIds.add(tweet.inReplyToUserId);
  }
  const users = [...userIds].flatMap((id) => {
    const user = store.userById(id);
    return user ? [{ id: user.id, name: user.name, username: user.username }] : [];
  });
  return users.length > 0 ? { includes: { users } } : {};
}

// X's tokens are opaque base32hex strings; this one carries the oldest id of the page it follows
function encodePaginationToken(oldestId: string): string {
  return BigInt(oldestId).toString(32);
}

function decodePaginationToken(token: string): string | undefined {
  if (!/^[0-9a-v]{1,16}$/.test(token)) return undefined;
  let value = 0n;
  for (const digit of token) value = value * 32n + BigInt(parseInt(digit, 32));
  return value.toString();
}
