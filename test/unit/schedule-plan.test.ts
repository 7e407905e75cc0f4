import { schedulePlan } from '../../lambdas/core/plan/schedule-plan';
import { configWith, sampleConfig } from '../support/example-config';

describe('schedule plan', () => {
  it('has one schedule per post, closing, reopening, briefing and the sweep rhythm', () => {
    const plan = schedulePlan(sampleConfig());
    expect(plan.map((e) => [e.name, e.cron, e.target])).toEqual([
      ['post-pals', '30 10 ? * TUE,THU *', 'post'],
      ['post-staff-awards', '0 12 ? * WED *', 'post'],
      ['post-wyg', '0 11 ? * MON *', 'post'],
      ['closing', '0 16 ? * MON,TUE,WED,THU,FRI *', 'post'],
      ['reopening', '0 9 ? * MON,TUE,WED,THU,FRI *', 'post'],
      ['briefing', '45 8 ? * MON,TUE,WED,THU,FRI *', 'briefing'],
      // every 5 minutes round the clock for urgent mentions; the 15-minute alert ticks fall on that grid
      ['sweep-working-days', '0/5 * ? * MON,TUE,WED,THU,FRI *', 'sweep'],
      ['sweep-closed-days', '0/5 * ? * SAT,SUN *', 'sweep'],
    ]);
    expect(plan.every((e) => e.timezone === 'Europe/London')).toBe(true);
    expect(plan[0]?.payload).toEqual({ kind: 'post', id: 'pals' });
    expect(plan[3]?.payload).toEqual({ kind: 'closing', id: 'closing' });
    expect(new Set(plan.map((e) => e.name)).size).toBe(plan.length);
    expect(plan.every((e) => /^[0-9A-Za-z_.-]{1,64}$/.test(e.name))).toBe(true);
  });

  it('adds the alert ticks and the one at the end of working hours where the urgent cadence misses them', () => {
    const plan = schedulePlan(
      configWith((c) => {
        const sweeps = c.sweeps as Record<string, unknown>;
        Object.assign(sweeps, { urgentEveryMinutes: 60 });
        Object.assign(sweeps.workingHours as object, { from: '08:30', to: '17:10' });
      }),
    );
    const sweeps = plan.filter((e) => e.target === 'sweep').map((e) => [e.name, e.cron]);
    expect(sweeps).toEqual([
      ['sweep-working-days', '0 0-7,18-23 ? * MON,TUE,WED,THU,FRI *'],
      ['sweep-working-days-2', '0,30,45 8 ? * MON,TUE,WED,THU,FRI *'],
      ['sweep-working-days-3', '0,15,30,45 9-16 ? * MON,TUE,WED,THU,FRI *'],
      // 17:10 is the end of working hours: its sweep is the day's last alert email
      ['sweep-working-days-4', '0,10 17 ? * MON,TUE,WED,THU,FRI *'],
      ['sweep-closed-days', '0 * ? * SAT,SUN *'],
    ]);
  });

  it('keeps both grids when neither divides the other', () => {
    const plan = schedulePlan(
      configWith((c) => Object.assign(c.sweeps as object, { urgentEveryMinutes: 10 })),
    );
    expect(plan.filter((e) => e.target === 'sweep').map((e) => e.cron)).toEqual([
      '0/10 0-8,17-23 ? * MON,TUE,WED,THU,FRI *',
      '0,10,15,20,30,40,45,50 9-16 ? * MON,TUE,WED,THU,FRI *',
      '0/10 * ? * SAT,SUN *',
    ]);
  });

  it('omits the reopening and sweeps when they are not configured, and follows a 7-day week', () => {
    const plan = schedulePlan(
      configWith((c) => {
        delete (c.closing as Record<string, unknown>).reopening;
        delete c.sweeps;
        (c.organisation as Record<string, unknown>).workingDays = [
          'mon',
          'tue',
          'wed',
          'thu',
          'fri',
          'sat',
          'sun',
        ];
      }),
    );
    expect(plan.map((e) => e.name)).toEqual([
      'post-pals',
      'post-staff-awards',
      'post-wyg',
      'closing',
      'briefing',
    ]);
    expect(plan.find((e) => e.name === 'closing')?.cron).toBe('0 16 ? * MON,TUE,WED,THU,FRI,SAT,SUN *');
  });
});
