import type { Config } from '../config/schema';
import { addDays, localDateTime, localInstant, type IsoDate } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { minutesOfDay } from './minutes';

/**
 * What a sweep tick does. Every tick alerts urgent mentions at once; the modes differ in what happens to the rest:
 * - `working-hours`: a tick on the `everyMinutes` grid (or at exactly `workingHours.to`) sends one alert email
 *   with every mention found since the last such email;
 * - `between-alerts`: a tick in working hours between those (the urgent cadence is finer) records the rest for
 *   the next alert email;
 * - `out-of-hours`: the rest is recorded for the next briefing.
 */
export type SweepMode = 'working-hours' | 'between-alerts' | 'out-of-hours';

/**
 * The mode of a sweep tick, or undefined when the tick is not one the plan asked for (the working-day cron fires on
 * bank holidays too, where only the urgent cadence applies).
 */
export function sweepModeAt(
  config: Config,
  calendar: WorkingCalendar,
  instant: string,
): SweepMode | undefined {
  const sweeps = config.sweeps;
  if (!sweeps) return undefined;
  const { date, time } = localDateTime(instant, config.organisation.timezone);
  const t = minutesOfDay(time);
  if (isWorkingTime(config, calendar, date, time)) {
    const onAlertGrid = t % sweeps.everyMinutes === 0 || t === minutesOfDay(sweeps.workingHours.to);
    return onAlertGrid ? 'working-hours' : 'between-alerts';
  }
  return t % sweeps.urgentEveryMinutes === 0 ? 'out-of-hours' : undefined;
}

/**
 * Inside working hours on a working day. The end is included: the sweep at exactly `workingHours.to` is the
 * day's last working-hours sweep, so nothing posted before the end waits for the next briefing.
 */
export function isWorkingTime(
  config: Config,
  calendar: WorkingCalendar,
  date: IsoDate,
  time: string,
): boolean {
  const hours = config.sweeps?.workingHours;
  if (!hours || !calendar.isWorkingDay(date)) return false;
  const t = minutesOfDay(time);
  return t >= minutesOfDay(hours.from) && t <= minutesOfDay(hours.to);
}

/**
 * The briefing before the one on `date`: the last working day's, so Monday's covers Friday's afternoon and the
 * weekend, and the day after a bank holiday covers the holiday too.
 */
export function previousBriefingInstant(config: Config, calendar: WorkingCalendar, date: IsoDate): string {
  let day = addDays(date, -1);
  for (let i = 0; i < 400 && !calendar.isWorkingDay(day); i++) day = addDays(day, -1);
  return briefingInstant(config, day);
}

/**
 * The last briefing due at or before `instant`: what was found before it was the briefing's to report, and
 * what was found since is for the next alert email or briefing.
 */
export function latestBriefingInstant(config: Config, calendar: WorkingCalendar, instant: string): string {
  const { date } = localDateTime(instant, config.organisation.timezone);
  const today = briefingInstant(config, date);
  return calendar.isWorkingDay(date) && Date.parse(today) <= Date.parse(instant)
    ? today
    : previousBriefingInstant(config, calendar, date);
}

function briefingInstant(config: Config, date: IsoDate): string {
  return localInstant(date, config.duty.briefingAt, config.organisation.timezone).toUtcIso();
}
