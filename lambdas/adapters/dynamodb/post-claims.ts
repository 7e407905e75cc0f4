import type { ClaimResult, PostClaim, PostClaims, PostOutcomeRecord, RotationStore } from '../../ports/state';
import { stateKeys } from '../state-table';
import {
  ifCondition,
  isConditionalCheckFailed,
  withoutUndefined,
  type Item,
  type TableClient,
} from './table-client';

/** Claims rest on single-item conditional writes only: dynalite has no transactions. */
export class DynamoDbPostClaims implements PostClaims {
  constructor(private readonly table: TableClient) {}

  async claim(claim: Omit<PostClaim, 'status'>): Promise<ClaimResult> {
    const key = stateKeys.postClaim(claim.postId, claim.scheduledTime);
    const won = await ifCondition(() =>
      this.table.put(key, withoutUndefined({ ...claim, status: 'in-progress' }), {
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    if (won) return { claimed: true };
    const existing = await this.get(claim.postId, claim.scheduledTime);
    // nothing ever deletes a claim, so a failed condition with no item means the table is being tampered with
    if (!existing)
      throw new Error(`claim ${claim.postId}@${claim.scheduledTime} exists and vanished while being read`);
    return { claimed: false, existing };
  }

  async complete(
    postId: string,
    scheduledTime: string,
    outcome: PostOutcomeRecord,
    at: string,
  ): Promise<void> {
    if (outcome.status === 'posted') {
      await this.updateExisting(postId, scheduledTime, {
        UpdateExpression: 'SET #status = :status, tweetId = :tweetId, #text = :text, completedAt = :at',
        ExpressionAttributeNames: { '#status': 'status', '#text': 'text' },
        ExpressionAttributeValues: {
          ':status': outcome.status,
          ':tweetId': outcome.tweetId,
          ':text': outcome.text,
          ':at': at,
        },
      });
      return;
    }
    await this.updateExisting(postId, scheduledTime, {
      UpdateExpression: 'SET #status = :status, reason = :reason, completedAt = :at',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': outcome.status, ':reason': outcome.reason, ':at': at },
    });
  }

  async get(postId: string, scheduledTime: string): Promise<PostClaim | undefined> {
    const item = await this.table.get(stateKeys.postClaim(postId, scheduledTime));
    return item && toPostClaim(item);
  }

  async markDeleted(postId: string, scheduledTime: string, at: string): Promise<void> {
    await this.updateExisting(postId, scheduledTime, {
      UpdateExpression: 'SET deletedAt = :at',
      ExpressionAttributeValues: { ':at': at },
    });
  }

  markStuck(postId: string, scheduledTime: string, reason: string, at: string): Promise<boolean> {
    // The condition is the claim still being in progress, not its lease: the claimer itself marks its own
    // claim stuck when X's answer leaves the outcome unknown, and a waiter has already waited out the lease.
    return ifCondition(() =>
      this.table.update(stateKeys.postClaim(postId, scheduledTime), {
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
  }

  /** an update that refuses to create a claim out of nothing (a typo'd id must not look like a post) */
  private async updateExisting(
    postId: string,
    scheduledTime: string,
    update: {
      UpdateExpression: string;
      ExpressionAttributeNames?: Record<string, string>;
      ExpressionAttributeValues: Record<string, unknown>;
    },
  ): Promise<void> {
    try {
      await this.table.update(stateKeys.postClaim(postId, scheduledTime), {
        ConditionExpression: 'attribute_exists(pk)',
        ...update,
      });
    } catch (error) {
      if (isConditionalCheckFailed(error))
        throw new Error(`no claim for ${postId} at ${scheduledTime}`, { cause: error });
      throw error;
    }
  }
}

/** attribute of the rotation item: how many times the post has gone out */
const ROTATION_COUNT = 'n';

export class DynamoDbRotation implements RotationStore {
  constructor(private readonly table: TableClient) {}

  async get(postId: string): Promise<number> {
    const count = (await this.table.get(stateKeys.rotation(postId)))?.[ROTATION_COUNT];
    return typeof count === 'number' ? count : 0;
  }

  async advance(postId: string, from: number, to: number): Promise<void> {
    // someone else moved the count on first: theirs stands, as the port promises
    await ifCondition(() =>
      this.table.update(stateKeys.rotation(postId), {
        UpdateExpression: 'SET #n = :to',
        ConditionExpression: from === 0 ? 'attribute_not_exists(#n) OR #n = :from' : '#n = :from',
        ExpressionAttributeNames: { '#n': ROTATION_COUNT },
        ExpressionAttributeValues: { ':from': from, ':to': to },
      }),
    );
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
