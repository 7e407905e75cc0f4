/**
 * StatePort on one DynamoDB table (dynalite locally). Key layout: see state-table.ts.
 * Exactly-once claims, stuck marks and rotation rest on single-item conditional writes only:
 * dynalite has no transactions.
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
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type {
  AuditRecord,
  ClaimResult,
  HeldMention,
  PostClaim,
  RuntimePause,
  SourceHealth,
  StatePort,
} from '../ports/state';
import {
  MENTION_TTL_DAYS,
  TTL_ATTRIBUTE,
  auditMonth,
  expiresAtSeconds,
  instantKey,
  stateKeys,
  type ItemKey,
} from './state-table';

/** DynamoDB limits per request */
const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
/** unprocessed keys/items come back under throttling; give up after this many tries */
const MAX_BATCH_ATTEMPTS = 8;
const BATCH_BACKOFF_BASE_MS = 25;

export interface DynamoDbStateOptions {
  client: DynamoDBClient | DynamoDBDocumentClient;
  tableName: string;
}

type Item = Record<string, unknown>;

/** attribute of the rotation item: how many times the post has gone out */
const ROTATION_COUNT = 'n';

interface ClaimUpdate {
  UpdateExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
}

export class DynamoDbState implements StatePort {
  private readonly documents: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor({ client, tableName }: DynamoDbStateOptions) {
    this.documents =
      client instanceof DynamoDBDocumentClient
        ? client
        : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.tableName = tableName;
  }

  async claimPost(claim: Omit<PostClaim, 'status'>): Promise<ClaimResult> {
    const key = stateKeys.postClaim(claim.postId, claim.scheduledTime);
    const item: PostClaim = { ...claim, status: 'in-progress' };
    try {
      await this.documents.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...withoutUndefined(item) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
    const existing = await this.getPostClaim(claim.postId, claim.scheduledTime);
    if (!existing) {
      // nothing ever deletes a claim, so a failed condition with no item means the table is being tampered with
      throw new Error(`claim ${claim.postId}@${claim.scheduledTime} exists and vanished while being read`);
    }
    return { claimed: false, existing };
  }

  async completePost(
    postId: string,
    scheduledTime: string,
    outcome: { status: 'posted'; tweetId: string; text: string } | { status: 'failed'; reason: string },
    at: string,
  ): Promise<void> {
    const update: ClaimUpdate =
      outcome.status === 'posted'
        ? {
            UpdateExpression: 'SET #status = :status, tweetId = :tweetId, #text = :text, completedAt = :at',
            ExpressionAttributeNames: { '#status': 'status', '#text': 'text' },
            ExpressionAttributeValues: {
              ':status': outcome.status,
              ':tweetId': outcome.tweetId,
              ':text': outcome.text,
              ':at': at,
            },
          }
        : {
            UpdateExpression: 'SET #status = :status, reason = :reason, completedAt = :at',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': outcome.status, ':reason': outcome.reason, ':at': at },
          };
    await this.updateExistingClaim(postId, scheduledTime, update);
  }

  async getPostClaim(postId: string, scheduledTime: string): Promise<PostClaim | undefined> {
    const item = await this.getItem(stateKeys.postClaim(postId, scheduledTime));
    return item && toPostClaim(item);
  }

  async markDeleted(postId: string, scheduledTime: string, at: string): Promise<void> {
    await this.updateExistingClaim(postId, scheduledTime, {
      UpdateExpression: 'SET deletedAt = :at',
      ExpressionAttributeValues: { ':at': at },
    });
  }

  async markStuck(postId: string, scheduledTime: string, reason: string, at: string): Promise<boolean> {
    // The condition is the claim still being in progress, not its lease: the claimer itself marks its own
    // claim stuck when X's answer leaves the outcome unknown, and a waiter has already waited out the lease.
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stateKeys.postClaim(postId, scheduledTime),
          UpdateExpression: 'SET #status = :failed, reason = :reason, completedAt = :at',
          ConditionExpression: '#status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':failed': 'failed',
            ':inProgress': 'in-progress',
            ':reason': reason,
            ':at': at,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw error;
    }
  }

  async getRotation(postId: string): Promise<number> {
    const item = await this.getItem(stateKeys.rotation(postId));
    const count = item?.[ROTATION_COUNT];
    return typeof count === 'number' ? count : 0;
  }

  async advanceRotation(postId: string, from: number, to: number): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stateKeys.rotation(postId),
          UpdateExpression: 'SET #n = :to',
          ConditionExpression: from === 0 ? 'attribute_not_exists(#n) OR #n = :from' : '#n = :from',
          ExpressionAttributeNames: { '#n': ROTATION_COUNT },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      );
    } catch (error) {
      // someone else moved the count on first: theirs stands, as the port promises
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  async getPause(): Promise<RuntimePause | undefined> {
    const item = await this.getItem(stateKeys.pause());
    if (!item) return undefined;
    return { until: String(item['until']), reason: String(item['reason']), setAt: String(item['setAt']) };
  }

  async setPause(pause: RuntimePause): Promise<void> {
    await this.putItem(stateKeys.pause(), { until: pause.until, reason: pause.reason, setAt: pause.setAt });
  }

  async clearPause(): Promise<void> {
    await this.documents.send(new DeleteCommand({ TableName: this.tableName, Key: stateKeys.pause() }));
  }

  async audit(record: AuditRecord): Promise<void> {
    const stored: AuditRecord & Item = {
      at: record.at,
      event: record.event,
      subject: record.subject,
      scheduledTime: record.scheduledTime,
      configVersion: record.configVersion,
      detail: record.detail && withoutUndefined(record.detail),
    };
    await this.putItem(stateKeys.audit(record.at, record.event, record.subject), withoutUndefined(stored));
  }

  async listAudit(fromIso: string, toIso: string): Promise<AuditRecord[]> {
    const from = instantKey(fromIso);
    const to = instantKey(toIso);
    if (from >= to) return [];
    const records: AuditRecord[] = [];
    // `to` is exclusive: a range ending at midnight on the 1st does not touch the new month
    const lastMonth = auditMonth(new Date(Date.parse(to) - 1).toISOString());
    for (const month of monthsBetween(auditMonth(from), lastMonth)) {
      // `<to>#…` sorts after `<to>`, so BETWEEN's inclusive upper bound still excludes records at `to`
      const items = await this.queryAll({
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': stateKeys.auditPartition(month), ':from': from, ':to': to },
      });
      records.push(...items.map(toAuditRecord));
    }
    return records;
  }

  async getCursor(sourceId: string): Promise<string | undefined> {
    const item = await this.getItem(stateKeys.cursor(sourceId));
    const cursor = item?.['cursor'];
    return typeof cursor === 'string' ? cursor : undefined;
  }

  async setCursor(sourceId: string, cursor: string): Promise<void> {
    await this.putItem(stateKeys.cursor(sourceId), { cursor });
  }

  async seenIds(sourceId: string, itemIds: string[]): Promise<Set<string>> {
    const seen = new Set<string>();
    // BatchGetItem rejects a request that names the same key twice
    const chunks = chunk(unique(itemIds), BATCH_GET_LIMIT);
    await Promise.all(
      chunks.map(async (ids) => {
        const items = await this.batchGet(ids.map((id) => stateKeys.seenMention(sourceId, id)));
        for (const item of items) seen.add(String(item['sk']));
      }),
    );
    return seen;
  }

  async markSeen(sourceId: string, itemIds: string[], now: string, ttlDays: number): Promise<void> {
    const expiresAt = expiresAtSeconds(now, ttlDays);
    const items = unique(itemIds).map((id) => ({
      ...stateKeys.seenMention(sourceId, id),
      seenAt: now,
      [TTL_ATTRIBUTE]: expiresAt,
    }));
    await Promise.all(chunk(items, BATCH_WRITE_LIMIT).map((batch) => this.batchPut(batch)));
  }

  async holdForBriefing(mentions: HeldMention[]): Promise<void> {
    const items = new Map<string, Item>();
    for (const mention of mentions) {
      const key = stateKeys.heldMention(mention.foundAt, mention.source, mention.id);
      // the same mention held twice in one call is one item; BatchWriteItem rejects duplicate keys
      items.set(key.sk, {
        ...key,
        ...withoutUndefined(toHeldMention(mention)),
        [TTL_ATTRIBUTE]: expiresAtSeconds(mention.foundAt, MENTION_TTL_DAYS),
      });
    }
    await Promise.all(chunk([...items.values()], BATCH_WRITE_LIMIT).map((batch) => this.batchPut(batch)));
  }

  async listHeld(sinceIso: string): Promise<HeldMention[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk >= :since',
      ExpressionAttributeValues: { ':pk': stateKeys.heldPartition, ':since': instantKey(sinceIso) },
    });
    return items.map((item) => toHeldMention(item as unknown as HeldMention));
  }

  async getSourceHealth(sourceId: string): Promise<SourceHealth> {
    const item = await this.getItem(stateKeys.sourceHealth(sourceId));
    if (!item) return { consecutiveFailures: 0, alerted: false };
    const health: SourceHealth = {
      consecutiveFailures: Number(item['consecutiveFailures'] ?? 0),
      alerted: item['alerted'] === true,
    };
    if (typeof item['lastError'] === 'string') health.lastError = item['lastError'];
    return health;
  }

  async setSourceHealth(sourceId: string, health: SourceHealth): Promise<void> {
    await this.putItem(
      stateKeys.sourceHealth(sourceId),
      withoutUndefined({
        consecutiveFailures: health.consecutiveFailures,
        alerted: health.alerted,
        lastError: health.lastError,
      }),
    );
  }

  private async getItem(key: ItemKey): Promise<Item | undefined> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  }

  private async putItem(key: ItemKey, attributes: Item): Promise<void> {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: { ...key, ...attributes } }));
  }

  /** UpdateItem that refuses to create a claim out of nothing (a typo'd id must not look like a post) */
  private async updateExistingClaim(
    postId: string,
    scheduledTime: string,
    update: ClaimUpdate,
  ): Promise<void> {
    try {
      await this.documents.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: stateKeys.postClaim(postId, scheduledTime),
          ConditionExpression: 'attribute_exists(pk)',
          ...update,
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new Error(`no claim for ${postId} at ${scheduledTime}`, { cause: error });
      }
      throw error;
    }
  }

  private async queryAll(
    input: Pick<QueryCommandInput, 'KeyConditionExpression' | 'ExpressionAttributeValues'>,
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

  private async batchGet(keys: ItemKey[]): Promise<Item[]> {
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
            [this.tableName]: { Keys: pending, ConsistentRead: true, ProjectionExpression: 'sk' },
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

function toPostClaim(item: Item): PostClaim {
  const claim: PostClaim = {
    postId: String(item['postId']),
    scheduledTime: String(item['scheduledTime']),
    status: item['status'] as PostClaim['status'],
    account: String(item['account']),
    text: String(item['text']),
    configVersion: String(item['configVersion']),
    claimedAt: String(item['claimedAt']),
    leaseUntil: String(item['leaseUntil']),
  };
  for (const optional of ['tweetId', 'completedAt', 'reason', 'deletedAt'] as const) {
    const value = item[optional];
    if (typeof value === 'string') claim[optional] = value;
  }
  return claim;
}

function toAuditRecord(item: Item): AuditRecord {
  const record: AuditRecord = {
    at: String(item['at']),
    event: item['event'] as AuditRecord['event'],
    subject: String(item['subject']),
    configVersion: String(item['configVersion']),
  };
  if (typeof item['scheduledTime'] === 'string') record.scheduledTime = item['scheduledTime'];
  if (item['detail'] && typeof item['detail'] === 'object') {
    record.detail = item['detail'] as NonNullable<AuditRecord['detail']>;
  }
  return record;
}

/** keeps exactly the port's fields, so table keys and TTL never leak out and nothing extra leaks in */
function toHeldMention(source: HeldMention): HeldMention {
  const held: HeldMention = {
    source: source.source,
    sourceType: source.sourceType,
    id: source.id,
    author: source.author,
    text: source.text,
    url: source.url,
    at: source.at,
    category: source.category,
    foundAt: source.foundAt,
  };
  if (typeof source.title === 'string') held.title = source.title;
  return held;
}

function isConditionalCheckFailed(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { name?: unknown }).name === 'ConditionalCheckFailedException'
  );
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function chunk<T>(values: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < values.length; i += size) chunks.push(values.slice(i, i + size));
  return chunks;
}

function backoff(attempt: number): Promise<void> {
  const ms = BATCH_BACKOFF_BASE_MS * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** every `yyyy-mm` from `first` to `last`, inclusive */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
