/**
 * What each source has shown us: its cursor, and which items were already seen. A mention is marked seen only
 * once it was alerted or recorded for the duty officer, so a crash before that means it is found again.
 */
export interface MentionLedger {
  getCursor(sourceId: string): Promise<string | undefined>;
  setCursor(sourceId: string, cursor: string): Promise<void>;
  /** which of these item ids were already seen, with when each was marked (batched reads) */
  seen(namespace: string, itemIds: string[]): Promise<Map<string, string>>;
  /** marks items seen at `now`, expiring after `ttlDays` (TTL attribute) */
  markSeen(namespace: string, itemIds: string[], now: string, ttlDays: number): Promise<void>;
}

export interface SourceHealth {
  consecutiveFailures: number;
  /** when the first of these consecutive failures happened */
  failingSince?: string;
  /** true once the duty officer has been told the source is failing */
  alerted: boolean;
  lastError?: string;
}

/** How each source has been doing, so a failing one is reported once and its recovery once. */
export interface SourceHealthStore {
  get(sourceId: string): Promise<SourceHealth>;
  set(sourceId: string, health: SourceHealth): Promise<void>;
}
