/**
 * What the local stand-ins (the acknowledge server, EventBridge, Teams, SNS, the webhook receiver) share: a node:http server on 127.0.0.1 that says
 * who it is like the other local servers, bodies read up to a limit, and pages that load nothing from outside.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerIdentityFirst, type LocalIdentity } from './local-identity';

export interface StandInOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** answer `GET /_social-duty` with this (the local runtime's servers say who they are) */
  identity?: () => LocalIdentity;
}

export interface StartedStandIn {
  /** e.g. `http://127.0.0.1:53121`, no trailing slash */
  url: string;
  port: number;
  close(): Promise<void>;
}

export type StandInRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<void>;

export async function startStandIn(
  options: StandInOptions,
  route: StandInRoute,
  label: string,
): Promise<StartedStandIn> {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    route(request, response, url).catch(() => {
      if (!response.headersSent) sendText(response, 500, `The ${label} failed; see the console.`);
      else response.destroy();
    });
  });
  if (options.identity) answerIdentityFirst(server, options.identity);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        // clients keep sockets alive; without this close() waits for them to time out
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

/** The body, or `too large` once past the limit (the rest is read and dropped, so the answer still arrives). */
export function readBody(request: IncomingMessage, maxBytes: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxBytes ? 'too large' : Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function send(
  response: ServerResponse,
  status: number,
  body: string,
  contentType: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'content-type': contentType,
    'content-length': String(Buffer.byteLength(body)),
    ...headers,
  });
  response.end(body);
}

export function sendText(
  response: ServerResponse,
  status: number,
  text: string,
  headers?: Record<string, string>,
): void {
  send(response, status, text, 'text/plain; charset=utf-8', headers);
}

export function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, JSON.stringify(value, null, 2), 'application/json; charset=utf-8');
}

/** The pages show what others wrote (mention text on a card): nothing on them may load or run. */
export function sendPage(response: ServerResponse, html: string): void {
  send(response, 200, html, 'text/html; charset=utf-8', {
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
}

/** A page in the local servers' plain style around `main`, which the caller has escaped. */
export function pageShell(title: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; overflow-wrap: anywhere; }
  ol.items { list-style: none; padding: 0; }
  ol.items > li { border-bottom: 1px solid #bbb; padding: 0.75rem 0; }
  .meta { margin: 0; color: #444; font-size: 0.9rem; }
  .text { white-space: pre-wrap; margin: 0.25rem 0; }
  .bolder { font-weight: 700; }
  .large { font-size: 1.2rem; }
  .attention { color: #a00000; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: 0.5rem 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  .container { border-left: 3px solid #ddd; padding-left: 0.5rem; margin: 0.25rem 0; }
  .actions a, .actions span { margin-right: 1rem; }
  .failed { color: #a00000; font-weight: 600; }
  pre { white-space: pre-wrap; word-break: break-all; background: #f3f3f3; padding: 0.5rem; }
  :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}
