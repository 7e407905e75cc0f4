import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { configSchema } from '../../lambdas/core/config/schema';
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

  it('prints one summary line, naming no network but X for a config on X alone', () => {
    expect(cost.postsByNetwork).toEqual({ x: cost.posts });
    expect(formatCostLine(cost)).toMatch(
      /^Estimated monthly cost: AWS \$\d+\.\d\d \(before free tiers\), X \$\d+\.\d\d \(\d+ posts, \d+ with a link; \d+ mentions read, a guess\)$/,
    );
    expect(formatCostLine(cost)).not.toMatch(/Bluesky|Facebook/);
  });
});

describe('monthly cost estimate on X, Bluesky and Facebook (config/examples/three-networks.yaml)', () => {
  const file = join(__dirname, '..', '..', 'config', 'examples', 'three-networks.yaml');
  const config = parseConfig(readFileSync(file, 'utf8'), 'three-networks.yaml').config;
  const calendar = new WorkingCalendar(config);
  const cost = estimateMonthlyCost(config, calendar, '2026-12-01');
  const posted = previewActions(config, calendar, '2026-12-01', '2027-11-30').actions.filter(
    (a) => a.status === 'scheduled' && a.kind !== 'briefing',
  );
  const onNetwork = (network: string) => posted.filter((a) => a.network === network);

  it('counts the posts on each network: pals and the sign-off go to all three, staff-awards and wyg to X alone', () => {
    expect(cost.postsByNetwork.x).toBeCloseTo(onNetwork('x').length / 12, 9);
    expect(cost.postsByNetwork.bluesky).toBeCloseTo(onNetwork('bluesky').length / 12, 9);
    expect(cost.postsByNetwork.facebook).toBeCloseTo(onNetwork('facebook').length / 12, 9);
    expect(cost.postsByNetwork.bluesky).toBeGreaterThan(0);
    expect(cost.postsByNetwork.x).toBeGreaterThan(cost.postsByNetwork.bluesky ?? Infinity);
    expect(cost.postsByNetwork.facebook).toBeCloseTo(cost.postsByNetwork.bluesky ?? NaN, 9);
    expect(cost.posts).toBeCloseTo(posted.length / 12, 9);
  });

  it('bills only the X posts, by whether each X text carries a link', () => {
    const x = onNetwork('x');
    const withUrl = x.filter((a) => /https?:\/\//.test(a.text ?? '')).length;
    expect(cost.postsWithUrl).toBeCloseTo(withUrl / 12, 9);
    expect(cost.x.posts).toBeCloseTo(
      ((x.length - withUrl) * PRICES.xPost + withUrl * PRICES.xPostWithUrl) / 12,
      9,
    );
    // every Facebook pals text and sign-off has a link: billed as X posts they would cost far more
    const all = posted.filter((a) => /https?:\/\//.test(a.text ?? '')).length;
    expect(cost.x.posts).toBeLessThan(
      ((posted.length - all) * PRICES.xPost + all * PRICES.xPostWithUrl) / 12 - 1,
    );
  });

  it('reads X only for the two X sources; the Bluesky, Facebook and feed sources add mentions found, not X reads', () => {
    expect(config.sweeps?.sources).toHaveLength(6);
    expect(cost.xReads).toBeCloseTo(2 * ASSUMED_MENTIONS_PER_SOURCE_DAY * (365 / 12), 6);
    expect(cost.x.reads).toBeCloseTo(cost.xReads * (PRICES.xPostRead + PRICES.xUserRead), 9);
    expect(cost.x.total).toBeCloseTo(cost.x.posts + cost.x.reads, 9);
    const mentions = 6 * ASSUMED_MENTIONS_PER_SOURCE_DAY * (365 / 12);
    expect(cost.events).toBeCloseTo(cost.invocations.post + cost.emails + mentions, 6);
  });

  it('prints the posts of each network, Bluesky and Facebook at no charge', () => {
    const n = (network: 'x' | 'bluesky' | 'facebook') => (cost.postsByNetwork[network] ?? NaN).toFixed(0);
    expect(formatCostLine(cost)).toBe(
      `Estimated monthly cost: AWS $${cost.aws.total.toFixed(2)} (before free tiers), ` +
        `X $${cost.x.total.toFixed(2)} (${n('x')} posts, ${cost.postsWithUrl.toFixed(0)} with a link; ` +
        `${cost.xReads.toFixed(0)} mentions read, a guess), ` +
        `Bluesky $0.00 (${n('bluesky')} posts), Facebook $0.00 (${n('facebook')} posts)`,
    );
  });

  it('prints Bluesky alone for a config with only a Bluesky account', () => {
    const input = structuredClone(config);
    const blueskyOnly = configSchema.parse({
      ...input,
      accounts: { bluesky: input.accounts.bluesky },
      posts: input.posts.map((post) => ({ ...post, account: 'bluesky' })),
      closing: { ...input.closing, account: 'bluesky' },
      sweeps: { ...input.sweeps, sources: input.sweeps?.sources.filter((s) => s.type.startsWith('bluesky')) },
    });
    expect(Object.keys(blueskyOnly.accounts)).toEqual(['bluesky']);
    const only = estimateMonthlyCost(blueskyOnly, new WorkingCalendar(blueskyOnly), '2026-12-01');
    expect(only.x.total).toBe(0);
    expect(Object.keys(only.postsByNetwork)).toEqual(['bluesky']);
    expect(formatCostLine(only)).toMatch(/\(before free tiers\), Bluesky \$0\.00 \(\d+ posts\)$/);
  });
});
