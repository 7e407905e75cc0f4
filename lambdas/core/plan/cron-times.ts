import { WEEKDAYS, type Weekday } from '../config/vocabulary';
import { eachDate, localInstant, weekdayOf, type IsoDate } from '../calendar/dates';
import type { ScheduleEntry, ScheduleTarget } from './schedule-plan';

const DAY_NAMES: Record<string, Weekday> = {
  MON: 'mon',
  TUE: 'tue',
  WED: 'wed',
  THU: 'thu',
  FRI: 'fri',
  SAT: 'sat',
  SUN: 'sun',
};

/** The local times a plan entry's cron fires on one date (its weekday permitting), as `HH:MM`. */
export interface CronTimes {
  days: ReadonlySet<Weekday>;
  times: string[];
}

/**
 * Reads the EventBridge crons the plan writes (`M H ? * DAYS *`: lists, ranges, steps, `*`), so the local runner
 * and `simulate` fire exactly when Scheduler would, from the same plan entries.
 */
export function parseCron(cron: string): CronTimes {
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = cron.split(' ');
  if (!minutes || !hours || !dayOfWeek || dayOfMonth !== '?' || month !== '*' || year !== '*') {
    throw new Error(`unsupported cron "${cron}": expected "M H ? * DAYS *"`);
  }
  const days =
    dayOfWeek === '*' ? new Set(WEEKDAYS) : new Set(dayOfWeek.split(',').map((d) => dayName(d, cron)));
  const times: string[] = [];
  for (const hour of expandField(hours, 0, 23)) {
    for (const minute of expandField(minutes, 0, 59)) times.push(`${pad(hour)}:${pad(minute)}`);
  }
  return { days, times };
}

function dayName(value: string, cron: string): Weekday {
  const day = DAY_NAMES[value];
  if (!day) throw new Error(`unsupported day "${value}" in cron "${cron}"`);
  return day;
}

function expandField(field: string, min: number, max: number): number[] {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText ? Number(stepText) : 1;
    let [from, to] = range === '*' ? [min, max] : (range ?? '').split('-').map(Number);
    from ??= min;
    to ??= stepText ? max : from;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export interface Firing {
  entry: ScheduleEntry;
  /** UTC instant, `2026-12-23T16:00:00.000Z` */
  at: string;
}

/** Every firing of the plan's schedules between two dates (inclusive), in time order. */
export function planFirings(plan: ScheduleEntry[], from: IsoDate, to: IsoDate): Firing[] {
  const parsed = plan.map((entry) => ({ entry, cron: parseCron(entry.cron) }));
  const firings: Firing[] = [];
  // when the clocks go forward, 01:00 and 02:00 local are the same instant: fire once
  const seen = new Set<string>();
  for (const date of eachDate(from, to)) {
    const weekday = weekdayOf(date);
    for (const { entry, cron } of parsed) {
      if (!cron.days.has(weekday)) continue;
      for (const time of cron.times) {
        const at = localInstant(date, time, entry.timezone).toUtcIso();
        if (seen.has(`${entry.name}@${at}`)) continue;
        seen.add(`${entry.name}@${at}`);
        firings.push({ entry, at });
      }
    }
  }
  return firings.sort((a, b) => a.at.localeCompare(b.at) || a.entry.name.localeCompare(b.entry.name));
}

/** How many times each target fires between two dates: counting only, no instants (a year in a millisecond). */
export function countFirings(
  plan: ScheduleEntry[],
  from: IsoDate,
  to: IsoDate,
): Record<ScheduleTarget, number> {
  const counts: Record<ScheduleTarget, number> = { post: 0, sweep: 0, briefing: 0 };
  const parsed = plan.map((entry) => ({ entry, cron: parseCron(entry.cron) }));
  for (const date of eachDate(from, to)) {
    const weekday = weekdayOf(date);
    for (const { entry, cron } of parsed)
      if (cron.days.has(weekday)) counts[entry.target] += cron.times.length;
  }
  return counts;
}
