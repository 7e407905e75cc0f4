import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDateTime } from '../../lambdas/core/calendar/dates';
import type { LocalXApiServer } from '../../local/x-api-server';
import { EXIT } from '../../cli/main';
import { runCliIn } from '../support/run-cli-in';
import { sampleWith } from '../support/config-text';
import { startLocalX, TRUST_HANDLE } from '../support/local-x';

/**
 * The fixtures' items are dated early in December 2026, and the check leaves out what is over 30 days old, so
 * the clock is fixed a day after them; only Date is faked, the servers' timers and sockets run as usual.
 */
const NOW = new Date('2026-12-07T12:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;

/** an RSS feed of one item published `daysAgo` days before NOW for each entry */
function rssOf(...daysAgo: number[]): Buffer {
  const items = daysAgo.map(
    (days, i) =>
      `<item><title>Item ${i}</title><link>https://news.example.co.uk/item-${i}</link><guid>item-${i}</guid>` +
      `<description>Trust news ${i}</description><pubDate>${new Date(NOW.getTime() - days * DAY_MS).toUTCString()}</pubDate></item>`,
  );
  return Buffer.from(
    `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>${items.join('')}</channel></rss>`,
  );
}

const GOOGLE_ALERT_URL = 'url: https://www.google.com/alerts/feeds/00000000000000000000/0000000000000000000';
const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name));

const run = runCliIn;

describe('sources check against local feeds and the local X API', () => {
  let feeds: Server;
  let feedBase = '';
  let x: LocalXApiServer;
  let dir: string;
  let cwd: string;
  let configFile: string;
  let urgentMention: { id: string; createdAt: string };
  let searchMention: { id: string; createdAt: string };

  beforeAll(async () => {
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const routes: Record<string, Buffer> = {
      '/alerts': fixture('google-alerts.atom.xml'),
      '/news': fixture('news.rss.xml'),
      '/aged': rssOf(45, 2, 31),
    };
    feeds = createServer((request, response) => {
      const body = routes[request.url ?? ''];
      if (!body) {
        response.writeHead(500, { 'content-type': 'text/plain' });
        return void response.end('internal error');
      }
      response.writeHead(200, { 'content-type': 'application/xml' });
      response.end(body);
    });
    await new Promise<void>((resolve) => feeds.listen(0, '127.0.0.1', resolve));
    feedBase = `http://127.0.0.1:${(feeds.address() as AddressInfo).port}`;
    ({ server: x } = await startLocalX());

    const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
    urgentMention = x.addMention({
      authorUsername: 'worried_sam',
      text: `@${TRUST_HANDLE} I want to end my life tonight`,
      createdAt: minutesAgo(30),
    });
    searchMention = x.addMention({
      authorUsername: 'carer_jo',
      text: 'Leeds and York Partnership clinic kept my mum waiting for 9 weeks',
      createdAt: minutesAgo(20),
    });

    dir = mkdtempSync(join(tmpdir(), 'sources-check-'));
    cwd = mkdtempSync(join(tmpdir(), 'sources-check-cwd-'));
    configFile = join(dir, 'social-duty.yaml');
    writeFileSync(
      configFile,
      sampleWith([
        GOOGLE_ALERT_URL,
        [
          `url: ${feedBase}/alerts`,
          '    - id: news',
          '      type: feed',
          `      url: ${feedBase}/news`,
          '    - id: broken',
          '      type: feed',
          `      url: ${feedBase}/broken`,
        ].join('\n'),
      ]),
    );
  });

  afterAll(async () => {
    jest.useRealTimers();
    await x.close();
    await new Promise((resolve) => feeds.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    rmSync(cwd, { recursive: true, force: true });
  });

  const at = (iso: string) => new Date(iso).toISOString().replace('.000Z', 'Z');

  const alertItems = [
    {
      id: 'tag:google.com,2013:googlealerts/feed:7781239912300442211',
      category: 'general',
      at: '2026-12-05T18:02:44Z',
    },
    {
      id: 'tag:google.com,2013:googlealerts/feed:10459813547103911342',
      category: 'concern',
      at: '2026-12-06T10:21:07Z',
    },
  ];

  it('--json gives every source in config order, its items classified as the sweep would, exit 1 for the failing one', async () => {
    const result = await run(cwd, 'sources', 'check', '--json', '--config', configFile, '--endpoint', x.url);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.userError);
    const json = JSON.parse(result.stdout) as {
      sources: { id: string; ok: boolean; error: string | null; items: Record<string, string>[] }[];
    };
    expect(json.sources.map((s) => [s.id, s.ok, s.error])).toEqual([
      ['x-mentions', true, null],
      ['x-search', true, null],
      ['google-alert-trust', true, null],
      ['news', true, null],
      ['broken', false, 'feed broken: HTTP 500'],
    ]);
    const [mentions, search, alerts, news, broken] = json.sources;
    expect(mentions?.items).toEqual([
      {
        id: urgentMention.id,
        author: '@worried_sam',
        text: `@${TRUST_HANDLE} I want to end my life tonight`,
        url: `https://x.com/worried_sam/status/${urgentMention.id}`,
        at: at(urgentMention.createdAt),
        category: 'urgent',
      },
    ]);
    expect(search?.items).toEqual([
      {
        id: searchMention.id,
        author: '@carer_jo',
        text: 'Leeds and York Partnership clinic kept my mum waiting for 9 weeks',
        url: `https://x.com/carer_jo/status/${searchMention.id}`,
        at: at(searchMention.createdAt),
        category: 'concern',
      },
    ]);
    expect(alerts?.items.map(({ id, category, at: when }) => ({ id, category, at: when }))).toEqual(
      alertItems,
    );
    expect(alerts?.items[1]).toMatchObject({
      url: 'https://forum.example.org/threads/long-wait-at-clinic.1234/',
    });
    expect(news?.items.map((i) => [i.category, i.at, i.url])).toEqual([
      ['concern', '2026-12-03T17:40:00Z', 'https://news.example.co.uk/2026/12/parking'],
      ['general', '2026-12-04T09:15:00Z', 'https://news.example.co.uk/2026/12/crisis-line'],
    ]);
    expect(broken?.items).toEqual([]);
    for (const source of json.sources)
      for (const item of source.items)
        expect(Object.keys(item)).toEqual(['id', 'author', 'text', 'url', 'at', 'category']);
  });

  it('prints a header per source and a line per item, times in the organisation zone', async () => {
    const result = await run(cwd, 'sources', 'check', '--config', configFile, '--endpoint', x.url);
    expect(result.code).toBe(EXIT.userError);
    expect(result.stderr).toBe('');
    const local = (iso: string) => {
      const { date, time } = localDateTime(iso, 'Europe/London');
      return `${date} ${time}`;
    };
    const blocks = result.stdout.split('\n\n');
    expect(blocks).toHaveLength(6);
    expect(blocks[0]).toBe(
      [
        'x-mentions (x-mentions, @LeedsandYorkPFT on X): OK, 1 item',
        `  ${local(urgentMention.createdAt)}  urgent   @worried_sam  @${TRUST_HANDLE} I want to end my life tonight  https://x.com/worried_sam/status/${urgentMention.id}`,
      ].join('\n'),
    );
    expect(blocks[1]).toBe(
      [
        'x-search (x-search, @LeedsandYorkPFT on X): OK, 1 item',
        `  ${local(searchMention.createdAt)}  concern  @carer_jo  Leeds and York Partnership clinic kept my mum waiting for 9 weeks  https://x.com/carer_jo/status/${searchMention.id}`,
      ].join('\n'),
    );
    const alertLines = blocks[2]!.split('\n');
    expect(alertLines[0]).toBe('google-alert-trust (feed): OK, 2 items');
    expect(alertLines[1]).toMatch(
      /^ {2}2026-12-05 18:02 {2}general {2}\S.* {2}https:\/\/news\.example\.co\.uk\/health\/2026\/12\/05\/award/,
    );
    expect(alertLines[2]).toMatch(
      /^ {2}2026-12-06 10:21 {2}concern {2}.*… {2}https:\/\/forum\.example\.org\//,
    );
    // the text is cut at 100 characters
    const text = alertLines[2]!.split('  ')[4]!;
    expect(text.length).toBeLessThanOrEqual(100);
    expect(blocks[3]?.split('\n')[0]).toBe('news (feed): OK, 2 items');
    expect(blocks[4]).toBe('broken (feed): FAILED: feed broken: HTTP 500');
    expect(blocks[5]).toBe('5 sources read: 4 OK, 1 failed');
  });

  it('--source reads only that source; all of it OK exits 0', async () => {
    const result = await run(
      cwd,
      'sources',
      'check',
      '--source',
      'google-alert-trust',
      '--json',
      '--config',
      configFile,
    );
    expect(result.code).toBe(EXIT.ok);
    const json = JSON.parse(result.stdout) as { sources: { id: string; items: { category: string }[] }[] };
    expect(json.sources.map((s) => s.id)).toEqual(['google-alert-trust']);
    expect(json.sources[0]?.items.map((i) => i.category)).toEqual(['general', 'concern']);
  });

  it('an unknown --source is a usage error naming the known ids', async () => {
    const result = await run(cwd, 'sources', 'check', '--source', 'nope', '--config', configFile);
    expect(result).toEqual({
      code: EXIT.userError,
      stdout: '',
      stderr:
        '--source nope: no such source; the sources are x-mentions, x-search, google-alert-trust, news, broken',
    });
  });

  it('without X credentials the X sources fail with one line, the feeds are still read', async () => {
    const saved = { ...process.env };
    // no region, no keys, no profile, no instance metadata: Secrets Manager cannot be asked
    for (const name of [
      'AWS_REGION',
      'AWS_DEFAULT_REGION',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
      'AWS_PROFILE',
    ])
      delete process.env[name];
    process.env.AWS_CONFIG_FILE = join(dir, 'no-aws-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'no-aws-credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
    try {
      const result = await run(cwd, 'sources', 'check', '--json', '--config', configFile);
      expect(result.code).toBe(EXIT.userError);
      const json = JSON.parse(result.stdout) as {
        sources: { id: string; ok: boolean; error: string | null }[];
      };
      const [mentions, search, alerts] = json.sources;
      for (const source of [mentions, search]) {
        expect(source?.ok).toBe(false);
        expect(source?.error).toMatch(
          /^no X credentials: cannot read secret "social-duty\/x\/main" of account "main"/,
        );
        expect(source?.error).not.toContain('\n');
        expect(source?.error).toContain('no AWS region: set AWS_REGION');
      }
      expect(alerts?.ok).toBe(true);
    } finally {
      process.env = saved;
    }
  });

  it('no sources configured: one line, exit 0', async () => {
    const file = join(dir, 'no-sources.yaml');
    const text = readFileSync(configFile, 'utf8');
    writeFileSync(file, text.replace(/ {2}sources:\n(?: {4}.*\n)+/, '  sources: []\n'));
    const result = await run(cwd, 'sources', 'check', '--config', file);
    expect(result).toEqual({
      code: EXIT.ok,
      stdout: `no sources configured: ${file} has no sweeps.sources, so a sweep reads nothing`,
      stderr: '',
    });
  });

  it('leaves out what a sweep would ignore as over 30 days old, and says so; a refused connection is named', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const file = join(dir, 'aged.yaml');
    const text = readFileSync(configFile, 'utf8');
    writeFileSync(
      file,
      text.replace(
        / {2}sources:\n(?: {4}.*\n)+/,
        [
          '  sources:',
          '    - id: aged',
          '      type: feed',
          `      url: ${feedBase}/aged`,
          '    - id: typo',
          '      type: feed',
          `      url: http://127.0.0.1:${closedPort}/alerts`,
          '',
        ].join('\n'),
      ),
    );
    const json = await run(cwd, 'sources', 'check', '--json', '--config', file);
    const parsed = JSON.parse(json.stdout) as {
      sources: { id: string; ok: boolean; error: string | null; items: { id: string; at: string }[] }[];
    };
    expect(parsed.sources[0]?.items.map((i) => i.id)).toEqual(['item-1']);
    expect(parsed.sources[1]).toEqual({
      id: 'typo',
      ok: false,
      error: 'feed typo: connection refused by the server (ECONNREFUSED)',
      items: [],
    });
    const plain = await run(cwd, 'sources', 'check', '--config', file);
    expect(plain.stdout.split('\n')[0]).toBe(
      'aged (feed): OK, 1 item (and 2 published over 30 days ago, which a sweep ignores)',
    );
    expect(plain.code).toBe(EXIT.userError);
  });

  it('wrote no state: nothing in the working directory, no .social-duty', () => {
    expect(readdirSync(cwd)).toEqual([]);
  });
});
