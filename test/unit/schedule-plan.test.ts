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
      ['sweep-working-hours', '0/15 9-16 ? * MON,TUE,WED,THU,FRI *', 'sweep'],
      ['sweep-out-of-hours', '0 0-8,17-23 ? * MON,TUE,WED,THU,FRI *', 'sweep'],
      ['sweep-closed-days', '0 * ? * SAT,SUN *', 'sweep'],
    ]);
    expect(plan.every((e) => e.timezone === 'Europe/London')).toBe(true);
    expect(plan[0]?.payload).toEqual({ kind: 'post', id: 'pals' });
    expect(plan[3]?.payload).toEqual({ kind: 'closing', id: 'closing' });
    expect(new Set(plan.map((e) => e.name)).size).toBe(plan.length);
    expect(plan.every((e) => /^[0-9A-Za-z_.-]{1,64}$/.test(e.name))).toBe(true);
  });

  it('splits working hours that start on the half hour', () => {
    const plan = schedulePlan(
      configWith((c) => {
        Object.assign((c.sweeps as { workingHours: object }).workingHours, { from: '08:30', to: '17:30' });
      }),
    );
    const sweeps = plan.filter((e) => e.target === 'sweep').map((e) => [e.name, e.cron]);
    expect(sweeps).toEqual([
      ['sweep-working-hours', '30,45 8 ? * MON,TUE,WED,THU,FRI *'],
      ['sweep-working-hours-2', '0/15 9-16 ? * MON,TUE,WED,THU,FRI *'],
      ['sweep-working-hours-3', '0,15 17 ? * MON,TUE,WED,THU,FRI *'],
      ['sweep-out-of-hours', '0 0-8,18-23 ? * MON,TUE,WED,THU,FRI *'],
      ['sweep-closed-days', '0 * ? * SAT,SUN *'],
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
