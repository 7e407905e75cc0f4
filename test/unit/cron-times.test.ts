import { parseCron, planFirings } from '../../lambdas/core/plan/cron-times';
import { schedulePlan } from '../../lambdas/core/plan/schedule-plan';
import { sampleConfig } from '../support/example-config';

describe('reading the plan crons back', () => {
  it('expands lists, ranges, steps and days', () => {
    expect(parseCron('0/15 9-10 ? * TUE,THU *')).toEqual({
      days: new Set(['tue', 'thu']),
      times: ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45'],
    });
    expect(parseCron('30,45 8 ? * MON *').times).toEqual(['08:30', '08:45']);
    expect(parseCron('0 0-1,22-23 ? * SAT,SUN *').times).toEqual(['00:00', '01:00', '22:00', '23:00']);
    expect(() => parseCron('0 9 1 * ? *')).toThrow(/unsupported cron/);
  });

  it('fires the sample plan at the right UTC instants across the clock change', () => {
    const firings = planFirings(schedulePlan(sampleConfig()), '2027-03-26', '2027-03-29');
    const named = (name: string) => firings.filter((f) => f.entry.name === name).map((f) => f.at);
    expect(named('closing')).toEqual(['2027-03-26T16:00:00.000Z', '2027-03-29T15:00:00.000Z']);
    expect(named('post-wyg')).toEqual(['2027-03-29T10:00:00.000Z']);
    // every 5 minutes, every day
    expect(named('sweep-working-days').filter((at) => at.startsWith('2027-03-26'))).toHaveLength(288);
    expect(named('sweep-closed-days').filter((at) => at.startsWith('2027-03-27'))).toHaveLength(288);
    // Sunday 28 March has 23 hours: 01:00-01:55 local do not exist and land on 02:00-02:55's instants, so the
    // sweep fires once at each of them
    expect(named('sweep-closed-days').filter((at) => at.startsWith('2027-03-28'))).toHaveLength(276);
    expect([...firings].map((f) => f.at)).toEqual([...firings].map((f) => f.at).sort());
  });
});
