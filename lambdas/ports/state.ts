import type { Mention } from './mention';

/** One scheduled occurrence of a post, claimed before sending so it is sent at most once. */
export interface PostClaim {
  postId: string;
  /** canonical UTC instant, `2026-12-23T16:00:00Z` */
  scheduledTime: string;
  status: 'in-progress' | 'posted' | 'failed';
  account: string;
  text: string;
  configVersion: string;
  claimedAt: string;
  /** the claimer finishes before this instant or is dead (Lambda stops it at its timeout) */
  leaseUntil: string;
  tweetId?: string;
  completedAt?: string;
  reason?: string;
  /** set when a reopening post deleted this sign-off */
  deletedAt?: string;
}

export type ClaimResult = { claimed: true } | { claimed: false; existing: PostClaim };

export interface RuntimePause {
  /** last paused date, inclusive, `YYYY-MM-DD` in the organisation's time zone */
  until: string;
  reason: string;
  setAt: string;
}

export type AuditEvent =
  | 'posted'
  | 'skipped'
  | 'failed'
  | 'deleted'
  | 'stuck'
  | 'alert'
  | 'urgent'
  | 'briefing'
  | 'sweep'
  | 'source-failing'
  | 'source-recovered'
  | 'pause'
  | 'resume';

/** What happened, when, for which schedule. Never holds mention text. */
export interface AuditRecord {
  /** ISO instant the event happened */
  at: string;
  event: AuditEvent;
  /** schedule or source id, e.g. `pals`, `closing`, `sweep`, `x-mentions` */
  subject: string;
  scheduledTime?: string;
  configVersion: string;
  /** short facts: reason, tweetId, counts, recipients. No mention text. */
  detail?: Record<string, string | number | boolean>;
}

/** How long seen marks and held mentions are kept (the TTL attribute): long enough to dedupe, no longer. */
export const MENTION_TTL_DAYS = 30;

/** A mention found out of hours, kept until the next briefing. */
export interface HeldMention extends Mention {
  category: 'urgent' | 'concern' | 'general';
  foundAt: string;
}

export interface SourceHealth {
  consecutiveFailures: number;
  /** true once the duty officer has been told the source is failing */
  alerted: boolean;
  lastError?: string;
}

/** Everything the handlers keep between invocations (one DynamoDB table on AWS). */
export interface StatePort {
  /** conditional write: succeeds for exactly one caller per (postId, scheduledTime) */
  claimPost(claim: Omit<PostClaim, 'status'>): Promise<ClaimResult>;
  completePost(
    postId: string,
    scheduledTime: string,
    outcome: { status: 'posted'; tweetId: string; text: string } | { status: 'failed'; reason: string },
    at: string,
  ): Promise<void>;
  getPostClaim(postId: string, scheduledTime: string): Promise<PostClaim | undefined>;
  /**
   * Moves an in-progress claim to `failed` with `reason`; true for exactly one caller, so the duty officer is told
   * once about a post that may or may not have gone out. Callers decide when (a lease run out, a refused retry).
   */
  markStuck(postId: string, scheduledTime: string, reason: string, at: string): Promise<boolean>;
  /** marks a posted claim's tweet as deleted (reopening with deleteClosing) */
  markDeleted(postId: string, scheduledTime: string, at: string): Promise<void>;

  /** how many times this post has gone out: picks the next variant (0 when never posted) */
  getRotation(postId: string): Promise<number>;
  /**
   * Moves the rotation from `from` to `to` after a post went out. Conditional on the count still being `from`
   * (or absent when `from` is 0), so a post that failed never advances it and a stale writer changes nothing.
   */
  advanceRotation(postId: string, from: number, to: number): Promise<void>;

  getPause(): Promise<RuntimePause | undefined>;
  setPause(pause: RuntimePause): Promise<void>;
  clearPause(): Promise<void>;

  audit(record: AuditRecord): Promise<void>;
  /** audit records with `at` in [fromIso, toIso), oldest first */
  listAudit(fromIso: string, toIso: string): Promise<AuditRecord[]>;

  getCursor(sourceId: string): Promise<string | undefined>;
  setCursor(sourceId: string, cursor: string): Promise<void>;
  /** which of these item ids were already seen (batched reads, not one read per item) */
  seenIds(sourceId: string, itemIds: string[]): Promise<Set<string>>;
  /** mark items seen, expiring after `ttlDays` (TTL attribute) */
  markSeen(sourceId: string, itemIds: string[], now: string, ttlDays: number): Promise<void>;

  holdForBriefing(mentions: HeldMention[]): Promise<void>;
  /** held mentions found at or after `sinceIso` */
  listHeld(sinceIso: string): Promise<HeldMention[]>;

  getSourceHealth(sourceId: string): Promise<SourceHealth>;
  setSourceHealth(sourceId: string, health: SourceHealth): Promise<void>;
}
