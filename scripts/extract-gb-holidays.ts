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
 * `names`.
 */
export function extractGbHolidays(): string {
  const names: string[] = [];
  const table: Record<string, unknown> = { firstYear: FIRST_YEAR, lastYear: LAST_YEAR, names };
  for (const [region, code] of Object.entries(REGIONS)) {
    const holidays = new Holidays('GB', code, { languages: ['en'], types: ['public', 'bank'] });
    const dates: string[] = [];
    for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
      for (const h of holidays.getHolidays(year)) {
        if (h.type !== 'public' && h.type !== 'bank') continue;
        if (!names.includes(h.name)) names.push(h.name);
        dates.push(`${h.date.slice(0, 10)} ${names.indexOf(h.name)}`);
      }
    }
    table[region] = dates;
  }
  return `${JSON.stringify(table)}\n`;
}

if (require.main === module) {
  writeFileSync(GB_HOLIDAYS_FILE, extractGbHolidays());
  console.log(`wrote ${GB_HOLIDAYS_FILE}`);
}
