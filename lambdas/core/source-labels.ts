import { NETWORK_NAMES, SOURCE_NETWORKS, type Network, type SourceType } from './config/vocabulary';

/** the network a source reads, or undefined for a web feed */
export function networkOfSource(sourceType: SourceType): Network | undefined {
  return sourceType === 'feed' ? undefined : SOURCE_NETWORKS[sourceType];
}

const WHAT: Record<Exclude<SourceType, 'feed'>, string> = {
  'x-mentions': 'mention',
  'x-search': 'search',
  'bluesky-mentions': 'mention',
  'bluesky-search': 'search',
  'facebook-comments': 'comment',
};

/** where a mention was found, as the emails and cards say it: `X (mention)`, `Facebook (comment)`, `the web (id)` */
export function sourceLabel(sourceType: SourceType | undefined, sourceId: string): string {
  if (sourceType === undefined || sourceType === 'feed') return `the web (${sourceId})`;
  return `${NETWORK_NAMES[SOURCE_NETWORKS[sourceType]]} (${WHAT[sourceType]})`;
}

/** what the mention's link opens: `post on Bluesky`, `comment on Facebook`, `page` */
export function mentionLinkName(sourceType: SourceType): string {
  if (sourceType === 'feed') return 'page';
  const what = sourceType === 'facebook-comments' ? 'comment' : 'post';
  return `${what} on ${NETWORK_NAMES[SOURCE_NETWORKS[sourceType]]}`;
}

export function isXSource(sourceType: SourceType): boolean {
  return networkOfSource(sourceType) === 'x';
}
