/**
 * How a running `social-duty start` says who it is: each of its servers answers `GET /_social-duty` with the
 * process, the checkout and the state directory it serves. The state commands ask before they touch a port,
 * so a foreign server, or another checkout's stack, on the default port is never paused by mistake.
 */
import { request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { LocalServerName } from './local-servers';

export const IDENTITY_PATH = '/_social-duty';
export const PRODUCT = 'social-duty';

export interface LocalIdentity {
  product: typeof PRODUCT;
  /** the config file, absolute (null when the config did not come from a file) */
  config: string | null;
  /** the directory `start` ran in, absolute */
  checkout: string;
  /** the DynamoDB state directory, absolute and with links resolved; null when the state is in memory */
  stateDir: string | null;
  pid: number;
  /** the ports known so far (all five once start-up is done) */
  ports: Partial<Record<LocalServerName, number>>;
  startedAt: string;
}

type RequestListener = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * Puts the identity in front of whatever `server` already serves. The existing request listeners are moved
 * behind it rather than joined, because a server such as dynalite would otherwise answer the same request too.
 */
export function answerIdentityFirst(server: Server, identity: () => LocalIdentity): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (request.method === 'GET' && request.url === IDENTITY_PATH) {
      const body = JSON.stringify(identity());
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(Buffer.byteLength(body)),
      });
      response.end(body);
      return;
    }
    for (const listener of listeners) listener.call(server, request, response);
  });
}

/** What answered at a base URL: nothing, something that is not social-duty, or a social-duty stack. */
export type IdentityAnswer =
  { kind: 'nothing' } | { kind: 'foreign' } | { kind: 'social-duty'; identity: LocalIdentity };

// an identity is a few hundred bytes; a foreign server may send anything, so stop reading early
const MAX_IDENTITY_BYTES = 64 * 1024;

/** Asks `baseUrl` who it is. Never throws: every failure is an answer. */
export function readIdentity(baseUrl: string, timeoutMs = 1000): Promise<IdentityAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: IdentityAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      resolve(answer);
    };
    // something that accepts the connection but never answers is listening, so it is not nothing
    let connected = false;
    const timer = setTimeout(() => done(connected ? { kind: 'foreign' } : { kind: 'nothing' }), timeoutMs);
    // no keep-alive agent: a pooled socket would keep the CLI from exiting
    const request = httpRequest(
      new URL(IDENTITY_PATH, baseUrl),
      { method: 'GET', agent: false },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_IDENTITY_BYTES) done({ kind: 'foreign' });
          else chunks.push(chunk);
        });
        response.on('error', () => done({ kind: 'foreign' }));
        response.on('end', () => {
          const identity = response.statusCode === 200 ? parseIdentity(Buffer.concat(chunks)) : undefined;
          done(identity ? { kind: 'social-duty', identity } : { kind: 'foreign' });
        });
      },
    );
    request.on('socket', (socket) => socket.on('connect', () => (connected = true)));
    request.on('error', () => done(connected ? { kind: 'foreign' } : { kind: 'nothing' }));
    request.end();
  });
}

function parseIdentity(body: Buffer): LocalIdentity | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  return isLocalIdentity(value) ? value : undefined;
}

export function isLocalIdentity(value: unknown): value is LocalIdentity {
  if (!value || typeof value !== 'object') return false;
  const v = value as Record<string, unknown>;
  return (
    v.product === PRODUCT &&
    (v.config === null || typeof v.config === 'string') &&
    typeof v.checkout === 'string' &&
    (v.stateDir === null || typeof v.stateDir === 'string') &&
    Number.isInteger(v.pid) &&
    !!v.ports &&
    typeof v.ports === 'object' &&
    Object.values(v.ports).every((port) => Number.isInteger(port))
  );
}
