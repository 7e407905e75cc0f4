import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NotifyError } from '../../lambdas/adapters/notify-error';
import { secretsManagerNotifySecrets, staticNotifySecrets } from '../../lambdas/adapters/notify-secrets';
import { SignedWebhookChannel } from '../../lambdas/adapters/signed-webhook';
import { SnsSmsChannel } from '../../lambdas/adapters/sns-sms';
import { TeamsWorkflowChannel } from '../../lambdas/adapters/teams-workflow';
import type { SmsConsumer, TeamsConsumer, WebhookConsumer } from '../../lambdas/core/notify/consumers';
import { EVENT_ID_HEADER, SIGNATURE_HEADER } from '../../lambdas/adapters/webhook-signature';
import { LOCAL_SES_CREDENTIALS, LOCAL_SES_REGION } from '../../local/ses-server';
import { startSnsServer, type SnsServerHandle } from '../../local/sns-server';
import { startTeamsServer, type TeamsServerHandle } from '../../local/teams-server';
import { VirtualClock } from '../../local/virtual-clock';
import { startWebhookReceiver, type WebhookReceiverHandle } from '../../local/webhook-receiver';

const teamsConsumer: TeamsConsumer = {
  channel: 'teams',
  id: 'comms-channel',
  key: 'teams:comms-channel',
  secret: 'social-duty/teams/comms-channel',
  detailTypes: ['Urgent Mention Alerted'],
  pattern: { source: ['social-duty'], 'detail-type': ['Urgent Mention Alerted'] },
};

const smsConsumer: SmsConsumer = {
  channel: 'sms',
  id: 'on-call-manager',
  key: 'sms:on-call-manager',
  to: '+447700900123',
  detailTypes: ['Urgent Mention Alerted'],
  pattern: { source: ['social-duty'], 'detail-type': ['Urgent Mention Alerted'] },
};

function card(text: string, actions: object[] = []): object {
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: 'Urgent mention', weight: 'Bolder', size: 'Large' },
            { type: 'TextBlock', text, wrap: true },
            { type: 'FactSet', facts: [{ title: 'Source', value: 'x-mentions' }] },
          ],
          actions,
        },
      },
    ],
  };
}

/** every string a NotifyError shows when logged or printed, its cause included */
function everythingShown(error: unknown): string {
  const err = error as Error;
  return [
    String(err),
    err.stack,
    JSON.stringify(err),
    String(err.cause),
    (err.cause as Error | undefined)?.stack,
  ].join('\n');
}

async function caught(promise: Promise<unknown>): Promise<NotifyError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(NotifyError);
    return error as NotifyError;
  }
  throw new Error('expected a NotifyError');
}

/** a port that was listening a moment ago and is not now */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('TeamsWorkflowChannel against the local Teams server', () => {
  let teams: TeamsServerHandle;
  let url: string;
  let channel: TeamsWorkflowChannel;

  beforeAll(async () => {
    teams = await startTeamsServer();
    url = teams.workflowUrl(teamsConsumer.id);
    channel = new TeamsWorkflowChannel({
      secrets: staticNotifySecrets({ [teamsConsumer.secret]: url }),
      allowHttp: true,
    });
  });

  beforeEach(() => teams.clear());
  afterAll(() => teams?.close());

  it('posts the card to the URL in the secret', async () => {
    await channel.post(teamsConsumer, card('Someone needs help now'));

    const cards = teams.cards();
    expect(cards).toHaveLength(1);
    expect(cards[0]!.consumer).toBe('comms-channel');
    expect(cards[0]!.card.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: 'Someone needs help now' })]),
    );
    const served = (await (await fetch(`${teams.url}/cards.json`)).json()) as unknown[];
    expect(served).toEqual(JSON.parse(JSON.stringify(cards)));
  });

  it('turns a 400 into a NotifyError that names the consumer and the status, not the URL', async () => {
    const error = await caught(channel.post(teamsConsumer, { type: 'message', attachments: [] }));

    expect(error.status).toBe(400);
    expect(error.failure).toBe('refused');
    expect(error.consumer).toBe('teams:comms-channel');
    expect(error.message).toContain('HTTP 400');
    const shown = everythingShown(error);
    expect(shown).not.toContain(url);
    expect(shown).not.toContain(new URL(url).searchParams.get('sig'));
    expect(teams.posts()).toEqual([expect.objectContaining({ status: 400 })]);
    expect(teams.cards()).toEqual([]);
  });

  it('turns a 500 into a retryable NotifyError without the URL', async () => {
    teams.failNext(1, 500);

    const error = await caught(channel.post(teamsConsumer, card('x')));

    expect(error.status).toBe(500);
    expect(error.retryable).toBe(true);
    expect(everythingShown(error)).not.toContain(new URL(url).searchParams.get('sig'));
    // the fault was used up: the next post goes through
    await channel.post(teamsConsumer, card('y'));
    expect(teams.cards()).toHaveLength(1);
  });

  it('is refused with 401 when the secret holds a URL without the right signature', async () => {
    const wrong = url.replace(/sig=[0-9a-f]+/, 'sig=0000');
    const stale = new TeamsWorkflowChannel({
      secrets: staticNotifySecrets({ [teamsConsumer.secret]: wrong }),
      allowHttp: true,
    });

    const error = await caught(stale.post(teamsConsumer, card('x')));

    expect(error.status).toBe(401);
    expect(error.retryable).toBe(false);
  });

  it('says the Workflows URL could not be reached, without quoting it', async () => {
    const port = await closedPort();
    const gone = `http://127.0.0.1:${port}/workflows/comms-channel?sig=verysecretsignature`;
    const unreachable = new TeamsWorkflowChannel({
      secrets: staticNotifySecrets({ [teamsConsumer.secret]: gone }),
      allowHttp: true,
    });

    const error = await caught(unreachable.post(teamsConsumer, card('x')));

    expect(error.failure).toBe('unavailable');
    expect(everythingShown(error)).not.toContain('verysecretsignature');
  });

  it('refuses a secret that is not an https URL, naming the secret but not its value', async () => {
    const plain = new TeamsWorkflowChannel({ secrets: staticNotifySecrets({ [teamsConsumer.secret]: url }) });
    const garbage = new TeamsWorkflowChannel({
      secrets: staticNotifySecrets({ [teamsConsumer.secret]: 'not a url sig=verysecret' }),
    });

    const insecure = await caught(plain.post(teamsConsumer, card('x')));
    const invalid = await caught(garbage.post(teamsConsumer, card('x')));

    for (const error of [insecure, invalid]) {
      expect(error.failure).toBe('secret');
      expect(error.message).toContain(teamsConsumer.secret);
    }
    expect(everythingShown(insecure)).not.toContain(url);
    expect(everythingShown(invalid)).not.toContain('verysecret');
    expect(teams.posts()).toEqual([]);
  });

  it('shows received cards as a page with every value escaped and only web links as links', async () => {
    await channel.post(
      teamsConsumer,
      card('<script>alert("hi")</script> & <b>bold</b>', [
        { type: 'Action.OpenUrl', title: 'Open <the> mention', url: 'https://x.com/i/status/1?a=1&b=2' },
        { type: 'Action.OpenUrl', title: 'Sneaky', url: 'javascript:alert(1)' },
      ]),
    );

    const response = await fetch(`${teams.url}/`);
    const html = await response.text();

    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;hi&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(
      '<a href="https://x.com/i/status/1?a=1&amp;b=2" rel="noreferrer">Open &lt;the&gt; mention</a>',
    );
    expect(html).not.toContain('javascript:');
    expect(html).toContain('<dt>Source</dt><dd>x-mentions</dd>');
    expect(html).not.toMatch(/<(img|link)\b|src=/);
  });
});

describe('SnsSmsChannel (the real SNS client) against the local SNS server', () => {
  let sns: SnsServerHandle;
  let channel: SnsSmsChannel;

  beforeAll(async () => {
    sns = await startSnsServer();
    channel = new SnsSmsChannel({
      endpoint: sns.url,
      region: LOCAL_SES_REGION,
      credentials: LOCAL_SES_CREDENTIALS,
      maxAttempts: 1,
    });
  });

  beforeEach(() => sns.clear());
  afterAll(async () => {
    channel?.destroy();
    await sns?.close();
  });

  it('publishes a Transactional text to the consumer number', async () => {
    await channel.send(smsConsumer, 'Urgent mention on x-mentions: check email now. Ref 1a2b & more');

    const outbox = sns.outbox();
    expect(outbox).toEqual([
      expect.objectContaining({
        to: '+447700900123',
        text: 'Urgent mention on x-mentions: check email now. Ref 1a2b & more',
        smsType: 'Transactional',
      }),
    ]);
    expect(outbox[0]!.senderId).toBeUndefined();
    expect(outbox[0]!.messageId).toMatch(/^[0-9a-f-]{36}$/);
    const served = (await (await fetch(`${sns.url}/sms.json`)).json()) as unknown[];
    expect(served).toEqual(outbox);
    expect(await (await fetch(`${sns.url}/sms`)).text()).toContain('Ref 1a2b &amp; more');
  });

  it('adds the sender id attribute when one is configured', async () => {
    const named = new SnsSmsChannel({
      endpoint: sns.url,
      region: LOCAL_SES_REGION,
      credentials: LOCAL_SES_CREDENTIALS,
      senderId: 'NHSTrust',
    });
    try {
      await named.send(smsConsumer, 'hello');
    } finally {
      named.destroy();
    }

    expect(sns.outbox()[0]).toMatchObject({ senderId: 'NHSTrust', smsType: 'Transactional' });
  });

  it('is refused for a number that is not E.164, with a NotifyError that does not quote the number', async () => {
    const local: SmsConsumer = { ...smsConsumer, to: '07700900123' };

    const error = await caught(channel.send(local, 'hello'));

    expect(error.failure).toBe('refused');
    expect(error.status).toBe(400);
    expect(error.message).toContain('InvalidParameter');
    expect(error.message).not.toContain('07700900123');
    expect(sns.outbox()).toEqual([]);
  });

  it('refuses text over the 1600 bytes SNS takes, before sending it', async () => {
    const error = await caught(channel.send(smsConsumer, 'é'.repeat(801)));

    expect(error.failure).toBe('refused');
    expect(sns.outbox()).toEqual([]);
  });
});

describe('SignedWebhookChannel against the local webhook receiver', () => {
  const key = 'whsec-test-key-0123456789abcdef';
  const event = {
    version: '0',
    id: 'envelope-1',
    'detail-type': 'Post Failed',
    source: 'social-duty',
    detail: {
      version: 1,
      eventId: 'failed#pals#2026-12-24T09:00:00.000Z',
      postId: 'pals',
      reason: 'X refused',
    },
  };
  const body = JSON.stringify(event);
  let clock: VirtualClock;
  let receiver: WebhookReceiverHandle;
  let consumer: WebhookConsumer;
  let waits: number[];

  function channel(random = 0.5): SignedWebhookChannel {
    return new SignedWebhookChannel({
      secrets: staticNotifySecrets({ 'social-duty/webhooks/service-desk': key }),
      clock: {
        now: () => clock.now(),
        sleep: async (ms) => {
          waits.push(ms);
          await clock.sleep(ms);
        },
      },
      allowHttp: true,
      random: () => random,
    });
  }

  beforeAll(async () => {
    clock = new VirtualClock('2026-12-24T09:00:05.000Z');
    receiver = await startWebhookReceiver({ key, clock: () => clock.now() });
    consumer = {
      channel: 'webhook',
      id: 'service-desk',
      key: 'webhook:service-desk',
      url: `${receiver.url}/hooks/social-duty`,
      secret: 'social-duty/webhooks/service-desk',
      detailTypes: ['Post Failed'],
      pattern: { source: ['social-duty'], 'detail-type': ['Post Failed'] },
    };
  });

  beforeEach(() => {
    receiver.clear();
    waits = [];
  });
  afterAll(() => receiver?.close());

  it('signs the body so the receiver verifies it, with the event id and JSON content type', async () => {
    await channel().deliver(consumer, body);

    expect(receiver.deliveries()).toEqual([
      expect.objectContaining({
        path: '/hooks/social-duty',
        status: 204,
        verified: true,
        body,
        eventId: 'failed#pals#2026-12-24T09:00:00.000Z',
        contentType: 'application/json',
      }),
    ]);
    expect(receiver.deliveries()[0]!.signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
  });

  it('is not verified with another key', async () => {
    const other = new SignedWebhookChannel({
      secrets: staticNotifySecrets({ [consumer.secret]: 'another-key' }),
      clock,
      allowHttp: true,
    });

    const error = await caught(other.deliver(consumer, body));

    expect(error.status).toBe(401);
    expect(error.attempts).toBe(1);
    expect(receiver.deliveries()).toEqual([expect.objectContaining({ verified: false, reason: 'mismatch' })]);
  });

  it('retries after a 500 with a jittered backoff, and the retry is delivered', async () => {
    receiver.failNext(1, 500);

    await channel(0).deliver(consumer, body);

    expect(receiver.deliveries().map((d) => [d.status, d.verified])).toEqual([
      [500, false],
      [204, true],
    ]);
    // half the first 250 ms backoff is fixed, half random: random 0 leaves 125
    expect(waits).toEqual([125]);
  });

  it('doubles the backoff and gives up after four attempts of 5xx', async () => {
    receiver.failNext(4, 503);

    const error = await caught(channel(1).deliver(consumer, body));

    expect(waits).toEqual([250, 500, 1000]);
    expect(receiver.deliveries()).toHaveLength(4);
    expect(error).toMatchObject({ status: 503, attempts: 4, failure: 'unavailable' });
    expect(error.message).toBe('Webhook webhook:service-desk answered HTTP 503 (4 attempts)');
  });

  it('waits as long as Retry-After asks after a 429', async () => {
    receiver.failNext(1, 429, 3);

    await channel().deliver(consumer, body);

    expect(waits).toEqual([3000]);
    expect(receiver.deliveries().map((d) => d.status)).toEqual([429, 204]);
    // signed again after the wait: the receiver's clock moved on with the sender's
    const [first, second] = receiver.deliveries();
    expect(first!.signature).not.toBe(second!.signature);
  });

  it('gives up at once when Retry-After is past its few seconds, leaving the event to EventBridge', async () => {
    receiver.failNext(1, 429, 60);

    const error = await caught(channel().deliver(consumer, body));

    expect(waits).toEqual([]);
    expect(error).toMatchObject({ status: 429, attempts: 1, retryable: true });
  });

  it('retries a 408', async () => {
    receiver.failNext(1, 408);

    await channel().deliver(consumer, body);

    expect(receiver.deliveries().map((d) => d.status)).toEqual([408, 204]);
  });

  it('does not retry other 4xx', async () => {
    receiver.failNext(1, 400);

    const error = await caught(channel().deliver(consumer, body));

    expect(receiver.deliveries()).toHaveLength(1);
    expect(waits).toEqual([]);
    expect(error).toMatchObject({ status: 400, attempts: 1, failure: 'refused', retryable: false });
  });

  it('retries when the receiver cannot be reached, then gives up', async () => {
    const port = await closedPort();

    const error = await caught(
      channel().deliver({ ...consumer, url: `http://127.0.0.1:${port}/hook` }, body),
    );

    expect(error).toMatchObject({ attempts: 4, failure: 'unavailable' });
    expect(error.status).toBeUndefined();
    expect(error.message).toBe('Webhook webhook:service-desk could not be reached (4 attempts)');
    expect(waits).toHaveLength(3);
  });

  it('a delivery replayed with its old timestamp is refused by the receiver', async () => {
    await channel().deliver(consumer, body);
    const original = receiver.deliveries()[0]!;
    clock.set(new Date(clock.now().getTime() + 6 * 60 * 1000));

    const replay = await fetch(`${receiver.url}${original.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [SIGNATURE_HEADER]: original.signature!,
        [EVENT_ID_HEADER]: original.eventId!,
      },
      body: original.body,
    });

    expect(replay.status).toBe(401);
    expect(receiver.deliveries()[1]).toMatchObject({ verified: false, reason: 'stale' });
  });

  it('refuses a URL that is not https unless told it is local', async () => {
    const strict = new SignedWebhookChannel({
      secrets: staticNotifySecrets({ [consumer.secret]: key }),
      clock,
    });

    const error = await caught(strict.deliver(consumer, body));

    expect(error.failure).toBe('refused');
    expect(receiver.deliveries()).toEqual([]);
  });
});

describe('notify secrets', () => {
  it('reads a secret once for a few minutes, and again after', async () => {
    let now = 0;
    const reads: string[] = [];
    const secrets = secretsManagerNotifySecrets({
      client: {
        send: async (command: { input: { SecretId?: string } }) => {
          reads.push(command.input.SecretId ?? '');
          return { SecretString: `value-${reads.length}` };
        },
      } as never,
      now: () => now,
    });

    const first = await Promise.all([secrets('a'), secrets('a')]);
    now = 4 * 60 * 1000;
    const cached = await secrets('a');
    now = 5 * 60 * 1000 + 1;
    const reread = await secrets('a');

    expect(first).toEqual(['value-1', 'value-1']);
    expect(cached).toBe('value-1');
    expect(reread).toBe('value-2');
    expect(reads).toEqual(['a', 'a']);
  });

  it('does not keep a failed read, and names the secret but not a value', async () => {
    let calls = 0;
    const secrets = secretsManagerNotifySecrets({
      client: {
        send: async () => {
          calls += 1;
          if (calls === 1) throw Object.assign(new Error('not found'), { name: 'ResourceNotFoundException' });
          return { SecretString: 'hunter2' };
        },
      } as never,
    });

    const error = await caught(secrets('social-duty/teams/x'));
    expect(error.failure).toBe('secret');
    expect(error.message).toBe('Secret "social-duty/teams/x" could not be read (ResourceNotFoundException)');
    await expect(secrets('social-duty/teams/x')).resolves.toBe('hunter2');
  });

  it('has no local value for a secret it was not given', async () => {
    const error = await caught(staticNotifySecrets({ a: 'x' })('b'));

    expect(error.failure).toBe('secret');
    expect(error.message).toContain('"b"');
  });
});
