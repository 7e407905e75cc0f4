/**
 * The channel port on Bluesky through the official `@atproto/api` client: posts with link and mention facets,
 * deletion by AT URI, mentions from notifications and search with `app.bsky.feed.searchPosts`.
 */
import { AtUri, RichText, type AppBskyRichtextFacet } from '@atproto/api';
import { ChannelError, type ChannelBatch, type ChannelMention, type ChannelPort } from '../ports/channel';
import type { AccountSecrets } from './account-secrets';
import { BlueskySessions, type BlueskyAccount, type BlueskySession } from './bluesky-session';

export type { BlueskyAccount } from './bluesky-session';

export interface BlueskyChannelOptions {
  accounts: Readonly<Record<string, BlueskyAccount>>;
  secrets: AccountSecrets;
  /** replaces every account's service URL (local runs) */
  serviceUrl?: string;
  /** per request; default 10 s */
  timeoutMs?: number;
  /** how far back a first sweep (no cursor) looks; default 24 */
  lookbackHours?: number;
  /**
   * A post whose exact text the account published within this many hours is refused as a duplicate, as X
   * does: it is how a retry after an unanswered attempt finds that the first one went out. Default 24.
   */
  duplicateWindowHours?: number;
  /** the duplicate window's and a post's createdAt idea of now; default the system clock */
  clock?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_LOOKBACK_HOURS = 24;
const DEFAULT_DUPLICATE_WINDOW_HOURS = 24;
/** pages followed per read; a busier account is read on from the same cursor next sweep */
const MAX_PAGES = 10;
const PAGE_SIZE = 100;
const AUTHOR_FEED_SIZE = 50;
/** notifications that are someone talking to or about the account (likes, follows and reposts are not) */
const MENTION_REASONS = new Set(['mention', 'reply', 'quote']);

export function blueskyChannel(options: BlueskyChannelOptions): ChannelPort {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const lookbackMs = (options.lookbackHours ?? DEFAULT_LOOKBACK_HOURS) * 3_600_000;
  const duplicateMs = (options.duplicateWindowHours ?? DEFAULT_DUPLICATE_WINDOW_HOURS) * 3_600_000;
  const clock = options.clock ?? (() => new Date());
  const sessions = new BlueskySessions({
    accounts: options.accounts,
    secrets: options.secrets,
    timeoutMs,
    ...(options.serviceUrl ? { serviceUrl: options.serviceUrl } : {}),
  });

  async function refuseDuplicate({ agent, did }: BlueskySession, text: string): Promise<void> {
    const { data } = await agent.app.bsky.feed.getAuthorFeed({
      actor: did,
      limit: AUTHOR_FEED_SIZE,
      filter: 'posts_no_replies',
    });
    const since = clock().getTime() - duplicateMs;
    const repeated = data.feed.some(
      ({ post }) =>
        post.author.did === did && textOf(post.record) === text && Date.parse(post.indexedAt) >= since,
    );
    if (repeated)
      throw new ChannelError('Bluesky post refused: the same text went out recently', 'duplicate', 'bluesky');
  }

  return {
    network: 'bluesky',

    async post(account, text) {
      const posted = await sessions.run(account, 'post', async (session) => {
        await refuseDuplicate(session, text);
        const rich = new RichText({ text });
        await rich.detectFacets(session.agent);
        const facets = resolvedFacets(rich.facets);
        return session.agent.post({
          text: rich.text,
          ...(facets.length > 0 ? { facets } : {}),
          createdAt: clock().toISOString(),
        });
      });
      const { handle } = sessions.accountOf(account);
      return { id: posted.uri, url: webUrl(handle, posted.uri) };
    },

    async delete(account, postId) {
      let uri: AtUri;
      try {
        uri = new AtUri(postId);
      } catch (error) {
        throw new ChannelError(`Bluesky delete: "${postId}" is not an AT URI`, 'rejected', 'bluesky', {
          cause: error,
        });
      }
      await sessions.run(account, 'delete', async ({ agent, did }) => {
        if (uri.hostname !== did)
          throw new ChannelError(
            `Bluesky delete: ${postId} belongs to another account`,
            'rejected',
            'bluesky',
          );
        // deleting a record that is already gone succeeds, so a repeated reopening is harmless
        await agent.deletePost(postId);
      });
    },

    mentions(account, cursor, now) {
      const afterMs = cursorMs(cursor, now, lookbackMs);
      return sessions.run(account, 'mentions', async ({ agent, did }) => {
        const found: IndexedMention[] = [];
        let page: string | undefined;
        pages: for (let index = 0; index < MAX_PAGES; index += 1) {
          const { data } = await agent.app.bsky.notification.listNotifications({
            limit: PAGE_SIZE,
            ...(page ? { cursor: page } : {}),
          });
          for (const notification of data.notifications) {
            // newest first: everything from here on was read by an earlier sweep
            if (Date.parse(notification.indexedAt) <= afterMs) break pages;
            if (!MENTION_REASONS.has(notification.reason) || notification.author.did === did) continue;
            found.push(
              toMention(
                notification.uri,
                notification.author.handle,
                notification.record,
                notification.indexedAt,
              ),
            );
          }
          page = data.cursor;
          if (!page || data.notifications.length === 0) break;
        }
        return batchOf(found);
      });
    },

    search(account, query, cursor, now) {
      const afterMs = cursorMs(cursor, now, lookbackMs);
      return sessions.run(account, 'search', async ({ agent, did }) => {
        const found: IndexedMention[] = [];
        let page: string | undefined;
        for (let index = 0; index < MAX_PAGES; index += 1) {
          const { data } = await agent.app.bsky.feed.searchPosts({
            q: query,
            sort: 'latest',
            since: new Date(afterMs).toISOString(),
            limit: PAGE_SIZE,
            ...(page ? { cursor: page } : {}),
          });
          for (const post of data.posts) {
            // `since` is inclusive and compared with the post's own clock: the cursor is the index time
            if (Date.parse(post.indexedAt) <= afterMs || post.author.did === did) continue;
            found.push(toMention(post.uri, post.author.handle, post.record, post.indexedAt));
          }
          page = data.cursor;
          if (!page || data.posts.length === 0) break;
        }
        return batchOf(found);
      });
    },
  };
}

/** the instant after which items are new: the stored cursor, or the lookback on a first sweep */
function cursorMs(cursor: string | undefined, now: Date, lookbackMs: number): number {
  const stored = cursor === undefined ? Number.NaN : Date.parse(cursor);
  return Number.isFinite(stored) ? stored : now.getTime() - lookbackMs;
}

/** Mentions deduplicated by URI; the cursor is the newest index time seen (absent: nothing new). */
function batchOf(mentions: IndexedMention[]): ChannelBatch {
  const unique = [...new Map(mentions.map((mention) => [mention.id, mention])).values()];
  const newest = unique.reduce(
    (latest, mention) => Math.max(latest, Date.parse(mention.indexedAt)),
    -Infinity,
  );
  return {
    mentions: unique.map(({ indexedAt: _indexedAt, ...mention }) => mention),
    ...(unique.length > 0 ? { nextCursor: new Date(newest).toISOString() } : {}),
  };
}

type IndexedMention = ChannelMention & { indexedAt: string };

function toMention(uri: string, handle: string, record: unknown, indexedAt: string): IndexedMention {
  const createdAt = isRecord(record) && typeof record['createdAt'] === 'string' ? record['createdAt'] : '';
  const createdMs = Date.parse(createdAt);
  return {
    id: uri,
    author: `@${handle}`,
    text: textOf(record),
    url: webUrl(handle, uri),
    // the author's own clock, unless it is unreadable or claims the future
    at: new Date(
      Number.isFinite(createdMs) ? Math.min(createdMs, Date.parse(indexedAt)) : Date.parse(indexedAt),
    ).toISOString(),
    indexedAt,
  };
}

/** a mention whose handle did not resolve has an empty DID, which the PDS refuses: it stays plain text */
function resolvedFacets(facets: AppBskyRichtextFacet.Main[] | undefined): AppBskyRichtextFacet.Main[] {
  return (facets ?? []).filter((facet) =>
    facet.features.every((feature) => !('did' in feature) || feature['did'] !== ''),
  );
}

function webUrl(handle: string, uri: string): string {
  const rkey = uri.split('/').pop() ?? uri;
  return `https://bsky.app/profile/${handle}/post/${encodeURIComponent(rkey)}`;
}

function textOf(record: unknown): string {
  return isRecord(record) && typeof record['text'] === 'string' ? record['text'] : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
