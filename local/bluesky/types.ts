/** Public shapes of the local Bluesky (PDS + AppView) stand-in: its options and its test/control surface. */
import type { LocalIdentity } from '../local-identity';
import type { FailureInjection } from '../x-api/types';

export interface LocalBlueskyAccount {
  handle: string;
  appPassword: string;
  /** derived from the handle when absent: `did:plc:` + 24 base32 characters of a hash of the handle */
  did?: string;
}

export interface BlueskyServerOptions {
  /** 0 (the default) picks a free port */
  port?: number;
  host?: string;
  /** the server's idea of now: createdAt/indexedAt of new items, fault windows, token expiry */
  clock?: () => Date;
  /** the accounts that can log in, by any key (the local runtime uses the config's account ids) */
  accounts?: Record<string, LocalBlueskyAccount>;
  /** answer `GET /_social-duty` with this */
  identity?: () => LocalIdentity;
  /** access JWT lifetime; 7200 by default, as the real PDS issues them (refresh JWTs last 90 days) */
  accessTokenSeconds?: number;
}

/** One post as the control surface reports it: every post, deleted ones included. */
export interface LocalBlueskyPost {
  uri: string;
  cid: string;
  authorDid: string;
  authorHandle: string;
  text: string;
  facets?: unknown[];
  reply?: { parent: string; root: string };
  createdAt: string;
  indexedAt: string;
  deleted: boolean;
  deletedAt?: string;
}

export interface NewBlueskyMention {
  /** the account mentioned/replied to: its handle */
  to: string;
  authorHandle: string;
  authorName?: string;
  text: string;
  /** 'mention' by default */
  reason?: 'mention' | 'reply' | 'quote';
  /** for reply/quote: the URI of the account's post replied to or quoted; default its latest post */
  subject?: string;
  /** ISO instant or Date; default the server clock's now */
  at?: string | Date;
}

/** a public post anyone can find by search */
export interface NewBlueskyPost {
  authorHandle: string;
  authorName?: string;
  text: string;
  at?: string | Date;
}

/** What tests, the local runtime and the `/_local/` routes drive. */
export interface LocalBlueskyControl {
  posts(): LocalBlueskyPost[];
  /** creates the other person's post (with a mention facet for reason 'mention') and the notification for `to` */
  addMention(input: NewBlueskyMention): LocalBlueskyPost;
  addPost(input: NewBlueskyPost): LocalBlueskyPost;
  /** every access JWT of that account is now expired (refreshing still works) */
  expireSessions(handle: string): void;
  /** createSession and refreshSession now fail for it; existing access JWTs are invalid */
  revokeAppPassword(handle: string): void;
  /** drops posts, notifications, sessions, faults and revocations; the accounts stay */
  reset(): void;
  injectFailure(failure: FailureInjection): void;
  clearFailures(): void;
}

export interface LocalBlueskyServer extends LocalBlueskyControl {
  /** base URL without a trailing slash, e.g. `http://127.0.0.1:53121` */
  url: string;
  port: number;
  close(): Promise<void>;
}
