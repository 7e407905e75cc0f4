import HolidaysParser from 'date-holidays-parser';
import type { BankHolidayRegion } from '../config/schema';
import gbHolidays from './gb-holidays.json';

const REGION_CODES: Record<Exclude<BankHolidayRegion, 'none'>, string> = {
  'england-and-wales': 'ENG',
  scotland: 'SCT',
  'northern-ireland': 'NIR',
};

/** Bank holidays (substitute days included) of one UK nation, by ISO date, computed once per year. */
export class BankHolidays {
  private readonly parser: HolidaysParser | undefined;
  private readonly byYear = new Map<number, Map<string, string>>();

  constructor(region: BankHolidayRegion) {
    this.parser =
      region === 'none'
        ? undefined
        : new HolidaysParser(gbHolidays as never, 'GB', REGION_CODES[region], {
            languages: ['en'],
            types: ['public', 'bank'],
          });
  }

  /** the holiday's name, or undefined when `date` (YYYY-MM-DD) is not a bank holiday */
  nameOf(date: string): string | undefined {
    return this.year(Number(date.slice(0, 4))).get(date);
  }

  private year(year: number): Map<string, string> {
    let holidays = this.byYear.get(year);
    if (!holidays) {
      holidays = new Map();
      for (const holiday of this.parser?.getHolidays(year) ?? []) {
        if (holiday.type === 'public' || holiday.type === 'bank')
          holidays.set(holiday.date.slice(0, 10), holiday.name);
      }
      this.byYear.set(year, holidays);
    }
    return holidays;
  }
}
