import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedSource } from '../../lambdas/adapters/feed-source';
import { SeededFeedServer } from '../../local/seeded-feed-server';
import { parseSeed } from '../../local/simulation-seed';

/** path → what to answer: a fixture body, a status, a delay, or a stream of bytes */
type Route = {
  body?: string | Buffer;
  status?: number;
  delayMs?: number;
  streamBytes?: number;
  /** null: no Content-Type header at all */
  contentType?: string | null;
};

const fixtureBytes = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name));

describe('feed source over HTTP', () => {
  let server: Server;
  let base = '';
  // delayed answers still pending when the tests end would keep jest from exiting
  const pendingAnswers = new Set<NodeJS.Timeout>();
  const routes: Record<string, Route> = {
    '/alerts': {
      body: readFileSync(join(__dirname, '..', 'fixtures', 'feeds', 'google-alerts.atom.xml'), 'utf8'),
    },
    '/missing': { status: 404 },
    '/broken': { status: 500 },
    '/slow': { delayMs: 2000, body: '<feed/>' },
    '/huge': { streamBytes: 20 * 1024 * 1024 },
    '/pt/rss': { contentType: 'application/rss+xml', body: fixtureBytes('latin1-declared.rss.xml') },
    '/pt/xml': { contentType: 'text/xml', body: fixtureBytes('latin1-declared.rss.xml') },
    '/pt/untyped': { contentType: null, body: fixtureBytes('latin1-declared.rss.xml') },
    '/fr': { contentType: 'text/xml', body: fixtureBytes('windows-1252.rss.xml') },
    '/dates': { contentType: 'application/rss+xml', body: fixtureBytes('dates.rss.xml') },
    '/nested': { body: fixtureBytes('google-alerts-nested-redirect.atom.xml') },
    '/latin1': {
      contentType: 'application/rss+xml; charset=ISO-8859-1',
      body: Buffer.from(
        '<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>t</title>' +
          '<item><title>Caf\u00e9 opens at St Mary\u00b4s</title><link>https://example.org/cafe</link></item></channel></rss>',
        'latin1',
      ),
    },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const route = routes[request.url ?? ''] ?? { status: 404 };
      response.on('error', () => undefined);
      const answer = () => {
        const contentType = route.contentType === undefined ? 'application/atom+xml' : route.contentType;
        response.writeHead(route.status ?? 200, contentType === null ? {} : { 'content-type': contentType });
        if (!route.streamBytes) return void response.end(route.body ?? '');
        const chunk = Buffer.alloc(64 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          while (sent < (route.streamBytes ?? 0) && !response.destroyed) {
            sent += chunk.length;
            if (!response.write(chunk)) return void response.once('drain', pump);
          }
          response.end();
        };
        pump();
      };
      if (!route.delayMs) return answer();
      const timer = setTimeout(() => {
        pendingAnswers.delete(timer);
        answer();
      }, route.delayMs);
      pendingAnswers.add(timer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    pendingAnswers.forEach(clearTimeout);
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const source = (path: string, options: { timeoutMs?: number; maxBytes?: number } = {}) =>
    new FeedSource({ id: 'alerts', url: `${base}${path}`, ...options });

  it('fetches and parses a feed', async () => {
    const batch = await source('/alerts').fetchNew();
    expect(batch.mentions.map((m) => m.url)).toEqual([
      'https://forum.example.org/threads/long-wait-at-clinic.1234/',
      'https://news.example.co.uk/health/2026/12/05/award?ref=rss',
    ]);
    expect(batch.nextCursor).toBeUndefined();
  });

  it('stops reading a 20 MB feed at the size limit', async () => {
    const started = Date.now();
    await expect(source('/huge', { maxBytes: 1024 * 1024 }).fetchNew()).rejects.toThrow(
      'feed alerts: larger than 1 MB (refused)',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('names the limit as configured', async () => {
    await expect(source('/huge', { maxBytes: 1.5 * 1024 * 1024 }).fetchNew()).rejects.toThrow(
      'feed alerts: larger than 1.5 MB (refused)',
    );
  });

  it('decodes the body in the charset the server names', async () => {
    const batch = await source('/latin1').fetchNew();
    expect(batch.mentions[0]?.title).toBe('Caf\u00e9 opens at St Mary\u00b4s');
  });

  it.each(['/pt/rss', '/pt/xml', '/pt/untyped'])(
    'reads an ISO-8859-1 feed served without a charset (%s) by its XML declaration',
    async (path) => {
      const [first, second] = (await source(path).fetchNew()).mentions;
      expect(first).toMatchObject({
        id: 'clp-2026-1204-01',
        author: 'João Araújo',
        title: 'Mãe de utente elogia equipa de saúde mental de Leeds',
        text: 'A mãe de um utente diz que a equipa da Leeds and York Partnership “fez toda a diferença” no inverno.',
        at: '2026-12-04T18:30:00.000Z',
        timeSource: 'feed',
      });
      expect(second).toMatchObject({ author: 'comunidade-leeds.example.pt', at: '2026-11-30T19:42:00.000Z' });
    },
  );

  it('reads a windows-1252 feed with CRLF and spaces before its declaration, and its French date', async () => {
    const [post] = (await source('/fr').fetchNew()).mentions;
    expect(post).toMatchObject({
      title: 'Leeds : un modèle de ligne de crise à suivre ?',
      text: 'Un budget de 2 millions d’€ et un cœur d’équipe très engagé — retour sur l’expérience de Leeds and York Partnership.',
      at: '2026-12-03T13:05:00.000Z',
    });
  });

  it('times items without a readable date by the sweep that first saw them', async () => {
    const now = new Date('2026-12-08T09:05:00Z');
    const mentions = (await source('/dates').fetchNew(undefined, now)).mentions;
    expect(mentions.filter((m) => m.timeSource === 'first-seen').map((m) => [m.id, m.at])).toEqual([
      ['d-none', '2026-12-08T09:05:00.000Z'],
      ['d-nonsense', '2026-12-08T09:05:00.000Z'],
    ]);
    expect(mentions.find((m) => m.id === 'd-pt')?.at).toBe('2018-09-24T22:42:40.000Z');
  });

  it('follows a Google redirect inside a Google redirect to the page', async () => {
    const [nested] = (await source('/nested').fetchNew()).mentions;
    expect(nested?.url).toBe(
      'https://www.yorkshire-voices.example.org/2026/12/08/crisis-café-opens?utm_source=alerts',
    );
  });

  it('gives up on a slow server at the timeout', async () => {
    await expect(source('/slow', { timeoutMs: 200 }).fetchNew()).rejects.toThrow(
      'feed alerts: no answer within 0.2 s',
    );
  });

  it('reports HTTP errors with their status', async () => {
    await expect(source('/missing').fetchNew()).rejects.toMatchObject({
      name: 'FeedError',
      status: 404,
      message: 'feed alerts: HTTP 404',
    });
    await expect(source('/broken').fetchNew()).rejects.toMatchObject({ status: 500 });
  });

  it('refuses URLs that are not http(s)', () => {
    expect(() => new FeedSource({ id: 'f', url: 'file:///etc/passwd' })).toThrow('feed f: only http(s) URLs');
  });
});

describe('a seeded feed mention without an author, through the served feed', () => {
  const seeded = new SeededFeedServer(() => new Date('2026-12-26T23:00:00Z'));
  beforeAll(() => seeded.start());
  afterAll(() => seeded.close());

  it('is named by its site, as a real Google Alerts item is', async () => {
    const seed = parseSeed(
      JSON.stringify({
        mentions: [
          {
            at: '2026-12-26T22:10:00Z',
            source: 'google-alert-trust',
            id: 'tag:google.com,2013:googlealerts/feed:1',
            author: '',
            text: 'Leeds and York Partnership crisis line answered within minutes',
            url: 'https://www.leeds-forum.example.org/t/crisis-line/991',
          },
          {
            at: '2026-12-26T22:20:00Z',
            source: 'google-alert-trust',
            id: 'tag:google.com,2013:googlealerts/feed:2',
            text: 'Evening opening hours at the crisis café',
            url: 'https://news.example.co.uk/2026/12/26/crisis-cafe',
          },
        ],
      }),
      [{ id: 'google-alert-trust', type: 'feed' }],
    );
    for (const mention of seed.mentions) seeded.add(mention.source, mention);

    const feed = new FeedSource({ id: 'google-alert-trust', url: seeded.feedUrl('google-alert-trust') });
    const { mentions } = await feed.fetchNew();
    expect(mentions.map((m) => [m.id, m.author, m.at])).toEqual([
      ['tag:google.com,2013:googlealerts/feed:2', 'news.example.co.uk', '2026-12-26T22:20:00.000Z'],
      ['tag:google.com,2013:googlealerts/feed:1', 'leeds-forum.example.org', '2026-12-26T22:10:00.000Z'],
    ]);
  });
});
