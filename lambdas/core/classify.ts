import {
  CRISIS_LEXICON_VERSION,
  CRISIS_RULES,
  CRISIS_SIGNALS,
  EXCLUSIONS,
  LITERAL_RULES,
  SIGNAL_PAIRS,
  SIGNAL_WORD_GROUPS,
  SIGNALS_URGENT_ALONE,
  WORD_GROUPS,
  type ExclusionRule,
  type SignalKind,
} from './crisis/crisis-lexicon';
import { normaliseMention, sentenceAround, straighten } from './crisis/normalise';
import { crisisTokens, scoreCrisisWords, type CrisisScore, type CrisisWords } from './crisis/crisis-words';
import CRISIS_WORDS_JSON from './crisis/crisis-words.json';
import {
  escapeRegExp,
  literalsSource,
  phraseSource,
  phraseTriggers,
  squash,
  type Spelling,
} from './crisis/phrase-pattern';

export { CRISIS_LEXICON_VERSION };

const CRISIS_WORDS = CRISIS_WORDS_JSON as CrisisWords;

/**
 * The crisis-word score (see crisis/crisis-words.ts) at or above which a mention is urgent with no rule matching,
 * and below which a rule's match is taken to be in text that is not about a person at risk. Chosen by
 * leave-one-set-out runs over the training sets (docs/classification.md), never on the hold-out sets.
 */
export const CRISIS_WORDS_URGENT = 0.6;
export const CRISIS_WORDS_VETO = 0.2;
/** how far a mention's own words must speak against a crisis (their sum of weights) for that veto */
export const CRISIS_WORDS_AGAINST = -1;
/** a sentence that reads no more urgent than this is judged by its whole mention's reading */
export const CRISIS_WORDS_UNSURE = 0.4;

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
  source: 'keyword' | 'lexicon' | 'signals' | 'words';
  /** the exclusion that explains this match away, if one does */
  explainedBy?: string;
}

/** A piece of a crisis found in the mention (see SIGNALS in the lexicon): urgent only with another. */
export interface SignalMatch extends Span {
  kind: SignalKind;
  label: string;
  explainedBy?: string;
}

export interface ExclusionMatch extends Span {
  label: string;
  source: 'notUrgent' | 'built-in';
  /** a sentence-wide context (news, the past, recovery) rather than a phrase */
  scope: ExclusionRule['scope'];
}

/** Everything `classify` knows about one mention: what `social-duty classify` shows the comms lead. */
export interface MentionAnalysis {
  classification: Classification;
  /** the text as the rules saw it: lower case, no links or @handles */
  normalised: string;
  /** every urgent match, including the ones an exclusion explains away */
  urgent: UrgentMatch[];
  /** every signal found, including the ones an exclusion explains away */
  signals: SignalMatch[];
  /** the exclusions found; only looked for when there is an urgent match to explain */
  exclusions: ExclusionMatch[];
  /** the crisis-word score, when the built-in lexicon is on */
  crisisWords?: CrisisScore;
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
export function compileAnalyser(
  keywords: MentionKeywords,
  /** other weights than the built-in ones: the training script's leave-one-set-out runs */
  words: CrisisWords = CRISIS_WORDS,
): (text: string) => MentionAnalysis {
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
    const signals: SignalMatch[] = [];
    if (lexicon)
      for (const signal of lexicon.signals) {
        if (signal.trigger && !signal.trigger.test(squashed)) continue;
        for (const span of spans(signal.pattern, normalised))
          signals.push({ ...span, kind: signal.kind, label: signal.label });
      }

    let exclusions = found.length > 0 || signals.length > 0 ? findExclusions(normalised, notUrgent) : [];
    for (const match of [...found, ...signals]) {
      const by = exclusions.find((e) => e.start < match.end && match.start < e.end);
      if (by) match.explainedBy = by.label;
    }
    found.push(...signalMatches(signals.filter((m) => m.explainedBy === undefined)));
    const crisisWords = lexicon ? scoreCrisisWords(words, text) : undefined;
    // the rules saw crisis language and an exclusion explained it: the context has spoken, the words do not
    // get a second say
    const explainedAway = found.length > 0 && found.every((m) => m.explainedBy !== undefined);
    if (lexicon) vetoUnlikely(found, exclusions, normalised, words, lexicon.topicTokens);
    const standing = found.filter((m) => m.explainedBy === undefined);
    const wordsAlone =
      !explainedAway && standing.length === 0 && (crisisWords?.score ?? 0) >= CRISIS_WORDS_URGENT;
    if (wordsAlone && found.length === 0 && signals.length === 0)
      exclusions = findExclusions(normalised, notUrgent);
    // a whole sentence read as news, the past, recovery or leaving says what the text is about: the words'
    // score is not a reason to page anyone then; and the phrases an exclusion accounted for ("the queue is
    // killing me") are read no further
    const reading =
      wordsAlone && crisisWords && !exclusions.some(readsAsContext)
        ? withoutPhrases(crisisWords, exclusions, normalised, words)
        : undefined;
    if (reading && reading.score >= CRISIS_WORDS_URGENT) {
      const label = `crisis words: ${reading.because.join(', ')}`;
      const match: UrgentMatch = {
        start: 0,
        end: normalised.length,
        text: normalised,
        label,
        source: 'words',
      };
      found.push(match);
      standing.push(match);
    }
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
        ...standing.filter((m) => m.source === 'signals' || m.source === 'words').map((m) => m.label),
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
    return {
      classification,
      normalised,
      urgent: found,
      signals,
      exclusions,
      ...(crisisWords ? { crisisWords } : {}),
    };
  };
}

/** the crisis words' reading of the text without the phrases exclusions explained, if there are any */
function withoutPhrases(
  reading: CrisisScore,
  exclusions: ExclusionMatch[],
  normalised: string,
  words: CrisisWords,
): CrisisScore {
  const phrases = exclusions.filter((e) => e.scope === 'phrase');
  return phrases.length === 0 ? reading : scoreCrisisWords(words, blank(normalised, phrases));
}

/** the text with each span's characters replaced by spaces, so positions and the rest stay as they were */
function blank(text: string, spans: readonly Span[]): string {
  let out = text;
  for (const s of spans) out = `${out.slice(0, s.start)}${' '.repeat(s.end - s.start)}${out.slice(s.end)}`;
  return out;
}

/** a sentence-wide context (news, the past, recovery, leaving) that says what a whole sentence is about */
function readsAsContext(exclusion: ExclusionMatch): boolean {
  return exclusion.scope === 'sentence' && !exclusion.label.startsWith('hyperbole');
}

/**
 * A rule's match in a sentence whose words read nothing like a person at risk now (an awareness post, a
 * recovery story, a joke) is explained away by that reading: a built-in context found by the crisis words
 * rather than by a phrase. Each sentence is read on its own, so "Inquest hears … . My son took an overdose
 * last night" still pages. A trust keyword is only explained this way when it is one of the topic words such
 * posts are written with ("suicide", "self-harm", "overdose"); any other keyword the trust chose stands.
 */
function vetoUnlikely(
  found: UrgentMatch[],
  exclusions: ExclusionMatch[],
  normalised: string,
  words: CrisisWords,
  topicTokens: ReadonlySet<string>,
): void {
  // the crisis words the rules found, and the phrases an exclusion has already accounted for ("the queue is
  // killing me"), are blanked out: it is the rest of the text that tells what the words are doing there
  const literal = found.filter(
    (m) => m.source === 'lexicon' && m.explainedBy === undefined && LITERAL_RULES.includes(m.label),
  );
  const context = blank(normalised, [
    ...found.filter((m) => m.source === 'keyword' || m.source === 'lexicon'),
    ...exclusions.filter((e) => e.scope === 'phrase'),
  ]);
  for (const match of found) {
    if (match.explainedBy !== undefined) continue;
    if (match.source === 'keyword' && !crisisTokens(match.label).every((t) => topicTokens.has(t))) continue;
    if (match.source === 'lexicon' && LITERAL_RULES.includes(match.label)) continue;
    // words that are part of an act or plan the phrases found are read with it
    if (literal.some((l) => l.start < match.end && match.start < l.end)) continue;
    const around = (from: number, to: number) => scoreCrisisWords(words, context.slice(from, to));
    const { start, end } = sentenceAround(normalised, match.start, match.end);
    const sentence = around(start, end);
    // the prior alone is no reading (a short mention has few words): only words that speak against a crisis
    // explain a match away; an unsure sentence is judged by the whole mention
    const against = (r: CrisisScore) => r.score < CRISIS_WORDS_VETO && r.evidence < CRISIS_WORDS_AGAINST;
    if (
      !against(sentence) &&
      !(sentence.score < CRISIS_WORDS_UNSURE && against(around(0, normalised.length)))
    )
      continue;
    match.explainedBy = `the rest of its sentence reads as awareness, news, the past or everyday talk (crisis-word score ${sentence.score.toFixed(2)})`;
  }
}

/**
 * The urgent matches the signals make: each signal of a kind urgent alone, and each pair of signals whose
 * kinds go together, in two different places of the mention. A pair's span runs from the first to the last.
 */
function signalMatches(signals: SignalMatch[]): UrgentMatch[] {
  const out: UrgentMatch[] = [];
  const seen = new Set<string>();
  const add = (label: string, start: number, end: number, text: string) => {
    if (seen.has(label)) return;
    seen.add(label);
    out.push({ start, end, text, label, source: 'signals' });
  };
  for (const a of signals) {
    if (SIGNALS_URGENT_ALONE.includes(a.kind)) add(a.label, a.start, a.end, a.text);
    for (const b of signals) {
      if (a === b || !SIGNAL_PAIRS[a.kind].includes(b.kind)) continue;
      if (a.start < b.end && b.start < a.end) continue;
      const [first, second] = a.start < b.start ? [a, b] : [b, a];
      const label = first.label === second.label ? first.label : `${first.label} + ${second.label}`;
      add(label, first.start, second.end, `${first.text} … ${second.text}`);
    }
  }
  return out;
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
      out.push({ ...span, label: `notUrgent: ${k.keyword}`, source: 'notUrgent', scope: 'phrase' });
  const squashed = squash(text);
  for (const exclusion of crisisLexicon().exclusions) {
    if (exclusion.trigger && !exclusion.trigger.test(squashed)) continue;
    for (const span of spans(exclusion.pattern, text)) {
      const { start, end } =
        exclusion.scope === 'sentence' ? sentenceAround(text, span.start, span.end) : span;
      out.push({
        start,
        end,
        text: text.slice(start, end),
        label: exclusion.label,
        source: 'built-in',
        scope: exclusion.scope,
      });
    }
  }
  return out;
}

export interface CompiledLexicon {
  /** `trigger` (not global) tests the squashed text; a rule without one always runs */
  rules: { label: string; pattern: RegExp; trigger: RegExp | undefined; triggers: string[] | undefined }[];
  signals: { kind: SignalKind; label: string; pattern: RegExp; trigger: RegExp | undefined }[];
  exclusions: {
    label: string;
    scope: ExclusionRule['scope'];
    pattern: RegExp;
    trigger: RegExp | undefined;
  }[];
  /** any rule's trigger words; not global, so `test` keeps no state between mentions */
  anyTrigger: RegExp;
  /** the single words of the lexicon's crisis topics ("suicide", "overdose"): crisis vocabulary by name */
  topicTokens: ReadonlySet<string>;
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
  const signalGroups = { ...WORD_GROUPS, ...SIGNAL_WORD_GROUPS };
  const signals = CRISIS_SIGNALS.map((signal) => {
    const found = phraseTriggers(signal.patterns, signalGroups, spellings);
    return {
      kind: signal.kind,
      label: signal.label,
      pattern: new RegExp(phraseSource(signal.patterns, signalGroups, cache), 'gu'),
      trigger: found && new RegExp(literalsSource(found), 'u'),
    };
  });
  return {
    rules,
    signals,
    topicTokens: new Set(WORD_GROUPS.topic.flatMap((t) => crisisTokens(t))),
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
