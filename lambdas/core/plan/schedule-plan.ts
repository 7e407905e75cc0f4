import type { Config } from '../config/schema';
import { WEEKDAYS, type Weekday } from '../config/vocabulary';
import { CLOSING_ID, REOPENING_ID, type PostingKind } from './occurrences';

export type ScheduleTarget = 'post' | 'sweep' | 'briefing';

export type SchedulePayload = { kind: PostingKind; id: string } | { kind: 'sweep' } | { kind: 'briefing' };

/** One EventBridge Scheduler schedule (on AWS) or in-process timer (locally). */
export interface ScheduleEntry {
  /** unique, valid as a Scheduler schedule name */
  name: string;
  /** EventBridge 6-field cron: minutes hours day-of-month month day-of-week year */
  cron: string;
  timezone: string;
  target: ScheduleTarget;
  payload: SchedulePayload;
}

const CRON_DAY: Record<Weekday, string> = {
  mon: 'MON',
  tue: 'TUE',
  wed: 'WED',
  thu: 'THU',
  fri: 'FRI',
  sat: 'SAT',
  sun: 'SUN',
};

/**
 * The schedules the system needs. Cron only says "maybe now": each fires on every weekday that could need it,
 * and the handler decides from the calendar (bank holidays, closing days, pauses, campaigns) at run time.
 */
export function schedulePlan(config: Config): ScheduleEntry[] {
  const timezone = config.organisation.timezone;
  const workingDays = config.organisation.workingDays;
  const entry = (
    name: string,
    cron: string,
    target: ScheduleTarget,
    payload: SchedulePayload,
  ): ScheduleEntry => ({
    name,
    cron,
    timezone,
    target,
    payload,
  });
  const plan: ScheduleEntry[] = config.posts.map((post) =>
    entry(`post-${post.id}`, dailyCron(post.at, post.days), 'post', { kind: 'post', id: post.id }),
  );
  if (config.closing) {
    plan.push(
      entry('closing', dailyCron(config.closing.at, workingDays), 'post', {
        kind: 'closing',
        id: CLOSING_ID,
      }),
    );
    if (config.closing.reopening) {
      const at = config.closing.reopening.at;
      plan.push(
        entry('reopening', dailyCron(at, workingDays), 'post', { kind: 'reopening', id: REOPENING_ID }),
      );
    }
  }
  plan.push(
    entry('briefing', dailyCron(config.duty.briefingAt, workingDays), 'briefing', { kind: 'briefing' }),
  );
  if (config.sweeps && config.sweeps.sources.length > 0) {
    sweepCrons(config.sweeps.everyMinutes, config.sweeps.workingHours, workingDays).forEach(
      ({ name, cron }) => plan.push(entry(name, cron, 'sweep', { kind: 'sweep' })),
    );
  }
  return plan;
}

function dailyCron(time: string, days: readonly Weekday[]): string {
  const [hour, minute] = time.split(':').map(Number);
  return `${minute} ${hour} ? * ${cronDays(days)} *`;
}

function cronDays(days: readonly Weekday[]): string {
  return WEEKDAYS.filter((d) => days.includes(d))
    .map((d) => CRON_DAY[d])
    .join(',');
}

/**
 * Sweeps every `everyMinutes` inside working hours on working weekdays and hourly at other times. Hours that
 * are only partly in working hours get their own minute list, so 08:30–17:00 works as well as 09:00–17:00.
 */
function sweepCrons(
  everyMinutes: number,
  hours: { from: string; to: string },
  workingDays: readonly Weekday[],
): Array<{ name: string; cron: string }> {
  const from = minutesOfDay(hours.from);
  const to = minutesOfDay(hours.to);
  const byMinuteSet = new Map<string, number[]>();
  const outOfHours: number[] = [];
  for (let hour = 0; hour < 24; hour++) {
    const minutes: number[] = [];
    for (let minute = 0; minute < 60; minute += everyMinutes) {
      const t = hour * 60 + minute;
      if (t >= from && t < to) minutes.push(minute);
    }
    if (minutes.length > 0) {
      const key =
        minutes.length === 60 / everyMinutes
          ? everyMinutes === 60
            ? '0'
            : `0/${everyMinutes}`
          : minutes.join(',');
      byMinuteSet.set(key, [...(byMinuteSet.get(key) ?? []), hour]);
    }
    if (!minutes.includes(0)) outOfHours.push(hour);
  }
  const days = cronDays(workingDays);
  const crons = [...byMinuteSet].map(([minutes, hourList], i) => ({
    name: i === 0 ? 'sweep-working-hours' : `sweep-working-hours-${i + 1}`,
    cron: `${minutes} ${cronList(hourList)} ? * ${days} *`,
  }));
  if (outOfHours.length > 0)
    crons.push({ name: 'sweep-out-of-hours', cron: `0 ${cronList(outOfHours)} ? * ${days} *` });
  const closedDays = WEEKDAYS.filter((d) => !workingDays.includes(d));
  if (closedDays.length > 0)
    crons.push({ name: 'sweep-closed-days', cron: `0 * ? * ${cronDays(closedDays)} *` });
  return crons;
}

export function minutesOfDay(time: string): number {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
}

/** [0,1,2,3,17,18] → "0-3,17-18" */
function cronList(values: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === (values[j] as number) + 1) j++;
    parts.push(j > i ? `${values[i]}-${values[j]}` : `${values[i]}`);
    i = j + 1;
  }
  return parts.join(',');
}
