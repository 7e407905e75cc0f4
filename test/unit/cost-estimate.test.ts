import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { eachDate } from '../../lambdas/core/calendar/dates';
import {
  ASSUMED_MENTIONS_PER_SOURCE_DAY,
  ASSUMED_URGENT_PER_MONTH,
  SMS_PARTS,
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

  it('counts a duty event for each recorded outcome, and prices them', () => {
    const mentions = 3 * ASSUMED_MENTIONS_PER_SOURCE_DAY * (365 / 12);
    expect(cost.events).toBeCloseTo(cost.invocations.post + cost.emails + mentions, 6);
    expect(cost.aws.events).toBeCloseTo((cost.events / 1e6) * PRICES.eventsPerMillion, 9);
    expect(cost.texts).toBe(0);
    expect(cost.aws.sms).toBe(0);
  });

  it('prices text messages from the SMS consumers: each urgent mention, and a quarter of them escalated', () => {
    const sms = (id: string, events: string[]) => ({ id, to: '+447700900123', events });
    const withSms = estimateMonthlyCost(
      configWith((c) =>
        Object.assign(c, {
          notify: {
            teams: [],
            webhooks: [],
            sms: [sms('manager', ['urgent', 'escalated']), sms('director', ['escalated'])],
          },
        }),
      ),
      calendar,
      '2026-12-01',
    );
    expect(withSms.texts).toBeCloseTo(ASSUMED_URGENT_PER_MONTH * (1 + 0.25 + 0.25), 9);
    expect(withSms.aws.sms).toBeCloseTo(withSms.texts * SMS_PARTS * PRICES.smsPerPartUk, 9);
    expect(withSms.aws.total).toBeCloseTo(cost.aws.total + withSms.aws.sms, 9);
    expect(formatCostLine(withSms)).toContain(
      `of it SMS $${withSms.aws.sms.toFixed(2)} for 6 texts, a guess`,
    );
  });

  it('prints one summary line', () => {
    expect(formatCostLine(cost)).toMatch(
      /^Estimated monthly cost: AWS \$\d+\.\d\d \(before free tiers\), X \$\d+\.\d\d \(/,
    );
  });
});
