import type { Config } from '../core/config/schema';
import { FeedSource } from '../adapters/feed-source';
import type { MentionSource } from '../ports/mention-source';
import { ChannelError, type Channels } from '../ports/channel';
import { channelSource } from './sweep/channel-source';

export interface SourceOptions {
  feedTimeoutMs?: number;
  /** replaces each feed source's URL (local runs serve feeds from a local server) */
  feedUrl?: (sourceId: string, configuredUrl: string) => string;
}

/** One MentionSource per configured source. */
export function buildMentionSources(
  config: Config,
  channels: Channels,
  options: SourceOptions = {},
): MentionSource[] {
  return (config.sweeps?.sources ?? []).map((source): MentionSource => {
    switch (source.type) {
      case 'x-mentions':
      case 'bluesky-mentions':
      case 'facebook-comments':
        return channelSource({
          id: source.id,
          sourceType: source.type,
          read: (cursor, now) => channels.forAccount(source.account).mentions(source.account, cursor, now),
        });
      case 'x-search':
      case 'bluesky-search':
        return channelSource({
          id: source.id,
          sourceType: source.type,
          read: (cursor, now) => searchOf(channels, source.account)(source.query, cursor, now),
        });
      case 'feed':
        return new FeedSource({
          id: source.id,
          url: options.feedUrl ? options.feedUrl(source.id, source.url) : source.url,
          ...(options.feedTimeoutMs ? { timeoutMs: options.feedTimeoutMs } : {}),
        });
    }
  });
}

/** the account's channel search; a network without one is a config the check should have refused */
function searchOf(channels: Channels, account: string) {
  const channel = channels.forAccount(account);
  const search = channel.search?.bind(channel);
  if (!search)
    return () =>
      Promise.reject(
        new ChannelError(`search is not available for "${account}"`, 'rejected', channel.network),
      );
  return (query: string, cursor: string | undefined, now: Date) => search(account, query, cursor, now);
}
