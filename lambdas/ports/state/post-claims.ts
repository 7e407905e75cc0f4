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

export type PostOutcomeRecord =
  { status: 'posted'; tweetId: string; text: string } | { status: 'failed'; reason: string };

/** Claims of scheduled posts: each occurrence goes out at most once, and what became of it is kept. */
export interface PostClaims {
  /** conditional write: succeeds for exactly one caller per (postId, scheduledTime) */
  claim(claim: Omit<PostClaim, 'status'>): Promise<ClaimResult>;
  complete(postId: string, scheduledTime: string, outcome: PostOutcomeRecord, at: string): Promise<void>;
  get(postId: string, scheduledTime: string): Promise<PostClaim | undefined>;
  /**
   * Moves an in-progress claim to `failed` with `reason`; true for exactly one caller, so the duty officer is told
   * once about a post that may or may not have gone out. Callers decide when (a lease run out, a refused retry).
   */
  markStuck(postId: string, scheduledTime: string, reason: string, at: string): Promise<boolean>;
  /** marks a posted claim's tweet as deleted (reopening with deleteClosing) */
  markDeleted(postId: string, scheduledTime: string, at: string): Promise<void>;
}

/** Which variant a recurring post uses next. */
export interface RotationStore {
  /** how many times this post has gone out: picks the next variant (0 when never posted) */
  get(postId: string): Promise<number>;
  /**
   * Moves the count from `from` to `to` after a post went out. Conditional on the count still being `from`
   * (or absent when `from` is 0), so a post that failed never advances it and a stale writer changes nothing.
   */
  advance(postId: string, from: number, to: number): Promise<void>;
}
