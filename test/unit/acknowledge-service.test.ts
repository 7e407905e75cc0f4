import { staticSigningKey } from '../../lambdas/adapters/signing-key';
import type { Clock } from '../../lambdas/ports/clock';
import type { UrgentAlert } from '../../lambdas/ports/state';
import { SignedAckLinks } from '../../lambdas/services/acknowledge/ack-links';
import { signAckToken } from '../../lambdas/services/acknowledge/ack-token';
import {
  handleAcknowledge,
  type AcknowledgeDeps,
} from '../../lambdas/services/acknowledge/acknowledge-service';
import { sampleConfig } from '../support/example-config';
import { InMemoryAuditLog, InMemoryUrgentAlerts } from '../support/in-memory-urgent-alerts';

const KEY = 'Q7f3kLm9Xa2Rb8Tc4Vd6We1Yg5Zh0Ji3Kn7Lp2Mq9Nr4Os8Pt6Uu1Vw5Xx0Yz3Ab';
const OTHER_KEY = 'a-different-key-that-is-long-enough-to-sign-with-0123456789';
const SAM = 'sam.duty@leedsandyorkpft.nhs.uk';
const ONCALL = 'oncall.manager@leedsandyorkpft.nhs.uk';
const ALERT_KEY = 'x#1870000000000000001';
// everything a hostile author could try: markup, entities, replacement patterns, template syntax
const HOSTILE_TEXT = `<script>alert(1)</script> I can't go on & "nobody" cares $' $& {{reply}}`;

const config = sampleConfig();

const ALERT: UrgentAlert = {
  key: ALERT_KEY,
  mention: {
    source: 'x-mentions',
    sourceType: 'x-mentions',
    id: '1870000000000000001',
    author: '@some<b>one</b>',
    text: HOSTILE_TEXT,
    url: 'https://x.com/someone/status/1870000000000000001',
    at: '2026-12-26T22:10:00Z',
  },
  matched: ['keyword: end my life'],
  alertedAt: '2026-12-26T22:12:00.000Z',
  recipients: [SAM, ONCALL],
  escalations: [],
  nextEscalationAt: '2026-12-26T22:27:00.000Z',
};

class TestClock implements Clock {
  constructor(public current: Date) {}
  now(): Date {
    return this.current;
  }
  async sleep(): Promise<void> {}
}

async function setUp(alert: UrgentAlert = ALERT) {
  const urgent = new InMemoryUrgentAlerts();
  await urgent.open(alert);
  urgent.writes.length = 0;
  const audit = new InMemoryAuditLog();
  const clock = new TestClock(new Date('2026-12-26T22:20:00Z'));
  let keyReads = 0;
  const key = staticSigningKey(KEY);
  const deps: AcknowledgeDeps = {
    urgent,
    audit,
    key: () => {
      keyReads += 1;
      return key();
    },
    clock,
    config,
    configVersion: 'v-test',
  };
  const links = new SignedAckLinks({ baseUrl: 'https://ack.example/', key });
  const tokenFor = async (recipient: string, alertKey = ALERT_KEY) =>
    new URL(await links.linkFor(alertKey, recipient, new Date(alert.alertedAt))).searchParams.get('t') ?? '';
  const get = (token: string | undefined) => handleAcknowledge(deps, { method: 'GET', token });
  const post = (token: string | undefined) => handleAcknowledge(deps, { method: 'POST', token });
  return { urgent, audit, clock, deps, tokenFor, get, post, keyReads: () => keyReads };
}

describe('handleAcknowledge', () => {
  describe('GET: shows, never acknowledges', () => {
    it('shows who wrote what, where and when, the suggested reply, and one button', async () => {
      const { get, tokenFor } = await setUp();
      const token = await tokenFor(SAM);

      const page = await get(token);

      expect(page.status).toBe(200);
      expect(page.outcome).toBe('shown');
      expect(page.html).toContain(
        '@some&lt;b&gt;one&lt;/b&gt; on X (mention), Saturday 26 December at 22:10',
      );
      expect(page.html).toContain(
        '<a href="https://x.com/someone/status/1870000000000000001">Open the post on X</a>',
      );
      expect(page.html).toContain(
        'Hi @some&lt;b&gt;one&lt;/b&gt;, if you need urgent help please call NHS 111 (option 2 for mental health) or 999 in an emergency.',
      );
      expect(page.html).toContain('Alerted at 22:12 to sam.duty@leedsandyorkpft.nhs.uk, oncall.manager@');
      expect(page.html.match(/<form\b/g)).toEqual(['<form']);
      expect(page.html).toContain('<form method="post">');
      expect(page.html).toContain(`<input type="hidden" name="t" value="${token}">`);
      expect(page.html.match(/<button\b[^>]*>([^<]*)<\/button>/)?.[1]).toBe("I'm handling this");
    });

    it('escapes the mention text: no markup, entities or replacement patterns get through', async () => {
      const { get, tokenFor } = await setUp();

      const { html } = await get(await tokenFor(SAM));

      expect(html).toContain(
        '&lt;script&gt;alert(1)&lt;/script&gt; I can&#39;t go on &amp; &quot;nobody&quot; cares $&#39; $&amp; {{reply}}',
      );
      expect(html).not.toMatch(/<script|<b>|<img/i);
      // `$'` read as a replacement pattern would have pasted the rest of the layout in again
      expect(html.match(/<\/html>/g)).toHaveLength(1);
    });

    it('changes nothing, however often it is opened (mail scanners open every link)', async () => {
      const { get, tokenFor, urgent, audit } = await setUp();
      const token = await tokenFor(SAM);

      for (let i = 0; i < 5; i += 1) expect((await get(token)).status).toBe(200);

      expect(urgent.writes).toEqual([]);
      expect(urgent.snapshot(ALERT_KEY)).toEqual(ALERT);
      expect(audit.all()).toEqual([]);
    });

    it('shows who is handling an acknowledged alert, since when, and no button', async () => {
      const { get, post, tokenFor, clock } = await setUp();
      await post(await tokenFor(ONCALL));

      const same = await get(await tokenFor(SAM));
      clock.current = new Date('2026-12-27T08:00:00Z');
      const nextDay = await get(await tokenFor(SAM));

      expect(same.status).toBe(200);
      expect(same.outcome).toBe('shown-acknowledged');
      expect(same.html).toContain(`Already being handled by ${ONCALL} since 22:20.`);
      expect(same.html).not.toMatch(/<form|<button/);
      expect(nextDay.html).toContain(`since 22:20 on Saturday 26 December.`);
    });

    it('links only to web addresses', async () => {
      const { get, tokenFor } = await setUp({
        ...ALERT,
        mention: { ...ALERT.mention, url: 'javascript:alert(1)' },
      });

      const { html } = await get(await tokenFor(SAM));

      expect(html).not.toContain('href="javascript:');
      expect(html).toContain('Address: <span class="quoted">javascript:alert(1)</span>');
    });

    it('is a plain, accessible page: language, title, headings, focus style, nothing to run or load', async () => {
      const { get, tokenFor } = await setUp();

      const { html } = await get(await tokenFor(SAM));

      expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html).toContain('<title>I&#39;m handling this – social-duty</title>');
      expect(html.match(/<h1>/g)).toHaveLength(1);
      expect(html).toContain(':focus-visible');
      expect(html).toContain('aria-describedby="button-effect"');
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\ssrc=|\son\w+=|style=/i);
    });
  });

  describe('POST: the button acknowledges, once', () => {
    it('acknowledges, stops escalation, records an audit entry, and thanks the person', async () => {
      const { post, tokenFor, urgent, audit } = await setUp();

      const page = await post(await tokenFor(SAM));

      expect(page.status).toBe(200);
      expect(page.outcome).toBe('acknowledged');
      expect(page.html).toContain(
        'Recorded that you are handling this at 22:20; nobody else will be escalated to.',
      );
      const stored = urgent.snapshot(ALERT_KEY);
      expect(stored).toMatchObject({ acknowledgedBy: SAM, acknowledgedAt: '2026-12-26T22:20:00.000Z' });
      expect(stored?.nextEscalationAt).toBeUndefined();
      expect(audit.all()).toEqual([
        {
          at: '2026-12-26T22:20:00.000Z',
          event: 'acknowledged',
          subject: ALERT_KEY,
          configVersion: 'v-test',
          detail: { by: SAM },
        },
      ]);
    });

    it('answers a second press, by anyone, with 409 naming who and when, and changes nothing', async () => {
      const { post, tokenFor, urgent, audit, clock } = await setUp();
      const samToken = await tokenFor(SAM);
      await post(samToken);
      const afterFirst = urgent.snapshot(ALERT_KEY);
      clock.current = new Date('2026-12-26T22:25:00Z');

      const replay = await post(samToken);
      const other = await post(await tokenFor(ONCALL));

      expect(replay.status).toBe(409);
      expect(replay.outcome).toBe('already-acknowledged');
      expect(replay.html).toContain('You said you were handling this at 22:20.');
      expect(other.status).toBe(409);
      expect(other.html).toContain(`${SAM} said they were handling this at 22:20.`);
      expect(urgent.snapshot(ALERT_KEY)).toEqual(afterFirst);
      expect(audit.all()).toHaveLength(1);
    });

    it('still tells the person it worked when only the audit write failed, and says so for the log', async () => {
      const { deps, tokenFor, urgent } = await setUp();
      const failing = {
        ...deps,
        audit: { record: () => Promise.reject(new Error(`cannot write ${HOSTILE_TEXT}`)) },
      };

      const page = await handleAcknowledge(failing, { method: 'POST', token: await tokenFor(SAM) });

      expect(page.status).toBe(200);
      expect(page.problem).toBe('audit record not written: Error');
      expect(urgent.snapshot(ALERT_KEY)?.acknowledgedBy).toBe(SAM);
    });
  });

  describe('refusals change nothing', () => {
    const expectUnchanged = (urgent: InMemoryUrgentAlerts, audit: InMemoryAuditLog) => {
      expect(urgent.writes).toEqual([]);
      expect(urgent.snapshot(ALERT_KEY)).toEqual(ALERT);
      expect(audit.all()).toEqual([]);
    };

    it.each(['GET', 'POST'])('%s with a forged or tampered token: 403', async (method) => {
      const { deps, tokenFor, urgent, audit } = await setUp();
      const genuine = await tokenFor(SAM);
      const expiresAt = Math.floor(Date.parse(ALERT.alertedAt) / 1000) + 3600;
      const forged = signAckToken({ alertKey: ALERT_KEY, recipient: SAM, expiresAt }, OTHER_KEY);
      const otherPayload = signAckToken({ alertKey: ALERT_KEY, recipient: ONCALL, expiresAt }, OTHER_KEY);
      const tampered = `${otherPayload.split('.')[0]}.${genuine.split('.')[1]}`;

      for (const token of [forged, tampered, `${genuine}x`, 'not-a-token']) {
        const page = await handleAcknowledge(deps, { method, token });
        expect(page.status).toBe(403);
        expect(page.html).toContain('This link is not valid');
        expect(page.html).not.toContain(HOSTILE_TEXT.slice(0, 10));
      }
      expectUnchanged(urgent, audit);
    });

    it('without a token: 403, without even reading the key', async () => {
      const { get, post, urgent, audit, keyReads } = await setUp();

      expect((await get(undefined)).status).toBe(403);
      expect((await post('')).status).toBe(403);
      expect(keyReads()).toBe(0);
      expectUnchanged(urgent, audit);
    });

    it('an expired link: 410, pointing to the briefing and the audit trail', async () => {
      const { post, get, tokenFor, clock, urgent, audit } = await setUp();
      const token = await tokenFor(SAM);
      clock.current = new Date(Date.parse(ALERT.alertedAt) + 24 * 3600 * 1000);

      const pressed = await post(token);
      const opened = await get(token);

      expect(pressed.status).toBe(410);
      expect(pressed.outcome).toBe('expired');
      expect(pressed.html).toContain('This link has expired: the alert was sent more than 24 hours ago.');
      expect(pressed.html).toMatch(/briefing.*audit/s);
      expect(opened.status).toBe(410);
      expectUnchanged(urgent, audit);
    });

    it.each(['GET', 'POST'])(
      '%s with a validly signed link for someone the alert was not sent to: 403',
      async (method) => {
        const { deps, tokenFor, urgent, audit } = await setUp();

        const page = await handleAcknowledge(deps, {
          method,
          token: await tokenFor('intruder@example.com'),
        });

        expect(page.status).toBe(403);
        expect(page.outcome).toBe('not-a-recipient');
        expect(page.html).not.toContain(HOSTILE_TEXT.slice(0, 10));
        expectUnchanged(urgent, audit);
      },
    );

    it.each(['GET', 'POST'])('%s for an alert that does not exist: 404', async (method) => {
      const { deps, tokenFor, urgent, audit } = await setUp();

      const page = await handleAcknowledge(deps, { method, token: await tokenFor(SAM, 'x#999') });

      expect(page.status).toBe(404);
      expect(page.outcome).toBe('unknown-alert');
      expectUnchanged(urgent, audit);
    });

    it.each(['PUT', 'DELETE', 'HEAD', 'PATCH'])('%s: 405', async (method) => {
      const { deps, tokenFor, urgent, audit } = await setUp();

      const page = await handleAcknowledge(deps, { method, token: await tokenFor(SAM) });

      expect(page.status).toBe(405);
      expectUnchanged(urgent, audit);
    });
  });
});
