/** Public shapes of the local X API server (its options and its test/control surface). */

export interface LocalXUser {
  id: string;
  username: string;
  name: string;
}

export interface XApiServerOptions {
  /** 0 (the default) picks a free port */
  port?: number;
  host?: string;
  /** request budget per user, per endpoint, per window (X limits each endpoint separately) */
  rateLimit?: { limit: number; windowSeconds: number };
  /** the server's idea of now: created_at of new posts, fault windows, rate windows, visibility */
  clock?: () => Date;
  /** OAuth 1.0a access token (`oauth_token`) → the account it belongs to */
  accounts?: Record<string, LocalXUser>;
  /**
   * How far back an identical text by the same account counts as a duplicate. X does not publish its
   * window; 24 hours is an assumption, configurable so a stricter check can be tried.
   */
  duplicateWindowHours?: number;
}

/** One post as the control endpoints report it: everything, including deleted ones. */
export interface LocalTweet {
  id: string;
  text: string;
  authorId: string;
  authorUsername: string;
  createdAt: string;
  deleted: boolean;
  deletedAt?: string;
  inReplyToTweetId?: string;
}

export interface NewMention {
  /** numeric string; derived from createdAt (snowflake) when absent */
  id?: string;
  authorUsername: string;
  authorName?: string;
  text: string;
  /** ISO instant or Date; defaults to the server clock's now. A future instant stays hidden until then. */
  createdAt?: string | Date;
  /** id of the post this one replies to: a reply mentions that post's author */
  inReplyTo?: string;
}

/**
 * 204 answers with no body at all, as a proxy or a misbehaving edge might: X's OpenAPI document promises 200
 * with JSON for every endpoint used here, so a client must not take an empty answer for success.
 */
export type FailureStatus = 204 | 429 | 500 | 503 | 'timeout' | 'malformed' | 'reset';

export interface FailureInjection {
  from: Date;
  until: Date;
  status: FailureStatus;
  /**
   * Which requests fail: a path matches itself and everything below it (`/2/tweets` also matches
   * `/2/tweets/123`); prefix with a method to narrow (`POST /2/tweets`). Absent: every X API request.
   */
  paths?: string[];
}
