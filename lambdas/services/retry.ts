import type { Clock } from '../ports/clock';
import { ChannelError } from '../ports/channel';

export interface RetryPolicy {
  /** attempts in all, the first included */
  attempts: number;
  /** first backoff; doubled after each retryable failure */
  baseDelayMs: number;
  /** wait for a network's rate-limit reset only when it is this close; later resets fail at once */
  maxResetWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 1000, maxResetWaitMs: 60_000 };

/**
 * Calls a network, retrying rate limits, server errors and timeouts with backoff inside this invocation.
 * `onRetry` hears of every failed attempt, so the caller knows when an attempt may have reached the network
 * unanswered.
 */
export async function withChannelRetries<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  clock: Clock,
  onRetry: (error: ChannelError) => void = () => undefined,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof ChannelError) || !error.retryable || attempt >= policy.attempts) throw error;
      const wait = waitBeforeRetry(error, attempt, policy, clock.now());
      if (wait === undefined) throw error;
      onRetry(error);
      await clock.sleep(wait);
    }
  }
}

function waitBeforeRetry(
  error: ChannelError,
  attempt: number,
  policy: RetryPolicy,
  now: Date,
): number | undefined {
  const backoff = policy.baseDelayMs * 2 ** (attempt - 1);
  if (error.kind !== 'rate-limit' || error.resetAt === undefined) return backoff;
  const untilReset = error.resetAt * 1000 - now.getTime();
  if (untilReset > policy.maxResetWaitMs) return undefined;
  return Math.max(untilReset, 0) + 250;
}
