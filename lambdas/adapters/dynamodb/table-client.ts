/**
 * The low-level calls every store makes on the one state table: single items, paged queries, and batches that
 * retry what DynamoDB leaves unprocessed under throttling. Each store adds only its own key layout and rules.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type PutCommandInput,
  type QueryCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { ItemKey } from '../state-table';

/** DynamoDB limits per request */
export const BATCH_GET_LIMIT = 100;
export const BATCH_WRITE_LIMIT = 25;
/** unprocessed keys/items come back under throttling; give up after this many tries */
const MAX_BATCH_ATTEMPTS = 8;
const BATCH_BACKOFF_BASE_MS = 25;

export type Item = Record<string, unknown>;

export interface TableOptions {
  client: DynamoDBClient | DynamoDBDocumentClient;
  tableName: string;
}

type UpdateParts = Omit<UpdateCommandInput, 'TableName' | 'Key'>;
type PutParts = Omit<PutCommandInput, 'TableName' | 'Item'>;

export class TableClient {
  private readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;

  constructor({ client, tableName }: TableOptions) {
    this.documents =
      client instanceof DynamoDBDocumentClient
        ? client
        : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.tableName = tableName;
  }

  async get(key: ItemKey, projection?: string): Promise<Item | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({
        TableName: this.tableName,
        Key: key,
        ConsistentRead: true,
        ...(projection ? { ProjectionExpression: projection } : {}),
      }),
    );
    return Item;
  }

  /** a plain put, or a conditional one; returns the item it replaced when asked with ReturnValues */
  async put(key: ItemKey, attributes: Item, parts: PutParts = {}): Promise<Item | undefined> {
    const { Attributes } = await this.documents.send(
      new PutCommand({ TableName: this.tableName, Item: { ...key, ...attributes }, ...parts }),
    );
    return Attributes;
  }

  async update(key: ItemKey, parts: UpdateParts): Promise<Item | undefined> {
    const { Attributes } = await this.documents.send(
      new UpdateCommand({ TableName: this.tableName, Key: key, ...parts }),
    );
    return Attributes;
  }

  async delete(key: ItemKey): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: key }));
  }

  async queryAll(
    input: Pick<
      QueryCommandInput,
      'KeyConditionExpression' | 'ExpressionAttributeValues' | 'ExpressionAttributeNames' | 'FilterExpression'
    >,
  ): Promise<Item[]> {
    const items: Item[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
          ...input,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /** items for any number of keys, 100 a request, side by side; keys with no item are left out */
  async getMany(keys: ItemKey[], projection?: string): Promise<Item[]> {
    const chunks = chunk(uniqueKeys(keys), BATCH_GET_LIMIT);
    const found = await Promise.all(chunks.map((part) => this.batchGet(part, projection)));
    return found.flat();
  }

  /** puts any number of items, 25 a request, side by side (BatchWriteItem rejects duplicate keys in one call) */
  async putMany(items: Item[]): Promise<void> {
    await Promise.all(chunk(items, BATCH_WRITE_LIMIT).map((part) => this.batchPut(part)));
  }

  private async batchGet(keys: ItemKey[], projection?: string): Promise<Item[]> {
    const found: Item[] = [];
    let pending: Item[] = keys.map((key) => ({ ...key }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= MAX_BATCH_ATTEMPTS) {
        throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await backoff(attempt);
      const { Responses, UnprocessedKeys } = await this.documents.send(
        new BatchGetCommand({
          RequestItems: {
            [this.tableName]: {
              Keys: pending,
              ConsistentRead: true,
              ...(projection ? { ProjectionExpression: projection } : {}),
            },
          },
        }),
      );
      found.push(...(Responses?.[this.tableName] ?? []));
      pending = UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    return found;
  }

  private async batchPut(items: Item[]): Promise<void> {
    let pending = items.map((item) => ({ PutRequest: { Item: item } }));
    for (let attempt = 0; pending.length > 0; attempt += 1) {
      if (attempt >= MAX_BATCH_ATTEMPTS) {
        throw new Error(`BatchWriteItem left ${pending.length} items unprocessed after ${attempt} attempts`);
      }
      if (attempt > 0) await backoff(attempt);
      const { UnprocessedItems } = await this.documents.send(
        new BatchWriteCommand({ RequestItems: { [this.tableName]: pending } }),
      );
      pending = (UnprocessedItems?.[this.tableName] ?? []).flatMap((request) =>
        request.PutRequest?.Item ? [{ PutRequest: { Item: request.PutRequest.Item } }] : [],
      );
    }
  }
}

export function isConditionalCheckFailed(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'ConditionalCheckFailedException'
  );
}

/** runs a conditional write; false when its condition did not hold, any other failure is thrown */
export async function ifCondition(write: () => Promise<unknown>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
}

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function stringOr<T>(value: unknown, fallback: T): string | T {
  return typeof value === 'string' ? value : fallback;
}

function uniqueKeys(keys: ItemKey[]): ItemKey[] {
  return [...new Map(keys.map((key) => [`${key.pk}\u0000${key.sk}`, key])).values()];
}

export function chunk<T>(values: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

function backoff(attempt: number): Promise<void> {
  const ms = BATCH_BACKOFF_BASE_MS * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
