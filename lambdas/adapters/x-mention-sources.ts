import type { Mention } from '../ports/mention';
import type { MentionSource, SourceBatch } from '../ports/mention-source';
import type { XClientPort, XPage, XTimelineQuery, XTweet } from '../ports/x-client';

const FIRST_RUN_LOOKBACK_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_PAGES = 10;

export interface XMentionSourceOptions {
  /** the config's source id, e.g. `x-mentions` */
  id: string;
  /** the config's account id whose credentials are used */
  account: string;
  /** the trust's own handle: its own posts are not mentions to act on */
  handle: string;
  client: XClientPort;
  /** pages fetched per sweep at most; a backlog beyond that is skipped, not re-read forever */
  maxPages?: number;
}

export interface XSearchSourceOptions extends XMentionSourceOptions {
  query: string;
}

type PageFetcher = (query: XTimelineQuery) => Promise<XPage>;

/** Shared sweep logic: since_id cursor, first run looks back 24 h, follow next_token, drop own posts. */
abstract class XTimelineSource implements MentionSource {
  readonly id: string;
  protected abstract readonly sourceType: Mention['sourceType'];
  private readonly ownHandle: string;
  private readonly maxPages: number;

  protected constructor(protected readonly options: XMentionSourceOptions) {
    this.id = options.id;
    this.ownHandle = options.handle.replace(/^@/, '').toLowerCase();
    this.maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  }

  protected abstract pageFetcher(): Promise<PageFetcher>;

  async fetchNew(cursor: string | undefined, now: Date): Promise<SourceBatch> {
    const fetchPage = await this.pageFetcher();
    const window: XTimelineQuery = cursor
      ? { sinceId: cursor }
      : { startTime: new Date(now.getTime() - FIRST_RUN_LOOKBACK_MS).toISOString() };

    const tweets: XTweet[] = [];
    let newestId = cursor;
    let paginationToken: string | undefined;
    let pages = 0;
    do {
      const page = await fetchPage({ ...window, ...(paginationToken ? { paginationToken } : {}) });
      pages += 1;
      tweets.push(...page.tweets);
      for (const id of [page.newestId, ...page.tweets.map((tweet) => tweet.id)]) {
        if (id && (newestId === undefined || BigInt(id) > BigInt(newestId))) newestId = id;
      }
      paginationToken = page.nextToken;
    } while (paginationToken && pages < this.maxPages);

    if (paginationToken) {
      console.warn(JSON.stringify({ message: 'X sweep stopped at the page limit', source: this.id, pages }));
    }
    return {
      mentions: tweets.filter((tweet) => !this.isOwnPost(tweet)).map((tweet) => this.toMention(tweet, now)),
      ...(newestId ? { nextCursor: newestId } : {}),
    };
  }

  private isOwnPost(tweet: XTweet): boolean {
    return tweet.authorUsername?.toLowerCase() === this.ownHandle;
  }

  private toMention(tweet: XTweet, now: Date): Mention {
    const username = tweet.authorUsername;
    return {
      source: this.id,
      sourceType: this.sourceType,
      id: tweet.id,
      author: username ? `@${username}` : `user ${tweet.authorId ?? 'unknown'}`,
      text: tweet.text,
      url: username
        ? `https://x.com/${username}/status/${tweet.id}`
        : `https://x.com/i/web/status/${tweet.id}`,
      at: tweet.createdAt ?? now.toISOString(),
    };
  }
}

/** The account's mention timeline (`GET /2/users/:id/mentions`). */
export class XMentionsSource extends XTimelineSource {
  protected readonly sourceType = 'x-mentions' as const;
  private userId: Promise<string> | undefined;

  constructor(options: XMentionSourceOptions) {
    super(options);
  }

  protected async pageFetcher(): Promise<PageFetcher> {
    const { client, account } = this.options;
    // the user id never changes: one `me` call per container
    this.userId ??= client.me(account).then((user) => user.id);
    this.userId.catch(() => (this.userId = undefined));
    const userId = await this.userId;
    return (query) => client.mentions(account, userId, query);
  }
}

/** Recent search (`GET /2/tweets/search/recent`) with the configured query. */
export class XSearchSource extends XTimelineSource {
  protected readonly sourceType = 'x-search' as const;
  private readonly query: string;

  constructor(options: XSearchSourceOptions) {
    super(options);
    this.query = options.query;
  }

  protected async pageFetcher(): Promise<PageFetcher> {
    const { client, account } = this.options;
    return (query) => client.search(account, this.query, query);
  }
}
