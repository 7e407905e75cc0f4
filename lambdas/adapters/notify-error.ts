/**
 * A notification that could not be delivered: the one error the Teams, SMS and webhook adapters and the notify
 * secrets throw. Messages name the consumer, the secret's name and the HTTP status, never a secret's value, a
 * Teams Workflows URL or the message itself, so they are safe to log.
 */
export type NotifyFailure =
  /** the consumer's secret is missing, unreadable or not what the channel needs */
  | 'secret'
  /** the service refused the message for a reason sending it again will not fix */
  | 'refused'
  /** the service failed, throttled or could not be reached: a later try may succeed */
  | 'unavailable';

export interface NotifyErrorDetails {
  failure: NotifyFailure;
  /** the consumer's key, e.g. `teams:comms-channel` (absent for a secret read outside any consumer) */
  consumer?: string;
  /** the HTTP status of the last answer, when there was one */
  status?: number;
  /** attempts made, for channels that retry */
  attempts?: number;
}

export class NotifyError extends Error {
  readonly failure: NotifyFailure;
  readonly consumer: string | undefined;
  readonly status: number | undefined;
  readonly attempts: number | undefined;

  constructor(message: string, details: NotifyErrorDetails, options: { cause?: unknown } = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'NotifyError';
    this.failure = details.failure;
    this.consumer = details.consumer;
    this.status = details.status;
    this.attempts = details.attempts;
  }

  /** whether EventBridge's retries may get it through (a refusal will be dead-lettered all the same) */
  get retryable(): boolean {
    return this.failure === 'unavailable';
  }
}

/**
 * What can be kept of a network error whose own text may quote the address it was sending to (undici's
 * "Failed to parse URL from …"): its name and system error code only.
 */
export function redactedCause(error: unknown): Error {
  const code = (error as { cause?: { code?: unknown }; code?: unknown } | undefined)?.cause?.code;
  const ownCode = (error as { code?: unknown } | undefined)?.code;
  const name = error instanceof Error ? error.name : typeof error;
  const parts = [
    name,
    typeof ownCode === 'string' ? ownCode : undefined,
    typeof code === 'string' ? code : undefined,
  ];
  return new Error(parts.filter((part) => part !== undefined).join(' '));
}
