import type { Network } from './config/vocabulary';
import { weightedLength } from './weighted-length';

/** How long a post is by its network's own rule, and the most that network takes. */
export interface PostLength {
  length: number;
  limit: number;
  /** how the length was counted, for the message `check` prints */
  counted: string;
}

/**
 * Bluesky's post record allows 300 graphemes and 3,000 bytes of UTF-8 (app.bsky.feed.post, `maxGraphemes` and
 * `maxLength`); a link counts in full, as it is in the text. A Facebook Page post's message may be 63,206
 * characters. X counts by weight: links 23, emoji and CJK 2.
 */
export const BLUESKY_MAX_GRAPHEMES = 300;
export const BLUESKY_MAX_BYTES = 3000;
export const FACEBOOK_MAX_CHARACTERS = 63_206;
export const X_MAX_WEIGHT = 280;

export function postLength(network: Network, text: string): PostLength {
  switch (network) {
    case 'x':
      return { length: weightedLength(text), limit: X_MAX_WEIGHT, counted: "characters by X's count" };
    case 'bluesky': {
      const graphemes = graphemeCount(text);
      const bytes = utf8.encode(text).length;
      // only a text of long multi-byte graphemes (flags, family emoji) hits the byte limit first
      return bytes > BLUESKY_MAX_BYTES && graphemes <= BLUESKY_MAX_GRAPHEMES
        ? { length: bytes, limit: BLUESKY_MAX_BYTES, counted: 'bytes of UTF-8 on Bluesky' }
        : { length: graphemes, limit: BLUESKY_MAX_GRAPHEMES, counted: 'characters on Bluesky (graphemes)' };
    }
    case 'facebook':
      return { length: [...text].length, limit: FACEBOOK_MAX_CHARACTERS, counted: 'characters on Facebook' };
  }
}

const utf8 = new TextEncoder();
const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/** what a reader sees as one character: 👩‍👩‍👧 and 🇬🇧 are one each */
export function graphemeCount(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}
