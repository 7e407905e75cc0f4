import twitterText from 'twitter-text';

/** X's own length rule: URLs count 23, emoji and CJK count 2. (Kept apart: the Lambda bundles do not need it.) */
export function weightedLength(text: string): number {
  return twitterText.parseTweet(text).weightedLength;
}

export const MAX_POST_LENGTH = 280;
