import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { isoWithOffset } from '../../lambdas/core/calendar/dates';
import { postingOn, postingText } from '../../lambdas/core/plan/occurrences';
import type { Config } from '../../lambdas/core/config/schema';
import { configWith, sampleConfig } from '../support/example-config';

function closingOn(config: Config, date: string) {
  const calendar = new WorkingCalendar(config);
  const occurrence = postingOn(config, calendar, 'closing', 'closing', date);
  return occurrence && { occurrence, text: postingText(config, calendar, occurrence, 0), calendar };
}

function utc(dt: { toUTC(): { toISO(o: object): string | null } }): string | null {
  return dt.toUTC().toISO({ suppressMilliseconds: true });
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
