/**
 * SmsChannel on Amazon SNS: a Publish straight to the consumer's phone number (no topic), as a Transactional
 * message, the type SNS optimises for reliable delivery. The same code talks to local/sns-server.ts when given
 * its endpoint.
 */
import {
  PublishCommand,
  SNSClient,
  type MessageAttributeValue,
  type SNSClientConfig,
} from '@aws-sdk/client-sns';
import type { SmsConsumer } from '../core/notify/consumers';
import type { SmsChannel } from '../ports/notify-channels';
import { NotifyError } from './notify-error';

/** SNS's limit for one SMS publish: longer text is refused, not split further */
export const MAX_SMS_BYTES = 1600;

export interface SnsSmsOptions {
  region?: string;
  /** e.g. the local SNS server's endpoint */
  endpoint?: string;
  credentials?: SNSClientConfig['credentials'];
  /** SDK attempts per message, retries included (SDK default 3) */
  maxAttempts?: number;
  /** the `AWS.SNS.SMS.SenderID` shown instead of a number where the destination country supports one */
  senderId?: string;
  /** an existing client; region, endpoint, credentials and maxAttempts are then ignored */
  client?: SNSClient;
}

/** error names SNS uses when the same message may go through later */
const RETRYABLE_NAMES = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'InternalError',
  'InternalErrorException',
  'ServiceUnavailable',
  'KMSThrottlingException',
]);

export class SnsSmsChannel implements SmsChannel {
  private readonly client: SNSClient;
  private readonly attributes: Record<string, MessageAttributeValue>;

  constructor(options: SnsSmsOptions = {}) {
    this.client =
      options.client ??
      new SNSClient({
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
        ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
      });
    this.attributes = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      ...(options.senderId
        ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: options.senderId } }
        : {}),
    };
  }

  async send(consumer: SmsConsumer, text: string): Promise<void> {
    if (Buffer.byteLength(text, 'utf8') > MAX_SMS_BYTES) {
      throw new NotifyError(`The text for ${consumer.key} is longer than SNS's ${MAX_SMS_BYTES} bytes`, {
        failure: 'refused',
        consumer: consumer.key,
      });
    }
    let messageId: string | undefined;
    try {
      ({ MessageId: messageId } = await this.client.send(
        new PublishCommand({ PhoneNumber: consumer.to, Message: text, MessageAttributes: this.attributes }),
      ));
    } catch (error) {
      throw publishFailed(consumer, error);
    }
    if (!messageId) {
      throw new NotifyError(`SNS accepted the text for ${consumer.key} but returned no MessageId`, {
        failure: 'unavailable',
        consumer: consumer.key,
      });
    }
  }

  /** closes the client's sockets (local runs and tests) */
  destroy(): void {
    this.client.destroy();
  }
}

/** SNS's own message can quote the phone number, so only the error's name and status are put in ours */
function publishFailed(consumer: SmsConsumer, error: unknown): NotifyError {
  const name = error instanceof Error ? error.name : 'error';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const retryable =
    RETRYABLE_NAMES.has(name) ||
    (error as { $retryable?: unknown }).$retryable !== undefined ||
    status === undefined ||
    status >= 500;
  return new NotifyError(
    `SNS did not send the text for ${consumer.key} (${name}${status === undefined ? '' : `, HTTP ${status}`})`,
    {
      failure: retryable ? 'unavailable' : 'refused',
      consumer: consumer.key,
      ...(status === undefined ? {} : { status }),
    },
    { cause: error },
  );
}
