/**
 * CONTRACT STUB (to be filled in by the notify-core work): the consumers of duty events a config's `notify:`
 * section declares, and the EventBridge pattern each one's rule matches. The CDK stack and the local
 * EventBridge stand-in both take their rules from `notifyConsumers`, so they match the same events.
 */
import type { DetailType } from '../events/detail-types';

/** an EventBridge event pattern as JSON (the subset of operators event-pattern.ts implements) */
export type EventPattern = Record<string, unknown>;

interface ConsumerBase {
  /** the consumer's id in the config, unique within its channel */
  id: string;
  /** `teams:ID`, `sms:ID` or `webhook:ID`: unique across the config; names its rule and its queue */
  key: string;
  /** the detail-types it receives */
  detailTypes: DetailType[];
  /** what its rule matches: source social-duty, those detail-types, and any detail filter */
  pattern: EventPattern;
}

export interface TeamsConsumer extends ConsumerBase {
  channel: 'teams';
  /** Secrets Manager secret holding the Workflows URL (it carries its own signature: a credential) */
  secret: string;
}

export interface SmsConsumer extends ConsumerBase {
  channel: 'sms';
  /** E.164, e.g. +447700900123 */
  to: string;
}

export interface WebhookConsumer extends ConsumerBase {
  channel: 'webhook';
  url: string;
  /** Secrets Manager secret holding the HMAC-SHA256 signing key */
  secret: string;
}

export type NotifyConsumer = TeamsConsumer | SmsConsumer | WebhookConsumer;

/**
 * What each consumer's rule sends the notify function (an input transformer on AWS, the same object from the
 * local EventBridge stand-in): the consumer's key and the event as EventBridge delivered it.
 */
export interface NotifyInput {
  consumer: string;
  event: import('../events/bus-event').BusEvent;
}
