import { handleSweep, type SweepSummary } from '../../../lambdas/services/sweep-service';
import { sweepModeAt, type SweepMode } from '../../../lambdas/core/plan/sweep-timing';
import type { RuntimeDeps } from '../../../lambdas/runtime/runtime-deps';
import type { SeededFeedServer } from '../../../local/seeded-feed-server';
import type { StoredEmail } from '../../../local/ses-server';
import type { startTestStack } from '../../support/local-stack';
import type { JournalEntry } from './faulty-proxy';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** the config's feed source */
export const FEED_SOURCE = 'google-alert-trust';

/** One mention a test put where a source will find it, marked so its emails can be found again. */
export interface SeededMention {
  /** `[ref w3.2]`: appears in the mention's text and so in any email about it */
  ref: string;
  /** tweet id or feed entry id: the id its seen mark and held record carry */
  id: string;
  source: 'x-mentions' | 'x-search' | 'feed';
  urgent: boolean;
}

/**
 * Puts five mentions where the sources will find them, each published at `at` (plus a second each, so X's
 * time-ordered ids follow seeding order): a general and a concern mention of the account, an urgent one, a post
 * only the search finds, and, with a feed server, a Google Alerts entry.
 */
export function seedMentions(
  stack: TestStack,
  feed: SeededFeedServer | undefined,
  scenario: string,
  at: string,
): SeededMention[] {
  const ref = (n: number) => `[ref ${scenario}.${n}]`;
  const when = (n: number) => new Date(Date.parse(at) + n * 1000).toISOString();
  const tweet = (
    n: number,
    author: string,
    text: string,
    urgent: boolean,
    source: SeededMention['source'],
  ) => {
    const created = stack.x.addMention({
      authorUsername: author,
      text: `${text} ${ref(n)}`,
      createdAt: when(n),
    });
    return { ref: ref(n), id: created.id, source, urgent };
  };
  const seeded: SeededMention[] = [
    tweet(1, 'openday_fan', '@LeedsandYorkPFT thanks for a lovely open day', false, 'x-mentions'),
    tweet(
      2,
      'long_waiter',
      '@LeedsandYorkPFT still waiting for an appointment, not happy',
      false,
      'x-mentions',
    ),
    tweet(3, 'night_owl', '@LeedsandYorkPFT I am thinking about an overdose', true, 'x-mentions'),
    tweet(4, 'local_news', 'Leeds and York Partnership opens a new clinic', false, 'x-search'),
  ];
  if (feed) {
    const id = `tag:google.com,2013:googlealerts/feed:${scenario}`;
    feed.add(FEED_SOURCE, {
      id,
      at: when(5),
      author: 'forum.example.org',
      title: `Leeds and York forum thread ${ref(5)}`,
      text: `A long wait at the clinic and a rude reply ${ref(5)}`,
      url: `https://forum.example.org/t/${encodeURIComponent(scenario)}`,
    });
    seeded.push({ ref: ref(5), id, source: 'feed', urgent: false });
  }
  return seeded;
}

/** What the emails and held records say about one seeded mention. */
export interface MentionReport {
  mention: SeededMention;
  /** alert and urgent emails naming it */
  alerts: StoredEmail[];
  held: boolean;
}

function isAlert(email: StoredEmail): boolean {
  return /new mention|URGENT mention/.test(email.subject);
}

/**
 * The sweep invariants, once the fault has cleared and sweeps have run again: every mention was emailed (alert
 * or urgent) or held for the briefing; an urgent one was emailed as urgent; none was emailed twice unless
 * `repeatAllowed` says its repeat is the documented at-least-once window.
 */
export async function assertMentionsAccountedFor(
  stack: TestStack,
  seeded: SeededMention[],
  options: { heldSince: string; repeatAllowed?: (mention: SeededMention) => boolean },
): Promise<MentionReport[]> {
  const emails = (await stack.ses.sentEmails()).filter(isAlert);
  const held = await stack.deps.state.found.listSince(options.heldSince);
  return seeded.map((mention) => {
    const alerts = emails.filter((email) => email.text.includes(mention.ref));
    // every mention is recorded; a record only stands for the briefing when it was found out of hours (in
    // working hours the duty officer must have had an alert email)
    const isHeld = held.some(
      (h) =>
        h.id === mention.id &&
        `${h.title ?? ''} ${h.text}`.includes(mention.ref) &&
        sweepModeAt(stack.deps.config, stack.deps.calendar, h.foundAt) !== 'working-hours',
    );
    const report = { mention: mention.ref, alertedOrHeld: alerts.length > 0 || isHeld };
    expect(report).toEqual({ mention: mention.ref, alertedOrHeld: true });
    if (mention.urgent) {
      const urgent = alerts.filter((email) => /URGENT/.test(email.subject));
      expect({ mention: mention.ref, urgentEmailed: urgent.length > 0 }).toEqual({
        mention: mention.ref,
        urgentEmailed: true,
      });
    }
    if (alerts.length > 1 && !options.repeatAllowed?.(mention)) {
      throw new Error(`${mention.ref} was emailed ${alerts.length} times outside the at-least-once window`);
    }
    return { mention, alerts, held: isHeld };
  });
}

/** the text part of a SendEmail request as the SES proxy saw it */
function sentText(entry: JournalEntry): string {
  return new URLSearchParams(entry.body).get('Message.Body.Text.Data') ?? '';
}

/**
 * The documented at-least-once window, read from what really went over the wire in one run: an email naming
 * the mention reached SES, and no write of its seen mark reached DynamoDB afterwards. A repeat outside this is a
 * double alert.
 */
export function inCrashWindow(run: JournalEntry[], mention: SeededMention): boolean {
  const sent = run.find(
    (e) =>
      e.service === 'ses' &&
      e.operation === 'SendEmail' &&
      e.upstreamStatus === 200 &&
      sentText(e).includes(mention.ref),
  );
  if (!sent) return false;
  return !run.some(
    (e) =>
      e.seq > sent.seq &&
      e.service === 'dynamodb' &&
      e.operation === 'BatchWriteItem' &&
      e.upstreamStatus === 200 &&
      e.body.includes('"MENTION#') &&
      e.body.includes(JSON.stringify(mention.id)),
  );
}

/** the next `count` sweep ticks from `from` (exclusive) that run in `mode` */
export function sweepTicks(deps: RuntimeDeps, from: string, mode: SweepMode, count: number): string[] {
  const ticks: string[] = [];
  for (let t = Date.parse(from) + 15 * 60_000; ticks.length < count; t += 15 * 60_000) {
    const instant = new Date(t).toISOString().replace('.000Z', 'Z');
    if (sweepModeAt(deps.config, deps.calendar, instant) === mode) ticks.push(instant);
  }
  return ticks;
}

/** one sweep at `tick`, the clock set to it, as the scheduler would deliver it */
export function sweepAt(stack: TestStack, deps: RuntimeDeps, tick: string): Promise<SweepSummary> {
  stack.clock.set(tick);
  return handleSweep(deps, tick);
}

/** a sweep that may fail: what it threw, or undefined */
export async function sweepExpectingTrouble(
  stack: TestStack,
  deps: RuntimeDeps,
  tick: string,
): Promise<{ summary?: SweepSummary; error?: Error }> {
  try {
    return { summary: await sweepAt(stack, deps, tick) };
  } catch (error) {
    return { error: error as Error };
  }
}
