import twitterText from 'twitter-text';

/** X's own length rule: URLs count 23, emoji and CJK count 2. (Kept apart: the Lambda bundles do not need it.) */
export function weightedLength(text: string): number {
  let length = measured.get(text);
  if (length === undefined) {
    length = twitterText.parseTweet(text).weightedLength;
    // a year's preview measures each variant dozens of times; the cache is bounded by the texts there are
    if (measured.size >= MEASURED_LIMIT) measured.clear();
    measured.set(text, length);
  }
  return length;
}

const MEASURED_LIMIT = 2000;
const measured = new Map<string, number>();
