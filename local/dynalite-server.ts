/**
 * dynalite (DynamoDB's JSON API on LevelDB) in this process, with the state table created,
 * for the local runner, `simulate` and integration tests.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createStateTable } from '../lambdas/adapters/state-table';
import { answerIdentityFirst, type LocalIdentity } from './local-identity';

export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_TABLE_NAME = 'social-duty-local';

interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

/** the parts of dynalite's store (dynalite/db/index.js `create`) this module needs */
interface DynaliteStore {
  db: { open(): Promise<void> };
  lifecycleManager: { gracefulClose(): Promise<void> };
}

// dynalite ships no type declarations; these are the two functions we use
/* eslint-disable @typescript-eslint/no-require-imports */
const createDynalite = require('dynalite') as (options: DynaliteOptions) => Server;
const dynaliteDb = require('dynalite/db') as { create(options: DynaliteOptions): DynaliteStore };
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * The local state files cannot be opened. dynalite itself would only find out at the first request, and then
 * throw from its request handler, which takes the whole process down with a stack trace.
 */
export class StateFilesUnavailableError extends Error {
  constructor(
    readonly path: string,
    /** LevelDB's lock is held by another process (or by another open in this one) */
    readonly locked: boolean,
    detail: string,
  ) {
    super(
      locked
        ? `the local state in ${path} is in use by another process`
        : `the local state in ${path} cannot be opened (${detail})`,
    );
    this.name = 'StateFilesUnavailableError';
  }
}

export interface StartDynaliteOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** directory that keeps the data across restarts; omitted = in memory */
  path?: string;
  tableName?: string;
  /** how long to wait for another process to let go of `path` before giving up (default: not at all) */
  waitForLockMs?: number;
  /** answer `GET /_social-duty` with this (the local runtime's servers say who they are) */
  identity?: () => LocalIdentity;
}

export interface DynaliteHandle {
  endpoint: string;
  port: number;
  tableName: string;
  /** a client for this endpoint, destroyed by `close()` */
  client: DynamoDBClient;
  /** HTTP requests served so far, optionally only those of one operation (e.g. `BatchGetItem`) */
  requestCount(operation?: string): number;
  /** the operations served so far, each once, e.g. `GetItem`, `Query` */
  operationsSeen(): Set<string>;
  close(): Promise<void>;
}

/** A DynamoDB client for a local endpoint: fixed region, dummy credentials (dynalite checks neither). */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
}

export async function startDynalite(options: StartDynaliteOptions = {}): Promise<DynaliteHandle> {
  const tableName = options.tableName ?? LOCAL_TABLE_NAME;
  const { server, store } = createDynaliteServer({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await openStore(store, options.path, options.waitForLockMs ?? 0);

  const counts = new Map<string, number>();
  let total = 0;
  server.on('request', (request: IncomingMessage) => {
    total += 1;
    const operation = operationOf(request);
    if (operation) counts.set(operation, (counts.get(operation) ?? 0) + 1);
  });
  // after the counter, so identity requests are not counted as DynamoDB traffic
  if (options.identity) answerIdentityFirst(server, options.identity);

  try {
    await listen(server, options.port ?? 0);
  } catch (error) {
    // dynalite closes its LevelDB only from close() of a listening server; a port in use must not keep the
    // state files locked
    await store.lifecycleManager.gracefulClose();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = localDynamoClient(endpoint);

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      client.destroy();
      await closeServer(server);
    })();
    return closing;
  };

  try {
    await createStateTable(client, tableName);
  } catch (error) {
    await close();
    throw error;
  }

  return {
    endpoint,
    port,
    tableName,
    client,
    requestCount: (operation) => (operation === undefined ? total : (counts.get(operation) ?? 0)),
    operationsSeen: () => new Set(counts.keys()),
    close,
  };
}

/**
 * dynalite builds its store inside `dynalite()` and keeps it to itself; catching it on the way lets us see
 * whether LevelDB opened, and close it when the server never listens. `create` is swapped only for this one
 * synchronous call.
 */
function createDynaliteServer(options: DynaliteOptions): { server: Server; store: DynaliteStore } {
  const create = dynaliteDb.create;
  let store: DynaliteStore | undefined;
  dynaliteDb.create = (storeOptions) => (store = create.call(dynaliteDb, storeOptions));
  try {
    const server = createDynalite(options);
    if (!store) throw new Error('dynalite did not create its store through dynalite/db');
    return { server, store };
  } finally {
    dynaliteDb.create = create;
  }
}

const LOCK_RETRY_MS = 100;

/** Waits for LevelDB to open; a held lock is retried until `waitForLockMs` has passed. */
async function openStore(
  store: DynaliteStore,
  path: string | undefined,
  waitForLockMs: number,
): Promise<void> {
  const giveUpAt = Date.now() + waitForLockMs;
  for (;;) {
    try {
      return await store.db.open();
    } catch (error) {
      // abstract-level reports every open failure as LEVEL_DATABASE_NOT_OPEN, with the reason as its cause
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const locked = cause?.code === 'LEVEL_LOCKED';
      if (!locked || Date.now() + LOCK_RETRY_MS > giveUpAt) {
        throw new StateFilesUnavailableError(
          path ?? '(memory)',
          locked,
          cause?.message ?? (error as Error).message,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, LOCK_RETRY_MS));
    }
  }
}

/** `DynamoDB_20120810.BatchGetItem` → `BatchGetItem` */
function operationOf(request: IncomingMessage): string | undefined {
  const target = request.headers['x-amz-target'];
  if (typeof target !== 'string') return undefined;
  return target.slice(target.indexOf('.') + 1);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** dynalite's close() also closes LevelDB, so a persisted directory can be reopened straight away */
function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error?: Error) => (error ? reject(error) : resolve()));
    // keep-alive sockets of clients we do not own would hold close() open until they time out
    server.closeIdleConnections();
  });
}
