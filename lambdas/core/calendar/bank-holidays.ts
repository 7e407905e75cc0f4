import type { BankHolidayRegion } from '../config/vocabulary';
import table from './uk-bank-holidays.json';

/** Bank holidays (substitute days included) of one UK nation, from the table scripts/extract-gb-holidays.ts writes. */
export class BankHolidays {
  private readonly byDate: ReadonlyMap<string, string>;

  constructor(private readonly region: BankHolidayRegion) {
    const entries = region === 'none' ? [] : table[region];
    this.byDate = new Map(
      entries.map((line) => [line.slice(0, 10), table.names[Number(line.slice(11))] ?? 'bank holiday']),
    );
  }

  /** the holiday's name, or undefined when `date` (YYYY-MM-DD) is not a bank holiday */
  nameOf(date: string): string | undefined {
    if (this.region !== 'none') {
      const year = Number(date.slice(0, 4));
      if (year < table.firstYear || year > table.lastYear) {
        throw new RangeError(
          `bank holidays are known for ${table.firstYear}–${table.lastYear} only (asked about ${date}); extend them with \`npm run gen:holidays\``,
        );
      }
    }
    return this.byDate.get(date);
  }
}
