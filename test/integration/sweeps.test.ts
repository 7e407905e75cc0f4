import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleSweep } from '../../lambdas/services/sweep-service';
import { handleBriefing } from '../../lambdas/services/briefing-service';
import { buildMentionSources } from '../../lambdas/services/mention-sources';
import type { StateStores } from '../../lambdas/ports/state';
import { startTestStack } from '../support/local-stack';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

/** A feed server whose answer each test sets: a body, a status, or a huge stream. */
class ScriptedFeed {
  body = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>';
  status = 200;
  hugeBytes = 0;
  private server: Server | undefined;
  url = '';
  async start(): Promise<void> {
    this.server = createServer((_request, response) => {
      response.writeHead(this.status, { 'content-type': 'application/atom+xml' });
      if (this.hugeBytes > 0) {
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < this.hugeBytes) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        response.on('error', () => undefined);
        return pump();
      }
      response.end(this.body);
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

describe('mention sweeps and duty routing', () => {
  let stack: Stack;
  const feed = new ScriptedFeed();

  beforeAll(async () => {
    await feed.start();
    stack = await startTestStack('2026-12-01T09:00:00Z', {
      sourceOptions: { feedUrl: () => feed.url, feedTimeoutMs: 2000 },
    });
  });
  afterAll(async () => {
    await stack.close();
    await feed.close();
  });
  beforeEach(async () => {
    await stack.ses.clear();
    feed.body = atom([]);
    feed.status = 200;
    feed.hugeBytes = 0;
  });

  const sweepAt = (iso: string, state: StateStores = stack.deps.state) => {
    stack.clock.set(iso);
    return handleSweep({ ...stack.deps, state }, iso);
  };
  const mention = (text: string, createdAt: string, author = 'someone') =>
    stack.x.addMention({ authorUsername: author, text, createdAt });

  it('alerts once per sweep, concerns first, deduped across sources and sweeps', async () => {
    mention(
      '@LeedsandYorkPFT thanks for the Leeds and York Partnership open day',
      '2026-12-01T09:50:00Z',
      'fan',
    );
    mention('@LeedsandYorkPFT still waiting for an appointment, not happy', '2026-12-01T09:55:00Z', 'waiter');
    const summary = await sweepAt('2026-12-01T10:00:00Z');
    expect(summary).toMatchObject({ mode: 'working-hours', found: 2, alerted: 2, urgent: 0 });
    const emails = await stack.ses.sentEmails();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.to).toEqual(['sam.duty@leedsandyorkpft.nhs.uk']);
    expect(emails[0]?.subject).toContain('2 new mentions');
    const text = emails[0]?.text ?? '';
    expect(text.indexOf('@waiter')).toBeLessThan(text.indexOf('@fan'));
    expect(text).toContain("Hi @waiter, we're sorry to hear this.");
    // the open-day tweet matched x-mentions and x-search: listed once
    expect(text.match(/open day/g)).toHaveLength(1);

    await stack.ses.clear();
    expect(await sweepAt('2026-12-01T10:15:00Z')).toMatchObject({ found: 0 });
    expect(await stack.ses.sentEmails()).toHaveLength(0);
  });

  it('sends mention text escaped in HTML and intact in text', async () => {
    mention('@LeedsandYorkPFT <script>alert(1)</script> rude & "slow"', '2026-12-01T10:20:00Z', 'tester');
    await sweepAt('2026-12-01T10:30:00Z');
    const [email] = await stack.ses.sentEmails();
    expect(email?.text).toContain('<script>alert(1)</script> rude & "slow"');
    expect(email?.html).not.toContain('<script>');
    expect(email?.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; rude &amp;');
  });

  /** the stack's state, with one store method failing once as if the connection dropped */
  function failingOnce<K extends keyof StateStores>(store: K, method: keyof StateStores[K]): StateStores {
    let failed = false;
    const real = stack.deps.state[store] as unknown as Record<
      string,
      (...args: unknown[]) => Promise<unknown>
    >;
    const wrapped = Object.create(real, {
      [method]: {
        value: async (...args: unknown[]) => {
          if (!failed) {
            failed = true;
            throw new Error('connection lost');
          }
          return real[method as string]?.call(real, ...args);
        },
      },
    });
    return { ...stack.deps.state, [store]: wrapped };
  }

  it('a crash after the alert email but before the seen mark neither loses the mention nor alerts it twice', async () => {
    mention('@LeedsandYorkPFT my complaint about the ward', '2026-12-01T10:40:00Z', 'crashy');
    await expect(sweepAt('2026-12-01T10:45:00Z', failingOnce('ledger', 'markSeen'))).rejects.toThrow(
      'connection lost',
    );
    const [first] = await stack.ses.sentEmails();
    expect(first?.text).toContain('my complaint about the ward');
    // found again: the record of its alert stands, so no second email
    expect(await sweepAt('2026-12-01T11:00:00Z')).toMatchObject({ found: 1, alerted: 0 });
    await sweepAt('2026-12-01T11:15:00Z');
    expect(await stack.ses.sentEmails()).toHaveLength(1);
  });

  it('a crash before anything was recorded finds the mention again and alerts it then', async () => {
    mention('@LeedsandYorkPFT rude on the phone', '2026-12-01T11:20:00Z', 'phoned');
    await expect(sweepAt('2026-12-01T11:30:00Z', failingOnce('found', 'record'))).rejects.toThrow(
      'connection lost',
    );
    expect(await stack.ses.sentEmails()).toHaveLength(0);
    expect(await sweepAt('2026-12-01T11:45:00Z')).toMatchObject({ found: 1, alerted: 1 });
    const emails = await stack.ses.sentEmails();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.text).toContain('rude on the phone');
  });

  it('holds an out-of-hours weekend for Monday, sends an urgent mention at 02:00 on Sunday at once', async () => {
    mention('@LeedsandYorkPFT rude receptionist on Friday', '2026-12-04T19:10:00Z', 'friday');
    expect(await sweepAt('2026-12-04T20:00:00Z')).toMatchObject({
      mode: 'out-of-hours',
      held: 1,
      alerted: 0,
    });
    mention('@LeedsandYorkPFT I feel suicidal tonight', '2026-12-06T01:55:00Z', 'night');
    expect(await sweepAt('2026-12-06T02:00:00Z')).toMatchObject({ mode: 'out-of-hours', urgent: 1, held: 0 });
    feed.body = atom([
      {
        id: 'tag:google.com,2013:googlealerts/feed:1',
        title: '<b>Leeds and York</b> forum',
        content: 'Long wait at the clinic &amp; no answer',
        url: 'https://forum.example.org/t/1',
        at: '2026-12-06T10:00:00Z',
      },
    ]);
    expect(await sweepAt('2026-12-06T11:00:00Z')).toMatchObject({ held: 1 });
    // a minute off the urgent cadence is no tick of the plan's
    expect(await sweepAt('2026-12-06T11:17:00Z')).toMatchObject({ mode: 'not-due' });

    const emails = await stack.ses.sentEmails();
    expect(emails.map((e) => e.subject)).toEqual([
      '[social-duty] URGENT mention on X — act now',
      // nobody pressed "I'm handling this": the next tick past 02:15 escalated it
      '[social-duty] ESCALATED: urgent mention on X not acknowledged — act now',
    ]);
    expect(emails[0]?.to).toEqual([
      'comms.team@leedsandyorkpft.nhs.uk',
      'oncall.manager@leedsandyorkpft.nhs.uk',
    ]);
    expect(emails[0]?.text).toContain('Hi @night, if you need urgent help please call NHS 111');
    expect(emails[1]?.to).toEqual(['oncall.manager@leedsandyorkpft.nhs.uk']);

    await stack.ses.clear();
    stack.clock.set('2026-12-07T08:45:00Z');
    const briefing = await handleBriefing(stack.deps, '2026-12-07T08:45:00Z');
    expect(briefing).toMatchObject({ outcome: 'sent', to: 'alex.duty@leedsandyorkpft.nhs.uk', mentions: 3 });
    const [mail] = await stack.ses.sentEmails();
    expect(mail?.to).toEqual(['alex.duty@leedsandyorkpft.nhs.uk']);
    expect(mail?.text).toContain('rude receptionist on Friday');
    expect(mail?.text).toContain('suicidal');
    expect(mail?.text).toContain('https://forum.example.org/t/1');
    expect(mail?.text).toContain('sam.duty@leedsandyorkpft.nhs.uk'); // on duty tomorrow, Tuesday
    // a second delivery of the same briefing sends nothing
    expect(await handleBriefing(stack.deps, '2026-12-07T08:45:00Z')).toEqual({ outcome: 'already-sent' });
  });

  it('a malformed, a 20 MB and a billion-laughs feed each fail that source only; 3 failures → one email, recovery → one', async () => {
    mention('@LeedsandYorkPFT lovely staff', '2026-12-08T09:50:00Z', 'happy');
    feed.body = '<feed><entry><title>unclosed';
    const first = await sweepAt('2026-12-08T10:00:00Z');
    expect(first.failedSources).toEqual(['google-alert-trust']);
    expect(first.found).toBe(1);
    feed.body = '';
    feed.hugeBytes = 20 * 1024 * 1024;
    expect((await sweepAt('2026-12-08T10:15:00Z')).failedSources).toEqual(['google-alert-trust']);
    feed.hugeBytes = 0;
    feed.body = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>&lol3;</title></entry></feed>`;
    const third = await sweepAt('2026-12-08T10:30:00Z');
    expect(third.failedSources).toEqual(['google-alert-trust']);
    let emails = await stack.ses.sentEmails();
    const health = emails.filter((e) => /google-alert-trust/.test(e.subject));
    expect(health).toHaveLength(1);
    expect(health[0]?.text).toMatch(/3 sweeps in a row|three/i);
    feed.body = atom([]);
    await sweepAt('2026-12-08T10:45:00Z');
    await sweepAt('2026-12-08T11:00:00Z');
    emails = await stack.ses.sentEmails();
    expect(emails.filter((e) => /google-alert-trust/.test(e.subject))).toHaveLength(2);
    expect(emails.filter((e) => /google-alert-trust/.test(e.subject))[1]?.subject).toMatch(
      /working again|recovered/i,
    );
  });

  it('ignores feed items older than the seen marks are kept, and keeps renewing the mark of an item still listed', async () => {
    const entry = (n: number, at: string) => ({
      id: `tag:google.com,2013:googlealerts/feed:age${n}`,
      title: `<b>Leeds and York</b> item ${n}`,
      content: `complaint about parking, item ${n}`,
      url: `https://news.example.org/age/${n}`,
      at,
    });
    // 40 days old: its seen mark would have expired by now, so a quiet alert still listing it must not re-alert
    feed.body = atom([entry(1, '2026-11-05T10:00:00Z'), entry(2, '2026-12-05T10:00:00Z')]);
    expect(await sweepAt('2026-12-15T10:00:00Z')).toMatchObject({ found: 1, alerted: 1 });
    const [email] = await stack.ses.sentEmails();
    expect(email?.text).toContain('item 2');
    expect(email?.text).not.toContain('item 1');
    const seen = () => stack.deps.state.ledger.seen('google-alert-trust', [entry(1, '').id, entry(2, '').id]);
    expect([...(await seen()).values()]).toEqual(['2026-12-15T10:00:00.000Z', '2026-12-15T10:00:00.000Z']);

    // a week on, the feed still lists both: nothing new, and both marks are written again
    await stack.ses.clear();
    expect(await sweepAt('2026-12-23T10:00:00Z')).toMatchObject({ found: 0 });
    expect(await stack.ses.sentEmails()).toHaveLength(0);
    expect([...(await seen()).values()]).toEqual(['2026-12-23T10:00:00.000Z', '2026-12-23T10:00:00.000Z']);
    // a day later the marks are fresh: no writes at all
    await sweepAt('2026-12-24T10:00:00Z');
    expect([...(await seen()).values()]).toEqual(['2026-12-23T10:00:00.000Z', '2026-12-23T10:00:00.000Z']);
  });

  it('builds one source per configured source', () => {
    expect(buildMentionSources(stack.deps.config, stack.deps.channels).map((s) => s.id)).toEqual([
      'x-mentions',
      'x-search',
      'google-alert-trust',
    ]);
  });
});
