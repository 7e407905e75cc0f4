import type { BankHolidayRegion } from '../config/vocabulary';
import table from './uk-bank-holidays.json';

/** The years the bank-holiday table covers; a date outside them cannot be planned. */
export const KNOWN_YEARS = { first: table.firstYear, last: table.lastYear } as const;

/** Asked about a date the bank-holiday table does not cover: a user error at the CLI, a bug elsewhere. */
export class OutsideKnownYearsError extends RangeError {
  constructor(readonly date: string) {
    super(
      `bank holidays are known for ${table.firstYear}–${table.lastYear} only (asked about ${date}); extend them with \`npm run gen:holidays\``,
    );
    this.name = 'OutsideKnownYearsError';
  }
}

/**
 * Bank holidays of one UK nation as GOV.UK lists them, from the table scripts/extract-gb-holidays.ts writes:
 * a holiday falling at a weekend is its substitute weekday only, so Saturday 26 December 2026 is not one
 * (Monday 28th is), and a team that works Saturdays works it.
 */
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
        throw new OutsideKnownYearsError(date);
      }
    }
    return this.byDate.get(date);
  }
}
