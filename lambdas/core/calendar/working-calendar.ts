import type { Config, PauseConfig, PostConfig } from '../config/schema';
import { BankHolidays } from './bank-holidays';
import { addDays, longDay, weekdayName, weekdayOf, type IsoDate } from './dates';

export type NonWorkingReason = 'bank holiday' | 'closure' | 'non-working day';
export type ClosedPeriodName = 'weekend' | 'bank holiday weekend' | 'bank holiday' | 'holiday';

/** A run of non-working days between a closing day and the reopening day. */
export interface ClosedPeriod {
  /** last working day before the period: the sign-off goes out on it */
  closingDay: IsoDate;
  /** first working day after it */
  reopenDay: IsoDate;
  closedDates: IsoDate[];
  name: ClosedPeriodName;
}

/** Long closures (a whole summer shutdown) are fine; this only stops a config with no working days at all. */
const MAX_CLOSED_RUN = 400;

/** The organisation's working calendar: which days are worked, closed periods, pauses and who is on duty. */
export class WorkingCalendar {
  private readonly holidays: BankHolidays;
  private readonly closures: Set<IsoDate>;

  constructor(private readonly config: Config) {
    this.holidays = new BankHolidays(config.organisation.bankHolidays);
    this.closures = new Set(config.organisation.closures);
  }

  get timezone(): string {
    return this.config.organisation.timezone;
  }

  bankHolidayName(date: IsoDate): string | undefined {
    return this.holidays.nameOf(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.nonWorkingReason(date) === undefined;
  }

  /** why a date is not worked: a bank holiday before a closure, a closure before the day of the week */
  nonWorkingReason(date: IsoDate): NonWorkingReason | undefined {
    if (this.holidays.nameOf(date)) return 'bank holiday';
    if (this.closures.has(date)) return 'closure';
    if (!this.config.organisation.workingDays.includes(weekdayOf(date))) return 'non-working day';
    return undefined;
  }

  isClosingDay(date: IsoDate): boolean {
    return this.isWorkingDay(date) && !this.isWorkingDay(addDays(date, 1));
  }

  isReopeningDay(date: IsoDate): boolean {
    return this.isWorkingDay(date) && !this.isWorkingDay(addDays(date, -1));
  }

  /** the closed period that starts the day after `closingDay`, if that is a closing day */
  closedPeriodAfter(closingDay: IsoDate): ClosedPeriod | undefined {
    if (!this.isClosingDay(closingDay)) return undefined;
    const closedDates: IsoDate[] = [];
    let date = addDays(closingDay, 1);
    while (!this.isWorkingDay(date)) {
      if (closedDates.length >= MAX_CLOSED_RUN) return undefined;
      closedDates.push(date);
      date = addDays(date, 1);
    }
    return { closingDay, reopenDay: date, closedDates, name: this.nameClosedPeriod(closedDates) };
  }

  /** the closed period that ends the day before `reopenDay`, if that is a reopening day */
  closedPeriodBefore(reopenDay: IsoDate): ClosedPeriod | undefined {
    if (!this.isReopeningDay(reopenDay)) return undefined;
    let date = addDays(reopenDay, -1);
    for (let steps = 0; !this.isWorkingDay(date); steps++) {
      if (steps >= MAX_CLOSED_RUN) return undefined;
      date = addDays(date, -1);
    }
    return this.closedPeriodAfter(date);
  }

  /** the next closed period whose closing day is on or after `date` */
  nextClosedPeriod(date: IsoDate, horizonDays = 400): ClosedPeriod | undefined {
    for (let day = date, i = 0; i < horizonDays; day = addDays(day, 1), i++) {
      const period = this.closedPeriodAfter(day);
      if (period) return period;
    }
    return undefined;
  }

  /** placeholder values for the sign-off that starts this closed period */
  closingPlaceholders(period: ClosedPeriod): { reopenDay: string; reopenDate: string; closedPeriod: string } {
    const reopenDate = longDay(period.reopenDay);
    return {
      reopenDay: period.name === 'weekend' ? weekdayName(period.reopenDay) : reopenDate,
      reopenDate,
      closedPeriod: period.name,
    };
  }

  pauseOn(date: IsoDate): PauseConfig | undefined {
    return this.config.pauses.find((pause) => pause.from <= date && date <= pause.until);
  }

  inCampaign(post: PostConfig, date: IsoDate): boolean {
    return (!post.from || post.from <= date) && (!post.until || date <= post.until);
  }

  /** `duty.overrides` for the date, else the rota for its weekday, else the fallback */
  dutyPerson(date: IsoDate): string {
    const { duty } = this.config;
    return duty.overrides.find((o) => o.date === date)?.to ?? duty.rota[weekdayOf(date)] ?? duty.fallback;
  }

  private nameClosedPeriod(dates: IsoDate[]): ClosedPeriodName {
    const weekdays = dates.map(weekdayOf);
    const isWeekend = (date: IsoDate, i: number) => weekdays[i] === 'sat' || weekdays[i] === 'sun';
    if (dates.length === 2 && weekdays[0] === 'sat' && weekdays[1] === 'sun') return 'weekend';
    const allHolidayOrWeekend = dates.every((date, i) => isWeekend(date, i) || this.holidays.nameOf(date));
    const hasWeekend = dates.some(isWeekend);
    const hasHoliday = dates.some((date) => this.holidays.nameOf(date));
    if (hasWeekend && hasHoliday && allHolidayOrWeekend) return 'bank holiday weekend';
    if (!hasWeekend && dates.every((date) => this.holidays.nameOf(date))) return 'bank holiday';
    return 'holiday';
  }
}
