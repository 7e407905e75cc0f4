import { ChannelError, type ChannelErrorKind } from './channel';

export type XErrorKind = ChannelErrorKind;

/** A failure talking to X: the channel error family, on the X network (no twitter-api-v2 types leak out). */
export class XApiError extends ChannelError {
  constructor(
    message: string,
    kind: XErrorKind,
    status?: number,
    /** epoch seconds from `x-rate-limit-reset`, when X sent it */
    resetAt?: number,
  ) {
    super(message, kind, 'x', { status, resetAt });
    this.name = 'XApiError';
  }
}

export interface XTweet {
  id: string;
  text: string;
  authorId?: string;
  authorUsername?: string;
  createdAt?: string;
}

export interface XPage {
  tweets: XTweet[];
  newestId?: string;
  nextToken?: string;
}

export interface XTimelineQuery {
  sinceId?: string;
  /** ISO instant: only used when there is no sinceId yet (first run) */
  startTime?: string;
  paginationToken?: string;
}

/** X API v2 for one configured account (keyed by the config's account id). */
export interface XClientPort {
  post(account: string, text: string): Promise<{ id: string }>;
  deleteTweet(account: string, tweetId: string): Promise<void>;
  me(account: string): Promise<{ id: string; username: string }>;
  mentions(account: string, userId: string, query: XTimelineQuery): Promise<XPage>;
  search(account: string, q: string, query: XTimelineQuery): Promise<XPage>;
}
