import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { dynamoDbStateStores } from '../lambdas/adapters/dynamodb';
import type { StateStores } from '../lambdas/ports/state';
import {
  LOCAL_TABLE_NAME,
  localDynamoClient,
  startDynalite,
  StateFilesUnavailableError,
} from '../local/dynalite-server';
import { readIdentity, type IdentityAnswer, type LocalIdentity } from '../local/local-identity';
import { DEFAULT_PORTS } from '../local/local-servers';
import { DEFAULT_BUS_NAME } from '../local/eventbridge-server';
import { DEFAULT_STATE_DIR, openUnlessHeldByStart, StateHeldByStartError } from '../local/state-owner';
import { UsageError } from './errors';

export const LOCAL_STATE_DIR = DEFAULT_STATE_DIR;
export const DEFAULT_LOCAL_DYNAMO_PORT = DEFAULT_PORTS.dynamo;
/** moves the port where the state commands look for this checkout's `start` */
export const DYNAMO_PORT_VARIABLE = 'SOCIAL_DUTY_DYNAMO_PORT';

export interface StateTargetOptions {
  table?: string;
  region?: string;
  endpoint?: string;
}

export interface OpenedState {
  state: StateStores;
  /** where the state is, for `status` */
  where: string;
  /** the local EventBridge of the running `start` whose state this is: pause and resume publish there */
  localEventBus?: { endpoint: string; busName: string };
  close(): Promise<void>;
}

/**
 * Where `pause`, `resume`, `status` and `audit` read and write: a deployed table (`--table`, standard AWS
 * credential chain), an explicit endpoint, the running `start` of this checkout, or else the local state
 * files directly. Whatever goes wrong opening it is one line for the user, never a stack trace.
 */
export async function openState(options: StateTargetOptions): Promise<OpenedState> {
  if (options.table && !options.endpoint) {
    const client = new DynamoDBClient(options.region ? { region: options.region } : {});
    return {
      state: dynamoDbStateStores({ client, tableName: options.table }),
      where: `table ${options.table}`,
      close: async () => client.destroy(),
    };
  }
  if (options.endpoint)
    return openEndpoint(
      options.endpoint,
      options.table ?? LOCAL_TABLE_NAME,
      `local table at ${options.endpoint}`,
    );
  return openLocalState();
}

/**
 * This checkout's `start` when its identity says so; otherwise the files. Whatever else answers the port (a
 * program of someone else's, another checkout's stack) is left alone: its state is not ours.
 */
async function openLocalState(): Promise<OpenedState> {
  const port = localDynamoPort();
  const answer = await readIdentity(`http://127.0.0.1:${port}`);
  if (answer.kind === 'social-duty' && servesOurState(answer.identity)) {
    const endpoint = `http://127.0.0.1:${answer.identity.ports.dynamo ?? port}`;
    const opened = await openEndpoint(
      endpoint,
      LOCAL_TABLE_NAME,
      `the running \`social-duty start\` of this checkout (pid ${answer.identity.pid}, ${endpoint})`,
    );
    const events = answer.identity.ports.events;
    return events === undefined
      ? opened
      : { ...opened, localEventBus: { endpoint: `http://127.0.0.1:${events}`, busName: DEFAULT_BUS_NAME } };
  }
  return openStateFiles(port, answer);
}

async function openStateFiles(port: number, answer: IdentityAnswer): Promise<OpenedState> {
  let dynamo;
  try {
    dynamo = await openUnlessHeldByStart(LOCAL_STATE_DIR, (waitForLockMs) =>
      startDynalite({ path: LOCAL_STATE_DIR, waitForLockMs }),
    );
  } catch (error) {
    throw new UsageError(cannotOpenFiles(error));
  }
  const elsewhere =
    answer.kind === 'social-duty'
      ? ` (the \`social-duty start\` on port ${port} is another checkout's: ${answer.identity.checkout})`
      : '';
  return {
    state: dynamoDbStateStores({ client: dynamo.client, tableName: dynamo.tableName }),
    where: `local state in ${LOCAL_STATE_DIR}${elsewhere}`,
    close: () => dynamo.close(),
  };
}

/** One line: what holds the files, and how to reach it instead. */
function cannotOpenFiles(error: unknown): string {
  if (error instanceof StateHeldByStartError) {
    const dynamo = error.owner.ports.dynamo;
    return dynamo === undefined
      ? `${error.message}; wait for it to finish starting, or stop it`
      : `${error.message}; point at it with --endpoint http://127.0.0.1:${dynamo}, or stop it`;
  }
  if (error instanceof StateFilesUnavailableError) {
    return error.locked
      ? `${error.message}; stop it, or point at the stack that has it open with --endpoint http://127.0.0.1:PORT`
      : error.message;
  }
  return `the local state in ${LOCAL_STATE_DIR} cannot be opened (${oneLine(error)})`;
}

/** Uses a DynamoDB endpoint, once it has shown that it answers and has the table. */
async function openEndpoint(endpoint: string, tableName: string, where: string): Promise<OpenedState> {
  let client: DynamoDBClient;
  try {
    client = localDynamoClient(endpoint);
  } catch (error) {
    throw new UsageError(`--endpoint ${endpoint} is not a usable URL (${oneLine(error)})`);
  }
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }), {
      abortSignal: AbortSignal.timeout(5000),
    });
  } catch (error) {
    client.destroy();
    throw new UsageError(
      (error as Error).name === 'ResourceNotFoundException'
        ? `DynamoDB at ${endpoint} has no table ${tableName}; is it the DynamoDB of \`social-duty start\`?`
        : `cannot use DynamoDB at ${endpoint} (${oneLine(error)}); is \`social-duty start\` running there?`,
    );
  }
  return {
    state: dynamoDbStateStores({ client, tableName }),
    where,
    close: async () => client.destroy(),
  };
}

function localDynamoPort(): number {
  const value = process.env[DYNAMO_PORT_VARIABLE];
  if (value === undefined || value === '') return DEFAULT_LOCAL_DYNAMO_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`${DYNAMO_PORT_VARIABLE} must be a port number (got "${value}")`);
  return port;
}

/** the stack serves the files this command would open: same directory, links resolved */
function servesOurState(identity: LocalIdentity): boolean {
  return identity.stateDir !== null && identity.stateDir === realPath(LOCAL_STATE_DIR);
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    // not there: no stack of this checkout has run yet, and the absolute path matches none
    return resolve(path);
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : String(error);
  return message.split('\n')[0] ?? message;
}
