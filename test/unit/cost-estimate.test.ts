import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { eachDate, weekdayOf } from '../../lambdas/core/calendar/dates';
import { estimateMonthlyCost, formatCostLine, PRICES } from '../../lambdas/core/plan/cost-estimate';
import { previewActions } from '../../lambdas/core/plan/preview';
import { sampleConfig } from '../support/example-config';

describe('monthly cost estimate', () => {
  const config = sampleConfig();
  const calendar = new WorkingCalendar(config);
  const cost = estimateMonthlyCost(config, calendar, '2026-12-01');

  it('counts sweep invocations from the plan: 48 a weekday (32 in hours, 16 hourly) and 24 a weekend day', () => {
    const days = [...eachDate('2026-12-01', '2027-11-30')];
    const weekend = days.filter((d) => ['sat', 'sun'].includes(weekdayOf(d))).length;
    expect(cost.invocations.sweep).toBeCloseTo(((days.length - weekend) * 48 + weekend * 24) / 12, 6);
    expect(cost.xReads).toBeCloseTo(cost.invocations.sweep * 2, 6);
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
    expect(cost.x.total).toBeCloseTo(cost.x.posts + cost.xReads * PRICES.xOwnedRead, 6);
  });

  it('prints one summary line', () => {
    expect(formatCostLine(cost)).toMatch(
      /^Estimated monthly cost: AWS \$\d+\.\d\d \(before free tiers\), X \$\d+\.\d\d \(/,
    );
  });
});
