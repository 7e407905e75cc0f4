import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import { EventBridgePublisher } from '../../lambdas/adapters/eventbridge-publisher';
import type { BusEvent } from '../../lambdas/core/events/bus-event';
import type { DutyEvent } from '../../lambdas/core/events/event-schemas';
import { IDENTITY_PATH, type LocalIdentity } from '../../local/local-identity';
import {
  DEFAULT_BUS_NAME,
  LocalEventBridgeError,
  MAX_ENTRIES_BYTES,
  startLocalEventBridge,
  type DeliveredEvent,
  type LocalEventBridgeHandle,
} from '../../local/eventbridge-server';

const NOW = new Date('2026-12-26T02:05:09.412Z');
const CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

let bus: LocalEventBridgeHandle;
let client: EventBridgeClient;

const identity: LocalIdentity = {
  product: 'social-duty',
  config: null,
  checkout: '/checkout',
  stateDir: null,
  pid: 1234,
  ports: {},
  startedAt: NOW.toISOString(),
};

beforeAll(async () => {
  bus = await startLocalEventBridge({ clock: () => NOW, retryDelayMs: 1, identity: () => identity });
  // the SDK's own retries would hide what one request got back
  client = new EventBridgeClient({
    endpoint: bus.url,
    region: 'eu-west-2',
    credentials: CREDENTIALS,
    maxAttempts: 1,
  });
});

afterAll(async () => {
  client.destroy();
  await bus.close();
});

afterEach(async () => {
  await bus.settled();
  for (const name of ['failed-posts', 'failing', 'flaky', 'sign-off', 'slow', 'everything'])
    bus.removeRule(name);
  bus.faults.failEntries(0);
  bus.faults.outage(null);
  bus.clear();
});

function entry(
  detailType: string,
  detail: object = { version: 1, eventId: detailType },
): PutEventsRequestEntry {
  return {
    Source: 'social-duty',
    DetailType: detailType,
    Detail: JSON.stringify(detail),
    EventBusName: DEFAULT_BUS_NAME,
  };
}

function put(entries: PutEventsRequestEntry[]): Promise<PutEventsCommandOutput> {
  return client.send(new PutEventsCommand({ Entries: entries }));
}

async function refusal(
  promise: Promise<unknown>,
): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (error) {
    const err = error as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('expected the request to be refused');
}

describe('PutEvents over the wire', () => {
  it('takes one entry, answers its EventId and records it', async () => {
    const answer = await put([entry('Post Failed', { version: 1, postId: 'pals', reason: 'X refused it' })]);
    expect(answer.FailedEntryCount).toBe(0);
    expect(answer.Entries).toHaveLength(1);
    const id = answer.Entries?.[0]?.EventId;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(bus.events()).toEqual([
      {
        id,
        at: '2026-12-26T02:05:09.412Z',
        time: '2026-12-26T02:05:09Z',
        source: 'social-duty',
        detailType: 'Post Failed',
        detail: { version: 1, postId: 'pals', reason: 'X refused it' },
        resources: [],
        busName: DEFAULT_BUS_NAME,
      },
    ]);
  });

  it('takes ten entries, in order, each with its own id', async () => {
    const entries = Array.from({ length: 10 }, (_, i) => entry('Sweep Completed', { version: 1, n: i }));
    const answer = await put(entries);
    expect(answer.FailedEntryCount).toBe(0);
    const ids = answer.Entries?.map((e) => e.EventId);
    expect(new Set(ids).size).toBe(10);
    expect(bus.events().map((e) => [e.id, e.detail.n])).toEqual(ids?.map((id, i) => [id, i]));
  });

  it('refuses eleven entries as a whole, with a ValidationException', async () => {
    const entries = Array.from({ length: 11 }, () => entry('Sweep Completed'));
    const refused = await refusal(put(entries));
    expect(refused).toMatchObject({ name: 'ValidationException', status: 400 });
    expect(refused.message).toContain('less than or equal to 10');
    expect(bus.events()).toEqual([]);
  });

  it('refuses a request with no entries', async () => {
    expect(await refusal(put([]))).toMatchObject({ name: 'ValidationException', status: 400 });
  });

  it('counts the 256 KB as AWS counts an entry: UTF-8 bytes of Source, DetailType, Detail, and 14 for Time', async () => {
    const overhead = Buffer.byteLength('social-duty') + Buffer.byteLength('Post Failed');
    const wrapper = Buffer.byteLength(JSON.stringify({ reason: '' }));
    /** an entry of exactly `bytes`; '£' is two bytes in UTF-8, so a count of characters would be wrong */
    const sized = (bytes: number): PutEventsRequestEntry => {
      const room = bytes - overhead - wrapper;
      const reason = '£'.repeat(Math.floor(room / 2)) + 'a'.repeat(room % 2);
      return { ...entry('Post Failed'), Detail: JSON.stringify({ reason }) };
    };
    const overLimit = {
      name: 'ValidationException',
      status: 400,
      message: 'Total size of the entries in the request is over the limit.',
    };

    expect((await put([sized(MAX_ENTRIES_BYTES)])).FailedEntryCount).toBe(0);
    expect(await refusal(put([sized(MAX_ENTRIES_BYTES + 1)]))).toEqual(overLimit);
    expect(await refusal(put([{ ...sized(MAX_ENTRIES_BYTES - 13), Time: NOW }]))).toEqual(overLimit);
    expect((await put([{ ...sized(MAX_ENTRIES_BYTES - 14), Time: NOW }])).FailedEntryCount).toBe(0);

    // the limit is on the request: entries add up, resources included
    const half = sized(MAX_ENTRIES_BYTES / 2);
    expect((await put([half, half])).FailedEntryCount).toBe(0);
    expect(await refusal(put([half, { ...half, Resources: ['x'] }]))).toEqual(overLimit);
    expect(bus.events()).toHaveLength(4);
  });

  it('fails a malformed entry on its own, with AWS’s codes, and takes the rest', async () => {
    const answer = await put([
      entry('Post Failed'),
      { ...entry('Post Failed'), Detail: 'not json' },
      { ...entry('Post Failed'), Detail: '[1, 2]' },
      { ...entry('Post Failed'), Detail: '"a string"' },
      { ...entry('Post Failed'), Detail: undefined },
      { ...entry('Post Failed'), Source: undefined },
      { ...entry('Post Failed'), DetailType: '' },
      entry('Post Skipped'),
    ]);
    expect(answer.FailedEntryCount).toBe(6);
    expect(answer.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'ok',
      'MalformedDetail',
      'MalformedDetail',
      'MalformedDetail',
      'InvalidArgument',
      'InvalidArgument',
      'InvalidArgument',
      'ok',
    ]);
    expect(answer.Entries?.[1]?.ErrorMessage).toBe('Detail is malformed.');
    expect(answer.Entries?.[4]?.ErrorMessage).toBe(
      'Parameter Detail is not valid. Reason: Detail is a required argument.',
    );
    expect(answer.Entries?.[5]?.ErrorMessage).toBe(
      'Parameter Source is not valid. Reason: Source is a required argument.',
    );
    expect(answer.Entries?.[1]?.EventId).toBeUndefined();
    expect(bus.events().map((e) => [e.id, e.detailType])).toEqual([
      [answer.Entries?.[0]?.EventId, 'Post Failed'],
      [answer.Entries?.[7]?.EventId, 'Post Skipped'],
    ]);
  });

  it('refuses the whole request when an entry names another bus, and takes the bus by ARN', async () => {
    const refused = await refusal(
      put([entry('Post Failed'), { ...entry('Post Failed'), EventBusName: 'social-duty-event' }]),
    );
    expect(refused).toEqual({
      name: 'ResourceNotFoundException',
      status: 400,
      message: 'Event bus social-duty-event does not exist.',
    });
    expect(bus.events()).toEqual([]);

    const byArn = await put([{ ...entry('Post Failed'), EventBusName: bus.busArn }]);
    expect(byArn.FailedEntryCount).toBe(0);
    expect(bus.events().map((e) => e.busName)).toEqual([DEFAULT_BUS_NAME]);
  });

  it('takes entries for the default bus and delivers them to no rule', async () => {
    const received: DeliveredEvent[] = [];
    bus.addRule({
      name: 'everything',
      pattern: { source: ['social-duty'] },
      target: async (e) => void received.push(e),
    });
    const answer = await put([{ ...entry('Post Failed'), EventBusName: undefined }]);
    expect(answer.FailedEntryCount).toBe(0);
    await bus.settled();
    expect(bus.events().map((e) => e.busName)).toEqual(['default']);
    expect(received).toEqual([]);
  });

  it('answers an unknown operation as AWS does', async () => {
    const response = await fetch(bus.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AWSEvents.PutRule', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(await response.json()).toMatchObject({ __type: 'UnknownOperationException' });
  });
});

describe('faults', () => {
  it('failEntries fails the next entries on their own, then stops', async () => {
    bus.faults.failEntries(2, 'ThrottlingException');
    const first = await put([entry('Post Failed'), entry('Post Skipped'), entry('Post Published')]);
    expect(first.FailedEntryCount).toBe(2);
    expect(first.Entries?.map((e) => e.ErrorCode ?? e.EventId?.length)).toEqual([
      'ThrottlingException',
      'ThrottlingException',
      36,
    ]);
    expect(bus.events().map((e) => e.detailType)).toEqual(['Post Published']);

    const next = await put([entry('Post Failed')]);
    expect(next.FailedEntryCount).toBe(0);
  });

  it('failEntries counts good entries only, and fails with InternalFailure unless told', async () => {
    bus.faults.failEntries(1);
    const answer = await put([
      { ...entry('Post Failed'), Detail: 'nope' },
      entry('Post Skipped'),
      entry('Post Published'),
    ]);
    expect(answer.Entries?.map((e) => e.ErrorCode ?? 'ok')).toEqual([
      'MalformedDetail',
      'InternalFailure',
      'ok',
    ]);
  });

  it('an outage answers every request with its status, so the SDK throws, until it ends', async () => {
    bus.faults.outage(503);
    const refused = await refusal(put([entry('Post Failed')]));
    expect(refused).toMatchObject({ name: 'ServiceUnavailable', status: 503 });
    bus.faults.outage(500);
    expect(await refusal(put([entry('Post Failed')]))).toMatchObject({
      name: 'InternalException',
      status: 500,
    });
    expect(bus.events()).toEqual([]);
    // the pages still answer, to show what happened
    expect((await fetch(`${bus.url}/events.json`)).status).toBe(200);

    bus.faults.outage(null);
    expect((await put([entry('Post Failed')])).FailedEntryCount).toBe(0);
  });

  it('refuses fault settings that mean nothing', () => {
    expect(() => bus.faults.outage(200)).toThrow(LocalEventBridgeError);
    expect(() => bus.faults.failEntries(-1)).toThrow(LocalEventBridgeError);
  });
});

describe('rules and delivery', () => {
  it('delivers only matching events to a rule, in the envelope EventBridge delivers', async () => {
    const received: BusEvent[] = [];
    bus.addRule<BusEvent>({
      name: 'failed-posts',
      pattern: { source: ['social-duty'], 'detail-type': ['Post Failed', 'Post Needs Checking'] },
      target: async (event) => void received.push(event),
    });
    const detail = {
      version: 1,
      eventId: 'e1',
      at: NOW.toISOString(),
      configVersion: 'c',
      postId: 'pals',
      reason: 'r',
    };
    const answer = await put([
      entry('Post Published'),
      entry('Post Failed', detail),
      { ...entry('Post Failed'), Source: 'someone-else' },
      { ...entry('Post Needs Checking'), Time: new Date('2026-12-26T01:59:59.999Z'), Resources: ['arn:x'] },
    ]);
    await bus.settled();
    expect(received).toEqual([
      {
        version: '0',
        id: answer.Entries?.[1]?.EventId,
        'detail-type': 'Post Failed',
        source: 'social-duty',
        account: '000000000000',
        time: '2026-12-26T02:05:09Z',
        region: 'eu-west-2',
        resources: [],
        detail,
      },
      expect.objectContaining({
        id: answer.Entries?.[3]?.EventId,
        'detail-type': 'Post Needs Checking',
        // the entry's own Time, in whole seconds
        time: '2026-12-26T01:59:59Z',
        resources: ['arn:x'],
      }),
    ]);
  });

  it('routes with the full pattern language: $or and a detail filter', async () => {
    const received: string[] = [];
    bus.addRule({
      name: 'sign-off',
      pattern: {
        source: ['social-duty'],
        $or: [
          { 'detail-type': ['Sign-off Deleted'] },
          { 'detail-type': ['Post Published', 'Post Skipped'], detail: { postId: ['closing', 'reopening'] } },
        ],
      },
      target: async (event) => void received.push(`${event['detail-type']}/${String(event.detail.postId)}`),
    });
    await put([
      entry('Post Published', { postId: 'closing' }),
      entry('Post Published', { postId: 'pals' }),
      entry('Sign-off Deleted', { postId: 'closing' }),
      entry('Post Skipped', { postId: 'reopening' }),
    ]);
    await bus.settled();
    expect(received.sort()).toEqual([
      'Post Published/closing',
      'Post Skipped/reopening',
      'Sign-off Deleted/closing',
    ]);
  });

  it('gives each target its own copy of the event', async () => {
    const seen: unknown[] = [];
    bus.addRule({
      name: 'failed-posts',
      pattern: { source: ['social-duty'] },
      target: async (event) => {
        event.detail.changed = true;
      },
    });
    bus.addRule({
      name: 'everything',
      pattern: { source: ['social-duty'] },
      target: async (event) => void seen.push(event.detail),
    });
    await put([entry('Post Failed', { version: 1 })]);
    await bus.settled();
    expect(seen).toEqual([{ version: 1 }]);
    expect(bus.events()[0]?.detail).toEqual({ version: 1 });
  });

  it('tries a failing target again, then dead-letters the event', async () => {
    let calls = 0;
    bus.addRule({
      name: 'failing',
      pattern: { 'detail-type': ['Post Failed'] },
      target: async () => {
        calls += 1;
        throw new Error(`refused ${calls}`);
      },
    });
    const answer = await put([entry('Post Failed')]);
    // the publisher is answered whatever the target does
    expect(answer.FailedEntryCount).toBe(0);
    await bus.settled();
    expect(calls).toBe(3);
    expect(bus.deadLetters()).toEqual([
      {
        rule: 'failing',
        event: expect.objectContaining({ id: answer.Entries?.[0]?.EventId, 'detail-type': 'Post Failed' }),
        attempts: 3,
        error: 'refused 3',
        at: NOW.toISOString(),
      },
    ]);
  });

  it('takes the number of retries from the rule, and a later success is no dead letter', async () => {
    let flakyCalls = 0;
    bus.addRule({
      name: 'flaky',
      pattern: { 'detail-type': ['Post Failed'] },
      retries: 4,
      target: async () => {
        flakyCalls += 1;
        if (flakyCalls < 4) throw new Error('not yet');
      },
    });
    let onceCalls = 0;
    bus.addRule({
      name: 'failing',
      pattern: { 'detail-type': ['Post Failed'] },
      retries: 0,
      target: () => {
        onceCalls += 1;
        throw new Error('thrown before any await');
      },
    });
    await put([entry('Post Failed')]);
    await bus.settled();
    expect(flakyCalls).toBe(4);
    expect(onceCalls).toBe(1);
    expect(bus.deadLetters().map((d) => [d.rule, d.attempts])).toEqual([['failing', 1]]);
  });

  it('settled() waits for slow targets and for retries', async () => {
    const finished: string[] = [];
    bus.addRule({
      name: 'slow',
      pattern: { source: ['social-duty'] },
      target: async (event) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        finished.push(event['detail-type']);
      },
    });
    await put([entry('Post Failed'), entry('Post Skipped')]);
    expect(finished).toEqual([]);
    await bus.settled();
    expect(finished.sort()).toEqual(['Post Failed', 'Post Skipped']);
  });

  it('refuses a rule EventBridge would refuse, and a second rule of the same name', () => {
    expect(() =>
      bus.addRule({ name: 'failing', pattern: { source: 'social-duty' }, target: async () => {} }),
    ).toThrow(/not one EventBridge would accept: source: "source" must be an object or an array/);
    bus.addRule({ name: 'failing', pattern: { source: ['social-duty'] }, target: async () => {} });
    expect(() =>
      bus.addRule({ name: 'failing', pattern: { source: ['x'] }, target: async () => {} }),
    ).toThrow(LocalEventBridgeError);
    expect(() =>
      bus.addRule({ name: 'flaky', pattern: { source: ['x'] }, retries: 1.5, target: async () => {} }),
    ).toThrow(/retries must be a whole number/);
  });

  it('carries the events the real EventBridgePublisher sends to a matching rule', async () => {
    const received: BusEvent[] = [];
    bus.addRule<BusEvent>({
      name: 'failed-posts',
      pattern: { source: ['social-duty'], 'detail-type': ['Post Failed'] },
      target: async (event) => void received.push(event),
    });
    const publisher = new EventBridgePublisher({
      busName: DEFAULT_BUS_NAME,
      endpoint: bus.url,
      region: 'eu-west-2',
      credentials: CREDENTIALS,
      writeMetrics: () => {},
    });
    const detail = {
      version: 1 as const,
      eventId: 'ev-1',
      at: '2026-12-24T16:00:00.250Z',
      configVersion: 'c1',
      postId: 'pals',
      reason: 'r',
    };
    const events: DutyEvent[] = [
      { detailType: 'Post Failed', detail },
      { detailType: 'Post Skipped', detail: { ...detail, eventId: 'ev-2' } },
    ];
    for (const event of events) publisher.publish(event);
    expect(await publisher.flush()).toEqual({ published: 2, failed: 0 });
    publisher.destroy();
    await bus.settled();
    expect(received.map((e) => [e['detail-type'], e.time, e.detail.eventId])).toEqual([
      ['Post Failed', '2026-12-24T16:00:00Z', 'ev-1'],
    ]);
  });
});

describe('pages', () => {
  it('lists events newest first, with every value escaped', async () => {
    await put([
      entry('Post Failed', { reason: 'first' }),
      entry('<b>Post Failed</b>', { reason: '<script>alert("x")</script>' }),
    ]);
    const response = await fetch(`${bus.url}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;b&gt;Post Failed&lt;/b&gt;');
    expect(html.indexOf('&lt;script&gt;')).toBeLessThan(html.indexOf('&quot;first&quot;'));
    expect(html).not.toMatch(/<(link|img|script)\b|https?:\/\//);
  });

  it('shows dead letters on the page', async () => {
    bus.addRule({
      name: 'failing',
      pattern: { source: ['social-duty'] },
      retries: 0,
      target: async () => Promise.reject(new Error('<i>no</i>')),
    });
    await put([entry('Post Failed')]);
    await bus.settled();
    const html = await (await fetch(`${bus.url}/events`)).text();
    expect(html).toContain('Dead letters (1)');
    expect(html).toContain('&lt;i&gt;no&lt;/i&gt;');
  });

  it('gives the same events as JSON, newest first', async () => {
    await put([entry('Post Failed'), entry('Post Skipped')]);
    const listed = (await (await fetch(`${bus.url}/events.json`)).json()) as { detailType: string }[];
    expect(listed.map((e) => e.detailType)).toEqual(['Post Skipped', 'Post Failed']);
    expect(listed).toEqual([...bus.events()].reverse());
  });

  it('says who it is, like the other local servers', async () => {
    const response = await fetch(`${bus.url}${IDENTITY_PATH}`);
    expect(await response.json()).toEqual(identity);
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${bus.url}/nowhere`)).status).toBe(404);
  });
});
