/**
 * Bluesky's error model (XRPC: an HTTP status with `{"error": NAME, "message": ...}`, rate limits in
 * `ratelimit-*` headers) mapped onto the channel's outcomes.
 */
import { XRPCError } from '@atproto/api';
import { ChannelError, type ChannelErrorKind } from '../ports/channel';

export type BlueskyOperation = 'login' | 'post' | 'delete' | 'mentions' | 'search' | 'duplicate check';

/** XRPC error names that mean the session or the app password no longer works */
const AUTH_ERRORS = new Set([
  'AuthenticationRequired',
  'ExpiredToken',
  'InvalidToken',
  'AccountTakedown',
  'AccountDeactivated',
  'AuthFactorTokenRequired',
]);

/** What the duty officer does when Bluesky stops accepting the credentials. */
export function renewAppPasswordAdvice(secretName: string): string {
  return (
    'Create a new app password for the account (Bluesky: Settings → Privacy and security → App passwords), ' +
    `then store it in the Secrets Manager secret "${secretName}" as {"identifier": "HANDLE", "appPassword": ` +
    '"xxxx-xxxx-xxxx-xxxx"}. The next try picks it up without a deploy.'
  );
}

/** Is this the answer to a session that ran out (as opposed to credentials that were refused)? */
export function isExpiredSession(error: unknown): boolean {
  return (
    error instanceof XRPCError &&
    (error.error === 'ExpiredToken' || error.error === 'InvalidToken' || error.status === 401)
  );
}

export function toBlueskyError(
  operation: BlueskyOperation,
  error: unknown,
  context: { secretName: string; timeoutMs: number; now: Date },
): ChannelError {
  if (error instanceof ChannelError) return error;
  if (!(error instanceof XRPCError)) return transportError(operation, error, context.timeoutMs);

  const status = error.status;
  // 1 is the client's "no answer at all": the request never got through
  if (status === 1) return transportError(operation, error.cause ?? error, context.timeoutMs);
  const name = error.error ?? '';
  const kind = kindOf(status, name);
  const options = {
    cause: error,
    ...(status >= 100 ? { status } : {}),
    ...(kind === 'rate-limit' ? resetOf(error.headers, context.now) : {}),
    ...(kind === 'auth' ? { advice: renewAppPasswordAdvice(context.secretName) } : {}),
  };
  // Bluesky's messages describe the request (a lexicon path, a limit), never the post's text
  const detail = name && name !== error.message ? `${name}: ${error.message}` : error.message;
  return new ChannelError(`Bluesky ${operation} failed: ${truncate(detail)}`, kind, 'bluesky', options);
}

function kindOf(status: number, name: string): ChannelErrorKind {
  if (status === 429 || name === 'RateLimitExceeded') return 'rate-limit';
  if (AUTH_ERRORS.has(name) || status === 401) return 'auth';
  // any other 4xx is this request refused for good (too long, invalid); 2 is the client's own "the answer did
  // not match the lexicon", a broken or cut-off answer, so worth another try like a 5xx
  return status >= 400 && status < 500 ? 'rejected' : 'server';
}

/** `ratelimit-reset` is epoch seconds; a value in the past or missing leaves the reset to the retry policy */
function resetOf(
  headers: Readonly<Record<string, string | undefined>> | undefined,
  now: Date,
): { resetAt?: number } {
  const raw = headers?.['ratelimit-reset'];
  const reset = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(reset) && reset * 1000 > now.getTime() ? { resetAt: reset } : {};
}

function transportError(operation: BlueskyOperation, error: unknown, timeoutMs: number): ChannelError {
  const name = nameOf(error) || nameOf(causeOf(error));
  if (name === 'TimeoutError' || name === 'AbortError')
    return new ChannelError(`Bluesky ${operation} timed out after ${timeoutMs} ms`, 'timeout', 'bluesky', {
      cause: error,
    });
  // fetch's TypeError carries the system's reason (ECONNREFUSED, ENOTFOUND) one or two causes down
  const code = codeOf(causeOf(error)) ?? codeOf(causeOf(causeOf(error))) ?? 'connection error';
  return new ChannelError(`Bluesky ${operation} failed: ${code}`, 'network', 'bluesky', { cause: error });
}

// duck-typed: the DOMException of AbortSignal.timeout is not an Error in every realm (e.g. under jest)
function nameOf(value: unknown): string {
  return typeof value === 'object' && value !== null && 'name' in value ? String(value.name) : '';
}

function causeOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'cause' in value ? value.cause : undefined;
}

function codeOf(value: unknown): string | undefined {
  return typeof value === 'object' && value !== null && 'code' in value && typeof value.code === 'string'
    ? value.code
    : undefined;
}

function truncate(message: string): string {
  return message.length > 200 ? `${message.slice(0, 197)}...` : message;
}
