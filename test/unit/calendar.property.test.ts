import fc from 'fast-check';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { addDays, eachDate, localDateTime } from '../../lambdas/core/calendar/dates';
import { previewActions } from '../../lambdas/core/plan/preview';
import { BANK_HOLIDAY_REGIONS, WEEKDAYS } from '../../lambdas/core/config/schema';
import { configWith } from '../support/example-config';

const isoDate = (min: string, max: string) =>
  fc
    .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));

const scenario = fc.record({
  workingDays: fc.subarray([...WEEKDAYS], { minLength: 1 }),
  bankHolidays: fc.constantFrom(...BANK_HOLIDAY_REGIONS),
  closures: fc.uniqueArray(isoDate('2024-01-01', '2028-12-31'), { maxLength: 12 }),
  from: isoDate('2024-01-01', '2028-10-01'),
  days: fc.integer({ min: 1, max: 90 }),
});

describe('sign-offs and reopenings over random calendars (property)', () => {
  it('every sign-off is on a working day before a non-working day, none is missing, and each reopening is the first working day after', () => {
    fc.assert(
      fc.property(scenario, ({ workingDays, bankHolidays, closures, from, days }) => {
        const config = configWith((c) => {
          Object.assign(c.organisation as object, { workingDays, bankHolidays, closures });
          c.pauses = [];
        });
        const calendar = new WorkingCalendar(config);
        const to = addDays(from, days);
        const actions = previewActions(config, calendar, from, to).actions;
        const dateOf = (at: string) => localDateTime(at, 'Europe/London').date;
        const closingDates = actions.filter((a) => a.kind === 'closing').map((a) => dateOf(a.at));
        const reopeningDates = actions.filter((a) => a.kind === 'reopening').map((a) => dateOf(a.at));

        const expectedClosings = [...eachDate(from, to)].filter(
          (d) => calendar.isWorkingDay(d) && !calendar.isWorkingDay(addDays(d, 1)),
        );
        expect(closingDates).toEqual(expectedClosings);

        for (const closingDay of closingDates) {
          let reopen = addDays(closingDay, 1);
          while (!calendar.isWorkingDay(reopen)) reopen = addDays(reopen, 1);
          // the reopening falls on that first working day whenever it is inside the range
          if (reopen <= to) expect(reopeningDates).toContain(reopen);
          expect(calendar.closedPeriodAfter(closingDay)?.reopenDay).toBe(reopen);
        }
        for (const reopen of reopeningDates) {
          expect(calendar.isWorkingDay(reopen)).toBe(true);
          expect(calendar.isWorkingDay(addDays(reopen, -1))).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });
});
