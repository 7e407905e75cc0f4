/**
 * What a mention looks like to the rules. Every rule, trust keyword and exclusion is matched against this one
 * string, so the text spans they report can be compared with each other.
 */
export function normaliseMention(text: string): string {
  // each step is skipped when it has nothing to do: a sweep normalises every mention it finds
  let t = straighten(text);
  // X sends `&amp;` and friends; a rule written "a&e" should not have to know
  if (t.includes('&')) t = t.replace(/&(amp|lt|gt);/g, (_, e: string) => ENTITIES[e] ?? '');
  // links say nothing about the person, and a path like /how-to-kill-time would match; a handle names an
  // account, not a feeling: @killingitpodcast must not match anything
  if (t.includes('/') || t.includes('www.') || t.includes('@')) t = t.replace(LINK_OR_HANDLE, ' ');
  if (DOMAIN_PROBE.test(t)) t = t.replace(DOMAIN, ' ');
  if (!ASCII.test(t)) t = t.replace(INVISIBLE, '');
  if (UNTIDY_SPACE.test(t)) t = t.replace(/[^\S\n]+/g, ' ').replace(/\s*\n\s*/g, '\n');
  return t.trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };
const LINK_OR_HANDLE = /\bhttps?:\/\/\S*|\bwww\.\S*|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_]+/gu;
const DOMAIN_PROBE = /\.(?:com|org|net|uk|io|ly|co)(?![\p{L}\p{N}])/u;
const DOMAIN = /\b(?:[a-z0-9-]+\.)+(?:com|org|net|uk|io|ly|co)(?:\/\S*)?(?![\p{L}\p{N}])/gu;
/** nothing outside ASCII, so the Unicode steps can be skipped (the common case) */
const ASCII = /^[\p{ASCII}]*$/u;
/** invisible characters are sometimes put inside words to dodge filters */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** anything but single spaces between words */
const UNTIDY_SPACE = /[^\S ]| {2}|^ | $/;

/**
 * The same treatment for a phrase from the config, so "can’t cope" in YAML matches "can't cope" in a tweet:
 * compatibility decomposition folds styled letters (𝓼𝓾𝓲𝓬𝓲𝓭𝓮) and the ellipsis character into plain ones,
 * and dropping the accents then makes "Crisis Café" and "crisis cafe" the same phrase.
 */
export function straighten(text: string): string {
  if (ASCII.test(text))
    return text.includes('`') ? text.toLowerCase().replace(/`/g, "'") : text.toLowerCase();
  return text
    .replace(/[\u2018\u2019\u201b\u02bc\u0060\u00b4\u2032]/g, "'")
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The sentence around a span: sentences end at . ! ? or a line break. */
export function sentenceAround(text: string, start: number, end: number): { start: number; end: number } {
  let from = start;
  while (from > 0 && !isSentenceEnd(text.charAt(from - 1))) from--;
  let to = end;
  while (to < text.length && !isSentenceEnd(text.charAt(to))) to++;
  return { start: from, end: to };
}

function isSentenceEnd(char: string): boolean {
  return char === '.' || char === '!' || char === '?' || char === '\n';
}
