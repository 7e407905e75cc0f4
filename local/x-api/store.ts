import { compareIds, SnowflakeIds, TWEET_ID_PATTERN } from './snowflake';
import type { LocalTweet, LocalXUser, NewMention } from './types';

export interface StoredTweet {
  id: string;
  text: string;
  authorId: string;
  createdAt: Date;
  conversationId: string;
  inReplyToTweetId?: string;
  inReplyToUserId?: string;
  deletedAt?: Date;
}

/** A caller mistake the control surface reports as 400 (HTTP) or throws (methods). */
export class LocalInputError extends Error {}

const HOUR_MS = 3_600_000;
const MENTION_PATTERN = /(?<![\p{L}\p{N}_])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])/gu;

export function mentionedUsernames(text: string): Set<string> {
  return new Set([...text.matchAll(MENTION_PATTERN)].map((match) => (match[1] ?? '').toLowerCase()));
}

function normalisedForDuplicateCheck(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

/** Users and posts of the local X: the one mutable state of the server. */
export class XStore {
  private readonly ids = new SnowflakeIds();
  private readonly users = new Map<string, LocalXUser>();
  private readonly usersByToken = new Map<string, LocalXUser>();
  private readonly tweetsById = new Map<string, StoredTweet>();
  private nextUserNumber = 1;

  constructor(
    private readonly configuredAccounts: Record<string, LocalXUser>,
    private readonly duplicateWindowHours: number,
  ) {
    this.reset();
  }

  reset(): void {
    this.ids.clear();
    this.users.clear();
    this.usersByToken.clear();
    this.tweetsById.clear();
    this.nextUserNumber = 1;
    for (const [token, account] of Object.entries(this.configuredAccounts)) {
      const user = { ...account };
      this.users.set(user.id, user);
      this.usersByToken.set(token, user);
    }
  }

  /** An unknown access token gets its own made-up user, so a fresh local run works without setup. */
  userForToken(accessToken: string): LocalXUser {
    const known = this.usersByToken.get(accessToken);
    if (known) return known;
    const user = this.createUser(`local_user_${this.nextUserNumber}`, 'Local user');
    this.usersByToken.set(accessToken, user);
    return user;
  }

  userById(id: string): LocalXUser | undefined {
    return this.users.get(id);
  }

  userByUsername(username: string): LocalXUser | undefined {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((user) => user.username.toLowerCase() === wanted);
  }

  tweetById(id: string): StoredTweet | undefined {
    return this.tweetsById.get(id);
  }

  /** true when the author posted the same text recently and has not deleted it */
  isDuplicate(authorId: string, text: string, now: Date): boolean {
    const wanted = normalisedForDuplicateCheck(text);
    const since = now.getTime() - this.duplicateWindowHours * HOUR_MS;
    return [...this.tweetsById.values()].some(
      (tweet) =>
        tweet.authorId === authorId &&
        !tweet.deletedAt &&
        tweet.createdAt.getTime() >= since &&
        normalisedForDuplicateCheck(tweet.text) === wanted,
    );
  }

  createPost(author: LocalXUser, text: string, now: Date, inReplyToTweetId?: string): StoredTweet {
    const id = this.ids.next(now);
    return this.store(id, author, text, now, inReplyToTweetId);
  }

  addMention(input: NewMention, now: Date): StoredTweet {
    if (!input.authorUsername || !/^@?[A-Za-z0-9_]{1,15}$/.test(input.authorUsername)) {
      throw new LocalInputError('authorUsername must be an X username (1-15 letters, digits or _)');
    }
    if (typeof input.text !== 'string' || input.text.length === 0) {
      throw new LocalInputError('text must be a non-empty string');
    }
    const createdAt = input.createdAt === undefined ? now : new Date(input.createdAt);
    if (Number.isNaN(createdAt.getTime())) throw new LocalInputError('createdAt must be an ISO 8601 instant');
    if (input.inReplyTo !== undefined && !this.tweetsById.has(input.inReplyTo)) {
      throw new LocalInputError(`inReplyTo: no post with id ${input.inReplyTo}`);
    }
    const username = input.authorUsername.replace(/^@/, '');
    const author = this.userByUsername(username) ?? this.createUser(username, input.authorName ?? username);
    return this.store(this.mentionId(input.id, createdAt), author, input.text, createdAt, input.inReplyTo);
  }

  /** marks a post deleted (it stays in the control listing); false when there is nothing to delete */
  delete(id: string, now: Date): boolean {
    const tweet = this.tweetsById.get(id);
    if (!tweet || tweet.deletedAt) return false;
    tweet.deletedAt = now;
    return true;
  }

  /** live posts already created by `now`, newest first */
  visibleTweets(now: Date): StoredTweet[] {
    return [...this.tweetsById.values()]
      .filter((tweet) => !tweet.deletedAt && tweet.createdAt.getTime() <= now.getTime())
      .sort((a, b) => compareIds(b.id, a.id));
  }

  /** every post ever stored, deleted ones included, newest first */
  allTweets(): LocalTweet[] {
    return [...this.tweetsById.values()]
      .sort((a, b) => compareIds(b.id, a.id))
      .map((tweet) => this.toLocal(tweet));
  }

  toLocal(tweet: StoredTweet): LocalTweet {
    return {
      id: tweet.id,
      text: tweet.text,
      authorId: tweet.authorId,
      authorUsername: this.users.get(tweet.authorId)?.username ?? '',
      createdAt: tweet.createdAt.toISOString(),
      deleted: tweet.deletedAt !== undefined,
      ...(tweet.deletedAt ? { deletedAt: tweet.deletedAt.toISOString() } : {}),
      ...(tweet.inReplyToTweetId ? { inReplyToTweetId: tweet.inReplyToTweetId } : {}),
    };
  }

  /** on X, a reply mentions the replied-to author even when the text does not name them */
  mentions(tweet: StoredTweet, user: LocalXUser): boolean {
    return (
      tweet.inReplyToUserId === user.id || mentionedUsernames(tweet.text).has(user.username.toLowerCase())
    );
  }

  private mentionId(requested: string | undefined, createdAt: Date): string {
    if (requested === undefined) return this.ids.next(createdAt);
    if (!TWEET_ID_PATTERN.test(requested))
      throw new LocalInputError('id must be a numeric string of 1-19 digits');
    const canonical = BigInt(requested).toString();
    if (!this.ids.claim(canonical)) throw new LocalInputError(`id ${canonical} is already taken`);
    return canonical;
  }

  private store(
    id: string,
    author: LocalXUser,
    text: string,
    createdAt: Date,
    inReplyToTweetId?: string,
  ): StoredTweet {
    const parent = inReplyToTweetId ? this.tweetsById.get(inReplyToTweetId) : undefined;
    const tweet: StoredTweet = {
      id,
      text,
      authorId: author.id,
      createdAt,
      conversationId: parent?.conversationId ?? id,
      ...(parent ? { inReplyToTweetId: parent.id, inReplyToUserId: parent.authorId } : {}),
    };
    this.tweetsById.set(id, tweet);
    return tweet;
  }

  private createUser(username: string, name: string): LocalXUser {
    // user ids live in their own small range, far below any post id
    let id = String(9_000_000 + this.nextUserNumber++);
    while (this.users.has(id)) id = String(9_000_000 + this.nextUserNumber++);
    const user = { id, username, name };
    this.users.set(user.id, user);
    return user;
  }
}
