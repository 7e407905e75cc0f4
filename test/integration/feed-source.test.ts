import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedSource } from '../../lambdas/adapters/feed-source';

/** path → what to answer: a fixture body, a status, a delay, or a stream of bytes */
type Route = { body?: string; status?: number; delayMs?: number; streamBytes?: number };

describe('feed source over HTTP', () => {
  let server: Server;
  let base = '';
  const routes: Record<string, Route> = {
    '/alerts': {
      body: readFileSync(join(__dirname, '..', 'fixtures', 'feeds', 'google-alerts.atom.xml'), 'utf8'),
    },
    '/missing': { status: 404 },
    '/broken': { status: 500 },
    '/slow': { delayMs: 2000, body: '<feed/>' },
    '/huge': { streamBytes: 20 * 1024 * 1024 },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const route = routes[request.url ?? ''] ?? { status: 404 };
      response.on('error', () => undefined);
      const answer = () => {
        response.writeHead(route.status ?? 200, { 'content-type': 'application/atom+xml' });
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
      if (route.delayMs) setTimeout(answer, route.delayMs);
      else answer();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
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
