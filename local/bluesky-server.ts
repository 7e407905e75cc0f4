import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleBlueskyControl } from './bluesky/control-routes';
import { BlueskyStore } from './bluesky/store';
import type { BlueskyServerOptions, LocalBlueskyControl, LocalBlueskyServer } from './bluesky/types';
import { internalServerError, rateLimitExceeded, serviceFailure } from './bluesky/xrpc-errors';
import { handleXrpc, sendXrpcError } from './bluesky/xrpc-routes';
import { answerIdentityFirst } from './local-identity';
import { FaultInjector } from './x-api/faults';
import { readBody, sendEmpty, sendJson } from './x-api/http';
import type { FailureInjection } from './x-api/types';

export type {
  BlueskyServerOptions,
  LocalBlueskyAccount,
  LocalBlueskyPost,
  LocalBlueskyServer,
  NewBlueskyMention,
  NewBlueskyPost,
} from './bluesky/types';
export type { FailureInjection } from './x-api/types';

const XRPC_PATH = /^\/xrpc\/([A-Za-z0-9.-]+)$/;
// the start of a JSON body cut short, as a proxy or a crashed backend might send it
const MALFORMED_BODY = '{"did":"did:plc:';
const DEFAULT_ACCESS_SECONDS = 7200;

/**
 * A local Bluesky: the PDS and AppView XRPC methods social-duty uses, each checked against the lexicons
 * `@atproto/api` ships, with control methods for tests and the local runner (also over HTTP under `/_local/`).
 * It runs inside `start` and `simulate` (bundled: the package is ES modules only, which `tsx` cannot load alone).
 */
export async function startBlueskyServer(options: BlueskyServerOptions = {}): Promise<LocalBlueskyServer> {
  const clock = options.clock ?? (() => new Date());
  const store = new BlueskyStore(
    Object.values(options.accounts ?? {}),
    options.accessTokenSeconds ?? DEFAULT_ACCESS_SECONDS,
  );
  const faults = new FaultInjector();

  const control: LocalBlueskyControl = {
    posts: () => store.allPosts(),
    addMention: (input) => store.addMention(input, clock()),
    addPost: (input) => store.addPost(input, clock()),
    expireSessions: (handle) => store.expireSessions(handle),
    revokeAppPassword: (handle) => store.revokeAppPassword(handle),
    reset: () => {
      store.reset();
      faults.clear();
    },
    injectFailure: (failure: FailureInjection) => faults.add(failure),
    clearFailures: () => faults.clear(),
  };
  const view = () => ({
    accounts: store.allAccounts(),
    posts: store.allPosts(),
    notifications: store.allNotifications(),
  });

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
      case 204:
        return sendEmpty(response, 204, { 'content-type': 'application/json; charset=utf-8' });
      case 429:
        return sendXrpcError(response, rateLimitExceeded(failure.until));
      default:
        return sendXrpcError(response, serviceFailure(failure.status));
    }
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const xrpc = XRPC_PATH.exec(url.pathname);
    if (xrpc?.[1]) {
      const now = clock();
      const method = request.method ?? 'GET';
      const rawBody = method === 'POST' ? await readBody(request) : '';
      const failure = faults.active(method, url.pathname, now);
      if (failure) return failRequest(failure, request, response);
      return handleXrpc({
        store,
        now,
        nsid: xrpc[1],
        method,
        url,
        rawBody,
        authorization: request.headers.authorization,
        response,
      });
    }
    if (await handleBlueskyControl(control, view, request, response, url)) return;
    sendJson(response, 404, { error: `no route for ${request.method} ${url.pathname}` });
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error('local Bluesky: request failed', error instanceof Error ? error.message : error);
      if (!response.headersSent) sendXrpcError(response, internalServerError());
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
