import type { RunClaimResult, RunClaims, RunStatus } from '../../ports/state';
import { TTL_ATTRIBUTE, expiresAtSeconds, stateKeys } from '../state-table';
import { ifCondition, type TableClient } from './table-client';

export class DynamoDbRunClaims implements RunClaims {
  constructor(private readonly table: TableClient) {}

  async claim(
    run: string,
    instant: string,
    now: string,
    leaseMs: number,
    keepDays: number,
  ): Promise<RunClaimResult> {
    const key = stateKeys.runClaim(run, instant);
    let replaced: Record<string, unknown> | undefined;
    // one conditional put decides: no claim yet, a failed run, or a claimer whose lease ran out
    const won = await ifCondition(async () => {
      replaced = await this.table.put(
        key,
        {
          status: 'in-progress',
          claimedAt: now,
          leaseUntil: new Date(Date.parse(now) + leaseMs).toISOString(),
          [TTL_ATTRIBUTE]: expiresAtSeconds(now, keepDays),
        },
        {
          ConditionExpression:
            'attribute_not_exists(pk) OR #status = :failed OR (#status = :inProgress AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':inProgress': 'in-progress', ':now': now },
          ReturnValues: 'ALL_OLD',
        },
      );
    });
    if (won) return { claimed: true, takenOver: replaced !== undefined };
    const existing = await this.table.get(key);
    return {
      claimed: false,
      status: (existing?.['status'] as RunStatus | undefined) ?? 'in-progress',
      leaseUntil: String(existing?.['leaseUntil'] ?? now),
    };
  }

  async finish(run: string, instant: string, status: 'done' | 'failed', at: string): Promise<void> {
    await this.table.update(stateKeys.runClaim(run, instant), {
      UpdateExpression: 'SET #status = :status, finishedAt = :at',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':at': at },
    });
  }
}
