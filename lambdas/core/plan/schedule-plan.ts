import type { Config } from '../config/schema';
import { WEEKDAYS, type Weekday } from '../config/vocabulary';
import { minutesOfDay } from './minutes';
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
    sweepCrons(config.sweeps, workingDays).forEach(({ name, cron }) =>
      plan.push(entry(name, cron, 'sweep', { kind: 'sweep' })),
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
 * Sweep ticks. Every source is swept every `urgentEveryMinutes` round the clock, so an urgent mention waits at most
 * that long; inside working hours the `everyMinutes` ticks (and one at exactly `workingHours.to`) are added, which
 * send the alert emails. Hours with the same minutes share one cron, so the default config needs two schedules.
 * Which tick does what is decided by the handler (sweep-timing.ts), so a bank holiday needs no schedule of its own.
 */
function sweepCrons(
  sweeps: { everyMinutes: number; urgentEveryMinutes: number; workingHours: { from: string; to: string } },
  workingDays: readonly Weekday[],
): Array<{ name: string; cron: string }> {
  const from = minutesOfDay(sweeps.workingHours.from);
  const to = minutesOfDay(sweeps.workingHours.to);
  const hoursByMinutes = new Map<string, number[]>();
  for (let hour = 0; hour < 24; hour++) {
    const minutes: number[] = [];
    for (let minute = 0; minute < 60; minute++) {
      const t = hour * 60 + minute;
      const urgentTick = minute % sweeps.urgentEveryMinutes === 0;
      const alertTick = t >= from && t <= to && (minute % sweeps.everyMinutes === 0 || t === to);
      if (urgentTick || alertTick) minutes.push(minute);
    }
    const key = minuteField(minutes, sweeps.urgentEveryMinutes);
    hoursByMinutes.set(key, [...(hoursByMinutes.get(key) ?? []), hour]);
  }
  const days = cronDays(workingDays);
  const crons = [...hoursByMinutes].map(([minutes, hours], i) => ({
    name: i === 0 ? 'sweep-working-days' : `sweep-working-days-${i + 1}`,
    cron: `${minutes} ${hours.length === 24 ? '*' : cronList(hours)} ? * ${days} *`,
  }));
  const closedDays = WEEKDAYS.filter((d) => !workingDays.includes(d));
  if (closedDays.length > 0) {
    crons.push({
      name: 'sweep-closed-days',
      cron: `${minuteField(everyNth(sweeps.urgentEveryMinutes), sweeps.urgentEveryMinutes)} * ? * ${cronDays(closedDays)} *`,
    });
  }
  return crons;
}

function everyNth(step: number): number[] {
  return Array.from({ length: 60 / step }, (_, i) => i * step);
}

/** `0/5` for every fifth minute, `0` for on the hour, else the list: `0,15,30,45` */
function minuteField(minutes: number[], step: number): string {
  const regular = minutes.length === 60 / step && minutes.every((m, i) => m === i * step);
  if (!regular) return minutes.join(',');
  return step === 60 ? '0' : `0/${step}`;
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
