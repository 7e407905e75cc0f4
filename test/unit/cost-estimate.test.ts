import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { eachDate } from '../../lambdas/core/calendar/dates';
import {
  ASSUMED_MENTIONS_PER_SOURCE_DAY,
  estimateMonthlyCost,
  formatCostLine,
  PRICES,
} from '../../lambdas/core/plan/cost-estimate';
import { previewActions } from '../../lambdas/core/plan/preview';
import { configWith, sampleConfig } from '../support/example-config';

describe('monthly cost estimate', () => {
  const config = sampleConfig();
  const calendar = new WorkingCalendar(config);
  const cost = estimateMonthlyCost(config, calendar, '2026-12-01');

  it('counts sweep invocations from the plan: every 5 minutes round the clock, 288 a day', () => {
    const days = [...eachDate('2026-12-01', '2027-11-30')];
    // counted from the crons per calendar day, as the estimate is a monthly average
    expect(cost.invocations.sweep).toBeCloseTo((days.length * 288) / 12, 6);
    // X bills what sweeps return, not how often they look: the mentions read do not depend on the sweep rate
    expect(cost.xReads).toBeCloseTo(2 * ASSUMED_MENTIONS_PER_SOURCE_DAY * (365 / 12), 6);
    const hourly = estimateMonthlyCost(
      configWith((c) => Object.assign(c.sweeps as object, { urgentEveryMinutes: 60 })),
      calendar,
      '2026-12-01',
    );
    expect(hourly.invocations.sweep).toBeLessThan(cost.invocations.sweep / 3);
    expect(hourly.x.reads).toBeCloseTo(cost.x.reads, 9);
  });

  it('prices X posts by whether they carry a link, from the posts that really go out', () => {
    const posted = previewActions(config, calendar, '2026-12-01', '2027-11-30').actions.filter(
      (a) => a.status === 'scheduled' && a.kind !== 'briefing',
    );
    const withUrl = posted.filter((a) => a.text?.includes('https://')).length;
    expect(cost.posts).toBeCloseTo(posted.length / 12, 6);
    expect(cost.x.posts).toBeCloseTo(
      ((posted.length - withUrl) * PRICES.xPost + withUrl * PRICES.xPostWithUrl) / 12,
      6,
    );
    expect(cost.x.total).toBeCloseTo(cost.x.posts + cost.xReads * (PRICES.xPostRead + PRICES.xUserRead), 6);
  });

  it('prints one summary line', () => {
    expect(formatCostLine(cost)).toMatch(
      /^Estimated monthly cost: AWS \$\d+\.\d\d \(before free tiers\), X \$\d+\.\d\d \(/,
    );
  });
});
