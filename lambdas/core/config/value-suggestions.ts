import { WEEKDAYS, type Weekday } from './vocabulary';

/**
 * What the comms lead probably meant when a day, time or date is written the way people write them in
 * e-mails: `Mon`, `4pm`, `10.30`, `24/12/2026`. Each returns the value as the config wants it, or undefined
 * when there is no safe guess (a guess that might be wrong is worse than the plain rule).
 */

const FULL_DAY_NAMES: Record<Weekday, string> = {
  mon: 'monday',
  tue: 'tuesday',
  wed: 'wednesday',
  thu: 'thursday',
  fri: 'friday',
  sat: 'saturday',
  sun: 'sunday',
};

export interface DaySuggestion {
  day: Weekday;
  /** true when only the case was wrong (`Mon`), false for a longer name (`thursday`, `Tues`) */
  caseOnly: boolean;
}

export function suggestDay(value: unknown): DaySuggestion | undefined {
  if (typeof value !== 'string') return undefined;
  const lower = value.trim().toLowerCase();
  const exact = WEEKDAYS.find((day) => day === lower);
  if (exact) return { day: exact, caseOnly: true };
  if (lower.length < 3) return undefined;
  const named = WEEKDAYS.find((day) => FULL_DAY_NAMES[day].startsWith(lower));
  return named ? { day: named, caseOnly: false } : undefined;
}

/** `"10:30"` for 10.30, 1030, 9:30 or 10:30am; `"16:00"` for 4pm or 4 p.m. A bare hour (`4`) is not guessed. */
export function suggestTime(source: string): string | undefined {
  const written = unquoted(source)
    .toLowerCase()
    .replace(/\s+/g, '')
    .replace(/([ap])\.m\.?$/, '$1m');
  const compact = /^(\d{2})(\d{2})$/.exec(written);
  if (compact) return clockTime(Number(compact[1]), Number(compact[2]));
  const match = /^(\d{1,2})(?:[:.,h](\d{2})(?::00)?)?(am|pm)?$/.exec(written);
  if (!match || (match[2] === undefined && match[3] === undefined)) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? '0');
  if (match[3]) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (match[3] === 'pm' ? 12 : 0);
  }
  return clockTime(hour, minute);
}

function clockTime(hour: number, minute: number): string | undefined {
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/**
 * `2026-12-24` for 24/12/2026, 24.12.26, 2026/12/24 or 24 December 2026. Day first, as written in the UK;
 * month first only when day first cannot be a date (12/24/2026).
 */
export function suggestDate(source: string): string | undefined {
  const written = unquoted(source).trim().toLowerCase();
  const yearFirst = /^(\d{4})[/.\-\s](\d{1,2})[/.\-\s](\d{1,2})$/.exec(written);
  if (yearFirst) return isoDate(Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const dayFirst = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{4}|\d{2})$/.exec(written);
  if (dayFirst) {
    const year = fullYear(dayFirst[3] as string);
    const [a, b] = [Number(dayFirst[1]), Number(dayFirst[2])];
    return isoDate(year, b, a) ?? isoDate(year, a, b);
  }
  const dayMonth = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$/.exec(written);
  if (dayMonth) return namedDate(dayMonth[3] as string, dayMonth[2] as string, dayMonth[1] as string);
  const monthDay = /^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(written);
  if (monthDay) return namedDate(monthDay[3] as string, monthDay[1] as string, monthDay[2] as string);
  return undefined;
}

function namedDate(year: string, monthName: string, day: string): string | undefined {
  const month = monthNumber(monthName);
  return month ? isoDate(Number(year), month, Number(day)) : undefined;
}

function monthNumber(name: string): number | undefined {
  if (name.length < 3) return undefined;
  const index = MONTHS.findIndex((month) => month.startsWith(name));
  return index < 0 ? undefined : index + 1;
}

function fullYear(written: string): number {
  return written.length === 2 ? 2000 + Number(written) : Number(written);
}

function isoDate(year: number, month: number, day: number): string | undefined {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return undefined;
  }
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** the text inside matching quotes, for a value the file wrote as `"4pm"` */
function unquoted(source: string): string {
  const trimmed = source.trim();
  const first = trimmed[0];
  if (trimmed.length >= 2 && (first === '"' || first === "'") && trimmed.endsWith(first)) {
    return trimmed.slice(1, -1);
  }
  return trimmed;
}
