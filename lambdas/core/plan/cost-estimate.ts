import type { Config } from '../config/schema';
import { addDays, type IsoDate } from '../calendar/dates';
import type { WorkingCalendar } from '../calendar/working-calendar';
import { countFirings } from './cron-times';
import { previewActions } from './preview';
import { schedulePlan, type ScheduleTarget } from './schedule-plan';
import { notifyConsumers } from '../notify/consumers';
import { NETWORK_NAMES, NETWORKS, SOURCE_NETWORKS, type Network } from '../config/vocabulary';

/**
 * List prices (2026, eu-west-2 for AWS; X pay-per-use). Estimates, not quotes: free tiers are ignored, so the
 * AWS figure is what an account past its free tier would pay. Only X has prices here: posting to and reading
 * from Bluesky (the AT Protocol) and a Facebook Page (the Graph API) has no per-call charge, and what limits
 * them is rate limits, which a trust's few posts and sweeps stay far below.
 */
export const PRICES = {
  schedulerPerMillion: 1.0,
  lambdaRequestsPerMillion: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  // on-demand prices after the November 2024 reduction
  dynamoWritesPerMillion: 0.7425,
  dynamoReadsPerMillion: 0.1485,
  sesPerThousand: 0.1,
  // custom events put on a bus; each 64 KB of an event is one, and ours are well under 1 KB
  eventsPerMillion: 1.0,
  // SNS text messages to UK mobiles, per message part, roughly: the rate changes and depends on the carrier
  smsPerPartUk: 0.04,
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
 * Urgent mentions a month, as a guess for a mental-health trust (each one texted to every SMS consumer), and
 * the share of them nobody acknowledges in time (texted again at the escalation).
 */
export const ASSUMED_URGENT_PER_MONTH = 4;
const ASSUMED_ESCALATED_SHARE = 0.25;
/** an urgent text is about 3 SMS parts: the acknowledge link alone is well over 160 characters */
export const SMS_PARTS = 3;

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
  /** posts that go out, on every network: a post to three accounts is three */
  posts: number;
  /** the same posts by network, for every network the config has an account on (0 when nothing posts there) */
  postsByNetwork: Partial<Record<Network, number>>;
  /** the X posts that carry a link, which X bills at the dearer rate */
  postsWithUrl: number;
  emails: number;
  /** mentions read from the X sources (`x-mentions`, `x-search`), a guess; other sources read nothing from X */
  xReads: number;
  /** duty events published: one per recorded outcome (a post, a skip, an email, a sweep that found something) */
  events: number;
  /** text messages sent (urgent and escalated mentions, a guess) */
  texts: number;
  aws: {
    scheduler: number;
    lambda: number;
    dynamodb: number;
    ses: number;
    events: number;
    sms: number;
    total: number;
  };
  x: { posts: number; reads: number; total: number };
}

/**
 * Estimated cost of an average month, counted over the 365 days from `from`: every schedule firing is an
 * invocation; posts that go out are counted per network, and only X bills them (a URL makes one dearer); X
 * reads come only from X sources, while Bluesky, Facebook and feed sources add to what sweeps find.
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
  const postsByNetwork = countByNetwork(config, posted);
  const xPosted = posted.filter((a) => (a.network ?? 'x') === 'x');
  const postsWithUrl = perMonth(xPosted.filter((a) => /https?:\/\//.test(a.text ?? '')).length);
  const briefings = perMonth(actions.filter((a) => a.kind === 'briefing').length);
  const sources = config.sweeps?.sources ?? [];
  const xSources = sources.filter((s) => s.type !== 'feed' && SOURCE_NETWORKS[s.type] === 'x').length;
  const xReads = xSources * ASSUMED_MENTIONS_PER_SOURCE_DAY * DAYS_PER_MONTH;
  // a briefing a working day plus, as a guess, one alert email on each of those days
  const emails = briefings * 2;

  // every post firing records a publish or a skip; each email is recorded; a sweep records what it found
  const mentions = sources.length * ASSUMED_MENTIONS_PER_SOURCE_DAY * DAYS_PER_MONTH;
  const events = invocations.post + emails + mentions;
  const textsPerUrgent = notifyConsumers(config)
    .filter((c) => c.channel === 'sms')
    .reduce(
      (sum, c) =>
        sum +
        (c.detailTypes.includes('Urgent Mention Alerted') ? 1 : 0) +
        (c.detailTypes.includes('Urgent Mention Escalated') ? ASSUMED_ESCALATED_SHARE : 0),
      0,
    );
  const texts = ASSUMED_URGENT_PER_MONTH * textsPerUrgent;

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
    events: (events / 1e6) * PRICES.eventsPerMillion,
    sms: texts * SMS_PARTS * PRICES.smsPerPartUk,
    total: 0,
  };
  aws.total = aws.scheduler + aws.lambda + aws.dynamodb + aws.ses + aws.events + aws.sms;
  const xPosts = postsByNetwork.x ?? 0;
  const x = {
    posts: (xPosts - postsWithUrl) * PRICES.xPost + postsWithUrl * PRICES.xPostWithUrl,
    reads: xReads * (PRICES.xPostRead + PRICES.xUserRead),
    total: 0,
  };
  x.total = x.posts + x.reads;
  return { invocations, posts, postsByNetwork, postsWithUrl, emails, xReads, events, texts, aws, x };
}

/** posts a month on each network the config has an account on, and on any other a post reaches */
function countByNetwork(
  config: Config,
  posted: ReadonlyArray<{ network?: Network }>,
): Partial<Record<Network, number>> {
  const configured = new Set<Network>(
    Object.values(config.accounts).map((account) => account.network ?? 'x'),
  );
  const byNetwork: Partial<Record<Network, number>> = {};
  for (const network of NETWORKS) if (configured.has(network)) byNetwork[network] = 0;
  for (const action of posted) {
    const network = action.network ?? 'x';
    byNetwork[network] = (byNetwork[network] ?? 0) + 1;
  }
  for (const network of NETWORKS) if (byNetwork[network] !== undefined) byNetwork[network] /= 12;
  return byNetwork;
}

/** `$0.07` */
export function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

/** `+$0.02`, `−$0.02`: a change in a bill */
export function signedUsd(n: number): string {
  return `${n >= 0 ? '+' : '−'}${usd(Math.abs(n))}`;
}

/**
 * One line: the AWS bill, then each network's with its posts. A config on X alone reads as it always has; on
 * several networks each one shows its own posts, and Bluesky and Facebook show that they cost nothing.
 */
export function formatCostLine(cost: MonthlyCost): string {
  const sms =
    cost.texts > 0 ? `, of it SMS ${usd(cost.aws.sms)} for ${cost.texts.toFixed(0)} texts, a guess` : '';
  const shown = NETWORKS.filter(
    (network) => cost.postsByNetwork[network] !== undefined || (network === 'x' && cost.xReads > 0),
  );
  const networks: readonly Network[] = shown.length > 0 ? shown : ['x'];
  const bills = networks.map((network) => {
    const posts = `${(cost.postsByNetwork[network] ?? 0).toFixed(0)} posts`;
    if (network !== 'x') return `${NETWORK_NAMES[network]} ${usd(0)} (${posts})`;
    return `X ${usd(cost.x.total)} (${posts}, ${cost.postsWithUrl.toFixed(0)} with a link; ${cost.xReads.toFixed(0)} mentions read, a guess)`;
  });
  return `Estimated monthly cost: AWS ${usd(cost.aws.total)} (before free tiers${sms}), ${bills.join(', ')}`;
}
