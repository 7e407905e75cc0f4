import type { Network } from '../core/config/vocabulary';
import type { Mention } from './mention';

export type { Network } from '../core/config/vocabulary';

/**
 * What went wrong talking to a network, in the terms the posting engine acts on. Each adapter maps its own
 * error model onto these: `duplicate` (the network refused the text as already posted), `rate-limit` (with the
 * reset when the network says it), `auth` (credentials expired, revoked or wrong: a person must renew them),
 * `rejected` (refused for good: too long, not allowed), and `server` / `timeout` / `network` (unavailable, so
 * worth another try).
 */
export type ChannelErrorKind =
  'rate-limit' | 'duplicate' | 'server' | 'timeout' | 'auth' | 'rejected' | 'network';

export interface ChannelErrorOptions {
  status?: number;
  /** epoch seconds when the rate limit resets, when the network said */
  resetAt?: number;
  /**
   * What a person should do about it, for the failure email: e.g. how to renew an expired Facebook Page token.
   * Never holds a secret or the post's text.
   */
  advice?: string;
  cause?: unknown;
}

/** The one error family of every channel adapter; messages never carry post text or secrets. */
export class ChannelError extends Error {
  readonly status: number | undefined;
  readonly resetAt: number | undefined;
  readonly advice: string | undefined;

  constructor(
    message: string,
    readonly kind: ChannelErrorKind,
    readonly network: Network,
    options: ChannelErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ChannelError';
    this.status = options.status;
    this.resetAt = options.resetAt;
    this.advice = options.advice;
  }

  get retryable(): boolean {
    return (
      this.kind === 'rate-limit' ||
      this.kind === 'server' ||
      this.kind === 'timeout' ||
      this.kind === 'network'
    );
  }
}

/** A post that went out: the network's id for it (a tweet id, an AT URI, a Page post id) and where to see it. */
export interface PublishedPost {
  id: string;
  url?: string;
}

/** A mention as a channel finds it; the source that asked adds its own id and type. */
export type ChannelMention = Omit<Mention, 'source' | 'sourceType'>;

export interface ChannelBatch {
  mentions: ChannelMention[];
  /** store once every mention in the batch is alerted or held; absent: keep the old cursor */
  nextCursor?: string;
}

/**
 * One social network, for the configured accounts on it (each call names the config's account id, whose
 * credentials the adapter looks up). The posting engine, claims, retries, failure emails and audit are the same
 * for every network: only this port knows which one it talks to.
 */
export interface ChannelPort {
  readonly network: Network;
  post(account: string, text: string): Promise<PublishedPost>;
  /** takes a post down by the id `post` returned (a sign-off on the reopening day) */
  delete(account: string, postId: string): Promise<void>;
  /**
   * What mentions the account since `cursor` (a first run, without one, looks back a day), oldest or newest
   * first: callers sort. The account's own posts are left out.
   */
  mentions(account: string, cursor: string | undefined, now: Date): Promise<ChannelBatch>;
  /** posts matching `query` since `cursor`, where the network has a search (Facebook has none for Pages) */
  search?(account: string, query: string, cursor: string | undefined, now: Date): Promise<ChannelBatch>;
}

/** The channel of each configured account, by the config's account id. */
export interface Channels {
  forAccount(account: string): ChannelPort;
}
