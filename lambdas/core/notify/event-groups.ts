/**
 * The names a consumer's `events:` list may use: a group, which stands for the detail-types a reader of Teams or
 * a text message thinks of together, or an exact detail-type. Free of zod, so the config schema, the consumers'
 * rules and the notify function all read the same table.
 */
import { DETAIL_TYPES, type DetailType } from '../events/detail-types';

export const EVENT_GROUPS = [
  'urgent',
  'escalated',
  'acknowledged',
  'failures',
  'sign-off',
  'posts',
  'sources',
  'briefing',
  'pause',
  'sweeps',
  'all',
] as const;

export type EventGroup = (typeof EVENT_GROUPS)[number];

/** one entry of a consumer's `events:` list */
export type EventSelector = EventGroup | DetailType;

export const EVENT_SELECTORS: readonly [EventSelector, ...EventSelector[]] = [
  ...EVENT_GROUPS,
  ...DETAIL_TYPES,
];

/** the only groups a text message may carry: anything else would be a text nobody needs at 3am */
export const SMS_GROUPS = ['urgent', 'escalated'] as const satisfies readonly EventGroup[];

/** the post ids of the automated sign-off posts (the config refuses them as ordinary post ids) */
export const SIGN_OFF_POST_IDS = ['closing', 'reopening'] as const;

interface GroupMembers {
  /** taken whatever their detail */
  all: readonly DetailType[];
  /** taken only for a sign-off post (`postId` closing or reopening) */
  signOffOnly?: readonly DetailType[];
}

const GROUPS: Record<EventGroup, GroupMembers> = {
  urgent: { all: ['Urgent Mention Alerted'] },
  escalated: { all: ['Urgent Mention Escalated'] },
  acknowledged: { all: ['Urgent Mention Acknowledged'] },
  failures: { all: ['Post Failed', 'Post Needs Checking'] },
  'sign-off': { all: ['Sign-off Deleted'], signOffOnly: ['Post Published', 'Post Skipped'] },
  posts: { all: ['Post Published', 'Post Skipped'] },
  sources: { all: ['Source Failing', 'Source Recovered'] },
  briefing: { all: ['Briefing Sent'] },
  pause: { all: ['Pause Changed'] },
  sweeps: { all: ['Sweep Completed'] },
  all: { all: DETAIL_TYPES },
};

/** What a consumer's `events:` list comes to. Both lists are in DETAIL_TYPES order, so rules are stable. */
export interface EventSelection {
  /** every detail-type it receives */
  detailTypes: DetailType[];
  /** those of `detailTypes` it receives only for a sign-off post */
  signOffOnly: DetailType[];
}

export function selectEvents(selectors: readonly EventSelector[]): EventSelection {
  const whole = new Set<DetailType>();
  const signOff = new Set<DetailType>();
  for (const selector of selectors) {
    if (isDetailType(selector)) {
      whole.add(selector);
      continue;
    }
    const members = GROUPS[selector];
    for (const type of members.all) whole.add(type);
    for (const type of members.signOffOnly ?? []) signOff.add(type);
  }
  return {
    detailTypes: DETAIL_TYPES.filter((type) => whole.has(type) || signOff.has(type)),
    // a detail-type taken whole by another entry (`posts`, or 'Post Published' itself) needs no filter
    signOffOnly: DETAIL_TYPES.filter((type) => signOff.has(type) && !whole.has(type)),
  };
}

export function isDetailType(value: string): value is DetailType {
  return (DETAIL_TYPES as readonly string[]).includes(value);
}

export function isEventSelector(value: string): value is EventSelector {
  return (EVENT_SELECTORS as readonly string[]).includes(value);
}
