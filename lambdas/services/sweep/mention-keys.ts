import { networkOfSource } from '../../core/source-labels';
import type { Mention } from '../../ports/mention';

/**
 * Each network's items share one namespace (a tweet is a tweet, whichever X source found it); each feed has its
 * own. The X namespace is `x`, as it was before other networks, so stored seen marks keep their meaning.
 */
export function seenNamespace(mention: Mention): string {
  return networkOfSource(mention.sourceType) ?? mention.source;
}

/** One key per mention across sweeps and stores: `x#<tweet id>`, `bluesky#<AT URI>`, `<feed source>#<entry id>`. */
export function mentionKey(mention: Mention): string {
  return `${seenNamespace(mention)}#${mention.id}`;
}

/**
 * Within one sweep, the same item reached twice is routed once: a tweet found by x-mentions and x-search, or a
 * page two feeds both list.
 */
export function routeKey(mention: Mention): string {
  const network = networkOfSource(mention.sourceType);
  return network ? `${network}:${mention.id}` : `web:${mention.url}`;
}
