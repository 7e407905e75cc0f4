import type { MentionLedger, SourceHealth, SourceHealthStore } from '../../ports/state';
import { TTL_ATTRIBUTE, expiresAtSeconds, stateKeys } from '../state-table';
import type { TableClient } from './table-client';

export class DynamoDbMentionLedger implements MentionLedger {
  constructor(private readonly table: TableClient) {}

  async getCursor(sourceId: string): Promise<string | undefined> {
    const cursor = (await this.table.get(stateKeys.cursor(sourceId)))?.['cursor'];
    return typeof cursor === 'string' ? cursor : undefined;
  }

  async setCursor(sourceId: string, cursor: string): Promise<void> {
    await this.table.put(stateKeys.cursor(sourceId), { cursor });
  }

  async seen(namespace: string, itemIds: string[]): Promise<Map<string, string>> {
    const items = await this.table.getMany(
      itemIds.map((id) => stateKeys.seenMention(namespace, id)),
      'sk, seenAt',
    );
    return new Map(items.map((item) => [String(item['sk']), String(item['seenAt'] ?? '')]));
  }

  async markSeen(namespace: string, itemIds: string[], now: string, ttlDays: number): Promise<void> {
    const expiresAt = expiresAtSeconds(now, ttlDays);
    await this.table.putMany(
      [...new Set(itemIds)].map((id) => ({
        ...stateKeys.seenMention(namespace, id),
        seenAt: now,
        [TTL_ATTRIBUTE]: expiresAt,
      })),
    );
  }
}

export class DynamoDbSourceHealth implements SourceHealthStore {
  constructor(private readonly table: TableClient) {}

  async get(sourceId: string): Promise<SourceHealth> {
    const item = await this.table.get(stateKeys.sourceHealth(sourceId));
    if (!item) return { consecutiveFailures: 0, alerted: false };
    const health: SourceHealth = {
      consecutiveFailures: Number(item['consecutiveFailures'] ?? 0),
      alerted: item['alerted'] === true,
    };
    if (typeof item['lastError'] === 'string') health.lastError = item['lastError'];
    if (typeof item['failingSince'] === 'string') health.failingSince = item['failingSince'];
    return health;
  }

  async set(sourceId: string, health: SourceHealth): Promise<void> {
    await this.table.put(stateKeys.sourceHealth(sourceId), {
      consecutiveFailures: health.consecutiveFailures,
      alerted: health.alerted,
      ...(health.lastError === undefined ? {} : { lastError: health.lastError }),
      ...(health.failingSince === undefined ? {} : { failingSince: health.failingSince }),
    });
  }
}
