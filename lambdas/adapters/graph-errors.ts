/**
 * Meta Graph API failures mapped onto the channel port's error kinds. Pure: the Facebook adapter hands in what
 * the HTTP answer held. Meta's own `message` is never copied into ours: for some codes it echoes request
 * parameters (a link, part of a post), and our messages must never carry post text.
 */
import { ChannelError, type ChannelErrorKind } from '../ports/channel';

/** The `error` object of Meta's `{"error": {...}}` answers. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

export type GraphOperation = 'post' | 'delete' | 'mentions';

/** Headers as fetch's `Headers` offers them (names case-insensitive). */
export interface HeaderLookup {
  get(name: string): string | null;
}

export interface GraphFailure {
  operation: GraphOperation;
  /** HTTP status of the answer */
  status: number;
  /** the parsed `error` object, absent when the body was not Meta's error shape */
  error: GraphError | undefined;
  headers: HeaderLookup;
  /** the Secrets Manager secret holding the Page token, named in advice */
  secretName: string;
  now: Date;
}

/** The permissions a trust's app must be granted for everything social-duty does on a Page. */
export const PAGE_PERMISSIONS = [
  'pages_manage_posts',
  'pages_read_engagement',
  'pages_read_user_content',
  'pages_show_list',
] as const;

const RATE_LIMIT_CODES = new Set([4, 17, 32, 341, 613, 80001]);
const USAGE_HEADERS = ['x-business-use-case-usage', 'x-page-usage', 'x-app-usage'];
const PERMISSION_NAME = /\b(?:pages_[a-z_]+|publish_[a-z_]+|business_management|read_insights)\b/g;

const OPERATION_PERMISSIONS: Record<GraphOperation, readonly string[]> = {
  post: ['pages_manage_posts'],
  delete: ['pages_manage_posts'],
  mentions: ['pages_read_engagement', 'pages_read_user_content'],
};

/** Meta's error object when `body` is `{"error": {...}}`, else undefined. */
export function graphErrorOf(body: unknown): GraphError | undefined {
  if (!isRecord(body) || !isRecord(body['error'])) return undefined;
  const raw = body['error'];
  const error: GraphError = {};
  if (typeof raw['message'] === 'string') error.message = raw['message'];
  if (typeof raw['type'] === 'string') error.type = raw['type'];
  const code = toInteger(raw['code']);
  if (code !== undefined) error.code = code;
  const subcode = toInteger(raw['error_subcode']);
  if (subcode !== undefined) error.error_subcode = subcode;
  if (typeof raw['fbtrace_id'] === 'string') error.fbtrace_id = raw['fbtrace_id'];
  return error;
}

/**
 * Epoch seconds when Meta expects access back, from the largest `estimated_time_to_regain_access` (minutes) in
 * the usage headers; undefined when no header says.
 */
export function regainAccessAt(headers: HeaderLookup, now: Date): number | undefined {
  let minutes: number | undefined;
  for (const name of USAGE_HEADERS) {
    const raw = headers.get(name);
    if (!raw) continue;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      continue;
    }
    for (const estimate of regainEstimates(value)) minutes = Math.max(minutes ?? 0, estimate);
  }
  return minutes === undefined ? undefined : Math.floor(now.getTime() / 1000) + Math.ceil(minutes * 60);
}

/** `{call_count, estimated_time_to_regain_access}`, or BUC's `{"<id>": [{type, ..., estimated_...}]}` */
function regainEstimates(value: unknown): number[] {
  if (!isRecord(value)) return [];
  const own = value['estimated_time_to_regain_access'];
  if (typeof own === 'number' && Number.isFinite(own) && own >= 0) return [own];
  return Object.values(value).flatMap((entries) =>
    Array.isArray(entries) ? entries.flatMap((entry) => regainEstimates(entry)) : [],
  );
}

/** True when Meta says the object is not there: a post already deleted counts as deleted. */
export function isAlreadyGone(status: number, error: GraphError | undefined): boolean {
  return status === 404 || (error?.code === 100 && error.error_subcode === 33);
}

export function renewTokenAdvice(secretName: string): string {
  return (
    `The Facebook Page access token in Secrets Manager secret "${secretName}" has expired, been revoked or is ` +
    'not valid. To renew it: in the Graph API Explorer (developers.facebook.com/tools/explorer) or Meta ' +
    "Business Suite, using the trust's app, generate a user access token with the permissions " +
    `${PAGE_PERMISSIONS.join(', ')}; exchange it for a long-lived user token; then call GET /me/accounts ` +
    "with it and copy the Page's access_token (a Page token from a long-lived user token does not expire). " +
    `Store it in the secret "${secretName}" as {"pageAccessToken": "..."}. The next run reads the new value; ` +
    'no deploy is needed.'
  );
}

function permissionAdvice(secretName: string, operation: GraphOperation, error: GraphError): string {
  const named = [...new Set(error.message?.match(PERMISSION_NAME) ?? [])];
  const missing = named.length > 0 ? named : OPERATION_PERMISSIONS[operation];
  return (
    `The Facebook Page token in secret "${secretName}" lacks a permission Meta requires: ${missing.join(', ')}. ` +
    `Grant it to the trust's app (all of ${PAGE_PERMISSIONS.join(', ')} are needed), make sure the person ` +
    'who generates the token can create content on and moderate the Page, then generate a new Page token ' +
    `(GET /me/accounts with a long-lived user token) and store it in the secret "${secretName}".`
  );
}

function describe(error: GraphError | undefined, status: number): string {
  if (!error) return `HTTP ${status}`;
  const parts = [
    `HTTP ${status}`,
    error.code === undefined ? undefined : `code ${error.code}`,
    error.error_subcode === undefined ? undefined : `subcode ${error.error_subcode}`,
    error.type,
    error.fbtrace_id === undefined ? undefined : `fbtrace_id ${error.fbtrace_id}`,
  ];
  return parts.filter((part) => part !== undefined).join(', ');
}

/** Maps one failed Graph API answer onto a ChannelError; `cause` keeps Meta's error object. */
export function toChannelError(failure: GraphFailure): ChannelError {
  const { operation, status, error, secretName } = failure;
  const detail = describe(error, status);
  const make = (kind: ChannelErrorKind, what: string, extra: { resetAt?: number; advice?: string } = {}) =>
    new ChannelError(`Facebook ${operation} failed: ${what} (${detail})`, kind, 'facebook', {
      status,
      cause: error ?? { status },
      ...extra,
    });

  const code = error?.code;
  if (code === 190 || code === 102 || (code === undefined && error?.type === 'OAuthException'))
    return make('auth', 'the Page access token is expired, revoked or invalid', {
      advice: renewTokenAdvice(secretName),
    });
  if (status === 429 || (code !== undefined && RATE_LIMIT_CODES.has(code))) {
    const resetAt = regainAccessAt(failure.headers, failure.now);
    return make('rate-limit', 'Meta is throttling requests', resetAt === undefined ? {} : { resetAt });
  }
  if (code === 506) return make('duplicate', 'Meta refused the text as a duplicate of a recent post');
  if (error && (code === 10 || (code !== undefined && code >= 200 && code <= 299)))
    return make('auth', 'the Page token lacks a permission', {
      advice: permissionAdvice(secretName, operation, error),
    });
  if (code === 368)
    return make('rejected', 'Meta blocked the action as abusive or against its policies', {
      advice:
        'Meta temporarily blocked this Page from doing this (error 368). Check the Page in Meta Business ' +
        'Suite for a warning, and post by hand if the message is needed now.',
    });
  if (code === 1 || code === 2 || status >= 500) return make('server', 'Meta had a temporary problem');
  if (code === 100) return make('rejected', 'Meta refused a parameter of the request');
  if (!error) return make('server', 'the answer was not a Graph API error object');
  return make('rejected', 'Meta refused the request');
}

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
