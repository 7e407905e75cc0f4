import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_ENTRIES } from '../../lambdas/adapters/feed-parser';
import { shortLocalTime } from '../../lambdas/services/duty-emails';
import { startFaultStack, type FaultStack } from './support/fault-stack';
import { atomFeed, HostileFeedServer, type FeedAnswer } from './support/hostile-feed-server';
import {
  assertMentionsAccountedFor,
  FEED_SOURCE,
  seedMentions,
  sweepAt,
  sweepTicks,
  type SeededMention,
} from './support/mentions';
import { plusMs } from './support/post-scenarios';
import { FaultTally } from './support/tally';

const tally = new FaultTally();

const FEED_TIMEOUT_MS = 1000;

/**
 * One feed that should never be trusted. `entries` are mentions it carries that must still reach the duty
 * officer (a hostile feed can be well-formed); `fails` says whether the feed source must count as failing.
 */
interface FeedCase {
  name: string;
  faultClass: 'malformed feed' | 'huge feed' | 'hostile feed' | 'feed HTTP failure';
  answer: (scenario: string) => { answer: FeedAnswer; entries: SeededFeedEntry[] };
  fails: boolean | 'either';
}

interface SeededFeedEntry {
  ref: string;
  id: string;
}

const entryRef = (scenario: string, n = 1) => `[ref ${scenario}.f${n}]`;

/** a valid feed of one entry carrying `ref`, with the parts a hostile case wants to vary */
function oneEntry(scenario: string, parts: { title?: string; content?: string; url?: string } = {}) {
  const ref = entryRef(scenario);
  const id = `tag:google.com,2013:googlealerts/feed:${scenario}`;
  return {
    ref,
    id,
    body: atomFeed([
      {
        id,
        title: parts.title ?? `Leeds and York news ${ref}`,
        content: parts.content ?? `A story ${ref}`,
        url: parts.url ?? `https://news.example.org/${scenario}`,
      },
    ]),
  };
}

const body = (text: string | Buffer, extra: { status?: number; contentType?: string } = {}): FeedAnswer => ({
  kind: 'body',
  body: text,
  ...extra,
});
const failing = (answer: FeedAnswer) => () => ({ answer, entries: [] });

const CASES: FeedCase[] = [
  {
    name: 'a truncated document',
    faultClass: 'malformed feed',
    answer: failing(body('<?xml version="1.0"?><feed><entry><title>unclosed')),
    fails: true,
  },
  {
    name: 'an HTML sign-in page',
    faultClass: 'malformed feed',
    answer: failing(
      body('<!doctype html><html><body><p>Sign in<br></body></html>', { contentType: 'text/html' }),
    ),
    fails: true,
  },
  { name: 'an empty body', faultClass: 'malformed feed', answer: failing(body('')), fails: true },
  {
    name: 'binary garbage',
    faultClass: 'malformed feed',
    answer: failing(body(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)))),
    fails: true,
  },
  {
    name: 'an unescaped ampersand',
    faultClass: 'malformed feed',
    answer: failing(
      body('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>A & B</title></entry></feed>'),
    ),
    fails: true,
  },
  {
    name: 'RSS without a channel',
    faultClass: 'malformed feed',
    answer: failing(body('<?xml version="1.0"?><rss version="2.0"></rss>')),
    fails: true,
  },
  {
    name: 'invalid UTF-8 inside an otherwise good entry',
    faultClass: 'malformed feed',
    answer: (scenario) => {
      const entry = oneEntry(scenario, { content: `broken bytes here ${entryRef(scenario)}` });
      const bytes = Buffer.from(entry.body.replace('broken bytes', 'broken \u0000MARK bytes'), 'utf8');
      const at = bytes.indexOf('\u0000MARK');
      bytes.set([0xff, 0xfe, 0xc3, 0x28, 0x20], at);
      return { answer: body(bytes), entries: [entry] };
    },
    fails: false,
  },
  {
    name: 'an 8 MB body',
    faultClass: 'huge feed',
    answer: failing({ kind: 'stream', bytes: 8 * 1024 * 1024 }),
    fails: true,
  },
  {
    name: `10 000 entries (only the first ${MAX_ENTRIES} are read)`,
    faultClass: 'huge feed',
    answer: (scenario) => {
      const first = { ref: entryRef(scenario), id: `tag:google.com,2013:googlealerts/feed:${scenario}.0` };
      const entries = Array.from({ length: 10_000 }, (_, n) => ({
        id: `tag:google.com,2013:googlealerts/feed:${scenario}.${n}`,
        title: n === 0 ? `Newest ${first.ref}` : `Older story ${n}`,
        content: `Story number ${n}`,
        url: `https://news.example.org/${scenario}/${n}`,
      }));
      return { answer: body(atomFeed(entries)), entries: [first] };
    },
    fails: false,
  },
  {
    name: 'one entry with 300 KB of text',
    faultClass: 'huge feed',
    answer: (scenario) => {
      const entry = oneEntry(scenario, {
        content: `${'very long story '.repeat(20_000)} ${entryRef(scenario)}`,
      });
      return { answer: body(entry.body), entries: [entry] };
    },
    fails: false,
  },
  {
    name: '100 000 nested elements',
    faultClass: 'huge feed',
    answer: failing(
      body(
        `<feed xmlns="http://www.w3.org/2005/Atom">${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}</feed>`,
      ),
    ),
    fails: 'either',
  },
  {
    name: 'a billion-laughs entity bomb',
    faultClass: 'hostile feed',
    answer: failing(
      body(
        `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from(
          { length: 9 },
          (_, n) => `<!ENTITY lol${n + 1} "${`&lol${n === 0 ? '' : n};`.repeat(10)}">`,
        ).join(
          '',
        )}]><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>&lol9;</title></entry></feed>`,
      ),
    ),
    fails: true,
  },
  {
    name: 'an external entity reading /etc/passwd',
    faultClass: 'hostile feed',
    answer: failing(
      body(
        '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>1</id><title>&xxe;</title></entry></feed>',
      ),
    ),
    fails: true,
  },
  {
    name: 'script, event handlers and markup in an entry',
    faultClass: 'hostile feed',
    answer: (scenario) => {
      const ref = entryRef(scenario);
      const entry = oneEntry(scenario, {
        title: `<script>alert("title")</script><b>Leeds</b> ${ref}`,
        content: `<img src=x onerror="alert(1)"><iframe src="https://evil.example"></iframe><style>body{}</style>${ref} &lt;script&gt;alert(2)&lt;/script&gt;`,
      });
      return { answer: body(entry.body), entries: [entry] };
    },
    fails: false,
  },
  {
    name: 'bidi overrides, zero-width and control characters',
    faultClass: 'hostile feed',
    answer: (scenario) => {
      const entry = oneEntry(scenario, {
        title: `\u202Egnp.exe\u202C \u200B\u200D\uFEFF ${entryRef(scenario)}`,
        content: `tab\there\u0007bell ${entryRef(scenario)}`,
      });
      return { answer: body(entry.body), entries: [entry] };
    },
    fails: false,
  },
  {
    name: 'CDATA and comments that try to close early',
    faultClass: 'hostile feed',
    answer: (scenario) => {
      const ref = entryRef(scenario);
      const id = `tag:google.com,2013:googlealerts/feed:${scenario}`;
      const xml = `<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.xsl"?><feed xmlns="http://www.w3.org/2005/Atom"><!-- </entry></feed> --><entry><id>${id}</id><title type="html"><![CDATA[<b>Leeds</b> ${ref} ]]]]><![CDATA[>]]></title><link href="https://news.example.org/${scenario}"/><content type="html"><![CDATA[</content></entry></feed> ${ref}]]></content></entry></feed>`;
      return { answer: body(xml), entries: [{ ref, id }] };
    },
    fails: false,
  },
  {
    name: 'the same entry 500 times',
    faultClass: 'hostile feed',
    answer: (scenario) => {
      const entry = oneEntry(scenario);
      const one = /<entry>.*<\/entry>/.exec(entry.body)?.[0] ?? '';
      return { answer: body(entry.body.replace(one, one.repeat(500))), entries: [entry] };
    },
    fails: false,
  },
  {
    name: 'dates that are not dates',
    faultClass: 'hostile feed',
    answer: (scenario) => {
      const entry = oneEntry(scenario);
      return {
        answer: body(
          entry.body.replace(/<published>[^<]*<\/published>/, '<published>yesterday-ish</published>'),
        ),
        entries: [entry],
      };
    },
    fails: false,
  },
  {
    name: 'HTTP 500',
    faultClass: 'feed HTTP failure',
    answer: failing(body('oops', { status: 500 })),
    fails: true,
  },
  {
    name: 'HTTP 404',
    faultClass: 'feed HTTP failure',
    answer: failing(body('gone', { status: 404 })),
    fails: true,
  },
  {
    name: 'a redirect loop',
    faultClass: 'feed HTTP failure',
    answer: failing({ kind: 'redirect-loop' }),
    fails: true,
  },
  { name: 'no answer', faultClass: 'feed HTTP failure', answer: failing({ kind: 'timeout' }), fails: true },
  {
    name: 'a connection reset',
    faultClass: 'feed HTTP failure',
    answer: failing({ kind: 'reset' }),
    fails: true,
  },
  {
    name: 'a byte every 50 ms, never finishing',
    faultClass: 'feed HTTP failure',
    answer: failing({ kind: 'drip', everyMs: 50 }),
    fails: true,
  },
];

describe('malformed, huge and hostile feeds', () => {
  let faults: FaultStack;
  const feed = new HostileFeedServer();
  let lastTick = '2027-03-01T08:00:00Z';
  let scenario = 0;

  beforeAll(async () => {
    await feed.start();
    faults = await startFaultStack('2027-03-01T08:00:00Z', {
      sourceOptions: { feedUrl: () => feed.url, feedTimeoutMs: FEED_TIMEOUT_MS },
    });
  });
  afterAll(async () => {
    tally.report(__filename);
    await faults?.close();
    await feed.close();
  });

  const nextTicks = (count: number): string[] => {
    const ticks = sweepTicks(faults.stack.deps, lastTick, 'working-hours', count);
    lastTick = ticks[ticks.length - 1] as string;
    return ticks;
  };

  it.each(CASES)(
    'keeps the other sources working and loses nothing when the feed serves $name',
    async ({ faultClass, answer, fails }) => {
      await tally.attempt(faultClass, async () => {
        const { stack } = faults;
        const [hostileTick, recoveryTick] = nextTicks(2) as [string, string];
        const name = `h${++scenario}`;
        await stack.ses.clear();
        const xMentions = seedMentions(stack, undefined, name, plusMs(hostileTick, -10 * 60_000));
        const served = answer(name);
        feed.answer = served.answer;
        const hostile = await sweepAt(stack, stack.deps, hostileTick);
        if (fails !== 'either') expect(hostile.failedSources).toEqual(fails ? [FEED_SOURCE] : []);

        // the feed mends: a good entry alongside, and nothing it carried before may come twice
        const good = oneEntry(`${name}-good`);
        feed.answer = body(good.body);
        const recovered = await sweepAt(stack, stack.deps, recoveryTick);
        expect(recovered.failedSources).toEqual([]);

        const seeded: SeededMention[] = [
          ...xMentions,
          ...[...served.entries, good].map((e) => ({ ...e, source: 'feed' as const, urgent: false })),
        ];
        const reports = await assertMentionsAccountedFor(stack, seeded, {
          heldSince: plusMs(hostileTick, -60 * 60_000),
        });
        // the hostile sweep's X mentions went out in that sweep: a bad feed delays nothing else
        expect(hostile.found).toBeGreaterThanOrEqual(xMentions.length);
        expect(hostile.found).toBeLessThanOrEqual(xMentions.length + MAX_ENTRIES);
        for (const email of (await stack.ses.sentEmails()).filter((e) => /mention/.test(e.subject))) {
          // whatever a feed carried, it is text in the email: no markup of its own survives
          expect(email.html).not.toMatch(/<(script|iframe|img|style)\b/i);
          expect(email.html).not.toMatch(/\sonerror=/i);
        }
        expect(reports.every((r) => r.alerts.length === 1)).toBe(true);
      });
    },
  );

  it('emails items whose feed gives no readable time with the time first seen, and says so', async () => {
    await tally.attempt('hostile feed', async () => {
      const { stack } = faults;
      await stack.ses.clear();
      const [tick] = nextTicks(1) as [string];
      feed.answer = body(readFileSync(join(__dirname, '..', 'fixtures', 'feeds', 'dates.rss.xml')), {
        contentType: 'application/rss+xml',
      });
      const summary = await sweepAt(stack, stack.deps, tick);
      expect(summary.failedSources).toEqual([]);
      const [alert, ...others] = (await stack.ses.sentEmails()).filter((e) => /new mention/.test(e.subject));
      expect(others).toEqual([]);
      const seen = `first seen ${shortLocalTime(tick, stack.deps.config.organisation.timezone)} (time not given by the feed)`;
      for (const id of ['d-none', 'd-nonsense'])
        expect(alert?.text).toContain(
          `press.example.org on the web (${FEED_SOURCE}), ${seen}\nLeeds and York Partnership in the news (${id})`,
        );
      // items dated months back are older than the seen marks last: not news, so not emailed
      expect(alert?.text).not.toContain('(d-pt)');
      expect(alert?.html).toContain(seen);
    });
  });

  it('tells the duty officer once after three bad fetches in a row, and once when the feed works again', async () => {
    await tally.attempt('malformed feed', async () => {
      const { stack } = faults;
      await stack.ses.clear();
      const ticks = nextTicks(5);
      const answers: FeedAnswer[] = [
        body('<feed><entry>'),
        { kind: 'reset' },
        { kind: 'stream', bytes: 8 * 1024 * 1024 },
        body('<feed><entry>'),
        body(atomFeed([])),
      ];
      for (const [n, tick] of ticks.entries()) {
        feed.answer = answers[n] as FeedAnswer;
        await sweepAt(stack, stack.deps, tick);
      }
      const health = (await stack.ses.sentEmails()).filter((e) => e.subject.includes(FEED_SOURCE));
      expect(health.map((e) => e.subject)).toEqual([
        `[social-duty] Mention source ${FEED_SOURCE} is failing`,
        `[social-duty] Mention source ${FEED_SOURCE} is working again`,
      ]);
      // the error it names is ours, never the feed's content
      expect(health[0]?.text).not.toContain('aaaa');
    });
  });
});
