import { DateTime } from 'luxon';
import { WEEKDAYS, type Weekday } from '../config/vocabulary';

/**
 * Calendar dates are `YYYY-MM-DD` strings in the organisation's time zone. Date arithmetic runs on luxon in
 * UTC, where every day has 24 hours; instants are only made in `localInstant`, in the real zone.
 */
export type IsoDate = string;

export function addDays(date: IsoDate, days: number): IsoDate {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() as IsoDate;
}

export function weekdayOf(date: IsoDate): Weekday {
  return WEEKDAYS[DateTime.fromISO(date, { zone: 'utc' }).weekday - 1] as Weekday;
}

export function* eachDate(from: IsoDate, to: IsoDate): Generator<IsoDate> {
  for (let date = from; date <= to; date = addDays(date, 1)) yield date;
}

/** The instant a local wall-clock time happens on a date, with the offset in force then. */
export function localInstant(date: IsoDate, time: string, zone: string): DateTime {
  return DateTime.fromISO(`${date}T${time}`, { zone });
}

/** ISO 8601 with the local offset, as in `preview --json`: `2026-12-23T16:00:00+00:00`. */
export function isoWithOffset(instant: DateTime): string {
  return instant.toISO({ suppressMilliseconds: true, includeOffset: true }) as string;
}

/** Canonical UTC form used for claim keys: `2026-12-23T16:00:00Z`. */
export function canonicalUtc(instant: DateTime | Date | string): string {
  return toDateTime(instant).toUTC().set({ millisecond: 0 }).toISO({ suppressMilliseconds: true }) as string;
}

/** The local date and `HH:MM` of an instant in a zone. */
export function localDateTime(
  instant: DateTime | Date | string,
  zone: string,
): { date: IsoDate; time: string } {
  const local = toDateTime(instant).setZone(zone);
  return { date: local.toISODate() as IsoDate, time: local.toFormat('HH:mm') };
}

/** `Tuesday 29 December` */
export function longDay(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('cccc d LLLL');
}

/** `Monday` */
export function weekdayName(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: 'utc' }).setLocale('en-GB').toFormat('cccc');
}

function toDateTime(instant: DateTime | Date | string): DateTime {
  if (typeof instant === 'string') return DateTime.fromISO(instant, { setZone: true });
  return instant instanceof Date ? DateTime.fromJSDate(instant) : instant;
}
