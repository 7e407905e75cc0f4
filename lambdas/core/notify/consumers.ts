/**
 * The consumers of duty events a config's `notify:` section declares, and the EventBridge pattern each one's
 * rule matches. The CDK stack and the local EventBridge stand-in both take their rules from `notifyConsumers`,
 * and the notify function checks each delivery against the same pattern, so all three agree on what goes where.
 */
import type { Config } from '../config/schema';
import type { BusEvent } from '../events/bus-event';
import { EVENT_SOURCE, type DetailType } from '../events/detail-types';
import { matchesPattern } from '../events/event-pattern';
import { SIGN_OFF_POST_IDS, selectEvents, type EventSelection, type EventSelector } from './event-groups';

/** an EventBridge event pattern as JSON, matched by event-pattern.ts as EventBridge matches it */
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
  event: BusEvent;
}

/** The consumers in the order the config lists them: Teams, then SMS, then webhooks. */
export function notifyConsumers(config: Pick<Config, 'notify'>): NotifyConsumer[] {
  const notify = config.notify;
  if (!notify) return [];
  return [
    ...notify.teams.map((c): TeamsConsumer => ({
      channel: 'teams',
      ...base('teams', c.id, c.events),
      secret: c.secret,
    })),
    ...notify.sms.map((c): SmsConsumer => ({ channel: 'sms', ...base('sms', c.id, c.events), to: c.to })),
    ...notify.webhooks.map((c): WebhookConsumer => ({
      channel: 'webhook',
      ...base('webhook', c.id, c.events),
      url: c.url,
      secret: c.secret,
    })),
  ];
}

function base(
  channel: NotifyConsumer['channel'],
  id: string,
  events: readonly EventSelector[],
): ConsumerBase {
  const selection = selectEvents(events);
  return { id, key: `${channel}:${id}`, detailTypes: selection.detailTypes, pattern: patternFor(selection) };
}

/**
 * `source` and the detail-types; a sign-off group adds Post Published and Post Skipped for the closing and
 * reopening posts only, as a second branch of an `$or` (EventBridge wants two or more branches there).
 */
function patternFor({ detailTypes, signOffOnly }: EventSelection): EventPattern {
  const whole = detailTypes.filter((type) => !signOffOnly.includes(type));
  if (signOffOnly.length === 0) return { source: [EVENT_SOURCE], 'detail-type': whole };
  const signOff = { 'detail-type': signOffOnly, detail: { postId: [...SIGN_OFF_POST_IDS] } };
  if (whole.length === 0) return { source: [EVENT_SOURCE], ...signOff };
  return { source: [EVENT_SOURCE], $or: [{ 'detail-type': whole }, signOff] };
}

/** whether the consumer's rule matches the event: the notify function's check that it was meant for it */
export function consumerTakes(consumer: NotifyConsumer, event: BusEvent): boolean {
  return matchesPattern(consumer.pattern, event);
}

/**
 * The acknowledge function's question: is `recipient` a notify consumer of this config that is sent
 * "I'm handling this" links (a Teams channel or a phone taking urgent or escalated mentions)?
 */
export function acknowledgesByLink(config: Pick<Config, 'notify'>, recipient: string): boolean {
  return notifyConsumers(config).some(
    (consumer) =>
      consumer.key === recipient &&
      consumer.channel !== 'webhook' &&
      consumer.detailTypes.some(
        (type) => type === 'Urgent Mention Alerted' || type === 'Urgent Mention Escalated',
      ),
  );
}
