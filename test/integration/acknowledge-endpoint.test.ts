/**
 * The "I'm handling this" endpoint end to end: real HTTP through local/ack-server.ts, the real middy handler and
 * service, the real DynamoDB adapter on dynalite. The links come from the same SignedAckLinks the sweep uses.
 */
import { dynamoDbStateStores } from '../../lambdas/adapters/dynamodb';
import { staticSigningKey } from '../../lambdas/adapters/signing-key';
import { createAcknowledgeHandler } from '../../lambdas/handlers/acknowledge';
import type { StateStores, UrgentAlert } from '../../lambdas/ports/state';
import { localAckLinks } from '../../lambdas/runtime/ack-links-runtime';
import type { SignedAckLinks } from '../../lambdas/services/acknowledge/ack-links';
import { signAckToken } from '../../lambdas/services/acknowledge/ack-token';
import { pressAckButton, startAckServer, type AckServer } from '../../local/ack-server';
import { startDynalite, type DynaliteHandle } from '../../local/dynalite-server';
import { VirtualClock } from '../../local/virtual-clock';
import { sampleConfig } from '../support/example-config';

const KEY = 'Q7f3kLm9Xa2Rb8Tc4Vd6We1Yg5Zh0Ji3Kn7Lp2Mq9Nr4Os8Pt6Uu1Vw5Xx0Yz3Ab';
const SAM = 'sam.duty@leedsandyorkpft.nhs.uk';
const ONCALL = 'oncall.manager@leedsandyorkpft.nhs.uk';
const ALERTED_AT = '2026-12-26T22:12:00.000Z';
const PRESSED_AT = '2026-12-26T22:20:00.000Z';

// written out, not imported: the test pins what a browser must be told
const SAFETY_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

let nextId = 1870000000000000001n;

function urgentAlert(): UrgentAlert {
  const id = String(nextId++);
  return {
    key: `x#${id}`,
    mention: {
      source: 'x-mentions',
      sourceType: 'x-mentions',
      id,
      author: '@someone',
      text: 'I <3 nothing any more & want it to end',
      url: `https://x.com/someone/status/${id}`,
      at: '2026-12-26T22:10:00.000Z',
    },
    matched: ['crisis: want it to end'],
    alertedAt: ALERTED_AT,
    recipients: [SAM, ONCALL],
    escalations: [],
    nextEscalationAt: '2026-12-26T22:27:00.000Z',
  };
}

describe('acknowledge endpoint over HTTP, on DynamoDB (dynalite)', () => {
  let dynamo: DynaliteHandle;
  let state: StateStores;
  let server: AckServer;
  let links: SignedAckLinks;
  const clock = new VirtualClock(PRESSED_AT);

  beforeAll(async () => {
    dynamo = await startDynalite();
    state = dynamoDbStateStores({ client: dynamo.client, tableName: dynamo.tableName });
    const deps = {
      urgent: state.urgent,
      audit: state.audit,
      key: staticSigningKey(KEY),
      clock,
      config: sampleConfig(),
      configVersion: 'v-integration',
    };
    server = await startAckServer({ handler: createAcknowledgeHandler(async () => deps) });
    links = localAckLinks(server.url, KEY);
  });

  afterAll(async () => {
    await server?.close();
    await dynamo?.close();
  });

  beforeEach(() => clock.set(PRESSED_AT));

  async function openAlert(): Promise<UrgentAlert> {
    const alert = urgentAlert();
    expect(await state.urgent.open(alert)).toBe(true);
    return alert;
  }

  const linkFor = (alert: UrgentAlert, recipient: string) =>
    links.linkFor(alert.key, recipient, new Date(alert.alertedAt));

  const writes = () => dynamo.requestCount('UpdateItem') + dynamo.requestCount('PutItem');

  const acknowledgements = async (alert: UrgentAlert) =>
    (await state.audit.list('2026-12-01T00:00:00Z', '2027-01-31T00:00:00Z')).filter(
      (r) => r.event === 'acknowledged' && r.subject === alert.key,
    );

  it('links to the local server with the token in the query string', async () => {
    const alert = await openAlert();
    expect(await linkFor(alert, SAM)).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/ack\\?t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}$`),
    );
  });

  it('GET shows the page with the safety headers and writes nothing, however often', async () => {
    const alert = await openAlert();
    const link = await linkFor(alert, SAM);
    const before = writes();

    const responses = await Promise.all([1, 2, 3].map(() => fetch(link)));

    for (const response of responses) {
      expect(response.status).toBe(200);
      for (const [name, value] of Object.entries(SAFETY_HEADERS))
        expect(response.headers.get(name)).toBe(value);
      const html = await response.text();
      expect(html).toContain('I &lt;3 nothing any more &amp; want it to end');
      expect(html).toContain('<form method="post">');
    }
    expect(writes()).toBe(before);
    expect(await state.urgent.get(alert.key)).toEqual(alert);
  });

  it('the button acknowledges once: stored on the alert, audited, a replay gets 409 and changes nothing', async () => {
    const alert = await openAlert();
    const link = await linkFor(alert, SAM);
    // press the button as a browser would: post the page's hidden field back to the page's own address
    const page = await (await fetch(link)).text();
    const hidden = /<input type="hidden" name="t" value="([^"]+)">/.exec(page)?.[1] ?? '';

    const first = await fetch(link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `t=${encodeURIComponent(hidden)}`,
    });
    const stored = await state.urgent.get(alert.key);
    clock.set('2026-12-26T22:30:00.000Z');
    const replay = await pressAckButton(link);

    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Recorded that you are handling this at 22:20');
    expect(stored).toMatchObject({ acknowledgedBy: SAM, acknowledgedAt: PRESSED_AT });
    expect(stored?.nextEscalationAt).toBeUndefined();
    expect(replay.status).toBe(409);
    expect(replay.html).toContain('You said you were handling this at 22:20.');
    expect(await state.urgent.get(alert.key)).toEqual(stored);
    expect(await acknowledgements(alert)).toEqual([
      {
        at: PRESSED_AT,
        event: 'acknowledged',
        subject: alert.key,
        configVersion: 'v-integration',
        detail: { by: SAM },
      },
    ]);
    // stopped escalating: the sweep's query no longer finds it
    const due = await state.urgent.dueForEscalation('2026-12-27T00:00:00.000Z');
    expect(due.map((a) => a.key)).not.toContain(alert.key);
  });

  it('two recipients pressing at the same moment: exactly one is recorded, the other gets 409', async () => {
    const alert = await openAlert();

    const results = await Promise.all([
      pressAckButton(await linkFor(alert, SAM)),
      pressAckButton(await linkFor(alert, ONCALL)),
    ]);

    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const stored = await state.urgent.get(alert.key);
    const winner = results[0]?.status === 200 ? SAM : ONCALL;
    expect(stored?.acknowledgedBy).toBe(winner);
    expect(await acknowledgements(alert)).toHaveLength(1);
  });

  describe('refusals: a 4xx page and no change', () => {
    const expectUntouched = async (alert: UrgentAlert, writesBefore: number) => {
      expect(writes()).toBe(writesBefore);
      expect(await state.urgent.get(alert.key)).toEqual(alert);
    };

    it('a forged token: 403', async () => {
      const alert = await openAlert();
      const forged = signAckToken(
        { alertKey: alert.key, recipient: SAM, expiresAt: Date.parse(ALERTED_AT) / 1000 + 3600 },
        'an-attacker-key-that-is-long-enough-0123456789-abcdef',
      );
      const before = writes();

      const result = await pressAckButton(`${server.url}?t=${forged}`);

      expect(result.status).toBe(403);
      expect(result.html).toContain('This link is not valid');
      await expectUntouched(alert, before);
    });

    it('an expired link: 410', async () => {
      const alert = await openAlert();
      const link = await linkFor(alert, SAM);
      clock.set('2026-12-27T22:12:00.000Z');
      const before = writes();

      const pressed = await pressAckButton(link);
      const opened = await fetch(link);

      expect(pressed.status).toBe(410);
      expect(opened.status).toBe(410);
      await expectUntouched(alert, before);
    });

    it('a genuine link for someone the alert was not sent to: 403', async () => {
      const alert = await openAlert();
      const before = writes();

      const result = await pressAckButton(await linkFor(alert, 'someone.else@leedsandyorkpft.nhs.uk'));

      expect(result.status).toBe(403);
      await expectUntouched(alert, before);
    });

    it('a link to an alert that does not exist: 404', async () => {
      const before = writes();
      const result = await pressAckButton(await links.linkFor('x#1', SAM, new Date(ALERTED_AT)));
      expect(result.status).toBe(404);
      expect(writes()).toBe(before);
    });

    it('another method: 405 with Allow', async () => {
      const alert = await openAlert();
      const before = writes();

      const response = await fetch(await linkFor(alert, SAM), { method: 'PUT', body: 'x' });

      expect(response.status).toBe(405);
      expect(response.headers.get('allow')).toBe('GET, POST');
      await expectUntouched(alert, before);
    });

    it('a body over 8 KB: 413 from the local server; another path: 404', async () => {
      const alert = await openAlert();
      const link = await linkFor(alert, SAM);
      const token = new URL(link).searchParams.get('t') ?? '';
      const before = writes();

      const big = await fetch(link, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `t=${token}&pad=${'x'.repeat(9000)}`,
      });
      const elsewhere = await fetch(link.replace('/ack?', '/other?'));

      expect(big.status).toBe(413);
      expect(elsewhere.status).toBe(404);
      await expectUntouched(alert, before);
    });
  });
});
