/**
 * MailerPort on Amazon SES (v1 SendEmail). The same code talks to aws-ses-v2-local when given its endpoint.
 * Mail bodies can quote mentions, so nothing here logs them or puts them into error messages.
 */
import { SESClient, SendEmailCommand, type SESClientConfig } from '@aws-sdk/client-ses';
import { MailerError, type Email, type MailerPort } from '../ports/mailer';

export interface SesMailerOptions {
  /** verified sender identity, e.g. `Social duty <social-duty@trust.nhs.uk>` */
  from: string;
  region?: string;
  /** e.g. the local SES server's endpoint */
  endpoint?: string;
  credentials?: SESClientConfig['credentials'];
  /** SDK attempts per send, retries included (SDK default 3) */
  maxAttempts?: number;
  configurationSetName?: string;
  /** an existing client; region, endpoint, credentials and maxAttempts are then ignored */
  client?: SESClient;
}

const CHARSET = 'UTF-8';

export class SesMailer implements MailerPort {
  private readonly client: SESClient;
  private readonly from: string;
  private readonly configurationSetName: string | undefined;

  constructor(options: SesMailerOptions) {
    this.from = options.from;
    this.configurationSetName = options.configurationSetName;
    this.client =
      options.client ??
      new SESClient({
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      });
  }

  async send(email: Email): Promise<{ messageId: string }> {
    if (email.to.length === 0) throw new MailerError('email has no recipients', false);
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.client.send(
        new SendEmailCommand({
          Source: this.from,
          Destination: { ToAddresses: email.to },
          Message: {
            Subject: { Data: email.subject, Charset: CHARSET },
            Body: {
              Text: { Data: email.text, Charset: CHARSET },
              Html: { Data: email.html, Charset: CHARSET },
            },
          },
          ConfigurationSetName: this.configurationSetName,
        }),
      ));
    } catch (error) {
      throw toMailerError(error);
    }
    if (!messageId) throw new MailerError('SES accepted the email but returned no MessageId', false);
    return { messageId };
  }

  /** closes the client's sockets (local runs and tests) */
  destroy(): void {
    this.client.destroy();
  }
}

/** error names SES uses when it will take the same mail later */
const RETRYABLE_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalFailure',
  'InternalServerError',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);

/** socket-level failures: the request may never have reached SES */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
]);

/**
 * The SDK rewraps a socket error that fails its `instanceof Error` check (an error from another
 * realm, as under jest) into a new Error that keeps only the text, e.g. `… connect ECONNREFUSED …`.
 */
const NETWORK_CODE_IN_MESSAGE = new RegExp(`\\b(${[...NETWORK_CODES].join('|')})\\b`);

/**
 * Maps an SDK error to MailerError: retryable for throttling (Throttling / "Maximum sending rate
 * exceeded"), 5xx and network failures; not retryable for everything SES refuses on its merits
 * (MessageRejected, MailFromDomainNotVerified, unverified identities, bad parameters, paused sending)
 * and for the daily quota, which no retry within the day will get past.
 */
export function toMailerError(error: unknown): MailerError {
  if (error instanceof MailerError) return error;
  // read fields rather than test `instanceof Error`: errors from another realm fail that test
  const name = stringField(error, 'name') ?? 'UnknownError';
  const message = stringField(error, 'message') ?? String(error);
  const mapped = new MailerError(`SES ${name}: ${message}`, isRetryable(error, name, message));
  mapped.cause = error;
  return mapped;
}

function isRetryable(error: unknown, name: string, message: string): boolean {
  if (/daily message quota exceeded/i.test(message)) return false;
  if (RETRYABLE_NAMES.has(name)) return true;
  const status = httpStatusOf(error);
  if (status !== undefined) return status >= 500 || status === 429;
  return networkCodeOf(error) !== undefined || NETWORK_CODE_IN_MESSAGE.test(message);
}

function stringField(value: unknown, field: 'name' | 'message'): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const found = (value as Record<string, unknown>)[field];
  return typeof found === 'string' ? found : undefined;
}

function httpStatusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return undefined;
  const metadata = (error as { $metadata?: { httpStatusCode?: number } }).$metadata;
  return metadata?.httpStatusCode;
}

/** Node puts the socket error code on the error or, behind the SDK's wrapping, on its cause */
function networkCodeOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') return undefined;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
