import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleControlRequest, type LocalControl } from './x-api/control-routes';
import { FaultInjector } from './x-api/faults';
import { sendJson, sendProblem } from './x-api/http';
import { accessTokenOf } from './x-api/oauth';
import { blankProblem, tooManyRequests, unauthorized } from './x-api/problems';
import { RateLimiter, rateLimitHeaders } from './x-api/rate-limit';
import { XStore } from './x-api/store';
import type { FailureInjection, LocalTweet, NewMention, XApiServerOptions } from './x-api/types';
import { matchXRoute } from './x-api/x-routes';
import { answerIdentityFirst, type LocalIdentity } from './local-identity';

export type {
  FailureInjection,
  FailureStatus,
  LocalTweet,
  LocalXUser,
  NewMention,
  XApiServerOptions,
} from './x-api/types';

/**
 * A local X API v2 (the endpoints social-duty uses, shaped as the OpenAPI document says), with control
 * methods for tests and the local runner. Every method is also reachable over HTTP under `/_local/`.
 */
export interface LocalXApiServer extends LocalControl {
  /** base URL without a trailing slash, e.g. `http://127.0.0.1:53121` */
  url: string;
  port: number;
  close(): Promise<void>;
  clearFailures(): void;
}

// X's default per-user budget for most endpoints: 300 requests per 15-minute window
const DEFAULT_RATE_LIMIT = { limit: 300, windowSeconds: 900 };
const DEFAULT_DUPLICATE_WINDOW_HOURS = 24;
// the start of a JSON body cut short, as a proxy or a crashed backend might send it
const MALFORMED_BODY = '{"data":{"id":"18';

export async function startXApiServer(
  options: XApiServerOptions & {
    /** answer `GET /_social-duty` with this (the local runtime's servers say who they are) */
    identity?: () => LocalIdentity;
  } = {},
): Promise<LocalXApiServer> {
  const clock = options.clock ?? (() => new Date());
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const store = new XStore(
    options.accounts ?? {},
    options.duplicateWindowHours ?? DEFAULT_DUPLICATE_WINDOW_HOURS,
  );
  const limiter = new RateLimiter(rateLimit.limit, rateLimit.windowSeconds);
  const faults = new FaultInjector();

  const control: LocalControl & { clearFailures(): void } = {
    tweets: () => store.allTweets(),
    addMention: (input: NewMention): LocalTweet => store.toLocal(store.addMention(input, clock())),
    reset: () => {
      store.reset();
      limiter.clear();
      faults.clear();
    },
    injectFailure: (failure: FailureInjection) => faults.add(failure),
    clearFailures: () => faults.clear(),
  };

  function failRequest(failure: FailureInjection, request: IncomingMessage, response: ServerResponse): void {
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
      case 429: {
        const reset = Math.ceil(failure.until.getTime() / 1000);
        for (const [name, value] of Object.entries(
          rateLimitHeaders({ limit: rateLimit.limit, remaining: 0, reset }),
        )) {
          response.setHeader(name, value);
        }
        return sendProblem(response, tooManyRequests());
      }
      default:
        return sendProblem(response, blankProblem(failure.status));
    }
  }

  async function handleXApi(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const now = clock();
    const method = request.method ?? 'GET';
    const failure = faults.active(method, url.pathname, now);
    if (failure) return failRequest(failure, request, response);

    const accessToken = accessTokenOf(request.headers.authorization);
    if (!accessToken) return sendProblem(response, unauthorized());
    const user = store.userForToken(accessToken);

    const route = matchXRoute(method, url.pathname);
    if (!route) return sendProblem(response, blankProblem(404, 'Sorry, that page does not exist'));

    const limit = limiter.take(`${user.id} ${route.name}`, now);
    for (const [name, value] of Object.entries(rateLimitHeaders(limit))) response.setHeader(name, value);
    if (limit.exceeded) return sendProblem(response, tooManyRequests());

    await route.handler({ store, now, user, request, response, url }, route.pathParams);
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/2' || url.pathname.startsWith('/2/')) return handleXApi(request, response, url);
    if (await handleControlRequest(control, request, response, url)) return;
    sendJson(response, 404, { error: `no route for ${request.method} ${url.pathname}` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('local X API: request failed', error instanceof Error ? error.message : error);
      if (!response.headersSent) sendProblem(response, blankProblem(500));
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

  return {
    ...control,
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

// `npx tsx local/x-api-server.ts` runs it on its own (X_API_PORT, default 4010)
if (require.main === module) {
  const port = Number(process.env['X_API_PORT'] ?? 4010);
  startXApiServer({ port })
    .then((server) => console.log(`local X API listening on ${server.url} (posts: ${server.url}/)`))
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
