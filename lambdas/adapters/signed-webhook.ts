/**
 * WebhookChannel: an HTTPS POST of the event JSON, signed as webhook-signature.ts
 * describes. A receiver that is briefly down or throttling gets a few more tries within this invocation, each
 * signed afresh; one that refuses the delivery is not asked again. Past that, the NotifyError hands the event
 * back to EventBridge's own retries and, in the end, its dead-letter queue.
 */
import type { WebhookConsumer } from '../core/notify/consumers';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signatureHeader } from './webhook-signature';
import type { Clock } from '../ports/clock';
import type { WebhookChannel } from '../ports/notify-channels';
import { NotifyError } from './notify-error';
import type { NotifySecrets } from './notify-secrets';

export interface WebhookRetryPolicy {
  /** attempts in all, the first included */
  attempts: number;
  /** the first backoff, doubled after each failure, before jitter */
  baseDelayMs: number;
  /** no single wait is longer */
  maxDelayMs: number;
  /** attempts and waits together stop this long after the first attempt started */
  deadlineMs: number;
  /** one attempt is abandoned after this long */
  attemptTimeoutMs: number;
}

export const DEFAULT_WEBHOOK_RETRY: WebhookRetryPolicy = {
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 2000,
  deadlineMs: 8000,
  attemptTimeoutMs: 3000,
};

export interface SignedWebhookOptions {
  secrets: NotifySecrets;
  clock: Clock;
  retry?: Partial<WebhookRetryPolicy>;
  /** accept http:// URLs: the local receiver only */
  allowHttp?: boolean;
  /** in [0, 1): the jitter (tests pass a fixed one) */
  random?: () => number;
}

type Attempt =
  { ok: true } | { ok: false; retryable: boolean; status?: number; retryAfterMs?: number; error?: unknown };

export class SignedWebhookChannel implements WebhookChannel {
  private readonly policy: WebhookRetryPolicy;
  private readonly random: () => number;

  constructor(private readonly options: SignedWebhookOptions) {
    this.policy = { ...DEFAULT_WEBHOOK_RETRY, ...options.retry };
    this.random = options.random ?? Math.random;
  }

  async deliver(consumer: WebhookConsumer, body: string): Promise<void> {
    const url = webhookUrl(consumer, this.options.allowHttp);
    const key = await this.options.secrets(consumer.secret);
    const eventId = eventIdOf(body);
    const { clock } = this.options;
    const started = clock.now().getTime();
    let last: Exclude<Attempt, { ok: true }> = { ok: false, retryable: true };
    let attempt = 0;
    while (attempt < this.policy.attempts) {
      attempt += 1;
      const remaining = this.policy.deadlineMs - (clock.now().getTime() - started);
      const result = await this.attempt(
        url,
        body,
        key,
        eventId,
        Math.min(this.policy.attemptTimeoutMs, remaining),
      );
      if (result.ok) return;
      last = result;
      if (!result.retryable || attempt >= this.policy.attempts) break;
      const wait = Math.max(this.backoff(attempt), result.retryAfterMs ?? 0);
      // waiting longer than the deadline allows is the receiver's call to make, not ours: give up now
      if (clock.now().getTime() - started + wait >= this.policy.deadlineMs) break;
      await clock.sleep(wait);
    }
    throw gaveUp(consumer, attempt, last);
  }

  private async attempt(
    url: URL,
    body: string,
    key: string,
    eventId: string | undefined,
    timeoutMs: number,
  ): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // signed at each attempt, so a retry after a long wait is still fresh
          [SIGNATURE_HEADER]: signatureHeader(body, key, this.options.clock.now()),
          ...(eventId === undefined ? {} : { [EVENT_ID_HEADER]: eventId }),
        },
        body,
        // a signed delivery goes to the configured URL only
        redirect: 'manual',
        signal: AbortSignal.timeout(Math.max(timeoutMs, 1)),
      });
    } catch (error) {
      return { ok: false, retryable: true, error };
    }
    await response.body?.cancel();
    const status = response.status;
    if (status >= 200 && status < 300) return { ok: true };
    const retryAfterMs = retryAfter(response.headers.get('retry-after'), this.options.clock.now());
    return {
      ok: false,
      retryable: status === 408 || status === 429 || status >= 500,
      status,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    };
  }

  /** exponential, capped, with half of it random so that many senders do not retry in step */
  private backoff(attempt: number): number {
    const ceiling = Math.min(this.policy.maxDelayMs, this.policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
  }
}

function webhookUrl(consumer: WebhookConsumer, allowHttp = false): URL {
  let url: URL | undefined;
  try {
    url = new URL(consumer.url);
  } catch {
    url = undefined;
  }
  if (!url || !(url.protocol === 'https:' || (allowHttp && url.protocol === 'http:'))) {
    throw new NotifyError(`The webhook URL of ${consumer.key} is not an https URL`, {
      failure: 'refused',
      consumer: consumer.key,
    });
  }
  return url;
}

/**
 * The id a receiver drops duplicates by: the detail's eventId, the same for every delivery of one outcome,
 * or EventBridge's envelope id when the body has none.
 */
function eventIdOf(body: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  const event = value as { id?: unknown; detail?: { eventId?: unknown } } | null;
  const id = event?.detail?.eventId ?? event?.id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3); anything else is ignored */
export function retryAfter(value: string | null, now: Date): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(at - now.getTime(), 0);
}

function gaveUp(
  consumer: WebhookConsumer,
  attempts: number,
  last: Exclude<Attempt, { ok: true }>,
): NotifyError {
  const tries = attempts === 1 ? '1 attempt' : `${attempts} attempts`;
  const what = last.status === undefined ? 'could not be reached' : `answered HTTP ${last.status}`;
  return new NotifyError(
    `Webhook ${consumer.key} ${what} (${tries})`,
    {
      failure: last.retryable ? 'unavailable' : 'refused',
      consumer: consumer.key,
      attempts,
      ...(last.status === undefined ? {} : { status: last.status }),
    },
    last.error === undefined ? {} : { cause: last.error },
  );
}
