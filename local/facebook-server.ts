import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleFacebookControl, type LocalFacebookControl } from './facebook/control-routes';
import {
  expiredToken,
  invalidToken,
  pageRateLimited,
  serviceUnavailable,
  tokenRequired,
} from './facebook/graph-errors';
import { handleGraphRoute, sendGraphError } from './facebook/graph-routes';
import { FacebookStore } from './facebook/store';
import type { FacebookServerOptions } from './facebook/types';
import { readBody, sendEmpty, sendJson } from './x-api/http';
import { FaultInjector } from './x-api/faults';
import type { FailureInjection } from './x-api/types';
import { answerIdentityFirst } from './local-identity';

export type {
  FacebookServerOptions,
  LocalFacebookPage,
  LocalPageComment,
  LocalPagePost,
  NewFacebookComment,
  NewFacebookTag,
} from './facebook/types';
export type { FailureInjection } from './x-api/types';

/**
 * A local Graph API (the Page endpoints social-duty uses, with Meta's error shapes), with control methods for
 * tests and the local runner. Every method is also reachable over HTTP under `/_local/`.
 */
export interface LocalFacebookServer extends Omit<LocalFacebookControl, 'pages'> {
  /** base URL without a trailing slash, e.g. `http://127.0.0.1:53121` */
  url: string;
  port: number;
  close(): Promise<void>;
  clearFailures(): void;
}

const VERSIONED_PATH = /^\/(v\d+\.\d+)\/(.+)$/;
// the start of a JSON body cut short, as a proxy or a crashed backend might send it
const MALFORMED_BODY = '{"id":"12345';

export async function startFacebookServer(options: FacebookServerOptions = {}): Promise<LocalFacebookServer> {
  const clock = options.clock ?? (() => new Date());
  const store = new FacebookStore(Object.values(options.pages ?? {}));
  const faults = new FaultInjector();
  const expiredAt = new Map<string, Date>();

  const control: LocalFacebookControl & { clearFailures(): void } = {
    posts: () => store.allPosts(),
    pages: () => store.allPages(),
    addComment: (input) => store.addComment(input, clock()),
    addTag: (input) => store.addTag(input, clock()),
    expireToken: (pageId) => {
      store.expireToken(pageId);
      expiredAt.set(pageId, clock());
    },
    reset: () => {
      store.reset();
      expiredAt.clear();
      faults.clear();
    },
    injectFailure: (failure: FailureInjection) => faults.add(failure),
    clearFailures: () => faults.clear(),
  };

  function failRequest(
    failure: FailureInjection,
    request: IncomingMessage,
    response: ServerResponse,
    now: Date,
    token: string | undefined,
  ): void {
    switch (failure.status) {
      case 'timeout':
        // never answer: the client's own timeout has to end it (close() drops the connection)
        return;
      case 'reset':
        request.socket.destroy();
        return;
      case 'malformed':
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(MALFORMED_BODY);
        return;
      case 204:
        return sendEmpty(response, 204, { 'content-type': 'application/json; charset=utf-8' });
      case 429: {
        const pageId = (token ? store.pageForToken(token)?.page.pageId : undefined) ?? 'unknown';
        return sendGraphError(response, pageRateLimited(pageId, now, failure.until));
      }
      default:
        return sendGraphError(response, serviceUnavailable(failure.status));
    }
  }

  async function handleGraph(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    version: string,
    rest: string,
  ): Promise<void> {
    const now = clock();
    const method = request.method ?? 'GET';
    const raw = method === 'POST' ? await readBody(request) : '';
    const form = new URLSearchParams(raw);
    const token = tokenOf(request.headers.authorization, url, form);
    const failure = faults.active(method, url.pathname, now);
    if (failure) return failRequest(failure, request, response, now, token);

    if (!token) return sendGraphError(response, tokenRequired());
    const found = store.pageForToken(token);
    if (!found) return sendGraphError(response, invalidToken());
    if (found.expired) return sendGraphError(response, expiredToken(expiredAt.get(found.page.pageId) ?? now));

    handleGraphRoute({
      store,
      now,
      page: found.page,
      method,
      version,
      segments: rest
        .split('/')
        .filter((segment) => segment !== '')
        .map(safeDecode),
      url,
      form,
      origin: `http://${request.headers.host ?? 'localhost'}`,
      request,
      response,
    });
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const versioned = VERSIONED_PATH.exec(url.pathname);
    if (versioned?.[1] && versioned[2])
      return handleGraph(request, response, url, versioned[1], versioned[2]);
    if (await handleFacebookControl(control, request, response, url)) return;
    sendJson(response, 404, { error: `no route for ${request.method} ${url.pathname}` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('local Facebook: request failed', error instanceof Error ? error.message : error);
      if (!response.headersSent) sendGraphError(response, serviceUnavailable(500));
      else response.destroy();
    });
  });

  if (options.identity) answerIdentityFirst(server, options.identity);

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const { pages: _pages, ...surface } = control;

  return {
    ...surface,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // held ("timeout") and keep-alive connections would otherwise keep close() waiting
        server.closeAllConnections();
      }),
  };
}

/** Meta takes the token as a bearer (or `OAuth`) header, or an `access_token` query or form field. */
function tokenOf(authorization: string | undefined, url: URL, form: URLSearchParams): string | undefined {
  const header = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(authorization ?? '');
  return header?.[1] ?? url.searchParams.get('access_token') ?? form.get('access_token') ?? undefined;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// `npx tsx local/facebook-server.ts` runs it on its own (FACEBOOK_PORT, default 4030)
if (require.main === module) {
  const port = Number(process.env['FACEBOOK_PORT'] ?? 4030);
  startFacebookServer({
    port,
    pages: {
      local: { pageId: '123456789012345', name: 'Example NHS Trust', pageAccessToken: 'local-page-token' },
    },
  })
    .then((server) =>
      console.log(`local Facebook Graph API listening on ${server.url} (posts: ${server.url}/)`),
    )
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
