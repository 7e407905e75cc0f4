import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { join } from 'node:path';
import { dynamoDbStateStores } from '../lambdas/adapters/dynamodb';
import type { StateStores } from '../lambdas/ports/state';
import { LOCAL_TABLE_NAME, localDynamoClient, startDynalite } from '../local/dynalite-server';
import { UsageError } from './errors';

export const LOCAL_STATE_DIR = join('.social-duty', 'dynamodb');
export const DEFAULT_LOCAL_DYNAMO_PORT = 8420;

export interface StateTargetOptions {
  table?: string;
  region?: string;
  endpoint?: string;
}

/**
 * Where `pause`, `resume`, `status` and `audit` read and write: a deployed table (`--table`, standard AWS
 * credential chain), an explicit endpoint, the running `npm start` (its DynamoDB port), or else the local
 * state files directly.
 */
export async function openState(
  options: StateTargetOptions,
): Promise<{ state: StateStores; where: string; close(): Promise<void> }> {
  if (options.table && !options.endpoint) {
    const client = new DynamoDBClient(options.region ? { region: options.region } : {});
    return {
      state: dynamoDbStateStores({ client, tableName: options.table }),
      where: `table ${options.table}`,
      close: async () => client.destroy(),
    };
  }
  const endpoint = options.endpoint ?? (await runningLocalEndpoint());
  if (endpoint) {
    const client = localDynamoClient(endpoint);
    const tableName = options.table ?? LOCAL_TABLE_NAME;
    return {
      state: dynamoDbStateStores({ client, tableName }),
      where: `local table at ${endpoint}`,
      close: async () => client.destroy(),
    };
  }
  try {
    const dynamo = await startDynalite({ path: LOCAL_STATE_DIR });
    return {
      state: dynamoDbStateStores({ client: dynamo.client, tableName: dynamo.tableName }),
      where: `local state in ${LOCAL_STATE_DIR}`,
      close: () => dynamo.close(),
    };
  } catch (error) {
    throw new UsageError(`cannot open the local state in ${LOCAL_STATE_DIR}: ${(error as Error).message}`);
  }
}

/** the DynamoDB endpoint of a running `npm start`, if one answers on the default port */
async function runningLocalEndpoint(): Promise<string | undefined> {
  const endpoint = `http://127.0.0.1:${process.env.SOCIAL_DUTY_DYNAMO_PORT ?? DEFAULT_LOCAL_DYNAMO_PORT}`;
  try {
    await fetch(endpoint, { method: 'POST', signal: AbortSignal.timeout(300) });
    return endpoint;
  } catch {
    return undefined;
  }
}
