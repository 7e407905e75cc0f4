import { KNOWN_YEARS } from '../lambdas/core/calendar/bank-holidays';
import { addDays, localDateTime, shortDay } from '../lambdas/core/calendar/dates';
import type { BankHolidayRegion } from '../lambdas/core/config/vocabulary';
import { UsageError } from './errors';

/** Today in the organisation's zone, or the `--today` override tests use. */
export function today(zone: string, override?: string): string {
  if (override) return requireDate('--today', override);
  return localDateTime(new Date(), zone).date;
}

export function requireDate(flag: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || addDays(value, 0) !== value) {
    throw new UsageError(`${flag} must be a date as YYYY-MM-DD (got "${value}")`);
  }
  return value;
}

/** `Wed 23 Dec 2026 16:00` in the organisation's zone (British short forms: `Sept`) */
export function shortLocal(iso: string, zone: string): string {
  const { date, time } = localDateTime(iso, zone);
  return `${shortDay(date)} ${date.slice(0, 4)} ${time}`;
}

/** Refuses a range the bank-holiday table does not cover, naming the flag's date, before any planning starts. */
export function requireKnownYears(from: string, to: string, region: BankHolidayRegion): void {
  if (region === 'none') return;
  for (const [flag, date] of [
    ['--from', from],
    ['--to', to],
  ] as const) {
    const year = Number(date.slice(0, 4));
    if (year < KNOWN_YEARS.first || year > KNOWN_YEARS.last)
      throw new UsageError(
        `${flag} ${date} is outside ${KNOWN_YEARS.first}–${KNOWN_YEARS.last}, the years whose bank holidays this version knows`,
      );
  }
}
