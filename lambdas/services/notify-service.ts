/**
 * One delivered duty event for one consumer: a Teams card, a text message or a webhook delivery. Errors are
 * thrown, not caught, so the invocation is retried (Lambda's asynchronous retries) and in the end dead-lettered.
 */
import type { Config } from '../core/config/schema';
import type { BusEvent } from '../core/events/bus-event';
import {
  consumerTakes,
  notifyConsumers,
  type NotifyConsumer,
  type NotifyInput,
  type SmsConsumer,
  type TeamsConsumer,
} from '../core/notify/consumers';
import { SMS_DETAIL_TYPES, smsFor, type BuiltSms } from '../core/notify/sms-text';
import { MENTION_CARD_TYPES, teamsCard, teamsMessage, type MentionExtras } from '../core/notify/teams-cards';
import type { AckLinks } from '../ports/ack-links';
import type { Clock } from '../ports/clock';
import type { NotifyChannels } from '../ports/notify-channels';
import type { UrgentAlerts } from '../ports/state/urgent-alerts';

export interface NotifyDeps {
  config: Config;
  configVersion: string;
  channels: NotifyChannels;
  /** the Teams card shows the mention the alert holds; a text is not sent for an alert already in hand */
  urgent: Pick<UrgentAlerts, 'get'>;
  ackLinks: AckLinks;
  clock: Clock;
}

/** What became of one delivery. */
export interface NotifyResult {
  channel: NotifyConsumer['channel'];
  /**
   * where it went, as the config names it: the Teams consumer's key (its Workflows URL is a secret), the phone
   * number, the webhook URL. Personal or revealing: for the simulator's output, not for logs.
   */
  to: string;
  /** false when there was nothing to send: an event the consumer does not take, a text for an alert in hand */
  sent: boolean;
  /** a short line with no mention text: "urgent mention card", "SMS: urgent mention" */
  summary: string;
}

export type NotifyServiceProblem =
  /** the config and the stack's rules disagree */
  | 'unknown-consumer'
  /** an urgent event without the mention key that finds its alert */
  | 'no-mention-key';

/** The service's own errors, beside the channels' NotifyErrors. Sending the event again will not fix them. */
export class NotifyServiceError extends Error {
  constructor(
    message: string,
    readonly problem: NotifyServiceProblem,
    readonly consumer: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'NotifyServiceError';
  }
}

export async function handleNotification(deps: NotifyDeps, input: NotifyInput): Promise<NotifyResult> {
  const consumer = notifyConsumers(deps.config).find((c) => c.key === input.consumer);
  if (!consumer) {
    throw new NotifyServiceError(
      `There is no notify consumer ${input.consumer} in the config (version ${deps.configVersion}): the stack's rules and the config it runs disagree, so deploy them together`,
      'unknown-consumer',
      input.consumer,
    );
  }
  const event = input.event;
  if (!consumerTakes(consumer, event)) {
    return skipped(consumer, `not sent: ${consumer.key} does not take this ${event['detail-type']} event`);
  }
  switch (consumer.channel) {
    case 'teams':
      return postCard(deps, consumer, event);
    case 'sms':
      return sendText(deps, consumer, event);
    case 'webhook':
      // the event exactly as EventBridge delivered it: a subscriber can check it against docs/events/
      await deps.channels.webhook.deliver(consumer, JSON.stringify(event));
      return sent(consumer, `webhook: ${event['detail-type']}`);
  }
}

async function postCard(deps: NotifyDeps, consumer: TeamsConsumer, event: BusEvent): Promise<NotifyResult> {
  const extras = MENTION_CARD_TYPES.includes(event['detail-type'])
    ? await mentionExtras(deps, consumer, event)
    : {};
  const { card, summary } = teamsCard(deps.config, event, extras);
  await deps.channels.teams.post(consumer, teamsMessage(card));
  return sent(consumer, summary);
}

/** the alert, for the mention's text, and this channel's own link, unless someone has already pressed one */
async function mentionExtras(
  deps: NotifyDeps,
  consumer: NotifyConsumer,
  event: BusEvent,
): Promise<MentionExtras> {
  const key = mentionKeyOf(consumer, event);
  const alert = await deps.urgent.get(key);
  if (alert?.acknowledgedAt) return { alert };
  const ackLink = await deps.ackLinks.linkFor(key, consumer.key, deps.clock.now());
  return alert ? { alert, ackLink } : { ackLink };
}

async function sendText(deps: NotifyDeps, consumer: SmsConsumer, event: BusEvent): Promise<NotifyResult> {
  if (!SMS_DETAIL_TYPES.includes(event['detail-type'])) {
    return skipped(consumer, `not sent: no text message is sent for ${event['detail-type']}`);
  }
  const { ackLink } = await mentionExtras(deps, consumer, event);
  // a retried delivery can come an hour late: a text that finally gets through must not wake anyone for nothing
  if (!ackLink) return skipped(consumer, 'SMS not sent: the urgent mention is already in hand');
  const sms = smsFor(deps.config.organisation.name, event, ackLink) as BuiltSms;
  await deps.channels.sms.send(consumer, sms.text);
  return sent(consumer, sms.summary);
}

function mentionKeyOf(consumer: NotifyConsumer, event: BusEvent): string {
  const { mentionKey } = event.detail as { mentionKey?: unknown };
  if (typeof mentionKey !== 'string' || mentionKey === '') {
    throw new NotifyServiceError(
      `The ${event['detail-type']} event ${event.id} has no mentionKey, so its urgent alert cannot be found`,
      'no-mention-key',
      consumer.key,
    );
  }
  return mentionKey;
}

function sent(consumer: NotifyConsumer, summary: string): NotifyResult {
  return { channel: consumer.channel, to: destination(consumer), sent: true, summary };
}

function skipped(consumer: NotifyConsumer, summary: string): NotifyResult {
  return { channel: consumer.channel, to: destination(consumer), sent: false, summary };
}

function destination(consumer: NotifyConsumer): string {
  if (consumer.channel === 'sms') return consumer.to;
  if (consumer.channel === 'webhook') return consumer.url;
  return consumer.key;
}
