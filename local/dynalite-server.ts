/**
 * dynalite (DynamoDB's JSON API on LevelDB) in this process, with the state table created,
 * for the local runner, `simulate` and integration tests.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createStateTable } from '../lambdas/adapters/state-table';

export const LOCAL_REGION = 'eu-west-2';
export const LOCAL_TABLE_NAME = 'social-duty-local';

interface DynaliteOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
}

// dynalite ships no type declarations; this is the one function we use
// eslint-disable-next-line @typescript-eslint/no-require-imports
const createDynalite = require('dynalite') as (options: DynaliteOptions) => Server;

export interface StartDynaliteOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** directory that keeps the data across restarts; omitted = in memory */
  path?: string;
  tableName?: string;
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
  const server = createDynalite({
    ...(options.path === undefined ? {} : { path: options.path }),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });

  const counts = new Map<string, number>();
  let total = 0;
  server.on('request', (request: IncomingMessage) => {
    total += 1;
    const operation = operationOf(request);
    if (operation) counts.set(operation, (counts.get(operation) ?? 0) + 1);
  });

  await listen(server, options.port ?? 0);
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
