import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the feed answers the next fetches. */
export type FeedAnswer =
  | { kind: 'body'; body: string | Buffer; status?: number; contentType?: string }
  /** `bytes` of filler after an opening `<feed>`, sent as fast as the client reads */
  | { kind: 'stream'; bytes: number }
  /** a byte every `everyMs`, never finishing */
  | { kind: 'drip'; everyMs: number }
  /** holds the request without answering */
  | { kind: 'timeout' }
  /** drops the connection */
  | { kind: 'reset' }
  /** redirects to itself, forever */
  | { kind: 'redirect-loop' };

const ATOM = 'application/atom+xml; charset=utf-8';

/** A feed server that answers whatever the test scripted, including the things no feed should ever do. */
export class HostileFeedServer {
  url = '';
  answer: FeedAnswer = { kind: 'body', body: atomFeed([]) };
  private server: Server | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();

  async start(): Promise<void> {
    const server = createServer((request, response) => this.respond(request, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts/feed`;
  }

  async close(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private respond(request: IncomingMessage, response: ServerResponse): void {
    response.on('error', () => undefined);
    const answer = this.answer;
    switch (answer.kind) {
      case 'body':
        response.writeHead(answer.status ?? 200, { 'content-type': answer.contentType ?? ATOM });
        response.end(answer.body);
        return;
      case 'stream':
        return pump(response, answer.bytes);
      case 'drip': {
        response.writeHead(200, { 'content-type': ATOM });
        response.write('<feed xmlns="http://www.w3.org/2005/Atom">');
        const timer = setInterval(() => response.write(' '), answer.everyMs);
        this.timers.add(timer);
        response.on('close', () => {
          clearInterval(timer);
          this.timers.delete(timer);
        });
        return;
      }
      case 'timeout':
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'redirect-loop':
        response.writeHead(302, { location: request.url ?? '/' });
        response.end();
        return;
    }
  }
}

function pump(response: ServerResponse, bytes: number): void {
  response.writeHead(200, { 'content-type': ATOM });
  response.write('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>');
  const chunk = Buffer.alloc(64 * 1024, 'a');
  let sent = 0;
  const more = (): void => {
    while (sent < bytes && !response.destroyed) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', more);
    }
    response.end('</title></entry></feed>');
  };
  more();
}

export interface AtomEntry {
  id?: string;
  title: string;
  /** HTML, escaped into the XML as Google Alerts does */
  content: string;
  url?: string;
  at?: string;
  author?: string;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A Google Alerts style Atom feed: HTML in title and content, links wrapped in google.com/url. */
export function atomFeed(entries: AtomEntry[]): string {
  const body = entries
    .map((e) => {
      const link = e.url
        ? `<link href="${escapeXml(`https://www.google.com/url?rct=j&sa=t&url=${encodeURIComponent(e.url)}&ct=ga`)}"/>`
        : '';
      return [
        '<entry>',
        e.id === undefined ? '' : `<id>${escapeXml(e.id)}</id>`,
        `<title type="html">${escapeXml(e.title)}</title>`,
        link,
        `<published>${e.at ?? '2027-03-01T09:00:00Z'}</published>`,
        `<content type="html">${escapeXml(e.content)}</content>`,
        `<author><name>${escapeXml(e.author ?? '')}</name></author>`,
        '</entry>',
      ].join('');
    })
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><id>tag:google.com,2005:reader/user/0/state/com.google/alerts/1</id><title>Google Alert - Leeds and York</title><updated>2027-03-01T09:00:00Z</updated>${body}</feed>`;
}
