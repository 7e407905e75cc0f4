/**
 * Writes the Great Britain slice of date-holidays' data to lambdas/core/calendar/gb-holidays.json.
 * Lambda bundles import that file instead of the whole world's holidays (about 1 MB), keeping them small.
 * Run after upgrading date-holidays: `npm run gen:holidays`. A unit test fails when the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { data } from 'date-holidays/data';

export const GB_HOLIDAYS_FILE = join(__dirname, '..', 'lambdas', 'core', 'calendar', 'gb-holidays.json');

export function extractGbHolidays(): string {
  const world = data as {
    version: string;
    license: string;
    holidays: { GB: unknown };
    names: Record<string, unknown>;
  };
  const gb = world.holidays.GB;
  const referencedNames = new Set<string>();
  JSON.stringify(gb, (key, value: unknown) => {
    if (key === '_name' && typeof value === 'string') referencedNames.add(value);
    return value;
  });
  // 'substitutes' names the "(substitute day)" suffix
  referencedNames.add('substitutes');
  const names = Object.fromEntries([...referencedNames].sort().map((name) => [name, world.names[name]]));
  return `${JSON.stringify({ version: world.version, license: world.license, holidays: { GB: gb }, names })}\n`;
}

if (require.main === module) {
  writeFileSync(GB_HOLIDAYS_FILE, extractGbHolidays());
  console.log(`wrote ${GB_HOLIDAYS_FILE}`);
}
