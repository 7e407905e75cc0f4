/**
 * The single DynamoDB table that holds all of social-duty's state: its key schema, the key of every
 * kind of item, and a helper that creates it on dynalite or DynamoDB for local runs and tests.
 * The CDK stack reads the same constants, so the deployed table and the local one cannot drift.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';

export const PARTITION_KEY = 'pk';
export const SORT_KEY = 'sk';
/** epoch seconds; DynamoDB deletes the item some time after this instant */
export const TTL_ATTRIBUTE = 'expiresAt';

/** What the CDK stack needs to declare the table (`AttributeType.STRING` is `'S'`). */
export const STATE_TABLE_DEFINITION = {
  partitionKey: { name: PARTITION_KEY, type: 'S' },
  sortKey: { name: SORT_KEY, type: 'S' },
  timeToLiveAttribute: TTL_ATTRIBUTE,
  billingMode: 'PAY_PER_REQUEST',
} as const;

/** Seen marks, found mentions and urgent alerts are kept this long; a sweep never looks further back. */
export { MENTION_TTL_DAYS } from '../ports/state';

export interface ItemKey {
  pk: string;
  sk: string;
}

/**
 * Turns an ISO instant into a sort-key fragment whose string order is time order, whatever offset
 * or precision the caller wrote (`…+01:00`, `…Z`, with or without milliseconds).
 */
export function instantKey(iso: string): string {
  const millis = Date.parse(iso);
  if (Number.isNaN(millis)) throw new RangeError(`not an ISO 8601 instant: ${JSON.stringify(iso)}`);
  return new Date(millis).toISOString();
}

/** `yyyy-mm` of the instant in UTC: the audit partition it belongs to. */
export function auditMonth(iso: string): string {
  return instantKey(iso).slice(0, 7);
}

export const stateKeys = {
  postClaim: (postId: string, scheduledTime: string): ItemKey => ({
    pk: `POST#${postId}`,
    sk: `AT#${scheduledTime}`,
  }),
  rotation: (postId: string): ItemKey => ({ pk: `ROTATION#${postId}`, sk: 'ROTATION' }),
  cursor: (sourceId: string): ItemKey => ({ pk: `CURSOR#${sourceId}`, sk: 'CURSOR' }),
  seenMentionPartition: (sourceId: string): string => `MENTION#${sourceId}`,
  seenMention: (sourceId: string, itemId: string): ItemKey => ({
    pk: stateKeys.seenMentionPartition(sourceId),
    sk: itemId,
  }),
  runClaim: (run: string, instant: string): ItemKey => ({
    pk: `RUN#${run}`,
    sk: `AT#${instantKey(instant)}`,
  }),
  foundPartition: 'FOUND',
  foundMention: (foundAt: string, mentionKey: string): ItemKey => ({
    pk: stateKeys.foundPartition,
    sk: `${instantKey(foundAt)}#${mentionKey}`,
  }),
  urgentPartition: 'URGENT',
  urgentAlert: (alertKey: string): ItemKey => ({ pk: stateKeys.urgentPartition, sk: alertKey }),
  pause: (): ItemKey => ({ pk: 'PAUSE', sk: 'PAUSE' }),
  auditPartition: (month: string): string => `AUDIT#${month}`,
  audit: (at: string, event: string, subject: string): ItemKey => ({
    pk: stateKeys.auditPartition(auditMonth(at)),
    sk: `${instantKey(at)}#${event}#${subject}`,
  }),
  sourceHealth: (sourceId: string): ItemKey => ({ pk: `HEALTH#${sourceId}`, sk: 'HEALTH' }),
} as const;

/** TTL attribute value for an item that should live `days` days from `nowIso`. */
export function expiresAtSeconds(nowIso: string, days: number): number {
  return Math.floor(Date.parse(instantKey(nowIso)) / 1000) + Math.round(days * 24 * 60 * 60);
}

export function createTableInput(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    AttributeDefinitions: [
      { AttributeName: PARTITION_KEY, AttributeType: 'S' },
      { AttributeName: SORT_KEY, AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: PARTITION_KEY, KeyType: 'HASH' },
      { AttributeName: SORT_KEY, KeyType: 'RANGE' },
    ],
    BillingMode: STATE_TABLE_DEFINITION.billingMode,
  };
}

export interface CreateStateTableOptions {
  /** how long to wait for the table to become ACTIVE (real DynamoDB takes seconds) */
  timeoutMs?: number;
}

/**
 * Creates the table unless it exists, then waits until it is ACTIVE.
 * TTL is not switched on here: dynalite does not implement UpdateTimeToLive (nor expiry); the CDK stack
 * declares it for deployed tables. Returns whether this call created the table.
 */
export async function createStateTable(
  client: DynamoDBClient,
  tableName: string,
  options: CreateStateTableOptions = {},
): Promise<{ created: boolean }> {
  let created = true;
  try {
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } catch (error) {
    if (!(error instanceof ResourceInUseException || errorName(error) === 'ResourceInUseException')) {
      throw error;
    }
    created = false;
  }
  await waitUntilActive(client, tableName, options.timeoutMs ?? 60_000);
  return { created };
}

async function waitUntilActive(client: DynamoDBClient, tableName: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 20;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() + delayMs > deadline) {
      throw new Error(`table ${tableName} is still ${Table?.TableStatus ?? 'unknown'} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    delayMs = Math.min(delayMs * 2, 2_000);
  }
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}
