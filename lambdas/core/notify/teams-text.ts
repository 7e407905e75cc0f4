/**
 * Text for an Adaptive Card that Teams shows exactly as written. A TextBlock renders a Markdown subset, and
 * Teams' clients disagree on backslash escapes (some show the backslash, some drop it), so escaping is not
 * enough: each character that could start markup is swapped for a look-alike that cannot, and anything a
 * client could turn into a link (a web address, a domain, an email address, a URL scheme) is broken up the
 * same way. Line breaks become spaces, so only the very start could open a block (a heading, a list), and that
 * marker is swapped too. The duty officer reads the real text in the urgent email; the card only has to be safe
 * and legible.
 */

/** markup characters and their look-alikes: ∗ ＿ ˋ ∼ ［ ］ ‹ › ∖ ｛ ｝ (braces start Adaptive Card date functions) */
const LOOKALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217',
  _: '\uFF3F',
  '`': '\u02CB',
  '~': '\u223C',
  '[': '\uFF3B',
  ']': '\uFF3D',
  '<': '\u2039',
  '>': '\u203A',
  '\\': '\u2216',
  '{': '\uFF5B',
  '}': '\uFF5D',
};
const MARKUP = /[*_`~[\]<>\\{}]/g;

/** C0 and C1 controls (whitespace aside) and the bidirectional overrides that can disguise what text says */
const INVISIBLE = /(?:(?!\s)\p{Cc}|[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069])/gu;
/**
 * A dot, or a character IDNA reads as one, between two letters or digits (an accent counts as part of its
 * letter): what makes `nhs.uk` a domain.
 */
const DOMAIN_DOT = /(?<=[\p{L}\p{M}\p{N}])[.\uFF0E\u3002\uFF61](?=[\p{L}\p{M}\p{N}])/gu;
/**
 * The colon of `https:`, `mailto:`, `javascript:`: a word that starts with a letter, then a colon, then more. It
 * becomes the look-alike ∶. (`10:30` and `2026-12-23T02:10` start with a digit and keep theirs.) The word's
 * characters include every dot DOMAIN_DOT swaps, so a second pass finds the same words as the first.
 */
const SCHEME_COLON =
  /(?<=(?:^|[^\p{L}\p{M}\p{N}+.\uFF0E\u3002\uFF61\u2024-])\p{L}[\p{L}\p{M}\p{N}+.\uFF0E\u3002\uFF61\u2024-]*):(?=\S)/gu;
/** a block that starts the text: a heading, a list item, a thematic break */
const LEADING_BLOCK = /^(#+|[-+]+|\d{1,9}[.)])(?=\s|$)/;
/** an HTML entity, which some renderers decode into the very characters swapped out above */
const ENTITY_AMPERSAND = /&(?=#?[\p{L}\p{N}]+;)/gu;

export function plainForTeams(text: string): string {
  return text
    .replace(INVISIBLE, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(MARKUP, (c) => LOOKALIKES[c] ?? c)
    .replace(ENTITY_AMPERSAND, '\uFF06')
    .replace(/\/\//g, '\u2215\u2215')
    .replace(SCHEME_COLON, '\u2236')
    .replace(DOMAIN_DOT, '\u2024')
    .replace(LEADING_BLOCK, (marker) =>
      marker
        .replace(/#/g, '\uFF03')
        .replace(/-/g, '\u2010')
        .replace(/\+/g, '\uFF0B')
        .replace(/\.$/, '\u2024')
        .replace(/\)$/, '\uFF09'),
    );
}

/** at most `max` characters (code points, so an emoji is never cut in half), marked when cut */
export function clipped(text: string, max: number, marker = '…'): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join('').trimEnd()}${marker}`;
}
