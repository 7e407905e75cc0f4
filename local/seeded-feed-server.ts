import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerIdentityFirst, type LocalIdentity } from './local-identity';

export interface FeedItem {
  id: string;
  at: string;
  author: string;
  title?: string;
  text: string;
  url?: string;
}

export interface FeedOutage {
  from: string;
  until: string;
  status: number | 'timeout' | 'reset' | 'malformed';
}

/**
 * Serves one Google-Alerts-style Atom feed per feed source at `/feeds/<sourceId>`, holding the items whose
 * time has come by `clock()`, so the real feed fetching and parsing code runs against them.
 */
export class SeededFeedServer {
  private server: Server | undefined;
  private readonly items = new Map<string, FeedItem[]>();
  private readonly outages: FeedOutage[] = [];
  url = '';

  constructor(private readonly clock: () => Date = () => new Date()) {}

  add(sourceId: string, item: FeedItem): void {
    this.items.set(sourceId, [...(this.items.get(sourceId) ?? []), item]);
  }

  fail(outage: FeedOutage): void {
    this.outages.push(outage);
  }

  feedUrl(sourceId: string): string {
    return `${this.url}/feeds/${encodeURIComponent(sourceId)}`;
  }

  /** `identity`: answer `GET /_social-duty` with it (the local runtime's servers say who they are) */
  async start(port = 0, identity?: () => LocalIdentity): Promise<void> {
    this.server = createServer((request, response) => {
      const now = this.clock().toISOString();
      const outage = this.outages.find((o) => o.from <= now && now < o.until);
      if (outage?.status === 'reset') return request.socket.destroy();
      if (outage?.status === 'timeout') return; // never answers: the client's timeout ends it
      if (outage && typeof outage.status === 'number') {
        response.writeHead(outage.status).end();
        return;
      }
      const match = /^\/feeds\/([^/?]+)/.exec(request.url ?? '');
      if (!match) {
        response.writeHead(404).end();
        return;
      }
      const sourceId = decodeURIComponent(match[1] as string);
      const visible = (this.items.get(sourceId) ?? []).filter((item) => item.at <= now);
      response.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
      response.end(outage?.status === 'malformed' ? '<feed><entry>' : atomFeed(sourceId, visible, now));
    });
    if (identity) answerIdentityFirst(this.server, identity);
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(port, '127.0.0.1', resolve);
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Atom as Google Alerts writes it: HTML-escaped title and content, links wrapped in google.com/url. */
function atomFeed(sourceId: string, items: FeedItem[], updated: string): string {
  const entries = [...items]
    .sort((a, b) => b.at.localeCompare(a.at))
    .map((item) => {
      const target = item.url ?? `https://example.org/${encodeURIComponent(item.id)}`;
      const link = `https://www.google.com/url?rct=j&sa=t&url=${encodeURIComponent(target)}&ct=ga`;
      return [
        '<entry>',
        `<id>${xml(item.id)}</id>`,
        `<title type="html">${xml(item.title ?? item.author)}</title>`,
        `<link href="${xml(link)}"/>`,
        `<published>${item.at}</published>`,
        `<updated>${item.at}</updated>`,
        `<content type="html">${xml(item.text)}</content>`,
        `<author><name>${xml(item.author)}</name></author>`,
        '</entry>',
      ].join('');
    });
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>tag:google.com,2005:reader/user/00000000000000000000/state/com.google/alerts/${xml(sourceId)}</id><title>Google Alert - ${xml(sourceId)}</title><updated>${updated}</updated>${entries.join('')}</feed>`;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
