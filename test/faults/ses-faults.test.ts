import { SeededFeedServer } from '../../local/seeded-feed-server';
import { handleBriefing } from '../../lambdas/services/briefing-service';
import { handleSweep } from '../../lambdas/services/sweep-service';
import type { PostEvent } from '../../lambdas/services/post-service';
import { startFaultStackWithFeed, withLowRetryJitter, type FaultStack } from './support/fault-stack';
import type { FaultRule, JournalEntry, ProxiedRequest, ProxyFault } from './support/faulty-proxy';
import type { SeededMention } from './support/mentions';
import { plusMs, runPostScenario } from './support/post-scenarios';
import { SweepScenarios } from './support/sweep-scenarios';
import { FaultTally } from './support/tally';

const THROTTLED: ProxyFault = { kind: 'ses-error', code: 'Throttling' };
const REJECTED: ProxyFault = { kind: 'ses-error', code: 'MessageRejected' };
const CONNECTION_LOST: ProxyFault = { kind: 'drop' };

const ANSWER_LOST_WINDOW =
  'SES answer lost after accepting the email (the SDK sends it again: at-least-once)';

const tally = new FaultTally();

function subjectOf(request: ProxiedRequest): string {
  return new URLSearchParams(request.body).get('Message.Subject.Data') ?? '';
}

/** SendEmail requests whose subject matches */
const emailAbout =
  (subject: RegExp) =>
  (request: ProxiedRequest): boolean =>
    request.operation === 'SendEmail' && subject.test(subjectOf(request));

/** the mention was in an email SES accepted but whose answer the proxy threw away */
function inAnswerLostEmail(run: JournalEntry[], mention: SeededMention): boolean {
  return run.some(
    (entry) =>
      entry.operation === 'SendEmail' &&
      entry.outcome === 'drop-after' &&
      entry.upstreamStatus === 200 &&
      (new URLSearchParams(entry.body).get('Message.Body.Text.Data') ?? '').includes(mention.ref),
  );
}

describe('SES throttling and rejection', () => {
  let faults: FaultStack;
  let feed: SeededFeedServer;

  beforeAll(async () => {
    ({ faults, feed } = await startFaultStackWithFeed());
  });
  afterAll(async () => {
    tally.report(__filename);
    await Promise.all([faults?.close(), feed?.close()]);
  });

  const exhausting = (fault: ProxyFault, match: FaultRule['match']): FaultRule => ({
    fault,
    match,
    times: faults.sdkAttempts.ses,
  });

  describe('failure emails for posts X refused', () => {
    const pals = (scheduledTime: string): PostEvent => ({ kind: 'post', id: 'pals', scheduledTime });
    /** X down for ten minutes from the scheduled time, so the post fails and the duty officer must be told */
    const xDownAt = (scheduledTime: string) =>
      faults.stack.x.injectFailure({
        from: new Date(scheduledTime),
        until: new Date(plusMs(scheduledTime, 10 * 60_000)),
        status: 503,
      });
    const failureEmail = emailAbout(/Post failed/);

    it('sends one failure email when the SDK absorbs a throttled send', async () => {
      const scheduledTime = '2026-12-01T10:30:00Z';
      const { first, report } = await tally.attempt('SES throttling (absorbed by the SDK)', () =>
        withLowRetryJitter(() =>
          runPostScenario(faults, pals(scheduledTime), () => {
            xDownAt(scheduledTime);
            faults.armSes({ match: failureEmail, times: faults.sdkAttempts.ses - 1, fault: THROTTLED });
          }),
        ),
      );
      expect(first.outcome?.outcome).toBe('failed');
      expect(report.failureEmails).toHaveLength(1);
      expect(report.stuckEmails).toHaveLength(0);
    });

    it.each([
      ['SES throttling (SDK retries exhausted)', THROTTLED, '2026-12-03T10:30:00Z'],
      ['SES rejection (MessageRejected)', REJECTED, '2026-12-08T10:30:00Z'],
      ['SES connection loss', CONNECTION_LOST, '2026-12-10T10:30:00Z'],
    ] as const)(
      'still tells the duty officer, with a "check the timeline" email on the scheduler retry, after %s',
      async (faultClass, fault, scheduledTime) => {
        const { first, retry, report } = await tally.attempt(faultClass, () =>
          withLowRetryJitter(() =>
            runPostScenario(faults, pals(scheduledTime), () => {
              xDownAt(scheduledTime);
              faults.armSes(exhausting(fault, failureEmail));
            }),
          ),
        );
        expect(first.error?.name).toBe('MailerError');
        expect(retry?.outcome).toEqual({ outcome: 'stuck' });
        expect(report.claim.status).toBe('failed');
        expect(report.tweets).toHaveLength(0);
        expect(report.stuckEmails).toHaveLength(1);
      },
    );

    it('tells the duty officer at least once when SES took the failure email but the answer was lost (at-least-once: the SDK sends it again)', async () => {
      const scheduledTime = '2026-12-15T10:30:00Z';
      const { first, report } = await tally.attempt('SES connection loss after accepting', () =>
        runPostScenario(faults, pals(scheduledTime), () => {
          xDownAt(scheduledTime);
          faults.armSes({ match: failureEmail, times: 1, fault: { kind: 'drop-after' } });
        }),
      );
      expect(first.outcome?.outcome).toBe('failed');
      expect(report.failureEmails.length).toBeGreaterThanOrEqual(1);
      expect(report.tweets).toHaveLength(0);
      if (report.failureEmails.length > 1) {
        tally.tried(ANSWER_LOST_WINDOW);
        tally.survived(ANSWER_LOST_WINDOW);
      }
    });
  });

  describe('alert and urgent emails', () => {
    let sweeps: SweepScenarios;
    beforeAll(() => {
      sweeps = new SweepScenarios(faults, feed, tally, '2027-01-04T08:00:00Z', 's');
    });
    const alertEmail = emailAbout(/new mention/);
    const urgentEmail = emailAbout(/URGENT/);

    it('alerts each mention once when the SDK absorbs a throttled alert', async () => {
      const { faulty, reports } = await withLowRetryJitter(() =>
        sweeps.run({
          faultClass: 'SES throttling (absorbed by the SDK)',
          mode: 'working-hours',
          inject: () =>
            faults.armSes({ match: alertEmail, times: faults.sdkAttempts.ses - 1, fault: THROTTLED }),
        }),
      );
      expect(faulty.error).toBeUndefined();
      expect(reports.every((report) => report.alerts.length === 1)).toBe(true);
    });

    it.each([
      {
        faultClass: 'SES throttling (SDK retries exhausted)',
        fault: THROTTLED,
        mode: 'working-hours',
        email: 'alert',
      },
      {
        faultClass: 'SES rejection (MessageRejected)',
        fault: REJECTED,
        mode: 'working-hours',
        email: 'alert',
      },
      { faultClass: 'SES connection loss', fault: CONNECTION_LOST, mode: 'working-hours', email: 'alert' },
      {
        faultClass: 'SES throttling (SDK retries exhausted)',
        fault: THROTTLED,
        mode: 'working-hours',
        email: 'urgent',
      },
      {
        faultClass: 'SES rejection (MessageRejected)',
        fault: REJECTED,
        mode: 'out-of-hours',
        email: 'urgent',
      },
    ] as const)(
      'loses no mention and alerts none twice after $faultClass on the $email email of a sweep in $mode',
      async ({ faultClass, fault, mode, email }) => {
        const { faulty, reports } = await withLowRetryJitter(() =>
          sweeps.run({
            faultClass,
            mode,
            inject: () => faults.armSes(exhausting(fault, email === 'alert' ? alertEmail : urgentEmail)),
          }),
        );
        // the sweep fails before marking anything seen, so the next one finds the same mentions again
        expect(faulty.error?.name).toBe('MailerError');
        expect(reports.every((report) => report.alerts.length <= 1)).toBe(true);
      },
    );

    it('loses no mention when SES took an alert but the answer was lost (at-least-once: the SDK sends it again, counted apart)', async () => {
      const { reports } = await sweeps.run({
        faultClass: 'SES connection loss after accepting',
        mode: 'working-hours',
        inject: () => faults.armSes({ match: alertEmail, times: 1, fault: { kind: 'drop-after' } }),
        atLeastOnce: { name: ANSWER_LOST_WINDOW, allows: inAnswerLostEmail },
      });
      expect(reports.every((report) => report.alerts.length >= 1 || report.held)).toBe(true);
    });

    it('tells the duty officer once that a source is failing although the first try to say so was throttled away', async () => {
      await tally.attempt('SES throttling (SDK retries exhausted)', async () => {
        const { stack } = faults;
        await stack.ses.clear();
        stack.x.injectFailure({
          from: new Date('2027-01-11T09:00:00Z'),
          until: new Date('2027-01-11T10:15:00Z'),
          status: 503,
          paths: ['/2/users'],
        });
        const healthEmail = emailAbout(/Mention source x-mentions/);
        const ticks = ['09:15', '09:30', '09:45', '10:00', '10:15', '10:30'].map(
          (t) => `2027-01-11T${t}:00Z`,
        );
        const outcomes: string[] = [];
        for (const [n, tick] of ticks.entries()) {
          // the third failed sweep is the one that tells the duty officer: its email is throttled away
          if (n === 2) faults.armSes(exhausting(THROTTLED, healthEmail));
          stack.clock.set(tick);
          try {
            const summary = await withLowRetryJitter(() => handleSweep(faults.faulty(), tick));
            outcomes.push(summary.failedSources.join(',') || 'ok');
          } catch (error) {
            outcomes.push((error as Error).name);
          }
          // only the email fault ends here: X stays down for the hour
          faults.proxies.ses.disarm();
        }
        faults.clearFaults();
        expect(outcomes).toEqual(['x-mentions', 'x-mentions', 'MailerError', 'x-mentions', 'ok', 'ok']);
        const health = (await stack.ses.sentEmails()).filter((e) =>
          /Mention source x-mentions/.test(e.subject),
        );
        expect(health.map((e) => e.subject)).toEqual([
          '[social-duty] Mention source x-mentions is failing',
          '[social-duty] Mention source x-mentions is working again',
        ]);
      });
    });
  });

  describe('the morning briefing', () => {
    it('sends one briefing when the SDK absorbs a throttled send', async () => {
      await tally.attempt('SES throttling (absorbed by the SDK)', async () => {
        const { stack } = faults;
        await stack.ses.clear();
        stack.clock.set('2027-01-12T08:45:00Z');
        faults.armSes({ match: emailAbout(/Morning briefing/), times: 1, fault: THROTTLED });
        const outcome = await withLowRetryJitter(() =>
          handleBriefing(faults.faulty(), '2027-01-12T08:45:00Z'),
        );
        faults.clearFaults();
        expect(outcome.outcome).toBe('sent');
        expect(
          (await stack.ses.sentEmails()).filter((email) => /Morning briefing/.test(email.subject)),
        ).toHaveLength(1);
      });
    });
  });
});
