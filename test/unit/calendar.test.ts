import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { BankHolidays } from '../../lambdas/core/calendar/bank-holidays';
import table from '../../lambdas/core/calendar/uk-bank-holidays.json';
import { asGovUkLists } from '../../scripts/extract-gb-holidays';
import { canonicalUtc, isoWithOffset, weekdayOf, type ZonedInstant } from '../../lambdas/core/calendar/dates';
import { postingOn, postingText } from '../../lambdas/core/plan/occurrences';
import type { Config } from '../../lambdas/core/config/schema';
import { configWith, sampleConfig } from '../support/example-config';

function closingOn(config: Config, date: string) {
  const calendar = new WorkingCalendar(config);
  const occurrence = postingOn(config, calendar, 'closing', 'closing', date);
  return occurrence && { occurrence, text: postingText(config, calendar, occurrence, 0, 'x'), calendar };
}

function utc(instant: ZonedInstant): string {
  return canonicalUtc(instant);
}

const withRegion = (region: string) =>
  configWith((c) => {
    (c.organisation as Record<string, unknown>).bankHolidays = region;
    (c.organisation as Record<string, unknown>).closures = [];
  });

describe('working calendar (England and Wales, the sample config)', () => {
  const config = sampleConfig();

  it('signs off an ordinary Friday in GMT at 16:00Z and says back on Monday', () => {
    const result = closingOn(config, '2026-11-27');
    expect(result && utc(result.occurrence.at)).toBe('2026-11-27T16:00:00Z');
    expect(result && isoWithOffset(result.occurrence.at)).toBe('2026-11-27T16:00:00+00:00');
    expect(result?.occurrence.period?.name).toBe('weekend');
    expect(result?.text).toContain('signing off for the weekend');
    expect(result?.text).toContain('back tweeting on Monday.');
  });

  it('signs off an ordinary Friday in BST at 15:00Z', () => {
    const result = closingOn(config, '2027-06-04');
    expect(result && utc(result.occurrence.at)).toBe('2027-06-04T15:00:00Z');
    expect(result && isoWithOffset(result.occurrence.at)).toBe('2027-06-04T16:00:00+01:00');
  });

  it('does not sign off on a Thursday before a working Friday', () => {
    expect(closingOn(config, '2026-11-26')).toBeUndefined();
  });

  it('handles Christmas 2026 with the 24 December closure and the Boxing Day substitute', () => {
    const calendar = new WorkingCalendar(config);
    expect(calendar.bankHolidayName('2026-12-28')).toMatch(/substitute/);
    expect(calendar.nonWorkingReason('2026-12-24')).toBe('closure');
    expect(calendar.nonWorkingReason('2026-12-25')).toBe('bank holiday');
    expect(closingOn(config, '2026-12-22')).toBeUndefined();
    const result = closingOn(config, '2026-12-23');
    expect(result && utc(result.occurrence.at)).toBe('2026-12-23T16:00:00Z');
    expect(result?.occurrence.period?.reopenDay).toBe('2026-12-29');
    expect(result?.occurrence.period?.name).toBe('holiday');
    expect(result?.text).toContain('back tweeting on Tuesday 29 December.');
    const reopening = postingOn(config, calendar, 'reopening', 'reopening', '2026-12-29');
    expect(reopening && utc(reopening.at)).toBe('2026-12-29T09:00:00Z');
    expect(postingOn(config, calendar, 'reopening', 'reopening', '2026-12-28')).toBeUndefined();
  });

  it('handles Easter 2027 across the clocks going forward', () => {
    const result = closingOn(config, '2027-03-25');
    expect(result && utc(result.occurrence.at)).toBe('2027-03-25T16:00:00Z');
    expect(result?.occurrence.period?.name).toBe('bank holiday weekend');
    expect(result?.text).toContain('back tweeting on Tuesday 30 March.');
    const calendar = new WorkingCalendar(config);
    const reopening = postingOn(config, calendar, 'reopening', 'reopening', '2027-03-30');
    expect(reopening && utc(reopening.at)).toBe('2027-03-30T08:00:00Z');
    expect(reopening && isoWithOffset(reopening.at)).toBe('2027-03-30T09:00:00+01:00');
  });

  it('handles a midweek bank holiday (Christmas 2024)', () => {
    const config2024 = configWith((c) => {
      (c.organisation as Record<string, unknown>).closures = [];
    });
    const result = closingOn(config2024, '2024-12-24');
    expect(result && utc(result.occurrence.at)).toBe('2024-12-24T16:00:00Z');
    expect(result?.occurrence.period?.closedDates).toEqual(['2024-12-25', '2024-12-26']);
    expect(result?.occurrence.period?.name).toBe('bank holiday');
    expect(result?.text).toContain('signing off for the bank holiday.');
    expect(result?.text).toContain('back tweeting on Friday 27 December.');
  });

  it('names the duty person from overrides, then the rota, then the fallback', () => {
    const calendar = new WorkingCalendar(config);
    expect(calendar.dutyPerson('2026-12-23')).toBe('jo.duty@leedsandyorkpft.nhs.uk');
    expect(calendar.dutyPerson('2026-12-30')).toBe('alex.duty@leedsandyorkpft.nhs.uk');
    expect(calendar.dutyPerson('2026-12-26')).toBe('comms.team@leedsandyorkpft.nhs.uk');
  });

  it('knows the pauses and campaign ranges', () => {
    const calendar = new WorkingCalendar(config);
    expect(calendar.pauseOn('2027-04-08')?.reason).toBe('Pre-election period');
    expect(calendar.pauseOn('2027-05-06')?.reason).toBe('Pre-election period');
    expect(calendar.pauseOn('2027-05-07')).toBeUndefined();
    const awards = config.posts.find((p) => p.id === 'staff-awards');
    expect(awards && calendar.inCampaign(awards, '2027-01-31')).toBe(true);
    expect(awards && calendar.inCampaign(awards, '2027-02-01')).toBe(false);
  });
});

describe('working calendar in Scotland and Northern Ireland', () => {
  it("treats Scotland's 2 January and St Andrew's Day as bank holidays", () => {
    const scotland = withRegion('scotland');
    const calendar = new WorkingCalendar(scotland);
    expect(calendar.nonWorkingReason('2026-01-02')).toBe('bank holiday');
    expect(calendar.nonWorkingReason('2026-11-30')).toBe('bank holiday');
    // Friday 27 November 2026 leads into Monday 30 November, St Andrew's Day
    const result = closingOn(scotland, '2026-11-27');
    expect(result?.occurrence.period?.reopenDay).toBe('2026-12-01');
    expect(result?.occurrence.period?.name).toBe('bank holiday weekend');
    expect(result?.text).toContain('back tweeting on Tuesday 1 December.');
    // in England the same Friday is an ordinary weekend
    expect(closingOn(withRegion('england-and-wales'), '2026-11-27')?.occurrence.period?.name).toBe('weekend');
    // Easter Monday is not a Scottish bank holiday
    expect(calendar.isWorkingDay('2027-03-29')).toBe(true);
  });

  it("treats Northern Ireland's St Patrick's Day as a bank holiday", () => {
    const ni = withRegion('northern-ireland');
    const calendar = new WorkingCalendar(ni);
    expect(calendar.nonWorkingReason('2027-03-17')).toBe('bank holiday');
    const result = closingOn(ni, '2027-03-16');
    expect(result?.occurrence.period?.name).toBe('bank holiday');
    expect(result?.text).toContain('back tweeting on Thursday 18 March.');
    expect(new WorkingCalendar(withRegion('england-and-wales')).isWorkingDay('2027-03-17')).toBe(true);
  });

  it('knows no bank holidays with bankHolidays: none', () => {
    const calendar = new WorkingCalendar(withRegion('none'));
    expect(calendar.isWorkingDay('2026-12-25')).toBe(true);
  });
});

describe('bank holidays as GOV.UK lists them: substitute days replace the weekend date', () => {
  const FIVE_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri'];
  const SEVEN_DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  const team = (workingDays: string[]) =>
    configWith((c) => {
      const organisation = c.organisation as Record<string, unknown>;
      organisation.workingDays = workingDays;
      organisation.bankHolidays = 'england-and-wales';
      organisation.closures = [];
    });

  it('lists Christmas 2026 on Friday 25 and the Boxing Day substitute on Monday 28, not on Saturday 26', () => {
    const holidays = new BankHolidays('england-and-wales');
    expect(holidays.nameOf('2026-12-25')).toBe('Christmas Day');
    expect(holidays.nameOf('2026-12-26')).toBeUndefined();
    expect(holidays.nameOf('2026-12-27')).toBeUndefined();
    expect(holidays.nameOf('2026-12-28')).toBe('Boxing Day (substitute day)');
  });

  it('lists Christmas 2027 (Saturday and Sunday) on Monday 27 and Tuesday 28 only', () => {
    const holidays = new BankHolidays('england-and-wales');
    expect(holidays.nameOf('2027-12-25')).toBeUndefined();
    expect(holidays.nameOf('2027-12-26')).toBeUndefined();
    expect(holidays.nameOf('2027-12-27')).toBe('Christmas Day (substitute day)');
    expect(holidays.nameOf('2027-12-28')).toBe('Boxing Day (substitute day)');
  });

  it.each(['england-and-wales', 'scotland', 'northern-ireland'] as const)(
    'never lists a Saturday or Sunday for %s',
    (region) => {
      const weekendDates = table[region]
        .map((line) => line.slice(0, 10))
        .filter((date) => ['sat', 'sun'].includes(weekdayOf(date)));
      expect(weekendDates).toEqual([]);
    },
  );

  it('moves the other weekend holidays of the three nations to their substitutes too', () => {
    // St Andrew's Day 2026 is a Monday; 2027 is a Tuesday; 2024 was a Saturday (substitute Monday 2 December)
    expect(new BankHolidays('scotland').nameOf('2024-11-30')).toBeUndefined();
    expect(new BankHolidays('scotland').nameOf('2024-12-02')).toBe('St Andrew’s Day (substitute day)');
    // Battle of the Boyne, Sunday 12 July 2026, is kept on Monday 13 July
    expect(new BankHolidays('northern-ireland').nameOf('2026-07-12')).toBeUndefined();
    expect(new BankHolidays('northern-ireland').nameOf('2026-07-13')).toMatch(/^Battle of the Boyne/);
  });

  describe('Christmas 2026 (25 Fri, 26 Sat, 28 Mon substitute)', () => {
    it('a five-day team: closed Friday to Monday, signs off on Thursday 24, back on Tuesday 29', () => {
      const config = team(FIVE_DAYS);
      const calendar = new WorkingCalendar(config);
      expect(calendar.nonWorkingReason('2026-12-25')).toBe('bank holiday');
      expect(calendar.nonWorkingReason('2026-12-26')).toBe('non-working day');
      expect(calendar.nonWorkingReason('2026-12-27')).toBe('non-working day');
      expect(calendar.nonWorkingReason('2026-12-28')).toBe('bank holiday');
      const result = closingOn(config, '2026-12-24');
      expect(result?.occurrence.period).toMatchObject({
        closingDay: '2026-12-24',
        reopenDay: '2026-12-29',
        closedDates: ['2026-12-25', '2026-12-26', '2026-12-27', '2026-12-28'],
        name: 'bank holiday weekend',
      });
      expect(result?.text).toContain('signing off for the bank holiday weekend.');
      expect(result?.text).toContain('back tweeting on Tuesday 29 December.');
    });

    it('a seven-day team: works Saturday 26 and Sunday 27; off on Friday 25 and Monday 28 only', () => {
      const config = team(SEVEN_DAYS);
      const calendar = new WorkingCalendar(config);
      expect(calendar.isWorkingDay('2026-12-24')).toBe(true);
      expect(calendar.nonWorkingReason('2026-12-25')).toBe('bank holiday');
      expect(calendar.isWorkingDay('2026-12-26')).toBe(true);
      expect(calendar.isWorkingDay('2026-12-27')).toBe(true);
      expect(calendar.nonWorkingReason('2026-12-28')).toBe('bank holiday');
      expect(calendar.isWorkingDay('2026-12-29')).toBe(true);

      const christmas = closingOn(config, '2026-12-24');
      expect(christmas?.occurrence.period).toMatchObject({
        reopenDay: '2026-12-26',
        closedDates: ['2026-12-25'],
        name: 'bank holiday',
      });
      expect(christmas?.text).toContain('signing off for the bank holiday.');
      expect(christmas?.text).toContain('back tweeting on Saturday 26 December.');

      expect(closingOn(config, '2026-12-26')).toBeUndefined();
      const boxingDay = closingOn(config, '2026-12-27');
      expect(boxingDay?.occurrence.period).toMatchObject({
        reopenDay: '2026-12-29',
        closedDates: ['2026-12-28'],
        name: 'bank holiday',
      });
      expect(boxingDay?.text).toContain('back tweeting on Tuesday 29 December.');
    });
  });

  describe('Christmas 2027 (25 Sat, 26 Sun, 27 Mon and 28 Tue substitutes)', () => {
    it('a five-day team: signs off on Friday 24, back on Wednesday 29', () => {
      const config = team(FIVE_DAYS);
      const calendar = new WorkingCalendar(config);
      expect(calendar.nonWorkingReason('2027-12-25')).toBe('non-working day');
      expect(calendar.nonWorkingReason('2027-12-26')).toBe('non-working day');
      expect(calendar.nonWorkingReason('2027-12-27')).toBe('bank holiday');
      expect(calendar.nonWorkingReason('2027-12-28')).toBe('bank holiday');
      const result = closingOn(config, '2027-12-24');
      expect(result?.occurrence.period).toMatchObject({
        reopenDay: '2027-12-29',
        closedDates: ['2027-12-25', '2027-12-26', '2027-12-27', '2027-12-28'],
        name: 'bank holiday weekend',
      });
      expect(result?.text).toContain('back tweeting on Wednesday 29 December.');
    });

    it('a seven-day team: works the weekend, signs off on Sunday 26, back on Wednesday 29', () => {
      const config = team(SEVEN_DAYS);
      const calendar = new WorkingCalendar(config);
      expect(calendar.isWorkingDay('2027-12-24')).toBe(true);
      expect(calendar.isWorkingDay('2027-12-25')).toBe(true);
      expect(calendar.isWorkingDay('2027-12-26')).toBe(true);
      expect(calendar.nonWorkingReason('2027-12-27')).toBe('bank holiday');
      expect(calendar.nonWorkingReason('2027-12-28')).toBe('bank holiday');
      expect(closingOn(config, '2027-12-24')).toBeUndefined();
      expect(closingOn(config, '2027-12-25')).toBeUndefined();
      const result = closingOn(config, '2027-12-26');
      expect(result?.occurrence.period).toMatchObject({
        closingDay: '2027-12-26',
        reopenDay: '2027-12-29',
        closedDates: ['2027-12-27', '2027-12-28'],
        name: 'bank holiday',
      });
      expect(result?.text).toContain('signing off for the bank holiday.');
      expect(result?.text).toContain('back tweeting on Wednesday 29 December.');
    });
  });

  it('refuses to write a table with a weekend holiday that no substitute day replaces', () => {
    const computed = [
      { date: '2026-12-25 00:00:00', name: 'Christmas Day', type: 'public' },
      { date: '2026-12-26 00:00:00', name: 'Boxing Day', type: 'public' },
      { date: '2026-12-28 00:00:00', name: 'Boxing Day (substitute day)', type: 'public' },
    ];
    expect(asGovUkLists(computed, 'england-and-wales')).toEqual([
      { date: '2026-12-25', name: 'Christmas Day' },
      { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
    ]);
    expect(() => asGovUkLists(computed.slice(0, 2), 'england-and-wales')).toThrow(
      'england-and-wales: Boxing Day on 2026-12-26 is a weekend date with no substitute',
    );
  });
});
