import fc from 'fast-check';
import { DateTime } from 'luxon';
import {
  addDays,
  canonicalUtc,
  isoWithOffset,
  localDateTime,
  localDayAt,
  localInstant,
  weekdayOf,
} from '../../lambdas/core/calendar/dates';
import { isKnownZone } from '../../lambdas/core/calendar/zoned-time';

/**
 * The core's time-zone arithmetic runs on Intl alone; luxon, a mature date library, is the oracle here (and
 * only here). Zones with half-hour and 45-minute offsets, southern-hemisphere summers and a 30-minute DST
 * shift are included, as are the nights the clocks change.
 */
const ZONES = [
  'Europe/London',
  'Europe/Dublin',
  'America/New_York',
  'America/Sao_Paulo',
  'Australia/Lord_Howe',
  'Asia/Kathmandu',
  'Pacific/Chatham',
  'UTC',
];

const isoDate = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2050-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** times near the changes (00:00–03:59) are drawn as often as the rest of the day */
const wallTime = fc
  .oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 23 }))
  .chain((hour) => fc.integer({ min: 0, max: 59 }).map((minute) => ({ hour, minute })))
  .map(({ hour, minute }) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);

const zone = fc.constantFrom(...ZONES);

describe('zoned time agrees with luxon', () => {
  it('localInstant: the instant and offset of a wall time, gaps and overlaps included', () => {
    fc.assert(
      fc.property(isoDate, wallTime, zone, (date, time, tz) => {
        const ours = localInstant(date, time, tz);
        const guess = DateTime.fromISO(`${date}T${time}`, { zone: tz });
        // a wall time that happens twice: luxon's pick depends on today's date; ours is the first, always
        const theirs = guess.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis())[0] ?? guess;
        expect({ at: ours.epochMs, offset: ours.offsetMinutes }).toEqual({
          at: theirs.toMillis(),
          offset: theirs.offset,
        });
        // luxon writes UTC itself as `Z`; the contract's form always names the offset
        expect(isoWithOffset(ours)).toBe(
          theirs.toISO({ suppressMilliseconds: true, includeOffset: true })?.replace(/Z$/, '+00:00'),
        );
        expect(canonicalUtc(ours)).toBe(theirs.toUTC().toISO({ suppressMilliseconds: true }));
      }),
      { numRuns: 3000 },
    );
  });

  it('localDateTime and localDayAt: what the wall clock shows at an instant', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2050-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        zone,
        (instant, tz) => {
          const local = DateTime.fromJSDate(instant).setZone(tz).setLocale('en-GB');
          expect(localDateTime(instant, tz)).toEqual({
            date: local.toISODate(),
            time: local.toFormat('HH:mm'),
          });
          expect(localDateTime(instant.toISOString(), tz)).toEqual(localDateTime(instant, tz));
          expect(localDayAt(instant, tz, { year: true })).toBe(local.toFormat("cccc d LLLL yyyy 'at' HH:mm"));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('addDays and weekdayOf: calendar arithmetic', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -800, max: 800 }), (date, days) => {
        const theirs = DateTime.fromISO(date, { zone: 'utc' }).plus({ days });
        expect(addDays(date, days)).toBe(theirs.toISODate());
        expect(weekdayOf(date)).toBe(
          ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][DateTime.fromISO(date).weekday - 1],
        );
      }),
    );
  });

  it.each([
    [
      'London, the clocks go back: the first 01:30, in summer time',
      '2027-10-31',
      '01:30',
      'Europe/London',
      '2027-10-31T00:30:00Z',
      '2027-10-31T01:30:00+01:00',
    ],
    [
      'London, the clocks go forward: 01:30 moves on to 02:30',
      '2027-03-28',
      '01:30',
      'Europe/London',
      '2027-03-28T01:30:00Z',
      '2027-03-28T02:30:00+01:00',
    ],
    [
      'New York, the clocks go back',
      '2033-11-06',
      '01:00',
      'America/New_York',
      '2033-11-06T05:00:00Z',
      '2033-11-06T01:00:00-04:00',
    ],
    [
      'Lord Howe Island, a half-hour change',
      '2027-04-04',
      '01:45',
      'Australia/Lord_Howe',
      '2027-04-03T14:45:00Z',
      '2027-04-04T01:45:00+11:00',
    ],
    [
      'an ordinary London afternoon in summer',
      '2027-06-04',
      '16:00',
      'Europe/London',
      '2027-06-04T15:00:00Z',
      '2027-06-04T16:00:00+01:00',
    ],
  ])('%s', (_what, date, time, tz, utc, local) => {
    const instant = localInstant(date, time, tz);
    expect(canonicalUtc(instant)).toBe(utc);
    expect(isoWithOffset(instant)).toBe(local);
  });

  it('knows the zones Intl knows, and no others', () => {
    for (const tz of ZONES) expect(isKnownZone(tz)).toBe(true);
    for (const tz of ['Europe/Londn', 'GMT+25', '', 'London']) expect(isKnownZone(tz)).toBe(false);
  });
});
