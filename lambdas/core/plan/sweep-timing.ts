import type { Config } from '../config/schema';
import { addDays, localDateTime, localInstant, type IsoDate } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { minutesOfDay } from './schedule-plan';

export type SweepMode = 'working-hours' | 'out-of-hours';

/**
 * Whether a sweep tick should run, and in which mode. The working-hours schedule fires on every working weekday,
 * bank holidays included; on those days only the hourly ticks run, as out-of-hours sweeps.
 */
export function sweepModeAt(
  config: Config,
  calendar: WorkingCalendar,
  instant: string,
): SweepMode | undefined {
  if (!config.sweeps) return undefined;
  const { date, time } = localDateTime(instant, config.organisation.timezone);
  if (isWorkingTime(config, calendar, date, time)) return 'working-hours';
  return time.endsWith(':00') ? 'out-of-hours' : undefined;
}

export function isWorkingTime(
  config: Config,
  calendar: WorkingCalendar,
  date: IsoDate,
  time: string,
): boolean {
  const hours = config.sweeps?.workingHours;
  if (!hours || !calendar.isWorkingDay(date)) return false;
  const t = minutesOfDay(time);
  return t >= minutesOfDay(hours.from) && t < minutesOfDay(hours.to);
}

/**
 * The briefing before the one on `date`: the last working day's, so Monday's covers Friday's afternoon and the
 * weekend, and the day after a bank holiday covers the holiday too.
 */
export function previousBriefingInstant(config: Config, calendar: WorkingCalendar, date: IsoDate): string {
  let day = addDays(date, -1);
  for (let i = 0; i < 400 && !calendar.isWorkingDay(day); i++) day = addDays(day, -1);
  return localInstant(day, config.duty.briefingAt, config.organisation.timezone).toUTC().toISO() as string;
}
