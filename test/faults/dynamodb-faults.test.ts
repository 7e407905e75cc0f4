import { SeededFeedServer } from '../../local/seeded-feed-server';
import type { SweepMode } from '../../lambdas/core/plan/sweep-timing';
import type { PostEvent } from '../../lambdas/services/post-service';
import { startFaultStackWithFeed, withLowRetryJitter, type FaultStack } from './support/fault-stack';
import type { FaultRule, ProxyFault } from './support/faulty-proxy';
import { inCrashWindow } from './support/mentions';
import { SweepScenarios } from './support/sweep-scenarios';
import { plusMs, runPostScenario } from './support/post-scenarios';
import { FaultTally } from './support/tally';

const THROTTLED: ProxyFault = { kind: 'dynamo-error', type: 'ProvisionedThroughputExceededException' };
const THROTTLING: ProxyFault = { kind: 'dynamo-error', type: 'ThrottlingException' };
const CONNECTION_LOST: ProxyFault = { kind: 'drop' };

const CRASH_WINDOW =
  'DynamoDB fault mid-sweep in the crash window (alert sent, seen mark lost: re-alerted, at-least-once)';

const tally = new FaultTally();

describe('DynamoDB throttling and connection loss', () => {
  let faults: FaultStack;
  let feed: SeededFeedServer;

  beforeAll(async () => {
    ({ faults, feed } = await startFaultStackWithFeed());
  });
  afterAll(async () => {
    tally.report(__filename);
    await Promise.all([faults?.close(), feed?.close()]);
  });

  const op = (operation: string) => (request: { operation: string }) => request.operation === operation;
  const exhausting = (fault: ProxyFault, match?: FaultRule['match']): FaultRule => ({
    fault,
    times: faults.sdkAttempts.dynamodb,
    ...(match ? { match } : {}),
  });

  describe('posting', () => {
    const pals = (scheduledTime: string): PostEvent => ({ kind: 'post', id: 'pals', scheduledTime });

    it('posts once when the SDK absorbs a throttled claim write', async () => {
      const { first, report } = await tally.attempt('DynamoDB throttling (absorbed by the SDK)', () =>
        withLowRetryJitter(() =>
          runPostScenario(faults, pals('2026-12-01T10:30:00Z'), () =>
            faults.armDynamo({ match: op('PutItem'), times: 1, fault: THROTTLED }),
          ),
        ),
      );
      expect(first.outcome?.outcome).toBe('posted');
      expect(report.tweets).toHaveLength(1);
    });

    it('posts once on the scheduler retry when throttling outlasts the SDK retries of the claim write', async () => {
      const { first, retry, report } = await tally.attempt(
        'DynamoDB throttling (SDK retries exhausted)',
        () =>
          withLowRetryJitter(() =>
            runPostScenario(faults, pals('2026-12-03T10:30:00Z'), () =>
              faults.armDynamo(exhausting(THROTTLING, op('PutItem'))),
            ),
          ),
      );
      expect(first.error?.name).toBe('ThrottlingException');
      expect(retry?.outcome?.outcome).toBe('posted');
      expect(report.tweets).toHaveLength(1);
    });

    it('posts once on the scheduler retry when the connection drops at the pause read', async () => {
      // the pause and the rotation are read side by side: aim at the pause alone so its retries are exhausted
      const pauseRead = (request: { operation: string; body: string }) =>
        request.operation === 'GetItem' && request.body.includes('"PAUSE"');
      const { first, retry, report } = await tally.attempt('DynamoDB connection loss', () =>
        runPostScenario(faults, pals('2026-12-08T10:30:00Z'), () =>
          faults.armDynamo(exhausting(CONNECTION_LOST, pauseRead)),
        ),
      );
      expect(first.error).toBeDefined();
      expect(retry?.outcome?.outcome).toBe('posted');
      expect(report.tweets).toHaveLength(1);
    });

    it('posts once on the scheduler retry when the connection drops at the claim write', async () => {
      const { first, retry, report } = await tally.attempt('DynamoDB connection loss', () =>
        runPostScenario(faults, pals('2026-12-10T10:30:00Z'), () =>
          faults.armDynamo(exhausting(CONNECTION_LOST, op('PutItem'))),
        ),
      );
      expect(first.error).toBeDefined();
      expect(retry?.outcome?.outcome).toBe('posted');
      expect(report.tweets).toHaveLength(1);
    });

    it('never posts, and asks the duty officer to check, when the claim was written but its answer was lost', async () => {
      // the SDK's retry of the claim then fails its condition against our own claim: from outside that looks
      // exactly like another delivery holding it, so the post is not risked
      const { first, report } = await tally.attempt('DynamoDB connection loss after the write', () =>
        runPostScenario(faults, pals('2026-12-15T10:30:00Z'), () =>
          faults.armDynamo({ match: op('PutItem'), times: 1, fault: { kind: 'drop-after' } }),
        ),
      );
      expect(first.outcome).toEqual({ outcome: 'stuck' });
      expect(report.tweets).toHaveLength(0);
      expect(report.stuckEmails).toHaveLength(1);
    });

    it('posts once when the SDK absorbs dropped connections on the completion write', async () => {
      const { first, report } = await tally.attempt('DynamoDB connection loss (absorbed by the SDK)', () =>
        runPostScenario(faults, pals('2026-12-17T10:30:00Z'), () =>
          faults.armDynamo({
            match: op('UpdateItem'),
            times: faults.sdkAttempts.dynamodb - 1,
            fault: CONNECTION_LOST,
          }),
        ),
      );
      expect(first.outcome?.outcome).toBe('posted');
      expect(report.claim.status).toBe('posted');
    });

    it('tells the duty officer to post by hand, then to check, when X fails and the failure cannot be recorded', async () => {
      const scheduledTime = '2026-12-22T10:30:00Z';
      const { first, retry, report } = await tally.attempt('DynamoDB connection loss', () =>
        runPostScenario(faults, pals(scheduledTime), () => {
          faults.stack.x.injectFailure({
            from: new Date(scheduledTime),
            until: new Date(plusMs(scheduledTime, 60_000)),
            status: 503,
          });
          faults.armDynamo(exhausting(CONNECTION_LOST, op('UpdateItem')));
        }),
      );
      expect(first.error).toBeDefined();
      expect(retry?.outcome).toEqual({ outcome: 'stuck' });
      expect(report.tweets).toHaveLength(0);
      expect(report.claim.status).toBe('failed');
      expect(report.failureEmails).toHaveLength(1);
      expect(report.stuckEmails).toHaveLength(1);
    });
  });

  describe('sweeps', () => {
    let sweeps: SweepScenarios;
    beforeAll(() => {
      sweeps = new SweepScenarios(faults, feed, tally, '2027-01-04T08:00:00Z', 'd');
    });
    const crashWindow = { name: CRASH_WINDOW, allows: inCrashWindow };

    /** a fault at each DynamoDB request of a sweep in turn (from `firstPoint` on), each outlasting the SDK's retries */
    async function everyCrashPoint(
      mode: SweepMode,
      firstPoint: number,
      points: number,
    ): Promise<{ repeats: number }> {
      let repeats = 0;
      for (let after = firstPoint; after < points; after++) {
        const { repeated } = await sweeps.run({
          faultClass: 'DynamoDB connection loss mid-sweep',
          mode,
          inject: () => faults.armDynamo({ ...exhausting(CONNECTION_LOST), after }),
          atLeastOnce: crashWindow,
          recoverySweeps: 1,
        });
        if (repeated) repeats += 1;
      }
      return { repeats };
    }

    /** a sweep's DynamoDB requests without faults, as the proxy saw them */
    async function baselineRequests(mode: SweepMode): Promise<string[]> {
      const baseline = await sweeps.run({ mode });
      return baseline.run.filter((entry) => entry.service === 'dynamodb').map((entry) => entry.operation);
    }

    it('loses no mention when the connection drops at any DynamoDB request of a working-hours sweep (a drop between an alert and its seen mark re-alerts: at-least-once, counted apart)', async () => {
      const requests = await baselineRequests('working-hours');
      expect(requests.length).toBeGreaterThan(8);
      const { repeats } = await everyCrashPoint('working-hours', 0, requests.length);
      // the window is real and was hit: a drop at the seen mark after an alert re-alerts on the next sweep
      expect(repeats).toBeGreaterThan(0);
    });

    it('loses no mention when the connection drops at any DynamoDB request of an out-of-hours sweep (an urgent alert before its seen mark may repeat: at-least-once, counted apart)', async () => {
      const requests = await baselineRequests('out-of-hours');
      await everyCrashPoint('out-of-hours', 0, requests.length);
    });

    it('loses no mention and alerts none twice when the SDK absorbs throttled seen-mark reads', async () => {
      const { faulty, reports } = await withLowRetryJitter(() =>
        sweeps.run({
          faultClass: 'DynamoDB throttling (absorbed by the SDK)',
          mode: 'working-hours',
          inject: () => faults.armDynamo({ match: op('BatchGetItem'), times: 1, fault: THROTTLED }),
        }),
      );
      expect(faulty.error).toBeUndefined();
      expect(reports.every((report) => report.alerts.length === 1)).toBe(true);
    });

    it('loses no mention when throttling outlasts the SDK retries of the first seen-mark write (what was already emailed is emailed again: at-least-once, counted apart)', async () => {
      const { faulty } = await withLowRetryJitter(() =>
        sweeps.run({
          faultClass: 'DynamoDB throttling mid-sweep (SDK retries exhausted)',
          mode: 'working-hours',
          inject: () => faults.armDynamo(exhausting(THROTTLED, op('BatchWriteItem'))),
          atLeastOnce: crashWindow,
        }),
      );
      expect(faulty.error?.name).toBe('ProvisionedThroughputExceededException');
    });

    it('loses no mention and alerts none twice when seen-mark writes land but their answers are lost', async () => {
      const { reports } = await sweeps.run({
        faultClass: 'DynamoDB connection loss after the write',
        mode: 'working-hours',
        inject: () =>
          faults.armDynamo({ match: op('BatchWriteItem'), times: 2, fault: { kind: 'drop-after' } }),
      });
      expect(reports.every((report) => report.alerts.length <= 1)).toBe(true);
    });
  });
});
