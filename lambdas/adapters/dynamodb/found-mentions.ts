import type { FoundMention, FoundMentions } from '../../ports/state';
import { MENTION_TTL_DAYS } from '../../ports/state';
import type { Mention } from '../../ports/mention';
import { TTL_ATTRIBUTE, expiresAtSeconds, instantKey, stateKeys } from '../state-table';
import { stringOr, type Item, type TableClient } from './table-client';

/** Found mentions under one partition, sorted by when they were found: the briefing reads a time range. */
export class DynamoDbFoundMentions implements FoundMentions {
  constructor(private readonly table: TableClient) {}

  async record(mentions: FoundMention[]): Promise<void> {
    await this.table.putMany(uniqueItems(mentions));
  }

  async listSince(sinceIso: string): Promise<FoundMention[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk AND sk >= :since',
      ExpressionAttributeValues: { ':pk': stateKeys.foundPartition, ':since': instantKey(sinceIso) },
    });
    return items.map(toFoundMention);
  }

  async markAlerted(mentions: FoundMention[], at: string): Promise<void> {
    await this.table.putMany(uniqueItems(mentions.map((m) => ({ ...m, alertedAt: at }))));
  }
}

/** one item per key and time: BatchWriteItem rejects the same key twice in one call */
function uniqueItems(mentions: FoundMention[]): Item[] {
  const items = new Map<string, Item>();
  for (const mention of mentions) {
    const key = stateKeys.foundMention(mention.foundAt, mention.key);
    items.set(key.sk, {
      ...key,
      ...toFoundMention(mention as unknown as Item),
      [TTL_ATTRIBUTE]: expiresAtSeconds(mention.foundAt, MENTION_TTL_DAYS),
    });
  }
  return [...items.values()];
}

/** keeps exactly the port's fields, so table keys and TTL never leak out and nothing extra leaks in */
function toFoundMention(item: Item): FoundMention {
  const found: FoundMention = {
    ...toMention(item),
    category: item['category'] as FoundMention['category'],
    matched: Array.isArray(item['matched']) ? (item['matched'] as unknown[]).map(String) : [],
    foundAt: String(item['foundAt']),
    key: String(item['key']),
  };
  if (typeof item['alertedAt'] === 'string') found.alertedAt = item['alertedAt'];
  return found;
}

export function toMention(item: Item): Mention {
  const mention: Mention = {
    source: String(item['source']),
    sourceType: item['sourceType'] as Mention['sourceType'],
    id: String(item['id']),
    author: stringOr(item['author'], ''),
    text: stringOr(item['text'], ''),
    url: stringOr(item['url'], ''),
    at: stringOr(item['at'], ''),
  };
  if (typeof item['title'] === 'string') mention.title = item['title'];
  if (item['timeSource'] === 'feed' || item['timeSource'] === 'first-seen')
    mention.timeSource = item['timeSource'];
  return mention;
}
