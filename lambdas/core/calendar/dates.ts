import { WEEKDAYS, type Weekday } from '../config/vocabulary';
import { instantOfWallTime, wallClock, ZonedInstant } from './zoned-time';

export { ZonedInstant } from './zoned-time';

/**
 * Calendar dates are `YYYY-MM-DD` strings in the organisation's time zone. Date arithmetic runs in UTC,
 * where every day has 24 hours; instants are only made in `localInstant`, in the real zone.
 */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/** Plain UTC arithmetic: planning a year calls this tens of thousands of times. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: IsoDate): Weekday {
  // getUTCDay counts from Sunday; WEEKDAYS starts on Monday
  return WEEKDAYS[(new Date(utcMidnight(date)).getUTCDay() + 6) % 7] as Weekday;
}

function utcMidnight(date: IsoDate): number {
  const millis = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  if (Number.isNaN(millis) || date.length !== 10) throw new RangeError(`not a date as YYYY-MM-DD: ${date}`);
  return millis;
}

export function* eachDate(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  for (let date = from; date <= to; date = addDays(date, 1)) yield date;
}

/** The instant a local wall-clock time (`HH:MM`) happens on a date, with the offset in force then. */
export function localInstant(date: IsoDate, time: string, zone: string): ZonedInstant {
  const key = `${date}T${time} ${zone}`;
  let instant = instants.get(key);
  if (!instant) {
    const [hour, minute] = time.split(':').map(Number) as [number, number];
    instant = instantOfWallTime(
      {
        year: Number(date.slice(0, 4)),
        month: Number(date.slice(5, 7)),
        day: Number(date.slice(8, 10)),
        hour,
        minute,
        second: 0,
      },
      zone,
    );
    if (!Number.isFinite(instant.epochMs))
      throw new RangeError(`not a local time: ${date} ${time} in ${zone}`);
    // instants are immutable, and planning asks for the same ones again and again
    if (instants.size >= INSTANT_LIMIT) instants.clear();
    instants.set(key, instant);
  }
  return instant;
}

const INSTANT_LIMIT = 5000;
const instants = new Map<string, ZonedInstant>();

/** ISO 8601 with the local offset, as in `preview --json`: `2026-12-23T16:00:00+00:00`. */
export function isoWithOffset(instant: ZonedInstant): string {
  return instant.toOffsetIso();
}

/** Canonical UTC form used for claim keys: `2026-12-23T16:00:00Z`. */
export function canonicalUtc(instant: ZonedInstant | Date | string): string {
  return `${new Date(epochOf(instant)).toISOString().slice(0, 19)}Z`;
}

/** The local date and `HH:MM` of an instant in a zone. */
export function localDateTime(
  instant: ZonedInstant | Date | string,
  zone: string,
): { date: IsoDate; time: string } {
  const clock = wallClock(epochOf(instant), zone);
  return {
    date: `${String(clock.year).padStart(4, '0')}-${two(clock.month)}-${two(clock.day)}`,
    time: `${two(clock.hour)}:${two(clock.minute)}`,
  };
}

/** Milliseconds since the epoch of an instant given as a ZonedInstant, a Date or an ISO 8601 string. */
export function epochOf(instant: ZonedInstant | Date | string): number {
  const epochMs =
    typeof instant === 'string'
      ? Date.parse(instant)
      : instant instanceof Date
        ? instant.getTime()
        : instant.epochMs;
  if (Number.isNaN(epochMs)) throw new RangeError(`not an instant: ${String(instant)}`);
  return epochMs;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** English names, spelt out here rather than asked of Intl: the same on every machine, and far quicker. */
export const DAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `Tuesday 29 December` */
export function longDay(date: IsoDate): string {
  return `${weekdayName(date)} ${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]}`;
}

/** `Monday` */
export function weekdayName(date: IsoDate): string {
  return DAY_NAMES[WEEKDAYS.indexOf(weekdayOf(date))] as string;
}

/** `Sat 5 Dec`, British short forms (`Sept`) */
export function shortDay(date: IsoDate): string {
  const month = Number(date.slice(5, 7));
  const name = month === 9 ? 'Sept' : (MONTH_NAMES[month - 1] as string).slice(0, 3);
  return `${weekdayName(date).slice(0, 3)} ${Number(date.slice(8, 10))} ${name}`;
}

/** `Tuesday 29 December at 10:30`, or with the year `Tuesday 29 December 2026 at 10:30`, in the zone */
export function localDayAt(
  instant: ZonedInstant | Date | string,
  zone: string,
  options: { year?: boolean } = {},
): string {
  const { date, time } = localDateTime(instant, zone);
  return `${longDay(date)}${options.year ? ` ${date.slice(0, 4)}` : ''} at ${time}`;
}
