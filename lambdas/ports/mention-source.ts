import type { Mention } from './mention';

export interface SourceBatch {
  /** newest first or oldest first: callers sort */
  mentions: Mention[];
  /** cursor to store once every mention in this batch is alerted or held */
  nextCursor?: string;
}

/** One place mentions come from: X mentions, X search, or an RSS/Atom feed. */
export interface MentionSource {
  readonly id: string;
  fetchNew(cursor: string | undefined, now: Date): Promise<SourceBatch>;
}
