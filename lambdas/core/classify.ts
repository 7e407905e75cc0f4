export type MentionCategory = 'urgent' | 'concern' | 'general';

export interface Classification {
  category: MentionCategory;
  /** the configured keywords that matched, as written in the config */
  matched: string[];
}

export type KeywordMatcher = (text: string) => Classification;

/**
 * Compiles the config's keywords once per sweep. Matching is case-insensitive on whole words and phrases:
 * "appointment" does not match "disappointment". A hashtag counts as its word (`#complaint`), and in a phrase
 * spaces and hyphens are interchangeable, so "self harm" also matches "self-harm" and "#selfharm".
 * Only the word as written matches: "complaint" does not match "complaints", so list the forms that matter
 * (the example config lists both "complaint" and "complain"); guessing at endings would also guess wrong.
 */
export function compileKeywords(keywords: { urgent: string[]; concern: string[] }): KeywordMatcher {
  const urgent = keywords.urgent.flatMap(compileKeyword);
  const concern = keywords.concern.flatMap(compileKeyword);
  return (text) => {
    const urgentHits = urgent.filter((k) => k.pattern.test(text)).map((k) => k.keyword);
    if (urgentHits.length > 0) return { category: 'urgent', matched: urgentHits };
    const concernHits = concern.filter((k) => k.pattern.test(text)).map((k) => k.keyword);
    return concernHits.length > 0
      ? { category: 'concern', matched: concernHits }
      : { category: 'general', matched: [] };
  };
}

export function classifyMention(
  text: string,
  keywords: { urgent: string[]; concern: string[] },
): Classification {
  return compileKeywords(keywords)(text);
}

/** none for a keyword with no words (" " or "-"): an empty pattern would match, and escalate, everything */
function compileKeyword(keyword: string): { keyword: string; pattern: RegExp }[] {
  const words = keyword
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean)
    .map(escapeRegExp);
  if (words.length === 0) return [];
  // words of a phrase may be joined by spaces, a hyphen, or nothing at all (as in a hashtag)
  const body = words.join('[\\s\\-]*');
  // not inside a longer word: no letter or digit on either side (a # before it is fine)
  return [{ keyword, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'iu') }];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
