import type { Mention } from '../../ports/mention';

/** X items share one namespace (a tweet is a tweet, whichever source found it); each feed has its own. */
export function seenNamespace(mention: Mention): string {
  return mention.sourceType === 'feed' ? mention.source : 'x';
}

/** One key per mention across sweeps and stores: `x#<tweet id>`, `<feed source>#<entry id>`. */
export function mentionKey(mention: Mention): string {
  return `${seenNamespace(mention)}#${mention.id}`;
}

/**
 * Within one sweep, the same item reached twice is routed once: a tweet found by x-mentions and x-search, or a
 * page two feeds both list.
 */
export function routeKey(mention: Mention): string {
  return mention.sourceType === 'feed' ? `web:${mention.url}` : `x:${mention.id}`;
}
