import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedSource } from '../../lambdas/adapters/feed-source';

/** path → what to answer: a fixture body, a status, a delay, or a stream of bytes */
type Route = {
  body?: string | Buffer;
  status?: number;
  delayMs?: number;
  streamBytes?: number;
  contentType?: string;
};

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
        response.writeHead(route.status ?? 200, {
          'content-type': route.contentType ?? 'application/atom+xml',
        });
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
