import type { SmsConsumer, TeamsConsumer, WebhookConsumer } from '../core/notify/consumers';

/**
 * The three ways a notification leaves the system, one adapter each. Each resolves its own secret (the Teams
 * Workflows URL, the webhook signing key) by the name in the consumer; each throws a NotifyError when the
 * message could not be delivered, so the event is retried and, in the end, dead-lettered.
 */
export interface TeamsChannel {
  /** posts `message` (a Teams message with one Adaptive Card attachment) to the consumer's Workflows URL */
  post(consumer: TeamsConsumer, message: object): Promise<void>;
}

export interface SmsChannel {
  /** one text message to the consumer's E.164 number; never holds mention text */
  send(consumer: SmsConsumer, text: string): Promise<void>;
}

export interface WebhookChannel {
  /** POSTs `body` (the event JSON) to the consumer's URL, signed with its key, retried with backoff */
  deliver(consumer: WebhookConsumer, body: string): Promise<void>;
}

export interface NotifyChannels {
  teams: TeamsChannel;
  sms: SmsChannel;
  webhook: WebhookChannel;
}
