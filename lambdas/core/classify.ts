import {
  CRISIS_LEXICON_VERSION,
  CRISIS_RULES,
  EXCLUSIONS,
  WORD_GROUPS,
  type ExclusionRule,
} from './crisis/crisis-lexicon';
import { normaliseMention, sentenceAround, straighten } from './crisis/normalise';
import {
  escapeRegExp,
  literalsSource,
  phraseSource,
  phraseTriggers,
  squash,
  type Spelling,
} from './crisis/phrase-pattern';

export { CRISIS_LEXICON_VERSION };

export type MentionCategory = 'urgent' | 'concern' | 'general';

export interface Classification {
  category: MentionCategory;
  /**
   * Why: for an urgent mention, every urgent rule that matched and was not explained away (trust keywords
   * as written in the config, in config order, then built-in lexicon rules by label, in lexicon order);
   * for a concern, the concern keywords that matched; for general, nothing.
   */
  matched: string[];
}

export type KeywordMatcher = (text: string) => Classification;

/** `sweeps.keywords` from the config; missing `crisisLexicon` means on, missing `notUrgent` means none. */
export interface MentionKeywords {
  urgent: readonly string[];
  concern: readonly string[];
  crisisLexicon?: boolean;
  notUrgent?: readonly string[];
}

/** A text span in the normalised mention. */
export interface Span {
  start: number;
  end: number;
  /** the normalised words that matched */
  text: string;
}

export interface UrgentMatch extends Span {
  label: string;
  source: 'keyword' | 'lexicon';
  /** the exclusion that explains this match away, if one does */
  explainedBy?: string;
}

export interface ExclusionMatch extends Span {
  label: string;
  source: 'notUrgent' | 'built-in';
}

/** Everything `classify` knows about one mention: what `social-duty classify` shows the comms lead. */
export interface MentionAnalysis {
  classification: Classification;
  /** the text as the rules saw it: lower case, no links or @handles */
  normalised: string;
  /** every urgent match, including the ones an exclusion explains away */
  urgent: UrgentMatch[];
  /** the exclusions found; only looked for when there is an urgent match to explain */
  exclusions: ExclusionMatch[];
}

/**
 * Compiles the config's keywords once per sweep. A mention is urgent when a trust `urgent` keyword or (unless
 * `crisisLexicon: false`) a rule of the built-in crisis lexicon matches, and no exclusion explains that match
 * away; otherwise concern when a `concern` keyword matches; otherwise general.
 *
 * Keywords match case-insensitively on whole words and phrases: "appointment" does not match
 * "disappointment". A hashtag counts as its word (`#complaint`), and in a phrase spaces and hyphens are
 * interchangeable, so "self harm" also matches "self-harm" and "#selfharm". Only the word as written matches:
 * "complaint" does not match "complaints", so list the forms that matter (the example config lists both
 * "complaint" and "complain"); guessing at endings would also guess wrong. The built-in lexicon lists its
 * own word forms ("overdosed", "self-harming").
 *
 * Links and @handles are not read (a handle like @killingitpodcast must not match), curly apostrophes count
 * as straight ones and an apostrophe may be left out ("can't" matches "cant").
 *
 * An exclusion explains a match when their spans in the text overlap: "World Suicide Prevention Day"
 * explains the keyword "suicide" inside it, and nothing else, so "It's World Suicide Prevention Day and
 * honestly I want to end it all" is still urgent. Exclusions are the trust's `notUrgent` phrases and the
 * built-in awareness, news and figure-of-speech contexts (lambdas/core/crisis/crisis-lexicon.ts).
 */
export function compileKeywords(keywords: MentionKeywords): KeywordMatcher {
  const analyse = compileAnalyser(keywords);
  return (text) => analyse(text).classification;
}

export function classifyMention(text: string, keywords: MentionKeywords): Classification {
  return compileKeywords(keywords)(text);
}

/** Like `compileKeywords`, with the spans and the exclusions that explained matches away. */
export function compileAnalyser(keywords: MentionKeywords): (text: string) => MentionAnalysis {
  const urgent = keywords.urgent.flatMap(compileKeyword);
  const concern = keywords.concern.flatMap(compileKeyword);
  const notUrgent = (keywords.notUrgent ?? []).flatMap(compileKeyword);
  const lexicon = keywords.crisisLexicon === false ? undefined : crisisLexicon();
  return (text) => {
    const normalised = normaliseMention(text);
    const found: UrgentMatch[] = [];
    for (const k of urgent)
      for (const span of spans(k.pattern, normalised))
        found.push({ ...span, label: k.keyword, source: 'keyword' });
    // most mentions hold no crisis language at all: one test of the rules' trigger words rules them out
    const squashed = lexicon ? squash(normalised) : '';
    const triggered = lexicon ? lexicon.anyTrigger.test(squashed) : false;
    if (lexicon)
      for (const rule of lexicon.rules) {
        if (rule.trigger && !(triggered && rule.trigger.test(squashed))) continue;
        for (const span of spans(rule.pattern, normalised))
          found.push({ ...span, label: rule.label, source: 'lexicon' });
      }

    const exclusions = found.length > 0 ? findExclusions(normalised, notUrgent) : [];
    for (const match of found) {
      const by = exclusions.find((e) => e.start < match.end && match.start < e.end);
      if (by) match.explainedBy = by.label;
    }
    const standing = found.filter((m) => m.explainedBy === undefined);
    let classification: Classification;
    if (standing.length > 0) {
      // config order, then lexicon order: the order a reader of the config and the lexicon expects
      const labels = [
        ...urgent
          .map((k) => k.keyword)
          .filter((k) => standing.some((m) => m.source === 'keyword' && m.label === k)),
        ...(lexicon?.rules ?? [])
          .map((r) => r.label)
          .filter((l) => standing.some((m) => m.source === 'lexicon' && m.label === l)),
      ];
      classification = { category: 'urgent', matched: unique(labels) };
    } else {
      const concernHits = unique(
        concern.filter((k) => normalised.search(k.pattern) !== -1).map((k) => k.keyword),
      );
      classification =
        concernHits.length > 0
          ? { category: 'concern', matched: concernHits }
          : { category: 'general', matched: [] };
    }
    return { classification, normalised, urgent: found, exclusions };
  };
}

interface CompiledKeyword {
  keyword: string;
  /** global, so `spans` finds every occurrence; never call `test` on it (a global `test` keeps state) */
  pattern: RegExp;
}

/** none for a keyword with no words (" " or "-"): an empty pattern would match, and escalate, everything */
function compileKeyword(keyword: string): CompiledKeyword[] {
  const words = straighten(keyword)
    .trim()
    .split(/[\s-]+/)
    .filter(Boolean)
    // the same leniency as the lexicon: "can't cope" also matches "cant cope"
    .map((word) => word.split("'").map(escapeRegExp).join("'?"));
  if (words.length === 0) return [];
  // words of a phrase may be joined by spaces, a hyphen, or nothing at all (as in a hashtag)
  const body = words.join('[\\s\\-]*');
  // not inside a longer word: no letter or digit on either side (a # before it is fine)
  return [{ keyword, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'gu') }];
}

function spans(pattern: RegExp, text: string): Span[] {
  // `search` is much cheaper than `matchAll`, and nearly every pattern finds nothing
  if (text.search(pattern) === -1) return [];
  const out: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    // a pattern that matched the empty string would loop on the same place; none should, but never hang
    if (m[0].length === 0) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

function findExclusions(text: string, notUrgent: CompiledKeyword[]): ExclusionMatch[] {
  const out: ExclusionMatch[] = [];
  for (const k of notUrgent)
    for (const span of spans(k.pattern, text))
      out.push({ ...span, label: `notUrgent: ${k.keyword}`, source: 'notUrgent' });
  const squashed = squash(text);
  for (const exclusion of crisisLexicon().exclusions) {
    if (exclusion.trigger && !exclusion.trigger.test(squashed)) continue;
    for (const span of spans(exclusion.pattern, text)) {
      const { start, end } =
        exclusion.scope === 'sentence' ? sentenceAround(text, span.start, span.end) : span;
      out.push({ start, end, text: text.slice(start, end), label: exclusion.label, source: 'built-in' });
    }
  }
  return out;
}

export interface CompiledLexicon {
  /** `trigger` (not global) tests the squashed text; a rule without one always runs */
  rules: { label: string; pattern: RegExp; trigger: RegExp | undefined; triggers: string[] | undefined }[];
  exclusions: {
    label: string;
    scope: ExclusionRule['scope'];
    pattern: RegExp;
    trigger: RegExp | undefined;
  }[];
  /** any rule's trigger words; not global, so `test` keeps no state between mentions */
  anyTrigger: RegExp;
}

let compiled: CompiledLexicon | undefined;

/** The built-in lexicon, compiled on first use and then shared by every sweep in the process. */
export function crisisLexicon(): CompiledLexicon {
  return (compiled ??= compileCrisisLexicon());
}

/** A fresh compile of the built-in lexicon (what `crisisLexicon` does once); exported for timing and tests. */
export function compileCrisisLexicon(): CompiledLexicon {
  const cache = new Map<string, string>();
  const spellings = new Map<string, Spelling[] | undefined>();
  const rules = CRISIS_RULES.map((rule) => {
    const triggers = phraseTriggers(rule.patterns, WORD_GROUPS, spellings);
    return {
      label: rule.label,
      pattern: new RegExp(phraseSource(rule.patterns, WORD_GROUPS, cache), 'gu'),
      trigger: triggers && new RegExp(literalsSource(triggers), 'u'),
      triggers,
    };
  });
  const triggers = unique(rules.flatMap((r) => r.triggers ?? []));
  return {
    rules,
    exclusions: EXCLUSIONS.map((e) => {
      const found = phraseTriggers(e.patterns, WORD_GROUPS, spellings);
      return {
        label: e.label,
        scope: e.scope,
        pattern: new RegExp(phraseSource(e.patterns, WORD_GROUPS, cache), 'gu'),
        trigger: found && new RegExp(literalsSource(found), 'u'),
      };
    }),
    anyTrigger: new RegExp(literalsSource(triggers), 'u'),
  };
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
