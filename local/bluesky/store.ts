import { randomBytes } from 'node:crypto';
import { cidFor, didForHandle, makeJwt, TidClock } from './ids';
import type { LocalBlueskyAccount, LocalBlueskyPost, NewBlueskyMention, NewBlueskyPost } from './types';

/** Input a person or test got wrong (unknown account, empty text): a 400 with a plain message. */
export class LocalInputError extends Error {}

const POST_COLLECTION = 'app.bsky.feed.post';
const REFRESH_SECONDS = 90 * 24 * 3600;

export interface Profile {
  did: string;
  handle: string;
  displayName?: string;
}

export interface StoredPost extends LocalBlueskyPost {
  rkey: string;
  record: Record<string, unknown>;
  indexedMs: number;
  seq: number;
}

export interface StoredNotification {
  seq: number;
  toDid: string;
  post: StoredPost;
  reason: 'mention' | 'reply' | 'quote';
  reasonSubject?: string;
}

interface Session {
  did: string;
  kind: 'access' | 'refresh';
  expMs: number;
  expired: boolean;
}

export type TokenCheck =
  { ok: true; account: Profile } | { ok: false; problem: 'missing' | 'unknown' | 'expired' | 'revoked' };

/** Ordering key for newest-first lists and their cursors: later first, then later-made first. */
export interface Position {
  ms: number;
  seq: number;
}

export function isOlder(item: Position, than: Position): boolean {
  return item.ms < than.ms || (item.ms === than.ms && item.seq < than.seq);
}

/** The stand-in's accounts, sessions, posts and notifications, in memory. */
export class BlueskyStore {
  private readonly accounts: (Profile & { appPassword: string })[];
  private readonly people = new Map<string, Profile>();
  private posts: StoredPost[] = [];
  private notifications: StoredNotification[] = [];
  private sessions = new Map<string, Session>();
  private revoked = new Set<string>();
  private readonly tids = new TidClock();
  private readonly secret = randomBytes(32);
  private nextSeq = 1;

  constructor(
    accounts: readonly LocalBlueskyAccount[],
    private readonly accessSeconds: number,
  ) {
    this.accounts = accounts.map((account) => ({
      did: account.did ?? didForHandle(account.handle),
      handle: account.handle.toLowerCase(),
      appPassword: account.appPassword,
    }));
  }

  allAccounts(): readonly Profile[] {
    return this.accounts.map(({ appPassword: _password, ...profile }) => profile);
  }

  /** an account or anyone who has posted, by handle or DID */
  profile(identifier: string): Profile | undefined {
    const key = identifier.toLowerCase();
    const account = this.accounts.find(
      (candidate) => candidate.handle === key || candidate.did === identifier,
    );
    if (account) return { did: account.did, handle: account.handle };
    for (const person of this.people.values())
      if (person.handle === key || person.did === identifier) return person;
    return undefined;
  }

  createSession(
    identifier: string,
    password: string,
    now: Date,
  ): { account: Profile; access: string; refresh: string } | undefined {
    const key = identifier.toLowerCase();
    const account = this.accounts.find(
      (candidate) => candidate.handle === key || candidate.did === identifier,
    );
    if (!account || account.appPassword !== password || this.revoked.has(account.did)) return undefined;
    return { account: { did: account.did, handle: account.handle }, ...this.issue(account.did, now) };
  }

  /** rotates: the refresh token used stops working */
  refreshSession(token: string | undefined, now: Date): TokenCheck & { access?: string; refresh?: string } {
    const checked = this.check(token, 'refresh', now);
    if (!checked.ok || !token) return checked;
    this.sessions.delete(token);
    return { ...checked, ...this.issue(checked.account.did, now) };
  }

  checkAccess(token: string | undefined, now: Date): TokenCheck {
    return this.check(token, 'access', now);
  }

  expireSessions(handle: string): void {
    const account = this.account(handle);
    for (const session of this.sessions.values())
      if (session.did === account.did && session.kind === 'access') session.expired = true;
  }

  revokeAppPassword(handle: string): void {
    this.revoked.add(this.account(handle).did);
  }

  createPost(
    author: Profile,
    record: Record<string, unknown>,
    rkey: string | undefined,
    now: Date,
  ): StoredPost {
    const key = rkey ?? this.tids.next(now);
    const uri = `at://${author.did}/${POST_COLLECTION}/${key}`;
    if (this.posts.some((post) => post.uri === uri && !post.deleted))
      throw new LocalInputError(`Record already exists: ${uri}`);
    return this.store(author, key, record, now);
  }

  /** true when there was a post to delete (the XRPC answer is the same either way) */
  deletePost(did: string, rkey: string, now: Date): boolean {
    const post = this.posts.find(
      (candidate) => candidate.uri === `at://${did}/${POST_COLLECTION}/${rkey}` && !candidate.deleted,
    );
    if (!post) return false;
    post.deleted = true;
    post.deletedAt = now.toISOString();
    return true;
  }

  addPost(input: NewBlueskyPost, now: Date): LocalBlueskyPost {
    const author = this.person(input.authorHandle, input.authorName);
    const at = instant(input.at, now);
    if (input.text.trim() === '') throw new LocalInputError('text must not be empty');
    return toLocal(
      this.store(
        author,
        this.tids.next(at),
        { $type: POST_COLLECTION, text: input.text, createdAt: at.toISOString() },
        at,
      ),
    );
  }

  addMention(input: NewBlueskyMention, now: Date): LocalBlueskyPost {
    const to = this.accounts.find((account) => account.handle === input.to.toLowerCase());
    if (!to) throw new LocalInputError(`no account with handle ${input.to}`);
    if (input.text.trim() === '') throw new LocalInputError('text must not be empty');
    const author = this.person(input.authorHandle, input.authorName);
    const at = instant(input.at, now);
    const reason = input.reason ?? 'mention';
    const record: Record<string, unknown> = {
      $type: POST_COLLECTION,
      text: input.text,
      createdAt: at.toISOString(),
    };
    let reasonSubject: string | undefined;
    if (reason === 'mention') {
      const mention = mentionFacet(input.text, to);
      record['text'] = mention.text;
      record['facets'] = [mention.facet];
    } else {
      const subject = this.subjectPost(to.did, input.subject);
      reasonSubject = subject.uri;
      const ref = { uri: subject.uri, cid: subject.cid };
      if (reason === 'reply') {
        const root = subject.record['reply'] as { root?: { uri: string; cid: string } } | undefined;
        record['reply'] = { root: root?.root ?? ref, parent: ref };
      } else record['embed'] = { $type: 'app.bsky.embed.record', record: ref };
    }
    const post = this.store(author, this.tids.next(at), record, at);
    this.notifications.push({
      seq: this.seq(),
      toDid: to.did,
      post,
      reason,
      ...(reasonSubject ? { reasonSubject } : {}),
    });
    return toLocal(post);
  }

  /** visible posts, newest first */
  visiblePosts(now: Date): StoredPost[] {
    return this.posts
      .filter((post) => !post.deleted && post.indexedMs <= now.getTime())
      .sort((a, b) => b.indexedMs - a.indexedMs || b.seq - a.seq);
  }

  notificationsFor(did: string, now: Date): StoredNotification[] {
    return this.notifications
      .filter((item) => item.toDid === did && item.post.indexedMs <= now.getTime())
      .sort((a, b) => b.post.indexedMs - a.post.indexedMs || b.seq - a.seq);
  }

  allPosts(): LocalBlueskyPost[] {
    return [...this.posts].sort((a, b) => b.indexedMs - a.indexedMs || b.seq - a.seq).map(toLocal);
  }

  allNotifications(): StoredNotification[] {
    return [...this.notifications].sort((a, b) => b.post.indexedMs - a.post.indexedMs || b.seq - a.seq);
  }

  reset(): void {
    this.posts = [];
    this.notifications = [];
    this.sessions.clear();
    this.revoked.clear();
    this.people.clear();
  }

  private store(author: Profile, rkey: string, record: Record<string, unknown>, at: Date): StoredPost {
    const uri = `at://${author.did}/${POST_COLLECTION}/${rkey}`;
    const reply = record['reply'] as { root: { uri: string }; parent: { uri: string } } | undefined;
    const createdAt = typeof record['createdAt'] === 'string' ? record['createdAt'] : at.toISOString();
    const post: StoredPost = {
      uri,
      cid: cidFor(`${uri}\n${JSON.stringify(record)}`),
      authorDid: author.did,
      authorHandle: author.handle,
      text: typeof record['text'] === 'string' ? record['text'] : '',
      ...(Array.isArray(record['facets']) ? { facets: record['facets'] as unknown[] } : {}),
      ...(reply ? { reply: { parent: reply.parent.uri, root: reply.root.uri } } : {}),
      createdAt,
      indexedAt: at.toISOString(),
      deleted: false,
      rkey,
      record,
      indexedMs: at.getTime(),
      seq: this.seq(),
    };
    this.posts.push(post);
    return post;
  }

  private subjectPost(did: string, uri: string | undefined): StoredPost {
    const own = this.posts
      .filter((post) => post.authorDid === did && !post.deleted)
      .sort((a, b) => b.indexedMs - a.indexedMs || b.seq - a.seq);
    const subject = uri === undefined ? own[0] : own.find((post) => post.uri === uri);
    if (!subject)
      throw new LocalInputError(
        uri ? `no post ${uri} by that account` : 'that account has no post to reply to or quote',
      );
    return subject;
  }

  private person(handle: string, displayName: string | undefined): Profile {
    const key = handle.trim().replace(/^@/, '').toLowerCase();
    if (!/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/.test(key))
      throw new LocalInputError(`authorHandle must be a handle such as someone.bsky.social`);
    const known = this.profile(key);
    const name = displayName?.trim();
    const person: Profile = {
      did: known?.did ?? didForHandle(key),
      handle: key,
      ...(name ? { displayName: name } : known?.displayName ? { displayName: known.displayName } : {}),
    };
    if (!this.accounts.some((account) => account.did === person.did)) this.people.set(person.did, person);
    return person;
  }

  private account(handle: string): Profile {
    const account = this.accounts.find((candidate) => candidate.handle === handle.toLowerCase());
    if (!account) throw new LocalInputError(`no account with handle ${handle}`);
    return account;
  }

  private check(token: string | undefined, kind: Session['kind'], now: Date): TokenCheck {
    if (!token) return { ok: false, problem: 'missing' };
    const session = this.sessions.get(token);
    if (!session || session.kind !== kind) return { ok: false, problem: 'unknown' };
    if (this.revoked.has(session.did)) return { ok: false, problem: 'revoked' };
    if (session.expired || now.getTime() >= session.expMs) return { ok: false, problem: 'expired' };
    const account = this.profile(session.did);
    return account ? { ok: true, account } : { ok: false, problem: 'unknown' };
  }

  private issue(did: string, now: Date): { access: string; refresh: string } {
    const iat = Math.floor(now.getTime() / 1000);
    const access = makeJwt(this.secret, {
      scope: 'com.atproto.appPass',
      sub: did,
      iat,
      exp: iat + this.accessSeconds,
    });
    const refresh = makeJwt(this.secret, {
      scope: 'com.atproto.refresh',
      sub: did,
      iat,
      exp: iat + REFRESH_SECONDS,
    });
    this.sessions.set(access, {
      did,
      kind: 'access',
      expMs: (iat + this.accessSeconds) * 1000,
      expired: false,
    });
    this.sessions.set(refresh, {
      did,
      kind: 'refresh',
      expMs: (iat + REFRESH_SECONDS) * 1000,
      expired: false,
    });
    return { access, refresh };
  }

  private seq(): number {
    const value = this.nextSeq;
    this.nextSeq += 1;
    return value;
  }
}

/** a mention facet over `@handle` in the text, which is prefixed with it when it does not name the account */
function mentionFacet(text: string, to: Profile): { text: string; facet: Record<string, unknown> } {
  const tag = `@${to.handle}`;
  const index = text.toLowerCase().indexOf(tag);
  const full = index < 0 ? `${tag} ${text}` : text;
  const start = Buffer.byteLength(full.slice(0, index < 0 ? 0 : index));
  return {
    text: full,
    facet: {
      index: { byteStart: start, byteEnd: start + Buffer.byteLength(tag) },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did: to.did }],
    },
  };
}

function instant(value: string | Date | undefined, now: Date): Date {
  const date = value === undefined ? now : value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new LocalInputError('at must be an ISO 8601 instant');
  return date;
}

export function toLocal(post: StoredPost): LocalBlueskyPost {
  const { rkey: _rkey, record: _record, indexedMs: _ms, seq: _seq, ...rest } = post;
  return rest;
}
