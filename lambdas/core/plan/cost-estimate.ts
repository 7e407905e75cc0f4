import type { Config } from '../config/schema';
import { addDays, type IsoDate } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { countFirings } from './cron-times';
import { previewActions } from './preview';
import { schedulePlan, type ScheduleTarget } from './schedule-plan';

/**
 * List prices (2026, eu-west-2 for AWS; X pay-per-use). Estimates, not quotes: free tiers are ignored, so the
 * AWS figure is what an account past its free tier would pay.
 */
export const PRICES = {
  schedulerPerMillion: 1.0,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  // on-demand prices after the November 2024 reduction
  dynamoWritesPerMillion: 0.7425,
  dynamoReadsPerMillion: 0.1485,
  sesPerThousand: 0.1,
  xPost: 0.015,
  xPostWithUrl: 0.2,
  // reads are billed per resource returned: a mention with its author (the `author_id` expansion) is a post read
  // and a user read; a sweep that finds nothing new returns nothing and costs nothing
  xPostRead: 0.005,
  xUserRead: 0.01,
} as const;

/**
 * Mentions an X source returns a day, as a guess for a trust's account: the X bill scales with what is found,
 * not with how often it is looked for, so round-the-clock urgent sweeps add nothing to it.
 */
export const ASSUMED_MENTIONS_PER_SOURCE_DAY = 10;
const DAYS_PER_MONTH = 365 / 12;

/**
 * What one invocation of each function is assumed to cost in time and DynamoDB requests. A sweep that finds
 * nothing (nearly all of them) claims its tick and finishes it (2 writes), reads each source's health and cursor
 * and the urgent alerts due (6 reads for the example's three sources).
 */
const PER_INVOCATION = {
  post: { seconds: 1.0, reads: 3, writes: 3 },
  sweep: { seconds: 1.0, reads: 6, writes: 2 },
  briefing: { seconds: 1.0, reads: 4, writes: 3 },
} as const;
const MEMORY_GB = 0.25;

export interface MonthlyCost {
  invocations: { post: number; sweep: number; briefing: number };
  posts: number;
  postsWithUrl: number;
  emails: number;
  xReads: number;
  aws: { scheduler: number; lambda: number; dynamodb: number; ses: number; total: number };
  x: { posts: number; reads: number; total: number };
}

/**
 * Estimated cost of an average month, counted over the 365 days from `from`: every schedule firing is an
 * invocation; posts that go out are X posts (a URL makes one dearer); each sweep reads each X source once.
 */
export function estimateMonthlyCost(config: Config, calendar: WorkingCalendar, from: IsoDate): MonthlyCost {
  const to = addDays(from, 364);
  const perMonth = (yearly: number) => yearly / 12;
  const firings = countFirings(schedulePlan(config), from, to);
  const count = (target: ScheduleTarget) => perMonth(firings[target]);
  const invocations = { post: count('post'), sweep: count('sweep'), briefing: count('briefing') };
  const actions = previewActions(config, calendar, from, to).actions.filter((a) => a.status === 'scheduled');
  const posted = actions.filter((a) => a.kind !== 'briefing');
  const posts = perMonth(posted.length);
  const postsWithUrl = perMonth(posted.filter((a) => /https?:\/\//.test(a.text ?? '')).length);
  const briefings = perMonth(actions.filter((a) => a.kind === 'briefing').length);
  const xSources = (config.sweeps?.sources ?? []).filter((s) => s.type !== 'feed').length;
  const xReads = xSources * ASSUMED_MENTIONS_PER_SOURCE_DAY * DAYS_PER_MONTH;
  // a briefing a working day plus, as a guess, one alert email on each of those days
  const emails = briefings * 2;

  const totalInvocations = invocations.post + invocations.sweep + invocations.briefing;
  const gbSeconds = (Object.keys(invocations) as Array<keyof typeof invocations>).reduce(
    (sum, fn) => sum + invocations[fn] * PER_INVOCATION[fn].seconds * MEMORY_GB,
    0,
  );
  const reads = (Object.keys(invocations) as Array<keyof typeof invocations>).reduce(
    (s, fn) => s + invocations[fn] * PER_INVOCATION[fn].reads,
    0,
  );
  const writes = (Object.keys(invocations) as Array<keyof typeof invocations>).reduce(
    (s, fn) => s + invocations[fn] * PER_INVOCATION[fn].writes,
    0,
  );
  const aws = {
    scheduler: (totalInvocations / 1e6) * PRICES.schedulerPerMillion,
    lambda: (totalInvocations / 1e6) * PRICES.lambdaRequestsPerMillion + gbSeconds * PRICES.lambdaArmGbSecond,
    dynamodb: (reads / 1e6) * PRICES.dynamoReadsPerMillion + (writes / 1e6) * PRICES.dynamoWritesPerMillion,
    ses: (emails / 1000) * PRICES.sesPerThousand,
    total: 0,
  };
  aws.total = aws.scheduler + aws.lambda + aws.dynamodb + aws.ses;
  const x = {
    posts: (posts - postsWithUrl) * PRICES.xPost + postsWithUrl * PRICES.xPostWithUrl,
    reads: xReads * (PRICES.xPostRead + PRICES.xUserRead),
    total: 0,
  };
  x.total = x.posts + x.reads;
  return { invocations, posts, postsWithUrl, emails, xReads, aws, x };
}

export function formatCostLine(cost: MonthlyCost): string {
  const usd = (n: number) => `$${n.toFixed(2)}`;
  return `Estimated monthly cost: AWS ${usd(cost.aws.total)} (before free tiers), X ${usd(cost.x.total)} (${cost.posts.toFixed(0)} posts, ${cost.postsWithUrl.toFixed(0)} with a link; ${cost.xReads.toFixed(0)} mentions read, a guess)`;
}
