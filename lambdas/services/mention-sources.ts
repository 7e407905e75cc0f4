import type { Config } from '../core/config/schema';
import { FeedSource } from '../adapters/feed-source';
import { XMentionsSource, XSearchSource } from '../adapters/x-mention-sources';
import type { MentionSource } from '../ports/mention-source';
import type { XClientPort } from '../ports/x-client';

export interface SourceOptions {
  feedTimeoutMs?: number;
  /** replaces each feed source's URL (local runs serve feeds from a local server) */
  feedUrl?: (sourceId: string, configuredUrl: string) => string;
}

/** One MentionSource per configured source. */
export function buildMentionSources(
  config: Config,
  x: XClientPort,
  options: SourceOptions = {},
): MentionSource[] {
  return (config.sweeps?.sources ?? []).map((source): MentionSource => {
    switch (source.type) {
      case 'x-mentions':
        return new XMentionsSource({
          id: source.id,
          account: source.account,
          handle: handleOf(config, source.account),
          client: x,
        });
      case 'x-search':
        return new XSearchSource({
          id: source.id,
          account: source.account,
          handle: handleOf(config, source.account),
          client: x,
          query: source.query,
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

function handleOf(config: Config, account: string): string {
  return config.accounts[account]?.handle ?? account;
}
