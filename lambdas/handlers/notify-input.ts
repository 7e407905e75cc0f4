/**
 * What a consumer's rule sends the notify function, checked by hand (no schema library in the bundle). The
 * event's envelope is checked, not its detail: the detail was checked against its schema before it was
 * published, and the notify service reads only what its channel needs.
 */
import { DETAIL_TYPES, EVENT_SOURCE, type DetailType } from '../core/events/detail-types';
import type { BusEvent } from '../core/events/bus-event';
import type { NotifyInput } from '../core/notify/consumers';

const CONSUMER_KEY = /^(teams|sms|webhook):[^\s:]+$/;

/** Reads the input into its shape, or throws one line that says everything wrong with it (a bug, not a user's). */
export function parseNotifyInput(input: unknown): NotifyInput {
  if (!isObject(input)) throw new Error('invalid notify input: expected an object with consumer and event');
  const problems: string[] = [];
  const { consumer, event } = input;
  if (typeof consumer !== 'string' || !CONSUMER_KEY.test(consumer)) {
    problems.push('consumer must be a consumer key such as teams:ID, sms:ID or webhook:ID');
  }
  if (!isObject(event)) {
    problems.push('event must be an EventBridge event object');
  } else {
    if (typeof event.id !== 'string' || event.id === '') problems.push('event.id must be a non-empty string');
    if (!(DETAIL_TYPES as readonly unknown[]).includes(event['detail-type'])) {
      problems.push('event.detail-type must be one of the duty events');
    }
    if (event.source !== EVENT_SOURCE) problems.push(`event.source must be ${EVENT_SOURCE}`);
    if (typeof event.time !== 'string') problems.push('event.time must be a string');
    if (!isObject(event.detail)) problems.push('event.detail must be an object');
  }
  if (problems.length > 0) throw new Error(`invalid notify input: ${problems.join('; ')}`);
  return { consumer: consumer as string, event: event as unknown as BusEvent };
}

/**
 * What may be logged about an input, valid or not: ids only. Both of the event's ids: the detail's `eventId`
 * (one per outcome, in the audit and the webhook header) and EventBridge's envelope `id` (in the archive and
 * the dead-letter queue).
 */
export function inputIds(input: unknown): {
  consumer?: string;
  detailType?: DetailType;
  eventId?: string;
  busEventId?: string;
} {
  if (!isObject(input)) return {};
  const event = isObject(input.event) ? input.event : {};
  const detail = isObject(event.detail) ? event.detail : {};
  const detailType = (DETAIL_TYPES as readonly unknown[]).includes(event['detail-type'])
    ? (event['detail-type'] as DetailType)
    : undefined;
  return {
    ...(typeof input.consumer === 'string' ? { consumer: clip(input.consumer) } : {}),
    ...(detailType ? { detailType } : {}),
    ...(typeof detail.eventId === 'string' ? { eventId: clip(detail.eventId) } : {}),
    ...(typeof event.id === 'string' ? { busEventId: clip(event.id) } : {}),
  };
}

/** a malformed input may carry anything in its id fields: keep a log line short */
function clip(id: string): string {
  return id.slice(0, 200);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
