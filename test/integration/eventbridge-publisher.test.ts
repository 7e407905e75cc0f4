/**
 * Duty events over HTTP: the real EventBridge publisher (the SDK client, PutEvents) against the local
 * EventBridge (local/eventbridge-server.ts), then the real handlers against the local stack publishing every
 * outcome to it, each detail checked against its committed JSON Schema.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { runCli } from '../../cli/main';
import {
  EventBridgePublisher,
  MAX_REQUEST_BYTES,
  entrySize,
  type EventBridgePublisherOptions,
} from '../../lambdas/adapters/eventbridge-publisher';
import { DETAIL_TYPES, EVENT_SOURCE, type DetailType } from '../../lambdas/core/events/detail-types';
import { dutyEventFrom } from '../../lambdas/core/events/duty-events';
import type { DutyEvent } from '../../lambdas/core/events/event-schemas';
import { createBriefingHandler } from '../../lambdas/handlers/briefing';
import { createPostHandler } from '../../lambdas/handlers/post';
import { createSweepHandler } from '../../lambdas/handlers/sweep';
import type { AuditRecord } from '../../lambdas/ports/state';
import { publishedAudit } from '../../lambdas/services/published-audit';
import { pressAckButton } from '../../local/ack-server';
import { startLocalEventBridge, type LocalEventBridgeHandle } from '../../local/eventbridge-server';
import { EVENT_SCHEMA_DIR, schemaFileName } from '../../scripts/generate-event-schemas';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';
import { startTestStack } from '../support/local-stack';

const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
const REGION = 'eu-west-2';

/** what one PutEvents request carried, as seen on the wire */
interface SeenRequest {
  entries: number;
  bytes: number;
}

/**
 * Passes every request on to the local EventBridge and notes how many entries each PutEvents held and their
 * size as AWS counts it, so batching can be seen from outside the publisher.
 */
class WireRecorder {
  readonly requests: SeenRequest[] = [];
  url = '';
  private server: Server | undefined;

  constructor(private readonly target: () => string) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.forward(request).then(
        ({ status, headers, body }) => response.writeHead(status, headers).end(body),
        () => response.writeHead(502).end(),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
  }

  private async forward(request: IncomingMessage) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const input = JSON.parse(body.toString('utf8')) as { Entries?: Array<Record<string, unknown>> };
    const entries = input.Entries ?? [];
    this.requests.push({
      entries: entries.length,
      bytes: entries.reduce(
        (sum, e) =>
          sum +
          entrySize({ ...e, Time: e.Time === undefined ? undefined : new Date() } as Parameters<
            typeof entrySize
          >[0]),
        0,
      ),
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    }
    const answer = await fetch(`${this.target()}${request.url ?? '/'}`, {
      method: request.method ?? 'POST',
      headers,
      body,
    });
    const answerHeaders: Record<string, string> = {};
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding') answerHeaders[name] = value;
    });
    return { status: answer.status, headers: answerHeaders, body: Buffer.from(await answer.arrayBuffer()) };
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

/** a publisher whose log lines and metric lines the test reads */
function listenedPublisher(
  endpoint: string,
  busName: string,
  more: Partial<EventBridgePublisherOptions> = {},
) {
  const logged: Array<{ message: string; attributes: Record<string, string | number> }> = [];
  const metrics: Array<Record<string, unknown>> = [];
  const publisher = new EventBridgePublisher({
    busName,
    endpoint,
    region: REGION,
    credentials: CREDENTIALS,
    log: { error: (message, attributes) => logged.push({ message, attributes }) },
    writeMetrics: (line) => metrics.push(JSON.parse(line) as Record<string, unknown>),
    ...more,
  });
  return { publisher, logged, metrics };
}

let sequence = 0;
/** a real duty event: made from an audit record by dutyEventFrom */
function failedPost(reason = 'X refused the post'): DutyEvent {
  sequence += 1;
  const record: AuditRecord = {
    at: new Date(Date.UTC(2026, 11, 1, 10, 30, 0, sequence)).toISOString(),
    event: 'failed',
    subject: `post-${sequence}`,
    scheduledTime: '2026-12-01T10:30:00.000Z',
    configVersion: 'v-test',
    detail: { reason },
  };
  return dutyEventFrom(record) as DutyEvent;
}

/** the Embedded Metric Format document's two counts, once checked to be one */
function emfCounts(document: Record<string, unknown>) {
  expect(document).toMatchObject({
    _aws: {
      Timestamp: expect.any(Number),
      CloudWatchMetrics: [
        {
          Namespace: 'SocialDuty',
          Dimensions: [[]],
          Metrics: expect.arrayContaining([
            { Name: 'EventsPublished', Unit: 'Count' },
            { Name: 'EventsFailedToPublish', Unit: 'Count' },
          ]),
        },
      ],
    },
  });
  return { published: document.EventsPublished, failed: document.EventsFailedToPublish };
}

function schemaValidators(): Map<DetailType, ValidateFunction> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  return new Map(
    DETAIL_TYPES.map((t) => [
      t,
      ajv.compile(JSON.parse(readFileSync(join(EVENT_SCHEMA_DIR, schemaFileName(t)), 'utf8'))),
    ]),
  );
}

describe('the EventBridge publisher against the local EventBridge', () => {
  let bus: LocalEventBridgeHandle;
  const wire = new WireRecorder(() => bus.url);

  beforeAll(async () => {
    bus = await startLocalEventBridge();
    await wire.start();
  });
  afterAll(async () => {
    await wire.close();
    await bus.close();
  });
  beforeEach(() => {
    bus.clear();
    bus.faults.failEntries(0);
    bus.faults.outage(null);
    wire.requests.length = 0;
  });

  it('sends at most 10 entries a request, every event once, as Source, DetailType, Detail and Time', async () => {
    const { publisher, logged, metrics } = listenedPublisher(wire.url, bus.busName);
    const events = Array.from({ length: 25 }, () => failedPost());
    for (const event of events) publisher.publish(event);
    const report = await publisher.flush();
    publisher.destroy();

    expect(report).toEqual({ published: 25, failed: 0 });
    expect(wire.requests.map((r) => r.entries)).toEqual([10, 10, 5]);
    const received = bus.events();
    expect(received.map((e) => e.detail.eventId).sort()).toEqual(events.map((e) => e.detail.eventId).sort());
    for (const event of received) {
      const sent = events.find((e) => e.detail.eventId === event.detail.eventId);
      expect(event).toMatchObject({
        source: EVENT_SOURCE,
        detailType: 'Post Failed',
        detail: sent?.detail,
        busName: bus.busName,
        // the record's own time, to the second as EventBridge keeps it
        time: `${sent?.detail.at.slice(0, 19)}Z`,
      });
    }
    expect(logged).toEqual([]);
    expect(metrics.map(emfCounts)).toEqual([{ published: 25, failed: 0 }]);
  });

  it('keeps each request within 256 KB of entries, and gives up at once on an event too big to send', async () => {
    const { publisher, logged, metrics } = listenedPublisher(wire.url, bus.busName);
    const big = Array.from({ length: 6 }, () => failedPost('x'.repeat(60_000)));
    const tooBig = failedPost('y'.repeat(MAX_REQUEST_BYTES));
    for (const event of [...big.slice(0, 3), tooBig, ...big.slice(3)]) publisher.publish(event);
    const report = await publisher.flush();
    publisher.destroy();

    expect(report).toEqual({ published: 6, failed: 1 });
    expect(wire.requests.map((r) => r.entries)).toEqual([4, 2]);
    for (const request of wire.requests) expect(request.bytes).toBeLessThanOrEqual(MAX_REQUEST_BYTES);
    expect(bus.events()).toHaveLength(6);
    expect(logged).toEqual([
      {
        message: 'duty event not published',
        attributes: {
          eventId: tooBig.detail.eventId,
          detailType: 'Post Failed',
          error: 'EntryTooLarge',
          attempts: 0,
        },
      },
    ]);
    expect(metrics.map(emfCounts)).toEqual([{ published: 6, failed: 1 }]);
  });

  it('sends the entries that failed again, alone, until they are in', async () => {
    const { publisher, logged, metrics } = listenedPublisher(wire.url, bus.busName);
    const events = Array.from({ length: 10 }, () => failedPost());
    bus.faults.failEntries(3);
    for (const event of events) publisher.publish(event);
    const report = await publisher.flush();
    publisher.destroy();

    expect(report).toEqual({ published: 10, failed: 0 });
    expect(wire.requests.map((r) => r.entries)).toEqual([10, 3]);
    expect(new Set(bus.events().map((e) => e.detail.eventId)).size).toBe(10);
    expect(logged).toEqual([]);
    expect(metrics.map(emfCounts)).toEqual([{ published: 10, failed: 0 }]);
  });

  it('gives up on entries that keep failing after a few tries, and on a refusal at once', async () => {
    const { publisher, logged } = listenedPublisher(wire.url, bus.busName);
    bus.faults.failEntries(1000);
    const [a, b] = [failedPost(), failedPost()];
    publisher.publish(a);
    publisher.publish(b);
    expect(await publisher.flush()).toEqual({ published: 0, failed: 2 });
    expect(wire.requests.map((r) => r.entries)).toEqual([2, 2, 2]);
    expect(logged.map((l) => l.attributes)).toEqual([
      { eventId: a.detail.eventId, detailType: 'Post Failed', error: 'InternalFailure', attempts: 3 },
      { eventId: b.detail.eventId, detailType: 'Post Failed', error: 'InternalFailure', attempts: 3 },
    ]);

    wire.requests.length = 0;
    logged.length = 0;
    bus.faults.failEntries(1, 'MalformedDetail');
    publisher.publish(failedPost());
    publisher.publish(failedPost());
    expect(await publisher.flush()).toEqual({ published: 1, failed: 1 });
    expect(wire.requests.map((r) => r.entries)).toEqual([2]);
    expect(logged.map((l) => l.attributes.error)).toEqual(['MalformedDetail']);
    publisher.destroy();
  });

  it('in an outage, tries a few times within about a second, then logs each event by id and counts it', async () => {
    const { publisher, logged, metrics } = listenedPublisher(wire.url, bus.busName);
    bus.faults.outage(503);
    const events = [failedPost('a reason that stays out of the logs'), failedPost(), failedPost()];
    for (const event of events) publisher.publish(event);
    const started = Date.now();
    const report = await publisher.flush();
    const took = Date.now() - started;

    expect(report).toEqual({ published: 0, failed: 3 });
    expect(took).toBeLessThan(1500);
    expect(wire.requests.length).toBeGreaterThanOrEqual(2);
    expect(wire.requests.length).toBeLessThanOrEqual(3);
    expect(logged.map((l) => l.attributes)).toEqual(
      events.map((e) => ({
        eventId: e.detail.eventId,
        detailType: 'Post Failed',
        error: 'ServiceUnavailable',
        attempts: 3,
      })),
    );
    expect(JSON.stringify(logged)).not.toContain('a reason that stays out of the logs');
    expect(metrics.map(emfCounts)).toEqual([{ published: 0, failed: 3 }]);

    bus.faults.outage(null);
    publisher.publish(failedPost());
    expect(await publisher.flush()).toEqual({ published: 1, failed: 0 });
    publisher.destroy();
  });

  it('does not retry a request the bus refuses (a bus that does not exist)', async () => {
    const { publisher, logged } = listenedPublisher(wire.url, 'no-such-bus');
    publisher.publish(failedPost());
    expect(await publisher.flush()).toEqual({ published: 0, failed: 1 });
    expect(wire.requests).toHaveLength(1);
    expect(logged.map((l) => l.attributes.error)).toEqual(['ResourceNotFoundException']);
    publisher.destroy();
  });

  it('returns at once, sending nothing, when nothing was published', async () => {
    const { publisher, metrics } = listenedPublisher(wire.url, bus.busName);
    expect(await publisher.flush()).toEqual({ published: 0, failed: 0 });
    expect(wire.requests).toEqual([]);
    expect(metrics).toEqual([]);
    publisher.destroy();
  });
});

describe('the duty work when the bus is down', () => {
  let bus: LocalEventBridgeHandle;
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeAll(async () => {
    bus = await startLocalEventBridge();
    stack = await startTestStack('2026-11-27T16:00:00Z');
  });
  afterAll(async () => {
    await stack.close();
    await bus.close();
  });

  it('posts the sign-off and records it; the event that could not be published is counted', async () => {
    bus.faults.outage(503);
    const { publisher, logged, metrics } = listenedPublisher(bus.url, bus.busName);
    // the stack's own deps, with the audit log publishing to the bus that is down
    const deps = {
      ...stack.deps,
      events: publisher,
      state: { ...stack.deps.state, audit: publishedAudit(stack.deps.state.audit, publisher) },
    };
    stack.clock.set('2026-11-27T16:00:01Z');
    const started = Date.now();
    const outcome = await createPostHandler(async () => deps)(
      { kind: 'closing', id: 'closing', scheduledTime: '2026-11-27T16:00:00Z' },
      {} as never,
    );
    expect(Date.now() - started).toBeLessThan(5000);
    publisher.destroy();

    expect(outcome).toMatchObject({ outcome: 'posted' });
    const tweetId = (outcome as { tweetId: string }).tweetId;
    expect(stack.x.tweets().map((t) => t.id)).toContain(tweetId);
    const records = await stack.deps.state.audit.list('2026-11-27T00:00:00Z', '2026-11-28T00:00:00Z');
    expect(records).toEqual([
      expect.objectContaining({
        event: 'posted',
        subject: 'closing',
        detail: { tweetId, account: 'main', network: 'x' },
      }),
    ]);
    expect(bus.events()).toEqual([]);
    expect(logged.map((l) => l.attributes.detailType)).toEqual(['Post Published']);
    expect(metrics.map(emfCounts)).toEqual([{ published: 0, failed: 1 }]);
  });
});

/** A feed whose answer the test sets: Atom entries, or a failing status. */
class ScriptedFeed {
  status = 200;
  body = atom([]);
  url = '';
  private server: Server | undefined;

  async start(): Promise<void> {
    this.server = createServer((_request, response) => {
      response.writeHead(this.status, { 'content-type': 'application/atom+xml' }).end(this.body);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}/alerts`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}

function atom(
  entries: Array<{ id: string; title: string; content: string; url: string; at: string }>,
): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>tag:google.com,2005:reader/user/1/state/com.google/alerts/2</id><title>Google Alert - Leeds and York</title><updated>2026-12-01T00:00:00Z</updated>${entries
    .map(
      (e) =>
        `<entry><id>${e.id}</id><title type="html">${escape(e.title)}</title><link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=${encodeURIComponent(e.url)}&amp;ct=ga"/><published>${e.at}</published><updated>${e.at}</updated><content type="html">${escape(e.content)}</content><author><name></name></author></entry>`,
    )
    .join('')}</feed>`;
}

describe('every detail-type, from the real handlers, valid against its JSON Schema', () => {
  let bus: LocalEventBridgeHandle;
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  const feed = new ScriptedFeed();
  /** every mention's words and author, none of which may reach an event */
  const seeded: string[] = [];

  beforeAll(async () => {
    bus = await startLocalEventBridge();
    await feed.start();
    stack = await startTestStack('2026-11-27T16:00:00Z', {
      sourceOptions: { feedUrl: () => feed.url, feedTimeoutMs: 2000 },
      eventBus: { url: bus.url, busName: bus.busName },
    });
  }, 60_000);
  afterAll(async () => {
    await stack.close();
    await feed.close();
    await bus.close();
  });

  const post = createPostHandler(async () => stack.deps);
  const sweep = createSweepHandler(async () => stack.deps);
  const briefing = createBriefingHandler(async () => stack.deps);
  const at = (iso: string) => stack.clock.set(iso);
  const mention = (author: string, text: string, createdAt: string) => {
    seeded.push(text, author);
    stack.x.addMention({ authorUsername: author, text, createdAt });
  };
  const sweepAt = async (tick: string) => {
    at(tick);
    return sweep({ scheduledTime: tick }, {} as never);
  };
  const detailTypes = () => bus.events().map((e) => e.detailType);

  it('publishes each outcome as it happens', async () => {
    // a weekend's sign-off and the reopening that deletes it
    at('2026-11-27T16:00:01Z');
    await post({ kind: 'closing', id: 'closing', scheduledTime: '2026-11-27T16:00:00Z' }, {} as never);
    at('2026-11-30T09:00:01Z');
    await post({ kind: 'reopening', id: 'reopening', scheduledTime: '2026-11-30T09:00:00Z' }, {} as never);
    expect(detailTypes()).toEqual(['Post Published', 'Post Published', 'Sign-off Deleted']);

    // Tuesday: an urgent mention, a concern and a web mention in working hours
    mention(
      'nightowl4417',
      '@LeedsandYorkPFT I want to end my life tonight, nobody listens quokka',
      '2026-12-01T09:55:00Z',
    );
    mention(
      'waiter2291',
      '@LeedsandYorkPFT still waiting for an appointment, not happy wombat',
      '2026-12-01T09:56:00Z',
    );
    const webText = 'Leeds and York Partnership open day praised by visitors numbat';
    seeded.push(webText, 'Open day at the trust pangolin');
    feed.body = atom([
      {
        id: 'tag:google.com,2013:googlealerts/feed:1',
        title: 'Open day at the trust pangolin',
        content: webText,
        url: 'https://news.example/open-day',
        at: '2026-12-01T09:50:00Z',
      },
    ]);
    await sweepAt('2026-12-01T10:00:00Z');
    // on the bus once the invocation has returned, not at some later flush
    expect(detailTypes().slice(3)).toEqual(['Urgent Mention Alerted', 'Mention Alerted', 'Sweep Completed']);
    const urgentEmail = (await stack.ses.sentEmails()).find((e) =>
      e.subject.toLowerCase().includes('urgent'),
    );
    // nobody pressed the button: the next sweep escalates
    await sweepAt('2026-12-01T10:15:00Z');
    expect(detailTypes().at(-1)).toBe('Urgent Mention Escalated');
    // the duty officer's button, over HTTP, through the acknowledge handler
    at('2026-12-01T10:20:00Z');
    const link = /https?:\/\/\S+\/ack\?t=\S+/.exec(urgentEmail?.text ?? '')?.[0] as string;
    expect((await pressAckButton(link)).status).toBe(200);
    expect(detailTypes().at(-1)).toBe('Urgent Mention Acknowledged');
    expect(detailTypes().slice(3)).toEqual([
      'Urgent Mention Alerted',
      'Mention Alerted',
      'Sweep Completed',
      'Urgent Mention Escalated',
      'Urgent Mention Acknowledged',
    ]);

    at('2026-12-01T10:30:01Z');
    await post({ kind: 'post', id: 'pals', scheduledTime: '2026-12-01T10:30:00Z' }, {} as never);

    // the feed fails for half an hour, then recovers
    feed.status = 500;
    for (const tick of ['2026-12-01T11:00:00Z', '2026-12-01T11:15:00Z', '2026-12-01T11:30:00Z'])
      await sweepAt(tick);
    feed.status = 200;
    await sweepAt('2026-12-01T11:45:00Z');
    expect(detailTypes().at(-1)).toBe('Source Recovered');

    at('2026-12-02T08:45:01Z');
    await briefing({ scheduledTime: '2026-12-02T08:45:00Z' }, {} as never);
    expect(detailTypes().at(-1)).toBe('Briefing Sent');

    // X keeps failing: the post fails
    at('2026-12-03T10:30:01Z');
    stack.x.injectFailure({
      from: new Date('2026-12-03T10:00:00Z'),
      until: new Date('2026-12-03T12:00:00Z'),
      status: 503,
    });
    await post({ kind: 'post', id: 'pals', scheduledTime: '2026-12-03T10:30:00Z' }, {} as never);
    stack.x.clearFailures();

    // what a crash mid-post leaves: a claim in progress, so nobody can tell whether it went out
    at('2026-12-08T10:32:00Z');
    await stack.deps.state.posts.claim({
      postId: 'pals',
      scheduledTime: '2026-12-08T10:30:00Z',
      account: 'main',
      text: 'the text of a post that may have gone out',
      configVersion: stack.deps.configVersion,
      claimedAt: '2026-12-08T10:30:01Z',
      leaseUntil: '2026-12-08T10:31:01Z',
    });
    await post({ kind: 'post', id: 'pals', scheduledTime: '2026-12-08T10:30:00Z' }, {} as never);

    // a config pause
    at('2027-04-08T10:30:01Z');
    await post({ kind: 'post', id: 'pals', scheduledTime: '2027-04-08T10:30:00Z' }, {} as never);

    expect(detailTypes().slice(8)).toEqual([
      'Post Published',
      'Sweep Completed',
      'Sweep Completed',
      'Source Failing',
      'Sweep Completed',
      'Source Recovered',
      'Briefing Sent',
      'Post Failed',
      'Post Needs Checking',
      'Post Skipped',
    ]);
  });

  it('publishes a pause and a resume from the CLI to the bus named by --event-bus', async () => {
    const saved = { ...process.env };
    // the CLI's deployed path (--table, --event-bus), with AWS's endpoints pointed at the local stand-ins
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: stack.dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.url,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const stderr: string[] = [];
    const cli = (...args: string[]) =>
      runCli(
        [
          ...args,
          '--config',
          SAMPLE_CONFIG_FILE,
          '--table',
          stack.dynamo.tableName,
          '--region',
          REGION,
          '--event-bus',
          bus.busName,
        ],
        { stdout: () => undefined, stderr: (text) => stderr.push(text) },
      );
    try {
      const before = bus.events().length;
      expect(await cli('pause', '--until', '2099-01-03', '--reason', 'major incident')).toBe(0);
      expect(await cli('resume')).toBe(0);
      expect(stderr).toEqual([]);
      const changes = bus.events().slice(before);
      expect(changes.map((e) => [e.detailType, e.detail.paused, e.detail.reason])).toEqual([
        ['Pause Changed', true, 'major incident'],
        ['Pause Changed', false, 'major incident'],
      ]);
      expect(changes[0]?.detail.until).toBe('2099-01-03');
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('refuses --event-bus without --table: a bus is named only for the deployed state', async () => {
    const stderr: string[] = [];
    const code = await runCli(
      [
        'resume',
        '--config',
        SAMPLE_CONFIG_FILE,
        '--endpoint',
        stack.dynamo.endpoint,
        '--event-bus',
        bus.busName,
      ],
      { stdout: () => undefined, stderr: (text) => stderr.push(text) },
    );
    expect(code).toBe(1);
    expect(stderr.join('\n')).toContain('--event-bus goes with --table');
    expect(await stack.deps.state.pause.get()).toBeUndefined();
  });

  it('tells the user, and keeps the pause, when the bus cannot take the event', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: stack.dynamo.endpoint,
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.url,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    });
    const stderr: string[] = [];
    bus.faults.outage(503);
    try {
      const code = await runCli(
        [
          'pause',
          '--until',
          '2099-01-03',
          '--reason',
          'major incident',
          '--config',
          SAMPLE_CONFIG_FILE,
          '--table',
          stack.dynamo.tableName,
          '--region',
          REGION,
          '--event-bus',
          bus.busName,
        ],
        { stdout: () => undefined, stderr: (text) => stderr.push(text) },
      );
      expect(code).toBe(0);
      expect(stderr).toEqual([
        `The change is made, but the "Pause Changed" event could not be published to the event bus ${bus.busName} (ServiceUnavailable), so notifications have not heard of it.`,
      ]);
      expect(await stack.deps.state.pause.get()).toMatchObject({
        until: '2099-01-03',
        reason: 'major incident',
      });
      await stack.deps.state.pause.clear();
    } finally {
      bus.faults.outage(null);
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('saw every detail-type, each detail valid against its committed JSON Schema', () => {
    const validators = schemaValidators();
    const events = bus.events().filter((e) => e.source === EVENT_SOURCE);
    expect(new Set(events.map((e) => e.detailType))).toEqual(new Set(DETAIL_TYPES));
    for (const event of events) {
      const validate = validators.get(event.detailType as DetailType);
      const valid = validate?.(event.detail);
      expect({ detailType: event.detailType, errors: validate?.errors ?? [] }).toEqual({
        detailType: event.detailType,
        errors: [],
      });
      expect(valid).toBe(true);
      expect(event.time).toBe(`${String(event.detail.at).slice(0, 19)}Z`);
    }
    // one event per outcome: no outcome published twice
    expect(new Set(events.map((e) => e.detail.eventId)).size).toBe(events.length);
  });

  it('links an urgent mention without naming its author, and names the source that found it', () => {
    const urgent = bus.events().find((e) => e.detailType === 'Urgent Mention Alerted');
    const tweetId = String(urgent?.detail.mentionKey).replace(/^x#/, '');
    expect(urgent?.detail).toMatchObject({
      source: 'x-mentions',
      mentionUrl: `https://x.com/i/web/status/${tweetId}`,
      recipients: ['sam.duty@leedsandyorkpft.nhs.uk', 'oncall.manager@leedsandyorkpft.nhs.uk'],
    });
  });

  it('carries no mention’s text, title or author in any detail', () => {
    expect(seeded.length).toBeGreaterThan(0);
    const details = bus.events().map((e) => JSON.stringify(e.detail));
    for (const detail of details) {
      for (const words of seeded) {
        expect(detail).not.toContain(words);
        // nor any distinctive word of it
        for (const word of words.split(/\W+/).filter((w) => /^(quokka|wombat|numbat|pangolin)$/.test(w)))
          expect(detail).not.toContain(word);
      }
    }
  });
});
