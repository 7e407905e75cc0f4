import type { AcknowledgeResult, EscalationStep, UrgentAlert, UrgentAlerts } from '../../ports/state';
import { MENTION_TTL_DAYS } from '../../ports/state';
import { TTL_ATTRIBUTE, expiresAtSeconds, stateKeys } from '../state-table';
import { toMention } from './found-mentions';
import { ifCondition, withoutUndefined, type Item, type TableClient } from './table-client';

/**
 * Urgent alerts under one partition keyed by the mention. The escalation check reads the partition with a filter:
 * it holds only a month of urgent mentions, a few a day, so a query is cheaper than an index to keep.
 */
export class DynamoDbUrgentAlerts implements UrgentAlerts {
  constructor(private readonly table: TableClient) {}

  open(alert: UrgentAlert): Promise<boolean> {
    return ifCondition(() =>
      this.table.put(
        stateKeys.urgentAlert(alert.key),
        {
          ...withoutUndefined({ ...alert, mention: withoutUndefined(alert.mention) }),
          // the number of escalations sent: the condition that stops two ticks sending the same step
          steps: alert.escalations.length,
          [TTL_ATTRIBUTE]: expiresAtSeconds(alert.alertedAt, MENTION_TTL_DAYS),
        },
        { ConditionExpression: 'attribute_not_exists(pk)' },
      ),
    );
  }

  async get(key: string): Promise<UrgentAlert | undefined> {
    const item = await this.table.get(stateKeys.urgentAlert(key));
    return item && toUrgentAlert(item);
  }

  async getMany(keys: string[]): Promise<Map<string, UrgentAlert>> {
    const items = await this.table.getMany(keys.map((key) => stateKeys.urgentAlert(key)));
    return new Map(items.map((item) => [String(item['key']), toUrgentAlert(item)]));
  }

  async acknowledge(key: string, by: string, at: string): Promise<AcknowledgeResult> {
    let updated: Item | undefined;
    const won = await ifCondition(async () => {
      updated = await this.table.update(stateKeys.urgentAlert(key), {
        UpdateExpression: 'SET acknowledgedBy = :by, acknowledgedAt = :at REMOVE nextEscalationAt',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(acknowledgedAt)',
        ExpressionAttributeValues: { ':by': by, ':at': at },
        ReturnValues: 'ALL_NEW',
      });
    });
    if (won && updated) return { acknowledged: true, alert: toUrgentAlert(updated) };
    const existing = await this.get(key);
    return existing
      ? { acknowledged: false, reason: 'already', alert: existing }
      : { acknowledged: false, reason: 'unknown' };
  }

  async dueForEscalation(now: string): Promise<UrgentAlert[]> {
    const items = await this.table.queryAll({
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'nextEscalationAt <= :now AND attribute_not_exists(acknowledgedAt)',
      ExpressionAttributeValues: { ':pk': stateKeys.urgentPartition, ':now': now },
    });
    return items.map(toUrgentAlert).sort((a, b) => a.alertedAt.localeCompare(b.alertedAt));
  }

  recordEscalation(
    key: string,
    step: number,
    sent: EscalationStep,
    nextAt: string | undefined,
  ): Promise<boolean> {
    const next = nextAt === undefined ? ' REMOVE nextEscalationAt' : ', nextEscalationAt = :next';
    return ifCondition(() =>
      this.table.update(stateKeys.urgentAlert(key), {
        UpdateExpression: `SET escalations = list_append(escalations, :sent), recipients = list_append(recipients, :to), steps = :after${next}`,
        ConditionExpression: 'steps = :step AND attribute_not_exists(acknowledgedAt)',
        ExpressionAttributeValues: {
          ':sent': [sent],
          ':to': [sent.to],
          ':step': step,
          ':after': step + 1,
          ...(nextAt === undefined ? {} : { ':next': nextAt }),
        },
      }),
    );
  }
}

function toUrgentAlert(item: Item): UrgentAlert {
  const alert: UrgentAlert = {
    key: String(item['key']),
    mention: toMention((item['mention'] ?? {}) as Item),
    matched: stringList(item['matched']),
    alertedAt: String(item['alertedAt']),
    recipients: stringList(item['recipients']),
    escalations: Array.isArray(item['escalations'])
      ? (item['escalations'] as Item[]).map((s) => ({ to: String(s['to']), at: String(s['at']) }))
      : [],
  };
  for (const optional of ['nextEscalationAt', 'acknowledgedBy', 'acknowledgedAt'] as const) {
    const value = item[optional];
    if (typeof value === 'string') alert[optional] = value;
  }
  return alert;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
