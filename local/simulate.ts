import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { localDateTime, localInstant } from '../lambdas/core/calendar/dates';
import { postingOn } from '../lambdas/core/plan/occurrences';
import type { RuntimeDeps } from '../lambdas/runtime/runtime-deps';
import type { Config } from '../lambdas/core/config/schema';
import { planFirings, type Firing } from '../lambdas/core/plan/cron-times';
import { schedulePlan } from '../lambdas/core/plan/schedule-plan';
import { createBriefingHandler } from '../lambdas/handlers/briefing';
import { createPostHandler } from '../lambdas/handlers/post';
import { createSweepHandler } from '../lambdas/handlers/sweep';
import type { PostOutcome } from '../lambdas/services/post-service';
import { startLocalStack } from './local-stack';
import { SeededFeedServer } from './seeded-feed-server';
import type { SimulationSeed } from './simulation-seed';
import { VirtualClock } from './virtual-clock';

export interface SimulatedTweet {
  at: string;
  account: string;
  source: string;
  tweetId: string;
  text: string;
  deletedAt?: string;
}

export interface SimulatedEmail {
  at: string;
  kind: 'briefing' | 'alert' | 'urgent' | 'failure';
  to: string[];
  subject: string;
  text: string;
}

/** `simulate --json` output (CONTRACT.md) */
export interface SimulationResult {
  tweets: SimulatedTweet[];
  emails: SimulatedEmail[];
  skipped: Array<{ at: string; source: string; reason: string }>;
}

export interface SimulationStats {
  firings: number;
  handlerCalls: number;
  sweepsRun: number;
  dynamoRequests: number;
}

/**
 * Runs the real handlers on a virtual clock over a date range, against in-process dynalite, aws-ses-v2-local,
 * the local X API and a feed server, with seeded mentions appearing at their time and seeded outages.
 *
 * A sweep tick only runs when something could have changed since the last sweep that ran: a seeded mention has
 * become visible, or an outage window is open or has just ended. Any other sweep would read empty sources and do
 * nothing, and skipping them is what lets a year simulate in seconds.
 */
export async function simulate(
  loaded: LoadedConfig,
  from: string,
  to: string,
  seed: SimulationSeed = { mentions: [], failures: [] },
): Promise<SimulationResult & { stats: SimulationStats }> {
  const { config } = loaded;
  const zone = config.organisation.timezone;
  const clock = new VirtualClock(localInstant(from, '00:00', zone).toJSDate());
  const feeds = new SeededFeedServer(() => clock.now());
  await feeds.start();
  const stack = await startLocalStack(loaded, {
    clock,
    xClock: () => clock.now(),
    xTimeoutMs: 1000,
    sourceOptions: { feedUrl: (sourceId) => feeds.feedUrl(sourceId), feedTimeoutMs: 1000 },
  });
  try {
    seedSources(loaded, seed, stack.x, feeds);
    const deps = async () => stack.deps;
    const handlers = {
      post: createPostHandler(deps),
      sweep: createSweepHandler(deps),
      briefing: createBriefingHandler(deps),
    };
    const result: SimulationResult = { tweets: [], emails: [], skipped: [] };
    const stats: SimulationStats = { firings: 0, handlerCalls: 0, sweepsRun: 0, dynamoRequests: 0 };
    const sweepGate = new SweepGate(seed);

    for (const firing of planFirings(schedulePlan(config), from, to)) {
      stats.firings++;
      if (firing.entry.target === 'sweep' && !sweepGate.shouldRun(firing.at)) continue;
      if (!couldAct(stack.deps, firing)) continue;
      clock.set(firing.at);
      const event = { ...firing.entry.payload, scheduledTime: firing.at };
      stats.handlerCalls++;
      if (firing.entry.target === 'post') {
        recordPost(config, result, firing, (await handlers.post(event, {} as never)) as PostOutcome);
      } else if (firing.entry.target === 'sweep') {
        stats.sweepsRun++;
        await handlers.sweep(event, {} as never);
      } else {
        await handlers.briefing(event, {} as never);
      }
      // read and empty the local mail store, so each read is short however long the simulated range
      const emails = await stack.ses.sentEmails();
      if (emails.length > 0) await stack.ses.clear();
      for (const email of emails) {
        result.emails.push({
          at: firing.at,
          kind: emailKind(email.subject),
          to: email.to,
          subject: email.subject,
          text: email.text,
        });
      }
    }

    const deletions = new Map(stack.x.tweets().map((t) => [t.id, t.deletedAt]));
    for (const tweet of result.tweets) {
      const deletedAt = deletions.get(tweet.tweetId);
      if (deletedAt) tweet.deletedAt = deletedAt;
    }
    stats.dynamoRequests = stack.dynamo.requestCount();
    return { ...result, stats };
  } finally {
    await Promise.all([stack.close(), feeds.close()]);
  }
}

function recordPost(config: Config, result: SimulationResult, firing: Firing, outcome: PostOutcome): void {
  const payload = firing.entry.payload as { id: string };
  if (outcome.outcome === 'posted') {
    const account = config.posts.find((p) => p.id === payload.id)?.account ?? config.closing?.account ?? '';
    result.tweets.push({
      at: firing.at,
      account,
      source: payload.id,
      tweetId: outcome.tweetId,
      text: outcome.text,
    });
  } else if (outcome.outcome === 'skipped') {
    result.skipped.push({ at: firing.at, source: payload.id, reason: outcome.reason });
  }
}

/**
 * Whether a posting or briefing firing can do anything on its date: the same calendar question the handler asks
 * first. Schedules fire on every candidate weekday (a sign-off schedule fires daily), and a firing that is not
 * due only reads the pause and returns, so the simulation leaves those out.
 */
function couldAct(deps: RuntimeDeps, firing: Firing): boolean {
  const { date } = localDateTime(firing.at, deps.config.organisation.timezone);
  const payload = firing.entry.payload;
  if (payload.kind === 'briefing') return deps.calendar.isWorkingDay(date);
  if (payload.kind === 'sweep') return true;
  return postingOn(deps.config, deps.calendar, payload.kind, payload.id, date) !== undefined;
}

/** Seeded X mentions go to the local X API (created at their time, hidden until then); feed ones to the feed server. */
function seedSources(
  loaded: LoadedConfig,
  seed: SimulationSeed,
  x: Awaited<ReturnType<typeof startLocalStack>>['x'],
  feeds: SeededFeedServer,
): void {
  const sources = loaded.config.sweeps?.sources ?? [];
  for (const mention of seed.mentions) {
    const source = sources.find((s) => s.id === mention.source);
    if (!source) continue;
    if (source.type === 'feed') {
      feeds.add(source.id, {
        id: mention.id,
        at: new Date(mention.at).toISOString(),
        author: mention.author,
        text: mention.text,
        ...(mention.url ? { url: mention.url } : {}),
        ...(mention.title ? { title: mention.title } : {}),
      });
      continue;
    }
    const handle = loaded.config.accounts[source.account]?.handle ?? '';
    // a mention timeline only holds posts that name the account
    const text =
      source.type === 'x-mentions' && !new RegExp(`@${handle}\\b`, 'i').test(mention.text)
        ? `@${handle} ${mention.text}`
        : mention.text;
    x.addMention({
      id: mention.id,
      authorUsername: mention.author.replace(/^@/, ''),
      text,
      createdAt: mention.at,
    });
  }
  for (const failure of seed.failures) {
    if (failure.service === 'x') {
      x.injectFailure({
        from: new Date(failure.from),
        until: new Date(failure.until),
        status: failure.status,
      });
    } else {
      feeds.fail({
        from: new Date(failure.from).toISOString(),
        until: new Date(failure.until).toISOString(),
        status: failure.status,
      });
    }
  }
}

/** Decides which sweep ticks can find anything (see `simulate`). */
class SweepGate {
  private lastRun = '';
  private readonly changes: string[];
  private readonly outages: Array<{ from: string; until: string }>;

  constructor(seed: SimulationSeed) {
    this.changes = seed.mentions.map((m) => new Date(m.at).toISOString()).sort();
    this.outages = seed.failures.map((f) => ({
      from: new Date(f.from).toISOString(),
      until: new Date(f.until).toISOString(),
    }));
  }

  shouldRun(at: string): boolean {
    const becameVisible = this.changes.some((c) => c > this.lastRun && c <= at);
    const outage = this.outages.some(
      (o) => (o.from <= at && at < o.until) || (o.until > this.lastRun && o.until <= at),
    );
    // the first tick after an outage ends runs too (its end falls after the last run), so recovery is seen
    if (becameVisible || outage) this.lastRun = at;
    return becameVisible || outage;
  }
}

function emailKind(subject: string): SimulatedEmail['kind'] {
  if (/URGENT/.test(subject)) return 'urgent';
  if (/briefing/i.test(subject)) return 'briefing';
  if (/Post failed|Check the timeline|source|Could not delete/i.test(subject)) return 'failure';
  return 'alert';
}
