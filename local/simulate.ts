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
import type { PostEventOutcome, PostOutcome } from '../lambdas/services/post-service';
import { accountList, networkOf } from '../lambdas/core/post-targets';
import type { Network } from '../lambdas/core/config/vocabulary';
import type { SweepSummary } from '../lambdas/services/sweep-service';
import { sweepModeAt } from '../lambdas/core/plan/sweep-timing';
import type { EmailKind } from '../lambdas/ports/mailer';
import { RecordingMailer } from './recording-mailer';
import { pressAckButton } from './ack-server';
import { startLocalStack } from './local-stack';
import { SeededFeedServer } from './seeded-feed-server';
import type { SimulationSeed } from './simulation-seed';
import { VirtualClock } from './virtual-clock';
import type { LocalNotification } from './local-stack';

export interface SimulatedTweet {
  at: string;
  account: string;
  /** the account's network (x, bluesky or facebook), given when the config has accounts beyond X */
  network?: Network;
  source: string;
  /** the network's id for the post (a tweet id, an AT URI, a Page post id) */
  tweetId: string;
  text: string;
  deletedAt?: string;
}

export interface SimulatedEmail {
  at: string;
  kind: EmailKind;
  to: string[];
  subject: string;
  text: string;
  /** the seeded mention ids an alert, urgent alert, escalation or briefing is about */
  mentionIds?: string[];
}

/** a duty event as the handlers published it to the local EventBridge */
export interface SimulatedEvent {
  at: string;
  detailType: string;
  detail: Record<string, unknown>;
}

/** `simulate --json` output (docs/formats.md) */
export interface SimulationResult {
  tweets: SimulatedTweet[];
  emails: SimulatedEmail[];
  skipped: Array<{ at: string; source: string; reason: string }>;
  events: SimulatedEvent[];
  notifications: LocalNotification[];
}

export interface SimulationStats {
  firings: number;
  handlerCalls: number;
  sweepsRun: number;
  dynamoRequests: number;
  /** seeded acknowledgements that found no urgent email to press the button of, and why */
  unusedAcknowledgements: string[];
}

/**
 * Runs the real handlers on a virtual clock over a date range, against in-process dynalite, aws-ses-v2-local,
 * the local X API and a feed server, with seeded mentions appearing at their time and seeded outages.
 *
 * A sweep tick only runs when it could do something (see SweepGate): any other would read empty sources and do
 * nothing, and skipping them is what lets a year simulate in seconds. A seeded acknowledgement opens the urgent
 * email's link for its first recipient and presses the button, over HTTP, at its time.
 */
export async function simulate(
  loaded: LoadedConfig,
  from: string,
  to: string,
  seed: SimulationSeed = { mentions: [], failures: [], acknowledgements: [] },
): Promise<SimulationResult & { stats: SimulationStats }> {
  const { config } = loaded;
  const zone = config.organisation.timezone;
  const clock = new VirtualClock(localInstant(from, '00:00', zone).toDate());
  const feeds = new SeededFeedServer(() => clock.now());
  await feeds.start();
  const stack = await startLocalStack(loaded, {
    clock,
    xClock: () => clock.now(),
    xTimeoutMs: 1000,
    sourceOptions: { feedUrl: (sourceId) => feeds.feedUrl(sourceId), feedTimeoutMs: 1000 },
  });
  try {
    const seeded = seedSources(loaded, seed, stack, feeds);
    const mailer = new RecordingMailer(stack.deps.mailer);
    stack.deps.mailer = mailer;
    const deps = async () => stack.deps;
    const handlers = {
      post: createPostHandler(deps),
      sweep: createSweepHandler(deps),
      briefing: createBriefingHandler(deps),
    };
    const result: SimulationResult = { tweets: [], emails: [], events: [], notifications: [], skipped: [] };
    const stats: SimulationStats = {
      firings: 0,
      handlerCalls: 0,
      sweepsRun: 0,
      dynamoRequests: 0,
      unusedAcknowledgements: [],
    };
    const sweepGate = new SweepGate(seed, (at) => sweepModeAt(config, stack.deps.calendar, at));
    const acknowledgements = [...seed.acknowledgements].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    const pressDue = async (until: string) => {
      while (acknowledgements[0] && Date.parse(acknowledgements[0].at) <= Date.parse(until)) {
        const ack = acknowledgements.shift() as SimulationSeed['acknowledgements'][number];
        clock.set(ack.at);
        const problem = await acknowledge(result.emails, ack.mentionId);
        if (problem) stats.unusedAcknowledgements.push(`${ack.at} ${ack.mentionId}: ${problem}`);
        await stack.events.settled();
      }
    };

    for (const firing of planFirings(schedulePlan(config), from, to)) {
      stats.firings++;
      seeded.appearUntil(firing.at);
      await pressDue(firing.at);
      if (firing.entry.target === 'sweep' && !sweepGate.shouldRun(firing.at)) continue;
      if (!couldAct(stack.deps, firing)) continue;
      clock.set(firing.at);
      const event = { ...firing.entry.payload, scheduledTime: firing.at };
      stats.handlerCalls++;
      if (firing.entry.target === 'post') {
        recordPost(config, result, firing, (await handlers.post(event, {} as never)) as PostEventOutcome);
      } else if (firing.entry.target === 'sweep') {
        stats.sweepsRun++;
        sweepGate.ran(firing.at, (await handlers.sweep(event, {} as never)) as SweepSummary);
      } else {
        await handlers.briefing(event, {} as never);
      }
      // the notify consumers' deliveries happen while the clock still reads this firing's time
      await stack.events.settled();
      // read and empty the local mail store, so each read is short however long the simulated range
      const emails = await stack.ses.sentEmails();
      if (emails.length > 0) await stack.ses.clear();
      for (const email of emails) {
        const facts = mailer.take(email.messageId);
        result.emails.push({
          at: firing.at,
          kind: facts?.kind ?? 'failure',
          to: email.to,
          subject: email.subject,
          text: email.text,
          ...(facts?.mentionIds ? { mentionIds: facts.mentionIds.map(seeded.seedIdOf) } : {}),
        });
        const after = config.duty.escalation?.afterMinutes;
        if (after && (facts?.kind === 'urgent' || facts?.kind === 'escalation'))
          sweepGate.wakeAt(new Date(Date.parse(firing.at) + after * 60_000).toISOString());
      }
    }
    await pressDue(localInstant(to, '23:59', zone).toUtcIso());
    await stack.events.settled();
    result.events = stack.events
      .events()
      .filter((e) => e.busName === stack.events.busName)
      .map((e) => ({
        at: typeof e.detail.at === 'string' ? e.detail.at : e.at,
        detailType: e.detailType,
        detail: e.detail,
      }))
      .sort((a, b) => a.at.localeCompare(b.at));
    result.notifications = stack.notify.notifications();

    const deletions = new Map<string, string | undefined>([
      ...stack.x.tweets().map((t) => [t.id, t.deletedAt] as const),
      ...stack.bluesky.posts().map((p) => [p.uri, p.deletedAt] as const),
      ...stack.facebook.posts().map((p) => [p.id, p.deletedAt] as const),
    ]);
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

function recordPost(
  config: Config,
  result: SimulationResult,
  firing: Firing,
  outcome: PostEventOutcome,
): void {
  const payload = firing.entry.payload as { id: string };
  const schedule = config.posts.find((p) => p.id === payload.id)?.account ?? config.closing?.account ?? [];
  const byAccount: Array<[string, PostOutcome]> =
    outcome.outcome === 'per-account'
      ? Object.entries(outcome.accounts)
      : [[accountList(schedule)[0] ?? '', outcome]];
  // an X-only config's output keeps exactly the contract's keys
  const beyondX = Object.values(config.accounts).some((a) => a.network !== 'x');
  for (const [account, each] of byAccount) {
    if (each.outcome === 'posted') {
      result.tweets.push({
        at: firing.at,
        account,
        ...(beyondX ? { network: networkOf(config.accounts, account) } : {}),
        source: payload.id,
        tweetId: each.tweetId,
        text: each.text,
      });
    }
  }
  if (outcome.outcome === 'skipped')
    result.skipped.push({ at: firing.at, source: payload.id, reason: outcome.reason });
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

interface SeededSources {
  /** adds the seeded mentions whose time has come to the stand-ins that cannot hold them back themselves */
  appearUntil(at: string): void;
  /** the seed's id for a mention the network gave its own id (an AT URI, a Page post id) */
  seedIdOf(mentionId: string): string;
}

/**
 * Seeded mentions go where their source reads: X mentions to the local X API and Facebook ones to the local
 * Graph API (both created at their time, hidden until then), feed items to the feed server, and Bluesky ones to
 * the local Bluesky as the clock reaches them (its notifications show what exists, as Bluesky's do).
 */
function seedSources(
  loaded: LoadedConfig,
  seed: SimulationSeed,
  stack: Awaited<ReturnType<typeof startLocalStack>>,
  feeds: SeededFeedServer,
): SeededSources {
  const sources = loaded.config.sweeps?.sources ?? [];
  const seedIds = new Map<string, string>();
  const later: Array<{ at: string; add: () => string; seedId: string }> = [];
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
    const account = loaded.config.accounts[source.account];
    const author = mention.author.replace(/^@/, '');
    if (account?.network === 'facebook') {
      const post = stack.facebook.addTag({
        pageId: account.pageId,
        authorName: author,
        message: mention.text,
        createdAt: mention.at,
      });
      seedIds.set(post.id, mention.id);
    } else if (account?.network === 'bluesky') {
      const { handle } = account;
      const at = new Date(mention.at).toISOString();
      later.push({
        at,
        seedId: mention.id,
        add: () =>
          source.type === 'bluesky-search'
            ? stack.bluesky.addPost({ authorHandle: author, text: mention.text, at }).uri
            : stack.bluesky.addMention({ to: handle, authorHandle: author, text: mention.text, at }).uri,
      });
    } else if (account?.network === 'x') {
      const { handle } = account;
      // a mention timeline only holds posts that name the account
      const text =
        source.type === 'x-mentions' && !new RegExp(`@${handle}\\b`, 'i').test(mention.text)
          ? `@${handle} ${mention.text}`
          : mention.text;
      stack.x.addMention({ id: mention.id, authorUsername: author, text, createdAt: mention.at });
    }
  }
  for (const failure of seed.failures) {
    const window = { from: new Date(failure.from), until: new Date(failure.until), status: failure.status };
    if (failure.service === 'x') stack.x.injectFailure(window);
    else if (failure.service === 'bluesky') stack.bluesky.injectFailure(window);
    else if (failure.service === 'facebook') stack.facebook.injectFailure(window);
    else
      feeds.fail({
        from: new Date(failure.from).toISOString(),
        until: new Date(failure.until).toISOString(),
        status: failure.status,
      });
  }
  later.sort((a, b) => a.at.localeCompare(b.at));
  return {
    appearUntil(at) {
      while (later[0] && Date.parse(later[0].at) <= Date.parse(at)) {
        const due = later.shift() as (typeof later)[number];
        seedIds.set(due.add(), due.seedId);
      }
    },
    seedIdOf: (mentionId) => seedIds.get(mentionId) ?? mentionId,
  };
}

/**
 * Decides which sweep ticks can do anything: those where a seeded mention has become visible, an outage window is
 * open or has just ended (so recovery is seen), an escalation may be due, or mentions recorded since the last
 * alert email wait for the next working-hours tick to send one.
 */
class SweepGate {
  private lastRun = '';
  private readonly changes: string[];
  private readonly outages: Array<{ from: string; until: string }>;
  private readonly wakeups: string[] = [];
  private alertPending = false;

  constructor(
    seed: SimulationSeed,
    private readonly modeAt: (at: string) => string | undefined,
  ) {
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
    const woken = this.wakeups.some((w) => w > this.lastRun && w <= at);
    const alertDue = this.alertPending && this.modeAt(at) === 'working-hours';
    return becameVisible || outage || woken || alertDue;
  }

  ran(at: string, summary: SweepSummary): void {
    this.lastRun = at;
    if (summary.mode === 'working-hours') this.alertPending = false;
    if (summary.held > 0) this.alertPending = true;
  }

  /** an escalation may fall due at `at` */
  wakeAt(at: string): void {
    this.wakeups.push(at);
  }
}

/**
 * Presses the "I'm handling this" button of a mention's urgent alert as its first recipient would: the link from
 * their email, its page first (GET), then the button (POST). Returns why it could not, if it could not.
 */
async function acknowledge(emails: SimulatedEmail[], mentionId: string): Promise<string | undefined> {
  const urgent = emails.find((e) => e.kind === 'urgent' && e.mentionIds?.includes(mentionId));
  if (!urgent) return 'no urgent email about this mention was sent before this time';
  const first = urgent.to[0] as string;
  const link = urgent.text
    .split('\n')
    .find((line) => line.startsWith(`- ${first}: `))
    ?.slice(`- ${first}: `.length)
    .trim();
  if (!link) return `the urgent email has no link for ${first}`;
  const page = await fetch(link);
  await page.text();
  if (!page.ok) return `opening the link gave HTTP ${page.status}`;
  const pressed = await pressAckButton(link);
  return pressed.status === 200 ? undefined : `pressing the button gave HTTP ${pressed.status}`;
}
