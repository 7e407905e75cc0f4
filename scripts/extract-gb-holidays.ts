/**
 * Writes the UK bank holidays (substitute days included) of each nation for a span of years to
 * lambdas/core/calendar/uk-bank-holidays.json, computed with date-holidays. The core reads that small table, so
 * neither the CLI nor the Lambda bundles carry date-holidays and its astronomy and time zone libraries.
 * Run after upgrading date-holidays, or to extend the years: `npm run gen:holidays`. A test fails when stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Holidays from 'date-holidays';

export const GB_HOLIDAYS_FILE = join(__dirname, '..', 'lambdas', 'core', 'calendar', 'uk-bank-holidays.json');
export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2050;

const REGIONS = { 'england-and-wales': 'ENG', scotland: 'SCT', 'northern-ireland': 'NIR' } as const;

/**
 * Compact on purpose (it is bundled into every Lambda): each region lists `YYYY-MM-DD n`, where n indexes
 * `names`. The dates are GOV.UK's: a holiday that falls at a weekend is listed on its substitute weekday
 * only, never on the Saturday or Sunday as well, so a team that works weekends works that weekend day.
 */
export function extractGbHolidays(): string {
  const names: string[] = [];
  const table: Record<string, unknown> = { firstYear: FIRST_YEAR, lastYear: LAST_YEAR, names };
  for (const [region, code] of Object.entries(REGIONS)) {
    const holidays = new Holidays('GB', code, { languages: ['en'], types: ['public', 'bank'] });
    const dates: string[] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (const h of asGovUkLists(holidays.getHolidays(year), region)) {
        if (!names.includes(h.name)) names.push(h.name);
        dates.push(`${h.date} ${names.indexOf(h.name)}`);
      }
    }
    table[region] = dates;
  }
  return `${JSON.stringify(table)}\n`;
}

interface Holiday {
  date: string;
  name: string;
}

const SUBSTITUTE = ' (substitute day)';
/** how far after the weekend date its substitute can come: Christmas on a Saturday moves to Monday 27th */
const MAX_SUBSTITUTE_DAYS = 4;

/**
 * date-holidays lists a weekend holiday twice, on the day itself and on its substitute (`Boxing Day` on
 * Saturday 26 December 2026, `Boxing Day (substitute day)` on Monday 28th); GOV.UK lists the substitute
 * only. Fails when a weekend date is left that no substitute replaces: a new kind of holiday to look at
 * before the table is trusted.
 */
export function asGovUkLists(
  computed: ReadonlyArray<{ date: string; name: string; type: string }>,
  region: string,
): Holiday[] {
  const holidays = computed
    .filter((h) => h.type === 'public' || h.type === 'bank')
    .map((h) => ({ date: h.date.slice(0, 10), name: h.name }));
  const replaced = new Set(
    holidays
      .filter((h) => h.name.endsWith(SUBSTITUTE))
      .map((substitute) => {
        const name = substitute.name.slice(0, -SUBSTITUTE.length);
        const original = holidays.find(
          (h) =>
            h.name === name &&
            daysBetween(h.date, substitute.date) > 0 &&
            daysBetween(h.date, substitute.date) <= MAX_SUBSTITUTE_DAYS,
        );
        if (!original)
          throw new Error(`${region}: ${substitute.name} on ${substitute.date} replaces nothing`);
        return original;
      }),
  );
  const listed = holidays.filter((h) => !replaced.has(h));
  const weekend = listed.find((h) => isWeekend(h.date));
  if (weekend)
    throw new Error(`${region}: ${weekend.name} on ${weekend.date} is a weekend date with no substitute`);
  return listed;
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

if (require.main === module) {
  writeFileSync(GB_HOLIDAYS_FILE, extractGbHolidays());
  console.log(`wrote ${GB_HOLIDAYS_FILE}`);
}
