import { SeededFeedServer } from '../../local/seeded-feed-server';
import { createPostHandler } from '../../lambdas/handlers/post';
import { createSweepHandler } from '../../lambdas/handlers/sweep';
import { createBriefingHandler } from '../../lambdas/handlers/briefing';
import type { PostEvent, PostEventOutcome } from '../../lambdas/services/post-service';
import type { RuntimeDeps } from '../../lambdas/runtime/runtime-deps';
import { startFaultStackWithFeed, type FaultStack } from './support/fault-stack';
import { sweepAt } from './support/mentions';
import { assertPostsConsistent, tweetIds, type OccurrenceReport } from './support/post-invariants';
import { plusMs } from './support/post-scenarios';
import { SweepScenarios } from './support/sweep-scenarios';
import { FaultTally } from './support/tally';

const tally = new FaultTally();

/** one delivery as the scheduler makes it: the event, through the real handler, to one container's adapters */
type Delivery = { at: string; event: PostEvent; deps: RuntimeDeps };

describe('duplicate and out-of-order scheduler deliveries', () => {
  let faults: FaultStack;
  let feed: SeededFeedServer;

  beforeAll(async () => {
    ({ faults, feed } = await startFaultStackWithFeed());
  });
  afterAll(async () => {
    tally.report(__filename);
    await Promise.all([faults?.close(), feed?.close()]);
  });

  /** a Lambda container of its own: the proxies pass everything through, nothing is armed */
  const container = () => faults.faulty();

  /**
   * Makes the deliveries (those sharing an `at` together, at once), then checks the posting invariants over
   * every occurrence they named.
   */
  async function deliver(
    faultClass: string,
    deliveries: Delivery[],
  ): Promise<{
    outcomes: PostEventOutcome[];
    reports: OccurrenceReport[];
  }> {
    return tally.attempt(faultClass, async () => {
      const { stack } = faults;
      await stack.ses.clear();
      const before = tweetIds(stack);
      const outcomes: PostEventOutcome[] = [];
      const moments = [...new Set(deliveries.map((d) => d.at))];
      for (const at of moments) {
        stack.clock.set(at);
        const batch = deliveries.filter((d) => d.at === at);
        outcomes.push(
          ...(await Promise.all(
            batch.map((d) => createPostHandler(async () => d.deps)(d.event as never, {} as never)),
          )),
        );
      }
      const reports = await assertPostsConsistent(
        stack,
        deliveries.map((d) => d.event),
        before,
      );
      return { outcomes, reports };
    });
  }

  const post = (id: string, kind: PostEvent['kind'], scheduledTime: string): PostEvent => ({
    kind,
    id,
    scheduledTime,
  });

  describe('posts', () => {
    it('posts once when five containers get the same event at the same moment', async () => {
      const event = post('pals', 'post', '2026-12-01T10:30:00Z');
      const { outcomes, reports } = await deliver(
        'scheduler duplicate delivery (concurrent)',
        Array.from({ length: 5 }, () => ({ at: '2026-12-01T10:30:01Z', event, deps: container() })),
      );
      expect(outcomes.filter((o) => o.outcome === 'posted')).toHaveLength(1);
      expect(reports[0]?.tweets).toHaveLength(1);
    });

    it('posts once when the same event comes again a minute, an hour and a day later', async () => {
      const event = post('staff-awards', 'post', '2026-12-02T12:00:00Z');
      const { outcomes, reports } = await deliver(
        'scheduler duplicate delivery (later)',
        ['2026-12-02T12:00:01Z', '2026-12-02T12:01:00Z', '2026-12-02T13:00:00Z', '2026-12-03T12:00:00Z'].map(
          (at) => ({ at, event, deps: container() }),
        ),
      );
      expect(outcomes.map((o) => o.outcome)).toEqual([
        'posted',
        'already-done',
        'already-done',
        'already-done',
      ]);
      expect(reports[0]?.tweets).toHaveLength(1);
      expect(await faults.stack.ses.sentEmails()).toHaveLength(0);
    });

    it('posts once when duplicates spell the scheduled time differently', async () => {
      const spellings = ['2026-12-03T10:30:00Z', '2026-12-03T10:30:00.000Z', '2026-12-03T10:30:00+00:00'];
      const { outcomes, reports } = await deliver(
        'scheduler duplicate delivery (concurrent)',
        spellings.map((scheduledTime) => ({
          at: '2026-12-03T10:30:01Z',
          event: post('pals', 'post', scheduledTime),
          deps: container(),
        })),
      );
      expect(outcomes.filter((o) => o.outcome === 'posted')).toHaveLength(1);
      expect(reports).toHaveLength(1);
    });

    it('sends one failure email and nothing to X when a failed occurrence is delivered again', async () => {
      const event = post('pals', 'post', '2026-12-08T10:30:00Z');
      faults.stack.x.injectFailure({
        from: new Date('2026-12-08T10:30:00Z'),
        until: new Date('2026-12-08T11:30:00Z'),
        status: 503,
      });
      const { outcomes, reports } = await deliver('scheduler duplicate delivery (later)', [
        { at: '2026-12-08T10:30:01Z', event, deps: container() },
        { at: '2026-12-08T10:45:00Z', event, deps: container() },
        { at: '2026-12-08T12:00:00Z', event, deps: container() },
      ]);
      faults.clearFaults();
      expect(outcomes.map((o) => o.outcome)).toEqual(['failed', 'already-done', 'already-done']);
      expect(reports[0]?.failureEmails).toHaveLength(1);
      expect(reports[0]?.tweets).toHaveLength(0);
    });

    it("posts each occurrence once when Thursday's event comes before Tuesday's late one", async () => {
      const tuesday = post('pals', 'post', '2026-12-15T10:30:00Z');
      const thursday = post('pals', 'post', '2026-12-17T10:30:00Z');
      const { outcomes, reports } = await deliver('scheduler out-of-order delivery', [
        { at: '2026-12-17T10:30:01Z', event: thursday, deps: container() },
        { at: '2026-12-17T10:35:00Z', event: tuesday, deps: container() },
        { at: '2026-12-17T10:40:00Z', event: thursday, deps: container() },
      ]);
      expect(outcomes.map((o) => o.outcome)).toEqual(['posted', 'posted', 'already-done']);
      // the rotation moved on between them, so X saw two different texts
      expect(new Set(reports.map((r) => r.claim.text)).size).toBe(2);
    });

    it('posts or reports each occurrence once when a late Monday and the next Monday arrive together', async () => {
      // one variant only: whichever goes second is refused as duplicate content and must reach a human
      const late = post('wyg', 'post', '2027-01-04T11:00:00Z');
      const onTime = post('wyg', 'post', '2027-01-11T11:00:00Z');
      const { reports } = await deliver('scheduler out-of-order delivery (concurrent)', [
        { at: '2027-01-11T11:00:01Z', event: late, deps: container() },
        { at: '2027-01-11T11:00:01Z', event: onTime, deps: container() },
      ]);
      expect(reports.flatMap((r) => r.tweets)).toHaveLength(1);
    });

    it('signs off once and reopens once when the sign-off arrives late, after the reopening', async () => {
      // the reopening found no sign-off to delete, so the late sign-off stays up: at most one of each
      const signOff = post('closing', 'closing', '2027-01-15T16:00:00Z');
      const reopening = post('reopening', 'reopening', '2027-01-18T09:00:00Z');
      const { reports } = await deliver('scheduler out-of-order delivery', [
        { at: '2027-01-18T09:00:01Z', event: reopening, deps: container() },
        { at: '2027-01-18T09:05:00Z', event: signOff, deps: container() },
        { at: '2027-01-18T09:06:00Z', event: reopening, deps: container() },
      ]);
      expect(reports.map((r) => r.tweets.length)).toEqual([1, 1]);
    });
  });

  describe('sweeps and briefings', () => {
    let sweeps: SweepScenarios;
    beforeAll(() => {
      sweeps = new SweepScenarios(faults, feed, tally, '2027-02-01T08:00:00Z', 'q');
    });
    const sweepHandler = (deps: RuntimeDeps, tick: string) =>
      createSweepHandler(async () => deps)({ scheduledTime: tick } as never, {} as never);

    it('alerts each mention once when the same sweep is delivered twice, a minute apart', async () => {
      const { reports } = await sweeps.run({
        faultClass: 'scheduler duplicate delivery (later)',
        mode: 'working-hours',
        deliver: async (tick) => {
          faults.stack.clock.set(tick);
          await sweepHandler(container(), tick);
          faults.stack.clock.set(plusMs(tick, 60_000));
          await sweepHandler(container(), tick);
        },
      });
      expect(reports.every((r) => r.alerts.length === 1)).toBe(true);
    });

    it.each(['working-hours', 'out-of-hours'] as const)(
      'alerts each mention once when two containers get the same %s tick at the same moment',
      async (mode) => {
        const { reports, faulty } = await sweeps.run({
          faultClass: 'scheduler duplicate delivery (concurrent)',
          mode,
          deliver: async (tick) => {
            faults.stack.clock.set(tick);
            const summaries = await Promise.all([
              sweepHandler(container(), tick),
              sweepHandler(container(), tick),
            ]);
            // the second delivery lost the tick's claim and did nothing
            expect(summaries.map((s) => s.mode).sort()).toEqual(['duplicate', mode].sort());
          },
        });
        expect(faulty.error).toBeUndefined();
        expect(reports.every((r) => r.alerts.length <= 1)).toBe(true);
        expect(reports.filter((r) => r.mention.urgent).map((r) => r.alerts.length)).toEqual([1]);
      },
    );

    it('alerts each mention once when a tick is delivered after the next one', async () => {
      const { reports } = await sweeps.run({
        faultClass: 'scheduler out-of-order delivery',
        mode: 'working-hours',
        deliver: async (tick) => {
          const next = plusMs(tick, 15 * 60_000).replace('.000Z', 'Z');
          await sweepAt(faults.stack, container(), next);
          faults.stack.clock.set(plusMs(next, 60_000));
          await sweepHandler(container(), tick);
        },
      });
      expect(reports.every((r) => r.alerts.length === 1)).toBe(true);
    });

    it('holds what a night tick finds even when it is delivered in the morning, and still sends urgent ones', async () => {
      const { reports } = await sweeps.run({
        faultClass: 'scheduler out-of-order delivery',
        mode: 'out-of-hours',
        deliver: async (tick) => {
          faults.stack.clock.set(plusMs(tick, 9 * 60 * 60_000));
          await sweepHandler(container(), tick);
        },
      });
      expect(reports.filter((r) => r.mention.urgent).map((r) => r.alerts.length)).toEqual([1]);
      expect(reports.filter((r) => !r.mention.urgent).every((r) => r.held && r.alerts.length === 0)).toBe(
        true,
      );
    });

    it('sends a briefing whose first delivery died mid-send once: on the retry after its lease, never again', async () => {
      await tally.attempt('scheduler retry after a crash mid-send', async () => {
        const { stack } = faults;
        await stack.ses.clear();
        const tick = '2027-02-10T08:45:00Z';
        stack.clock.set(tick);
        const briefing = (deps: RuntimeDeps) =>
          createBriefingHandler(async () => deps)({ scheduledTime: tick } as never, {} as never);
        // the first container stops inside the SES call (Lambda's timeout kills it): its claim stays in progress
        const dying = { ...container(), mailer: { send: () => new Promise<never>(() => undefined) } };
        void briefing(dying);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(await stack.ses.sentEmails()).toHaveLength(0);
        // Lambda retries the event a minute later; the lease (60 s) has run out
        stack.clock.set('2027-02-10T08:46:05Z');
        expect((await briefing(container())).outcome).toBe('sent');
        stack.clock.set('2027-02-10T08:48:00Z');
        expect(await briefing(container())).toEqual({ outcome: 'already-sent' });
        const briefings = (await stack.ses.sentEmails()).filter((e) => /Morning briefing/.test(e.subject));
        expect(briefings).toHaveLength(1);
      });
    });

    it('sends one briefing when three containers get the same briefing event at once, and none more later', async () => {
      await tally.attempt('scheduler duplicate delivery (concurrent)', async () => {
        const { stack } = faults;
        await stack.ses.clear();
        const tick = '2027-02-09T08:45:00Z';
        stack.clock.set(tick);
        const briefing = (deps: RuntimeDeps) =>
          createBriefingHandler(async () => deps)({ scheduledTime: tick } as never, {} as never);
        const outcomes = await Promise.all([container(), container(), stack.deps].map(briefing));
        stack.clock.set('2027-02-09T10:00:00Z');
        outcomes.push(await briefing(container()));
        expect(outcomes.map((o) => o.outcome).sort()).toEqual([
          'already-sent',
          'already-sent',
          'already-sent',
          'sent',
        ]);
        const briefings = (await stack.ses.sentEmails()).filter((e) => /Morning briefing/.test(e.subject));
        expect(briefings).toHaveLength(1);
      });
    });
  });
});
