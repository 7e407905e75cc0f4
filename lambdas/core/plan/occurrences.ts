import type { ZonedInstant } from '../calendar/dates';
import type { Config, PostConfig } from '../config/schema';
import { localInstant, weekdayOf, type IsoDate } from '../calendar/dates';
import type { ClosedPeriod, WorkingCalendar } from '../calendar/working-calendar';
import { fillPlaceholders } from '../texts';
import type { Network } from '../config/vocabulary';
import { allTexts, targetsOf, textFor, type PostTarget, type PostText } from '../post-targets';

export type PostingKind = 'post' | 'closing' | 'reopening';
export const CLOSING_ID = 'closing';
export const REOPENING_ID = 'reopening';

export type SkipReason =
  'bank holiday' | 'closure' | 'non-working day' | 'outside campaign' | `paused: ${string}`;

/** One automated post due on a date: what, when, and whether it will really go out. */
export interface PostingOccurrence {
  kind: PostingKind;
  id: string;
  /** the accounts it goes to, in the config's order, each claimed on its own */
  targets: PostTarget[];
  date: IsoDate;
  at: ZonedInstant;
  status: 'scheduled' | 'skipped';
  reason?: SkipReason;
  /** for recurring posts */
  post?: PostConfig;
  /** for closing and reopening posts: the closed period they bracket */
  period?: ClosedPeriod;
}

/** A pause set at run time with `social-duty pause`, in force up to and including `until`. */
export interface ActivePause {
  until: IsoDate;
  reason: string;
}

/**
 * What a posting schedule should do on a date, or undefined when nothing is due (the cron fires on every
 * candidate weekday; this decides). Calendar reasons come before pauses: a bank holiday is reported as such.
 */
export function postingOn(
  config: Config,
  calendar: WorkingCalendar,
  kind: PostingKind,
  id: string,
  date: IsoDate,
  runtimePause?: ActivePause,
): PostingOccurrence | undefined {
  const occurrence = dueOn(config, calendar, kind, id, date);
  if (!occurrence || occurrence.status === 'skipped') return occurrence;
  const pause =
    calendar.pauseOn(date) ?? (runtimePause && date <= runtimePause.until ? runtimePause : undefined);
  return pause ? { ...occurrence, status: 'skipped', reason: `paused: ${pause.reason}` } : occurrence;
}

function dueOn(
  config: Config,
  calendar: WorkingCalendar,
  kind: PostingKind,
  id: string,
  date: IsoDate,
): PostingOccurrence | undefined {
  const zone = config.organisation.timezone;
  if (kind === 'post') {
    const post = config.posts.find((p) => p.id === id);
    if (!post || !post.days.includes(weekdayOf(date))) return undefined;
    const base = {
      kind,
      id,
      targets: targetsOf(config.accounts, id, post.account),
      date,
      at: localInstant(date, post.at, zone),
      post,
    };
    if (!calendar.inCampaign(post, date)) return { ...base, status: 'skipped', reason: 'outside campaign' };
    const closedReason = post.onClosedDays === 'skip' ? calendar.nonWorkingReason(date) : undefined;
    return closedReason
      ? { ...base, status: 'skipped', reason: closedReason }
      : { ...base, status: 'scheduled' };
  }
  const closing = config.closing;
  if (!closing) return undefined;
  if (kind === 'closing') {
    const period = calendar.closedPeriodAfter(date);
    if (!period) return undefined;
    return {
      kind,
      id: CLOSING_ID,
      targets: targetsOf(config.accounts, CLOSING_ID, closing.account),
      date,
      at: localInstant(date, closing.at, zone),
      status: 'scheduled',
      period,
    };
  }
  const reopening = closing.reopening;
  const period = reopening ? calendar.closedPeriodBefore(date) : undefined;
  if (!reopening || !period) return undefined;
  return {
    kind,
    id: REOPENING_ID,
    targets: targetsOf(config.accounts, REOPENING_ID, closing.account),
    date,
    at: localInstant(date, reopening.at, zone),
    status: 'scheduled',
    period,
  };
}

/**
 * The post's text for one network with placeholders filled; `sequence` picks the variant (0-based count of
 * posts so far), the same one on every network.
 */
export function postingText(
  config: Config,
  calendar: WorkingCalendar,
  occurrence: PostingOccurrence,
  sequence: number,
  network: Network,
): string {
  const values: Record<string, string> = {
    website: config.organisation.website,
    organisation: config.organisation.name,
  };
  if (occurrence.period) Object.assign(values, calendar.closingPlaceholders(occurrence.period));
  return fillPlaceholders(pick(rawText(config, occurrence, sequence), network), values);
}

function rawText(config: Config, occurrence: PostingOccurrence, sequence: number): PostText | undefined {
  if (occurrence.kind === 'closing') return config.closing?.text;
  if (occurrence.kind === 'reopening') return config.closing?.reopening?.text;
  const variants = occurrence.post?.variants ?? [];
  return variants[sequence % variants.length];
}

// `check` refuses a target without a text for its network, so the fallback only guards a config it never saw
function pick(text: PostText | undefined, network: Network): string {
  if (text === undefined) return '';
  return textFor(text, network) ?? allTexts(text)[0] ?? '';
}

export function variantCount(occurrence: PostingOccurrence): number {
  return occurrence.post?.variants.length ?? 1;
}

/** Every posting schedule's occurrence on a date (recurring posts, closing, reopening). */
export function postingsOn(
  config: Config,
  calendar: WorkingCalendar,
  date: IsoDate,
  runtimePause?: ActivePause,
): PostingOccurrence[] {
  const schedules: Array<[PostingOccurrence['kind'], string]> = [
    ...config.posts.map((post): [PostingOccurrence['kind'], string] => ['post', post.id]),
    ['closing', CLOSING_ID],
    ['reopening', REOPENING_ID],
  ];
  return schedules
    .map(([kind, id]) => postingOn(config, calendar, kind, id, date, runtimePause))
    .filter((o): o is PostingOccurrence => o !== undefined);
}
