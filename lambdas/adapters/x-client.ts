import { Agent } from 'node:http';
import type { IClientSettings, ITwitterApiClientPlugin, TwitterApiTokens } from 'twitter-api-v2';
// Deep imports on purpose: the package's index pulls in its v1, streaming and paginator clients too, 56 KB a
// function never runs. Jest maps these paths to the package's CommonJS build (jest.config.js).
import TwitterApiBase from 'twitter-api-v2/dist/esm/client.base';
import { API_V2_PREFIX } from 'twitter-api-v2/dist/esm/globals';
import {
  ApiPartialResponseError,
  ApiRequestError,
  ApiResponseError,
} from 'twitter-api-v2/dist/esm/types/errors.types';
import { XApiError, type XClientPort, type XPage, type XTimelineQuery, type XTweet } from '../ports/x-client';
import { XCredentialsError, type XCredentialsProvider } from './x-credentials';

export interface TwitterApiXClientOptions {
  credentials: XCredentialsProvider;
  /** e.g. the local X API server's URL; absent: the real https://api.x.com */
  baseUrl?: string;
  /** socket inactivity limit per request; default 10 s */
  timeoutMs?: number;
  /** max_results for mentions and search pages (clamped to what each endpoint allows); default 100 */
  pageSize?: number;
}

interface TimelineResponse {
  data?: { id: string; text: string; author_id?: string; created_at?: string }[];
  includes?: { users?: { id: string; username: string }[] };
  meta?: { newest_id?: string; next_token?: string; result_count?: number };
  errors?: { title?: string; detail?: string }[];
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_PAGE_SIZE = 100;
const X_ORIGIN = /^https:\/\/api\.(?:x|twitter)\.com(?=\/|$)/;
const TIMELINE_FIELDS = { 'tweet.fields': 'created_at,author_id', expansions: 'author_id' };

/**
 * twitter-api-v2's signed request maker (OAuth 1.0a, errors, rate-limit headers, plugins) on X's v2 paths, and
 * nothing else of the library: the five endpoints we call are written out below.
 */
class XApiV2Requests extends TwitterApiBase {
  constructor(tokens: TwitterApiTokens, settings: Partial<IClientSettings>) {
    super(tokens, settings);
    this.setPrefix(API_V2_PREFIX);
  }
}

/** XClientPort on twitter-api-v2, OAuth 1.0a user context, one client per configured account. */
export class TwitterApiXClient implements XClientPort {
  private readonly clients = new Map<string, Promise<XApiV2Requests>>();
  private readonly plugin: ITwitterApiClientPlugin;
  private readonly httpAgent: Agent | undefined;
  private readonly pageSize: number;

  constructor(private readonly options: TwitterApiXClientOptions) {
    const baseUrl = options.baseUrl?.replace(/\/+$/, '');
    const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // twitter-api-v2 has no base-URL setting: a plugin rewrites each request before it is signed
    this.plugin = {
      onBeforeRequestConfig({ params }) {
        params.timeout = timeoutMs;
        if (baseUrl) params.url = params.url.replace(X_ORIGIN, baseUrl);
      },
    };
    // the library sends through https.request, which accepts plain http only with an http agent
    this.httpAgent = baseUrl?.startsWith('http:') ? new Agent() : undefined;
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  }

  post(account: string, text: string): Promise<{ id: string }> {
    return this.call(account, 'post', async (api) => {
      const { data } = await api.post<{ data: { id: string } }>('tweets', { text });
      return { id: data.id };
    });
  }

  deleteTweet(account: string, tweetId: string): Promise<void> {
    return this.call(account, 'delete', async (api) => {
      // typed as X documents it, but an empty answer (a 204, or a 200 without a body) arrives as undefined or ''
      const answer: unknown = await api.delete('tweets/:id', undefined, { params: { id: tweetId } });
      const data = isObject(answer) && isObject(answer['data']) ? answer['data'] : undefined;
      if (!data) throw unconfirmedDeletion(tweetId);
      if (data['deleted'] !== true)
        throw new XApiError(`X delete of ${tweetId} was not confirmed`, 'rejected');
    });
  }

  me(account: string): Promise<{ id: string; username: string }> {
    return this.call(account, 'me', async (api) => {
      const { data } = await api.get<{ data: { id: string; username: string } }>('users/me');
      return { id: data.id, username: data.username };
    });
  }

  mentions(account: string, userId: string, query: XTimelineQuery): Promise<XPage> {
    return this.call(account, 'mentions', async (api) => {
      const response = await api.get<TimelineResponse>(
        'users/:id/mentions',
        {
          ...TIMELINE_FIELDS,
          max_results: clamp(this.pageSize, 5, 100),
          ...windowParams(query),
          ...(query.paginationToken ? { pagination_token: query.paginationToken } : {}),
        },
        { params: { id: userId } },
      );
      return toPage(response);
    });
  }

  search(account: string, q: string, query: XTimelineQuery): Promise<XPage> {
    return this.call(account, 'search', async (api) => {
      const response = await api.get<TimelineResponse>('tweets/search/recent', {
        query: q,
        ...TIMELINE_FIELDS,
        max_results: clamp(this.pageSize, 10, 100),
        ...windowParams(query),
        ...(query.paginationToken ? { next_token: query.paginationToken } : {}),
      });
      return toPage(response);
    });
  }

  private async call<T>(
    account: string,
    operation: string,
    run: (api: XApiV2Requests) => Promise<T>,
  ): Promise<T> {
    const api = await this.clientFor(account, operation);
    try {
      return await run(api);
    } catch (error) {
      throw toXApiError(operation, error);
    }
  }

  private clientFor(account: string, operation: string): Promise<XApiV2Requests> {
    let client = this.clients.get(account);
    if (!client) {
      client = this.createClient(account);
      this.clients.set(account, client);
      // a failed lookup (e.g. Secrets Manager unreachable) is retried on the next call
      client.catch(() => this.clients.get(account) === client && this.clients.delete(account));
    }
    return client.catch((error: unknown) => {
      throw credentialsFailure(account, operation, error);
    });
  }

  private async createClient(account: string): Promise<XApiV2Requests> {
    const { appKey, appSecret, accessToken, accessSecret } = await this.options.credentials(account);
    return new XApiV2Requests(
      { appKey, appSecret, accessToken, accessSecret },
      { plugins: [this.plugin], ...(this.httpAgent ? { httpAgent: this.httpAgent } : {}) },
    );
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

/** since_id when there is a cursor; otherwise the first-run start_time */
function windowParams(query: XTimelineQuery): Record<string, string> {
  if (query.sinceId) return { since_id: query.sinceId };
  if (query.startTime) return { start_time: query.startTime };
  return {};
}

function toPage(response: TimelineResponse): XPage {
  // X reports a failed lookup (e.g. an unknown user id) as 200 with only `errors`
  if (!response.data && !response.meta && response.errors?.length) {
    const [first] = response.errors;
    throw new XApiError(
      `X answered with errors only: ${first?.title ?? ''} ${first?.detail ?? ''}`.trim(),
      'rejected',
    );
  }
  const usernames = new Map((response.includes?.users ?? []).map((user) => [user.id, user.username]));
  const tweets = (response.data ?? []).map((post): XTweet => {
    const authorUsername = post.author_id ? usernames.get(post.author_id) : undefined;
    return {
      id: post.id,
      text: post.text,
      ...(post.author_id ? { authorId: post.author_id } : {}),
      ...(authorUsername ? { authorUsername } : {}),
      ...(post.created_at ? { createdAt: post.created_at } : {}),
    };
  });
  return {
    tweets,
    ...(response.meta?.newest_id ? { newestId: response.meta.newest_id } : {}),
    ...(response.meta?.next_token ? { nextToken: response.meta.next_token } : {}),
  };
}

/**
 * X documents one success for DELETE /2/tweets/:id: 200 with `{"data":{"deleted":true}}`. Anything emptier
 * says nothing about the post, and a sign-off still up on the reopening day tells the public the service is
 * shut: so it is a failure, never a deletion. A server failure, because the answer breaks X's own contract,
 * and so retried: deleting twice is harmless (a retry after a real deletion gets 404 and the duty officer
 * checks by hand).
 */
function unconfirmedDeletion(tweetId: string): XApiError {
  return new XApiError(
    `X delete of ${tweetId} got an empty answer instead of X's confirmation: the post may still be up`,
    'server',
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function credentialsFailure(account: string, operation: string, error: unknown): XApiError {
  if (error instanceof XCredentialsError) return new XApiError(`X ${operation}: ${error.message}`, 'auth');
  const reason = error instanceof Error ? error.name : 'unknown error';
  // Secrets Manager being unreachable or throttled is worth another try
  return new XApiError(
    `X ${operation}: could not load credentials for account "${account}" (${reason})`,
    'network',
  );
}

/**
 * Maps what twitter-api-v2 throws onto the port's error kinds; messages never carry post text. Anything
 * else is a bug on our side and is rethrown as it is rather than disguised as a retryable X failure.
 */
export function toXApiError(operation: string, error: unknown): XApiError {
  if (error instanceof XApiError) return error;
  if (error instanceof ApiResponseError) {
    const status = error.code;
    const problem = error.data as { title?: unknown; detail?: unknown } | undefined;
    const detail = typeof problem?.detail === 'string' ? problem.detail : '';
    const title = typeof problem?.title === 'string' ? problem.title : '';
    const message = `X ${operation} failed with HTTP ${status}${title ? ` ${title}` : ''}${detail ? `: ${detail}` : ''}`;
    if (status === 429) return new XApiError(message, 'rate-limit', status, resetOf(error));
    if (status === 401) return new XApiError(message, 'auth', status);
    if (status === 403 && /duplicate content/i.test(detail))
      return new XApiError(message, 'duplicate', status);
    if (status >= 500) return new XApiError(message, 'server', status);
    return new XApiError(message, 'rejected', status);
  }
  if (error instanceof ApiPartialResponseError) {
    return new XApiError(
      `X ${operation} failed: incomplete or unreadable response`,
      'network',
      error.response.statusCode,
    );
  }
  if (error instanceof ApiRequestError) {
    const cause = causeOf(error);
    if (cause?.message === 'Request timeout.' || cause?.code === 'ETIMEDOUT') {
      return new XApiError(`X ${operation} timed out`, 'timeout');
    }
    return new XApiError(
      `X ${operation} failed: ${cause?.code ?? cause?.message ?? 'connection error'}`,
      'network',
    );
  }
  throw error;
}

/**
 * The socket error behind an ApiRequestError. twitter-api-v2 1.29's `requestError` getter reads a field its
 * constructor never sets (it stores the cause as `error`), so fall back to that.
 */
function causeOf(error: ApiRequestError): NodeJS.ErrnoException | undefined {
  const stored = (error as unknown as { _options?: { error?: unknown } })._options?.error;
  const cause: unknown = error.requestError ?? stored;
  // duck-typed: errors from node's own modules may come from another realm (e.g. under jest)
  return typeof cause === 'object' && cause !== null && 'message' in cause
    ? (cause as NodeJS.ErrnoException)
    : undefined;
}

function resetOf(error: ApiResponseError): number | undefined {
  const reset = error.rateLimit?.reset ?? Number(error.headers?.['x-rate-limit-reset']);
  return Number.isFinite(reset) ? reset : undefined;
}
