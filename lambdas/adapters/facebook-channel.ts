/**
 * The channel port on a Facebook Page through Meta's Graph API, over plain HTTPS (fetch). The Page access token
 * comes from the account's secret and travels in the Authorization header, never in a URL.
 */
import { ChannelError, type ChannelBatch, type ChannelMention, type ChannelPort } from '../ports/channel';
import { AccountSecretError, stringFields, type AccountSecrets } from './account-secrets';
import {
  graphErrorOf,
  isAlreadyGone,
  toChannelError,
  type GraphError,
  type GraphOperation,
} from './graph-errors';

/** The one place the Graph API version lives (v26.0 is current as of December 2026). */
export const GRAPH_API_VERSION = 'v26.0';

export interface FacebookAccount {
  pageId: string;
  /** Secrets Manager secret holding `{"pageAccessToken": "..."}` */
  secret: string;
}

export interface FacebookChannelOptions {
  accounts: Readonly<Record<string, FacebookAccount>>;
  secrets: AccountSecrets;
  /** default https://graph.facebook.com */
  baseUrl?: string;
  /** per request; default 10 s */
  timeoutMs?: number;
  /** how far back a first sweep (no cursor) looks; default 24 */
  lookbackHours?: number;
  /** how old a Page post may be and still have its new comments read; default 7 days */
  recentPostDays?: number;
}

const DEFAULT_BASE_URL = 'https://graph.facebook.com';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_LOOKBACK_HOURS = 24;
const DEFAULT_RECENT_POST_DAYS = 7;
/** pages followed per listing; a busy Page beyond this is read again on the next sweep */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;
const HTTPS_URL = /https:\/\/[^\s<>"']+/;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}'"]+$/;
const POST_FIELDS = 'id,created_time,from{id,name},message,permalink_url';
const COMMENT_FIELDS = 'id,created_time,from{id,name},message,permalink_url,parent{id}';

interface GraphItem {
  id?: unknown;
  created_time?: unknown;
  from?: { id?: unknown; name?: unknown };
  message?: unknown;
  permalink_url?: unknown;
}

interface GraphList {
  data?: unknown;
  paging?: { next?: unknown };
}

/** The first https URL in a post's text, for the Page's link preview (trailing punctuation left out). */
export function firstHttpsUrl(text: string): string | undefined {
  const match = HTTPS_URL.exec(text);
  return match ? match[0].replace(TRAILING_PUNCTUATION, '') : undefined;
}

export function facebookChannel(options: FacebookChannelOptions): ChannelPort {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const lookbackMs = (options.lookbackHours ?? DEFAULT_LOOKBACK_HOURS) * 3_600_000;
  const recentPostMs = (options.recentPostDays ?? DEFAULT_RECENT_POST_DAYS) * 86_400_000;

  function accountOf(account: string): FacebookAccount {
    const found = Object.hasOwn(options.accounts, account) ? options.accounts[account] : undefined;
    if (!found)
      throw new ChannelError(`Facebook: no account "${account}" in the config`, 'rejected', 'facebook');
    return found;
  }

  async function tokenOf(account: string, secretName: string, operation: GraphOperation): Promise<string> {
    try {
      const value = await options.secrets.read(account);
      return stringFields(secretName, value, ['pageAccessToken'], 'a Facebook Page secret').pageAccessToken;
    } catch (error) {
      if (error instanceof AccountSecretError && error.failure === 'shape')
        throw new ChannelError(`Facebook ${operation}: ${error.message}`, 'auth', 'facebook', {
          cause: error,
          advice:
            `Fix the Secrets Manager secret "${secretName}": it must be a JSON object ` +
            '{"pageAccessToken": "..."} holding the Page access token (from GET /me/accounts with a ' +
            'long-lived user token).',
        });
      throw new ChannelError(
        `Facebook ${operation}: could not read secret "${secretName}"`,
        'network',
        'facebook',
        { cause: error },
      );
    }
  }

  /** One Graph API call: the parsed JSON on success, a ChannelError otherwise (or `gone` when allowed). */
  async function call(
    account: string,
    operation: GraphOperation,
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    form?: URLSearchParams,
    allowGone = false,
  ): Promise<unknown> {
    const { secret } = accountOf(account);
    const token = await tokenOf(account, secret, operation);
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(form ? { body: form.toString() } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      throw transportError(operation, error, timeoutMs);
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok && body !== undefined && graphErrorOf(body) === undefined) return body;
    const error: GraphError | undefined = graphErrorOf(body);
    if (allowGone && isAlreadyGone(response.status, error)) return GONE;
    if (response.ok)
      throw new ChannelError(
        `Facebook ${operation} failed: HTTP ${response.status} with an unreadable body`,
        'server',
        'facebook',
        { status: response.status, cause: { status: response.status, bytes: text.length } },
      );
    const failure = toChannelError({
      operation,
      status: response.status,
      error,
      headers: response.headers,
      secretName: secret,
      now: new Date(),
    });
    if (failure.kind === 'auth') options.secrets.forget(account);
    throw failure;
  }

  function graphUrl(path: string, query: Record<string, string> = {}): string {
    const url = new URL(`${baseUrl}/${GRAPH_API_VERSION}/${path.replace(/^\/+/, '')}`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  }

  /** Every item of a listing, following `paging.next` up to MAX_PAGES. */
  async function list(account: string, firstUrl: string): Promise<GraphItem[]> {
    const items: GraphItem[] = [];
    let url: string | undefined = firstUrl;
    for (let page = 0; url && page < MAX_PAGES; page += 1) {
      const body = (await call(account, 'mentions', 'GET', url)) as GraphList;
      if (Array.isArray(body.data)) items.push(...(body.data as GraphItem[]));
      url = typeof body.paging?.next === 'string' ? sameOrigin(body.paging.next) : undefined;
    }
    return items;
  }

  /** `paging.next` is absolute on Meta's host; keep requests on the configured base (a proxy, the stand-in). */
  function sameOrigin(next: string): string | undefined {
    try {
      const parsed = new URL(next);
      const base = new URL(baseUrl);
      parsed.protocol = base.protocol;
      parsed.host = base.host;
      // a token Meta may echo into paging links is dropped: the header carries it
      parsed.searchParams.delete('access_token');
      return parsed.toString();
    } catch {
      return undefined;
    }
  }

  return {
    network: 'facebook',

    async post(account, text) {
      const { pageId } = accountOf(account);
      const form = new URLSearchParams({ message: text });
      const link = firstHttpsUrl(text);
      if (link) form.set('link', link);
      const body = await call(account, 'post', 'POST', graphUrl(`${pageId}/feed`), form);
      const id = isRecord(body) && typeof body['id'] === 'string' ? body['id'] : undefined;
      if (!id)
        throw new ChannelError('Facebook post: the answer held no post id', 'server', 'facebook', {
          cause: { fields: isRecord(body) ? Object.keys(body) : [] },
        });
      return { id, url: `https://www.facebook.com/${id}` };
    },

    async delete(account, postId) {
      const body = await call(
        account,
        'delete',
        'DELETE',
        graphUrl(encodeURIComponent(postId)),
        undefined,
        true,
      );
      if (body === GONE) return;
      if (!isRecord(body) || body['success'] !== true)
        // a sign-off left up tells the public the service is shut: only Meta's confirmation counts
        throw new ChannelError(
          `Facebook delete of ${postId} was not confirmed: the post may still be up`,
          'server',
          'facebook',
          { cause: { fields: isRecord(body) ? Object.keys(body) : [] } },
        );
    },

    async mentions(account, cursor, now): Promise<ChannelBatch> {
      const { pageId } = accountOf(account);
      const cursorMs = cursor === undefined ? Number.NaN : Date.parse(cursor);
      const sinceMs = Number.isFinite(cursorMs) ? cursorMs : now.getTime() - lookbackMs;
      const since = String(Math.floor(sinceMs / 1000));
      const postsSince = String(Math.floor(Math.min(sinceMs, now.getTime() - recentPostMs) / 1000));

      const feed = await list(
        account,
        graphUrl(`${pageId}/feed`, { fields: POST_FIELDS, since: postsSince, limit: String(PAGE_SIZE) }),
      );
      const found = new Map<string, ChannelMention>();
      const keep = (item: GraphItem) => {
        const mention = toMention(item, pageId, sinceMs);
        if (mention && !found.has(mention.id)) found.set(mention.id, mention);
      };
      // visitor posts on the Page are mentions too
      for (const post of feed) keep(post);
      for (const post of feed) {
        if (typeof post.id !== 'string') continue;
        const comments = await list(
          account,
          graphUrl(`${encodeURIComponent(post.id)}/comments`, {
            fields: COMMENT_FIELDS,
            filter: 'stream',
            since,
            limit: String(PAGE_SIZE),
          }),
        );
        for (const comment of comments) keep(comment);
      }
      const tagged = await list(
        account,
        graphUrl(`${pageId}/tagged`, { fields: POST_FIELDS, since, limit: String(PAGE_SIZE) }),
      );
      for (const post of tagged) keep(post);

      const mentions = [...found.values()];
      const newest = mentions.reduce(
        (latest, mention) => Math.max(latest, Date.parse(mention.at)),
        -Infinity,
      );
      return {
        mentions,
        ...(mentions.length > 0 ? { nextCursor: new Date(newest).toISOString() } : {}),
      };
    },
  };
}

const GONE = Symbol('gone');

/**
 * A comment or post as a mention, or undefined when it is the Page's own, not after the cursor, or unreadable.
 * (The commented post's id would be `inReplyTo`, which the Mention shape does not have yet.)
 */
function toMention(item: GraphItem, pageId: string, afterMs: number): ChannelMention | undefined {
  if (typeof item.id !== 'string' || typeof item.created_time !== 'string') return undefined;
  if (item.from?.id === pageId) return undefined;
  const atMs = Date.parse(item.created_time);
  // Meta's `since` is whole seconds and inclusive; the cursor is exact, so compare here
  if (!Number.isFinite(atMs) || atMs <= afterMs) return undefined;
  return {
    id: item.id,
    author: typeof item.from?.name === 'string' && item.from.name !== '' ? item.from.name : 'Facebook user',
    text: typeof item.message === 'string' ? item.message : '',
    url:
      typeof item.permalink_url === 'string' && item.permalink_url.startsWith('https://')
        ? item.permalink_url
        : `https://www.facebook.com/${item.id}`,
    at: new Date(atMs).toISOString(),
  };
}

function transportError(operation: GraphOperation, error: unknown, timeoutMs: number): ChannelError {
  // duck-typed: the DOMException of AbortSignal.timeout is not an Error in every realm (e.g. under jest)
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  if (name === 'TimeoutError' || name === 'AbortError')
    return new ChannelError(`Facebook ${operation} timed out after ${timeoutMs} ms`, 'timeout', 'facebook', {
      cause: error,
    });
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  const code = typeof cause?.code === 'string' ? cause.code : 'connection error';
  return new ChannelError(`Facebook ${operation} failed: ${code}`, 'network', 'facebook', { cause: error });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
