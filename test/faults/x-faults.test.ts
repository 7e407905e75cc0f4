import { SeededFeedServer } from '../../local/seeded-feed-server';
import type { FailureStatus } from '../../local/x-api-server';
import type { PostEvent } from '../../lambdas/services/post-service';
import { startFaultStackWithFeed, SHORT_X_TIMEOUT_MS, type FaultStack } from './support/fault-stack';
import type { ProxiedRequest, ProxyFault } from './support/faulty-proxy';
import { assertPostsConsistent, tweetIds } from './support/post-invariants';
import { deliverPost, plusMs, runPostScenario } from './support/post-scenarios';
import { SweepScenarios } from './support/sweep-scenarios';
import { FaultTally } from './support/tally';

const tally = new FaultTally();

const X_FAULTS: readonly FailureStatus[] = [429, 500, 503, 'timeout', 'malformed', 'reset'];

function faultClass(status: FailureStatus): string {
  const names: Record<string, string> = {
    timeout: 'X timeout',
    malformed: 'X malformed JSON',
    reset: 'X connection reset',
  };
  return names[String(status)] ?? `X ${status}`;
}

/** short only where the fault is a timeout: elsewhere a busy machine must not add timeouts of its own */
const timeoutFor = (status: FailureStatus | ProxyFault['kind']) =>
  status === 'timeout' || status === 'late-answer' ? { xTimeoutMs: SHORT_X_TIMEOUT_MS } : {};

const createsTweet = (request: ProxiedRequest) => request.operation === 'POST /2/tweets';

describe('X 429 / 500 / 503 / timeouts / malformed JSON / connection reset', () => {
  let faults: FaultStack;
  let feed: SeededFeedServer;

  beforeAll(async () => {
    ({ faults, feed } = await startFaultStackWithFeed());
  });
  afterAll(async () => {
    tally.report(__filename);
    await Promise.all([faults?.close(), feed?.close()]);
  });

  /** the posting days used in turn: pals goes out on Tuesdays and Thursdays at 10:30 */
  const palsDays = [
    '2026-12-01',
    '2026-12-03',
    '2026-12-08',
    '2026-12-10',
    '2026-12-15',
    '2026-12-17',
    '2026-12-22',
    '2026-12-29',
    '2026-12-31',
    '2027-01-05',
    '2027-01-07',
    '2027-01-12',
    '2027-01-14',
    '2027-01-19',
    '2027-01-21',
    '2027-01-26',
  ];
  let nextDay = 0;
  const nextPals = (): PostEvent => {
    const day = palsDays[nextDay++];
    if (!day) throw new Error('out of posting days');
    return { kind: 'post', id: 'pals', scheduledTime: `${day}T10:30:00Z` };
  };
  const xFails = (status: FailureStatus, from: string, forMs: number) =>
    faults.stack.x.injectFailure({ from: new Date(from), until: new Date(plusMs(from, forMs)), status });

  describe('posting', () => {
    it.each(X_FAULTS.map((status) => ({ status, name: faultClass(status) })))(
      'posts once when $name clears within the retries',
      async ({ status, name }) => {
        const event = nextPals();
        // the first two attempts fail; the retry policy's backoff (1 s, 2 s) outlasts the three-second window
        const { first, report } = await tally.attempt(name, () =>
          runPostScenario(faults, event, () => xFails(status, event.scheduledTime, 3000), timeoutFor(status)),
        );
        expect(first.outcome?.outcome).toBe('posted');
        expect(report.tweets).toHaveLength(1);
      },
    );

    it.each(X_FAULTS.map((status) => ({ status, name: faultClass(status) })))(
      'emails the duty officer the exact text and posts nothing when $name lasts an hour',
      async ({ status, name }) => {
        const event = nextPals();
        const { first, report } = await tally.attempt(name, () =>
          runPostScenario(
            faults,
            event,
            () => xFails(status, event.scheduledTime, 60 * 60_000),
            timeoutFor(status),
          ),
        );
        expect(first.outcome?.outcome).toBe('failed');
        expect(report.tweets).toHaveLength(0);
        expect(report.claim.status).toBe('failed');
        expect(report.failureEmails).toHaveLength(1);
      },
    );

    const afterPosting: Array<{ name: string; fault: ProxyFault }> = [
      { name: 'X connection reset after posting', fault: { kind: 'drop-after' } },
      {
        name: 'X timeout after posting',
        fault: { kind: 'late-answer', delayMs: SHORT_X_TIMEOUT_MS + 300 },
      },
      {
        name: 'X 503 after posting',
        fault: {
          kind: 'swap-answer',
          status: 503,
          contentType: 'application/problem+json',
          body: '{"title":"Service Unavailable","detail":"Service Unavailable","type":"about:blank","status":503}',
        },
      },
      {
        name: 'X malformed JSON after posting',
        fault: {
          kind: 'swap-answer',
          status: 201,
          contentType: 'application/json',
          body: '{"data":{"id":"18',
        },
      },
    ];
    it.each(afterPosting)(
      'never posts twice, and asks the duty officer to check the timeline, after $name',
      async ({ name, fault }) => {
        // the tweet is on X, but the answer saying so never arrives: the retry meets "duplicate content"
        const { first, report } = await tally.attempt(name, () =>
          runPostScenario(
            faults,
            nextPals(),
            () => faults.armX({ match: createsTweet, times: 1, fault }),
            timeoutFor(fault.kind),
          ),
        );
        expect(first.outcome).toEqual({ outcome: 'stuck' });
        expect(report.tweets).toHaveLength(1);
        expect(report.stuckEmails).toHaveLength(1);
        expect(report.failureEmails).toHaveLength(0);
      },
    );

    // a 204 with no body is not X's documented confirmation: the sign-off may still be up, so it is not deleted
    it.each([
      { status: 503 as const, name: 'X 503', closingDay: '2027-01-15', reopenDay: '2027-01-18' },
      { status: 204 as const, name: 'X 204 empty', closingDay: '2027-01-22', reopenDay: '2027-01-25' },
    ])(
      'posts the reopening once and asks for the sign-off to be deleted by hand when X answers the delete with $status',
      async ({ status, name, closingDay, reopenDay }) => {
        await tally.attempt(name, async () => {
          const { stack } = faults;
          await stack.ses.clear();
          const before = tweetIds(stack);
          const signOff: PostEvent = {
            kind: 'closing',
            id: 'closing',
            scheduledTime: `${closingDay}T16:00:00Z`,
          };
          const reopening: PostEvent = {
            kind: 'reopening',
            id: 'reopening',
            scheduledTime: `${reopenDay}T09:00:00Z`,
          };
          stack.clock.set(`${closingDay}T16:00:01Z`);
          expect((await deliverPost(faults.faulty(), signOff)).outcome?.outcome).toBe('posted');
          stack.x.injectFailure({
            from: new Date(`${reopenDay}T09:00:00Z`),
            until: new Date(`${reopenDay}T10:00:00Z`),
            status,
            paths: ['DELETE /2/tweets'],
          });
          stack.clock.set(`${reopenDay}T09:00:01Z`);
          expect((await deliverPost(faults.faulty(), reopening)).outcome?.outcome).toBe('posted');
          faults.clearFaults();

          const [closing] = await assertPostsConsistent(stack, [signOff, reopening], before);
          // the sign-off is still up, and the duty officer has its link to take it down
          expect(closing?.tweets).toHaveLength(1);
          expect(closing?.claim.deletedAt).toBeUndefined();
          const emails = await stack.ses.sentEmails();
          expect(
            emails.filter((email) => email.text.includes(`status/${closing?.claim.tweetId}`)),
          ).toHaveLength(1);
        });
      },
    );
  });

  describe('sweeps', () => {
    let sweeps: SweepScenarios;
    beforeAll(() => {
      sweeps = new SweepScenarios(faults, feed, tally, '2027-02-01T08:00:00Z', 'x');
    });

    it.each(X_FAULTS.map((status) => ({ status, name: faultClass(status) })))(
      'loses no mention and alerts none twice when $name takes down both X sources for a sweep',
      async ({ status, name }) => {
        const { faulty, reports } = await sweeps.run({
          ...timeoutFor(status),
          faultClass: name,
          mode: 'working-hours',
          // this tick only: the scheduler's next sweep finds X working again
          inject: (tick) => xFails(status, tick, 60_000),
        });
        expect(faulty.summary?.failedSources).toEqual(['x-mentions', 'x-search']);
        // the feed still worked: its mention went out in the faulty sweep itself
        expect(
          reports.filter((report) => report.mention.source === 'feed').map((r) => r.alerts.length),
        ).toEqual([1]);
        expect(reports.every((report) => report.alerts.length === 1)).toBe(true);
      },
    );
  });
});
