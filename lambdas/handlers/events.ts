/**
 * The events the schedules send, checked by hand: three small shapes do not need a schema library, and
 * leaving one out keeps 18 KB off every function.
 */

type PostKind = 'post' | 'closing' | 'reopening';

export interface PostEvent {
  kind: PostKind;
  id: string;
  scheduledTime: string;
}

export interface SweepEvent {
  kind?: 'sweep';
  scheduledTime: string;
}

export interface BriefingEvent {
  kind?: 'briefing';
  scheduledTime: string;
}

/** Reads an event into its shape, or lists what is wrong with it. */
export type EventSchema<T> = (event: Record<string, unknown>, problems: string[]) => T;

/** ISO 8601 with a time and an offset (`Z` or `+01:00`), as EventBridge Scheduler's `<aws.scheduler.scheduled-time>` */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function scheduledTime(event: Record<string, unknown>, problems: string[]): string {
  const value = event.scheduledTime;
  if (typeof value !== 'string' || !INSTANT.test(value) || !realDate(value.slice(0, 10))) {
    problems.push('scheduledTime must be an ISO 8601 instant');
  }
  return value as string;
}

/** V8 reads 30 February as 2 March; a schedule never sends it */
function realDate(date: string): boolean {
  const millis = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  return new Date(millis).toISOString().slice(0, 10) === date;
}

function kindOf<K extends string>(
  event: Record<string, unknown>,
  problems: string[],
  allowed: readonly K[],
  optional: boolean,
): K | undefined {
  const value = event.kind;
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    problems.push(`kind must be ${allowed.join(' or ')}`);
  }
  return value as K;
}

/** What a posting schedule sends (EventBridge Scheduler fills scheduledTime with <aws.scheduler.scheduled-time>). */
export const postEventSchema: EventSchema<PostEvent> = (event, problems) => {
  const kind = kindOf(event, problems, ['post', 'closing', 'reopening'] as const, false) as PostKind;
  if (typeof event.id !== 'string' || event.id === '') problems.push('id must be a non-empty string');
  return { kind, id: event.id as string, scheduledTime: scheduledTime(event, problems) };
};

export const sweepEventSchema: EventSchema<SweepEvent> = (event, problems) => {
  const kind = kindOf(event, problems, ['sweep'] as const, true);
  return { ...(kind ? { kind } : {}), scheduledTime: scheduledTime(event, problems) };
};

export const briefingEventSchema: EventSchema<BriefingEvent> = (event, problems) => {
  const kind = kindOf(event, problems, ['briefing'] as const, true);
  return { ...(kind ? { kind } : {}), scheduledTime: scheduledTime(event, problems) };
};

/** The event came from our own schedules, so a bad one is a bug: one short line says what is wrong. */
export function parseEvent<T>(schema: EventSchema<T>, event: unknown): T {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new Error('invalid event: event must be an object');
  }
  const problems: string[] = [];
  const parsed = schema(event as Record<string, unknown>, problems);
  if (problems.length > 0) throw new Error(`invalid event: ${problems.join('; ')}`);
  return parsed;
}
