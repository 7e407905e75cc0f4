import type { KeywordMatcher } from '../../core/classify';
import type { Mention } from '../../ports/mention';
import { MENTION_TTL_DAYS, type FoundMention, type MentionLedger } from '../../ports/state';
import { mentionKey, routeKey, seenNamespace } from './mention-keys';
import type { SourceRead } from './source-reader';

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A seen mark older than this whose item a feed still lists is written again. Feeds have no cursor: a quiet
 * Google Alert can list the same item for weeks, and an item without a date cannot be aged out, so its mark
 * must outlive the 30-day TTL for as long as the feed shows it.
 */
const RENEW_SEEN_AFTER_DAYS = 7;

/**
 * Whether a sweep ignores the mention as too old: published before the seen marks' retention. A mention with no
 * readable time is never too old (Date.parse gives NaN, which compares false).
 */
export function tooOldForSweep(mention: Pick<Mention, 'at'>, now: Date): boolean {
  return Date.parse(mention.at) < now.getTime() - MENTION_TTL_DAYS * DAY_MS;
}

/** What a sweep classifies a mention by: a feed item's title and its text together. */
export function classifyMention(classify: KeywordMatcher, mention: Pick<Mention, 'title' | 'text'>) {
  return classify(`${mention.title ?? ''} ${mention.text}`);
}

export interface NewMentions {
  /** what no earlier sweep saw, each once, classified, oldest first */
  fresh: FoundMention[];
  /** seen marks to write once the fresh mentions are safe: namespace → item ids */
  toMark: Map<string, string[]>;
}

/**
 * Sorts what the sources returned into mentions to act on and seen marks to write. Items published before the
 * seen marks' retention are ignored: their mark may have expired, and alerting them again would be noise.
 */
export async function newMentions(
  ledger: MentionLedger,
  reads: SourceRead[],
  classify: KeywordMatcher,
  now: Date,
): Promise<NewMentions> {
  const foundAt = now.toISOString();
  const renewBefore = now.getTime() - RENEW_SEEN_AFTER_DAYS * DAY_MS;
  const toMark = new Map<string, string[]>();
  const mark = (namespace: string, id: string) =>
    toMark.set(namespace, [...(toMark.get(namespace) ?? []), id]);
  const routed = new Set<string>();
  const fresh: FoundMention[] = [];

  const seenByRead = await Promise.all(
    reads.map((read) => {
      const first = read.mentions[0];
      return first
        ? ledger.seen(
            seenNamespace(first),
            read.mentions.map((m) => m.id),
          )
        : Promise.resolve(new Map<string, string>());
    }),
  );
  reads.forEach((read, i) => {
    const seen = seenByRead[i] as Map<string, string>;
    for (const mention of [...read.mentions].sort(byTime)) {
      const seenAt = seen.get(mention.id);
      if (seenAt !== undefined) {
        if (mention.sourceType === 'feed' && Date.parse(seenAt) < renewBefore)
          mark(seenNamespace(mention), mention.id);
        continue;
      }
      mark(seenNamespace(mention), mention.id);
      if (tooOldForSweep(mention, now)) continue;
      const route = routeKey(mention);
      if (routed.has(route)) continue;
      routed.add(route);
      const { category, matched } = classifyMention(classify, mention);
      fresh.push({ ...withoutExtras(mention), category, matched, foundAt, key: mentionKey(mention) });
    }
  });
  return { fresh: fresh.sort(byTime), toMark };
}

/** unparseable or missing times sort first and are never aged out (Date.parse gives NaN, which compares false) */
function byTime(a: Mention, b: Mention): number {
  return a.at.localeCompare(b.at);
}

function withoutExtras(mention: Mention): Mention {
  const { source, sourceType, id, author, text, url, at, title, timeSource } = mention;
  return {
    source,
    sourceType,
    id,
    author,
    text,
    url,
    at,
    ...(title === undefined ? {} : { title }),
    ...(timeSource === undefined ? {} : { timeSource }),
  };
}
