import middy from '@middy/core';
import type { DutyEvent } from '../../lambdas/core/events/event-schemas';
import { flushEvents } from '../../lambdas/handlers/flush-events';
import type { EventPublisher, PublishReport } from '../../lambdas/ports/event-bus';
import type { AuditRecord } from '../../lambdas/ports/state';
import { noEventPublisher } from '../../lambdas/services/no-event-publisher';
import { publishedAudit } from '../../lambdas/services/published-audit';
import { InMemoryAuditLog } from '../support/in-memory-urgent-alerts';

/** a publisher that keeps what it is given, and says when it was flushed */
class RecordingPublisher implements EventPublisher {
  readonly queued: DutyEvent[] = [];
  readonly flushed: DutyEvent[][] = [];

  publish(event: DutyEvent): void {
    this.queued.push(event);
  }

  async flush(): Promise<PublishReport> {
    const batch = this.queued.splice(0);
    this.flushed.push(batch);
    return { published: batch.length, failed: 0 };
  }
}

const POSTED: AuditRecord = {
  at: '2026-12-24T16:00:02.000Z',
  event: 'posted',
  subject: 'closing',
  scheduledTime: '2026-12-24T16:00:00.000Z',
  configVersion: 'v1',
  detail: { tweetId: '1872000000000000009', account: 'trust' },
};

describe('publishedAudit', () => {
  it('writes the record, then queues its event', async () => {
    const audit = new InMemoryAuditLog();
    const publisher = new RecordingPublisher();
    const published = publishedAudit(audit, publisher);
    await published.record(POSTED);
    expect(audit.all()).toEqual([POSTED]);
    expect(publisher.queued).toEqual([
      {
        detailType: 'Post Published',
        detail: expect.objectContaining({ postId: 'closing', tweetId: '1872000000000000009' }),
      },
    ]);
  });

  it('publishes nothing while the record is being written, and nothing when writing it fails', async () => {
    const publisher = new RecordingPublisher();
    let finish: () => void = () => undefined;
    let fail: (error: Error) => void = () => undefined;
    const slow = new InMemoryAuditLog();
    const writing = publishedAudit(
      {
        record: () => new Promise<void>((resolve) => (finish = resolve)),
        list: (from, to) => slow.list(from, to),
      },
      publisher,
    ).record(POSTED);
    await Promise.resolve();
    expect(publisher.queued).toEqual([]);
    finish();
    await writing;
    expect(publisher.queued).toHaveLength(1);

    const failing = publishedAudit(
      {
        record: () => new Promise<void>((_resolve, reject) => (fail = reject)),
        list: (from, to) => slow.list(from, to),
      },
      publisher,
    ).record({ ...POSTED, subject: 'pals' });
    fail(new Error('ConditionalCheckFailed'));
    await expect(failing).rejects.toThrow('ConditionalCheckFailed');
    expect(publisher.queued).toHaveLength(1);
  });

  it('publishes nothing for a record subscribers have no use for (a briefing attempt that failed)', async () => {
    const publisher = new RecordingPublisher();
    await publishedAudit(new InMemoryAuditLog(), publisher).record({
      at: '2027-01-04T07:45:01.000Z',
      event: 'briefing',
      subject: 'briefing',
      configVersion: 'v1',
      detail: { mentions: 2 },
    });
    expect(publisher.queued).toEqual([]);
  });

  it('lists from the wrapped log', async () => {
    const audit = new InMemoryAuditLog();
    await publishedAudit(audit, noEventPublisher).record(POSTED);
    await expect(
      publishedAudit(audit, noEventPublisher).list('2026-12-24T00:00:00Z', '2026-12-25T00:00:00Z'),
    ).resolves.toEqual([POSTED]);
  });
});

describe('flushEvents (the handlers’ middleware)', () => {
  const handlerWith = (
    deps: () => Promise<{ events?: EventPublisher }>,
    body: (events: EventPublisher) => Promise<string>,
  ) =>
    middy<unknown, string>()
      .use(flushEvents(deps))
      .handler(async () => body((await deps()).events ?? noEventPublisher));

  it('flushes what the invocation queued once it returns, and leaves the answer alone', async () => {
    const publisher = new RecordingPublisher();
    const audit = publishedAudit(new InMemoryAuditLog(), publisher);
    const handler = handlerWith(
      async () => ({ events: publisher }),
      async () => {
        await audit.record(POSTED);
        expect(publisher.flushed).toEqual([]);
        return 'posted';
      },
    );
    await expect(handler({}, {} as never)).resolves.toBe('posted');
    expect(publisher.flushed.map((batch) => batch.map((e) => e.detailType))).toEqual([['Post Published']]);
  });

  it('flushes when the handler throws too, and passes on its error', async () => {
    const publisher = new RecordingPublisher();
    const audit = publishedAudit(new InMemoryAuditLog(), publisher);
    const handler = handlerWith(
      async () => ({ events: publisher }),
      async () => {
        await audit.record({ ...POSTED, event: 'failed', detail: { reason: 'X refused the post' } });
        throw new Error('the failure email could not be sent');
      },
    );
    await expect(handler({}, {} as never)).rejects.toThrow('the failure email could not be sent');
    expect(publisher.flushed.map((batch) => batch.map((e) => e.detailType))).toEqual([['Post Failed']]);
  });

  it('keeps the error when the deps themselves could not be built', async () => {
    const handler = handlerWith(
      async () => {
        throw new Error('TABLE_NAME is not set');
      },
      async () => 'never',
    );
    await expect(handler({}, {} as never)).rejects.toThrow('TABLE_NAME is not set');
  });

  it('passes through where there is no publisher (an acknowledge test with bare deps)', async () => {
    const handler = handlerWith(
      async () => ({}),
      async () => 'shown',
    );
    await expect(handler({}, {} as never)).resolves.toBe('shown');
  });
});
