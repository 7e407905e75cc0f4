import type { Config } from '../config/schema';
import { eachDate, isoWithOffset, localInstant, type IsoDate } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/working-calendar';
import type { Network } from '../config/vocabulary';
import { postLength } from '../post-length';
import { postingText, postingsOn, type ActivePause } from './occurrences';

export type ActionKind = 'post' | 'closing' | 'reopening' | 'briefing';

/** One automated action as `preview --json` prints it (docs/formats.md). */
export interface PreviewAction {
  at: string;
  kind: ActionKind;
  id: string;
  account?: string;
  /** the account's network; one action per account when a post goes to several */
  network?: Network;
  text?: string;
  /** X's weighted count, on X actions (the contract's field) */
  weightedLength?: number;
  /** the text's length by its network's own rule, and that network's maximum */
  length?: number;
  maxLength?: number;
  to?: string;
  status: 'scheduled' | 'skipped';
  reason?: string;
}

export interface Preview {
  from: IsoDate;
  to: IsoDate;
  timezone: string;
  actions: PreviewAction[];
}

const KIND_ORDER: Record<ActionKind, number> = { briefing: 0, reopening: 1, post: 2, closing: 3 };

/**
 * Every automated action between two dates (inclusive), as the handlers will decide them. Variants rotate
 * from a fresh state at `from`; posts outside their campaign dates are not listed.
 */
export function previewActions(
  config: Config,
  calendar: WorkingCalendar,
  from: IsoDate,
  to: IsoDate,
  runtimePause?: ActivePause,
): Preview {
  const rotation = new Map<string, number>();
  const actions: PreviewAction[] = [];
  for (const date of eachDate(from, to)) {
    for (const occurrence of postingsOn(config, calendar, date, runtimePause)) {
      if (occurrence.reason === 'outside campaign') continue;
      const sequence = rotation.get(occurrence.id) ?? 0;
      if (occurrence.status === 'scheduled') rotation.set(occurrence.id, sequence + 1);
      for (const target of occurrence.targets) {
        const text = postingText(config, calendar, occurrence, sequence, target.network);
        const { length, limit } = postLength(target.network, text);
        actions.push({
          at: isoWithOffset(occurrence.at),
          kind: occurrence.kind,
          id: occurrence.id,
          account: target.account,
          network: target.network,
          text,
          ...(target.network === 'x' ? { weightedLength: length } : {}),
          length,
          maxLength: limit,
          status: occurrence.status,
          ...(occurrence.reason ? { reason: occurrence.reason } : {}),
        });
      }
    }
    if (calendar.isWorkingDay(date)) {
      actions.push({
        at: isoWithOffset(localInstant(date, config.duty.briefingAt, config.organisation.timezone)),
        kind: 'briefing',
        id: 'briefing',
        to: calendar.dutyPerson(date),
        status: 'scheduled',
      });
    }
  }
  actions.sort(
    (a, b) =>
      Date.parse(a.at) - Date.parse(b.at) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.id.localeCompare(b.id),
  );
  return { from, to, timezone: config.organisation.timezone, actions };
}
