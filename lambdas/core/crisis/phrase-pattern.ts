/**
 * The small phrase language the crisis lexicon is written in, so the comms lead can read every rule without
 * reading regular expressions. A template is words separated by spaces, plus:
 *
 *   (a|b c|d)   exactly one of the choices; a choice may be several words
 *   [a|b c]     optionally one of the choices
 *   {name}      one of the phrases listed in the word group `name`
 *   *           up to three other words, within the same sentence
 *   <end>       the phrase stops here: only punctuation, an emoji or the end of the text may follow
 *   <number>    a number written in digits
 *   <many>      a number from 10 up, in digits ("took 30 paracetamol", not "took 2 paracetamol")
 *
 * Matching is on normalised text (see normalise.ts): lower case, straight apostrophes, no links or @handles.
 * Between words any run of spaces, hyphens or `#` is allowed, or nothing at all, so "self harm" also matches
 * "self-harm" and "#selfharm". An apostrophe in a template is optional in the text, so "can't" also matches
 * "cant" (people often leave it out), and the whole phrase never starts or ends inside a longer word.
 */

/** what may stand between two words of a phrase */
const SEP = '[\\s\\-#]*';
/** one word of the wildcard: never crosses a sentence end */
const WILD_WORD = '[^\\s.!?]+';
const WILD = `(?:\\s+${WILD_WORD}){0,3}`;
// an apostrophe does not end a phrase: "tomorrow's" goes on
const END = "(?=[\\s\\-#]*(?:$|[^\\p{L}\\p{N}\\s']))";
const NUMBER = '\\p{N}+(?:[.,]\\p{N}+)?';
const MANY = '[1-9]\\p{N}+';
const BEFORE = '(?<![\\p{L}\\p{N}])';
const AFTER = '(?![\\p{L}\\p{N}])';

export type WordGroups = Readonly<Record<string, readonly string[]>>;

type Item =
  | { kind: 'word'; text: string }
  | { kind: 'choice'; options: Item[][]; optional: boolean }
  | { kind: 'group'; name: string }
  | { kind: 'wild' }
  | { kind: 'end' }
  | { kind: 'number' }
  | { kind: 'many' };

/** A template the lexicon author got wrong: reported with the template, so a test names the bad line. */
export class PhraseTemplateError extends Error {
  constructor(template: string, problem: string) {
    super(`crisis lexicon template "${template}": ${problem}`);
    this.name = 'PhraseTemplateError';
  }
}

/**
 * Compiles phrase templates into the source of one regular expression (no flags; use with `gu`), whose
 * match is the whole phrase. Group sources are cached in `cache` so a group used by many rules is built once.
 */
export function phraseSource(
  templates: readonly string[],
  groups: WordGroups,
  cache: Map<string, string> = new Map(),
): string {
  const bodies = templates.map((t) => compileTemplate(t, groups, cache, []));
  return `${BEFORE}(?:${bodies.join('|')})${AFTER}`;
}

function compileTemplate(template: string, groups: WordGroups, cache: Map<string, string>, stack: string[]) {
  const items = parse(template);
  return compileSequence(items, template, groups, cache, stack);
}

function parse(template: string): Item[] {
  const tokens = template.match(/\(|\)|\[|\]|\||\{[^}]*\}|<[^>]*>|[^\s()[\]|{}<>]+/g) ?? [];
  let at = 0;
  const sequence = (closer: string | undefined): Item[][] => {
    const options: Item[][] = [[]];
    while (at < tokens.length) {
      const token = tokens[at++] as string;
      const current = options[options.length - 1] as Item[];
      if (token === closer) return options;
      if (token === '|') {
        if (closer === undefined) throw new PhraseTemplateError(template, '"|" outside ( ) or [ ]');
        options.push([]);
      } else if (token === '(' || token === '[') {
        const inner = sequence(token === '(' ? ')' : ']');
        if (inner.some((o) => o.length === 0))
          throw new PhraseTemplateError(template, 'an empty choice (write [a] for an optional word)');
        current.push({ kind: 'choice', options: inner, optional: token === '[' });
      } else if (token === ')' || token === ']') {
        throw new PhraseTemplateError(template, `unexpected "${token}"`);
      } else if (token.startsWith('{')) {
        current.push({ kind: 'group', name: token.slice(1, -1).trim() });
      } else if (token.toLowerCase() === '<end>') {
        current.push({ kind: 'end' });
      } else if (token === '<number>') {
        current.push({ kind: 'number' });
      } else if (token === '<many>') {
        current.push({ kind: 'many' });
      } else if (token.startsWith('<')) {
        throw new PhraseTemplateError(template, `unknown ${token} (only <end>, <number> and <many>)`);
      } else if (/[?+]/.test(token)) {
        throw new PhraseTemplateError(
          template,
          `"${token}" is not part of the phrase language (use [a] for optional)`,
        );
      } else if (token === '*') {
        current.push({ kind: 'wild' });
      } else {
        current.push({ kind: 'word', text: token.toLowerCase() });
      }
    }
    if (closer !== undefined) throw new PhraseTemplateError(template, `missing "${closer}"`);
    return options;
  };
  const [items] = sequence(undefined) as [Item[]];
  return items;
}

function compileSequence(
  items: Item[],
  template: string,
  groups: WordGroups,
  cache: Map<string, string>,
  stack: string[],
  inChoice = false,
): string {
  let out = '';
  let started = false;
  for (const item of items) {
    if (item.kind === 'end') {
      out += END;
      continue;
    }
    if (item.kind === 'wild') {
      if (!started) throw new PhraseTemplateError(template, '"*" before the first word');
      out += WILD;
      continue;
    }
    const source = compileItem(item, template, groups, cache, stack);
    const optional = item.kind === 'choice' && item.optional;
    if (optional) out += started ? `(?:${SEP}${source})?` : `(?:${source}${SEP})?`;
    else {
      out += started ? `${SEP}${source}` : source;
      started = true;
    }
  }
  // a phrase of optional words alone would match the empty string, and so every mention; a choice of
  // `<end>` alone ("(tonight|<end>)") is fine, as the phrase around it has words
  const onlyEnd = items.length > 0 && items.every((i) => i.kind === 'end');
  if (!started && !(inChoice && onlyEnd))
    throw new PhraseTemplateError(template, 'needs at least one word that is not optional');
  if (items[items.length - 1]?.kind === 'wild')
    throw new PhraseTemplateError(template, '"*" after the last word');
  return out;
}

function compileItem(
  item: Exclude<Item, { kind: 'end' } | { kind: 'wild' }>,
  template: string,
  groups: WordGroups,
  cache: Map<string, string>,
  stack: string[],
): string {
  switch (item.kind) {
    case 'word': {
      const source = compileWord(item.text);
      if (source === '') throw new PhraseTemplateError(template, `"${item.text}" has no letters`);
      return source;
    }
    case 'number':
      return NUMBER;
    case 'many':
      return MANY;
    case 'choice':
      return `(?:${item.options.map((o) => compileSequence(o, template, groups, cache, stack, true)).join('|')})`;
    case 'group': {
      const cached = cache.get(item.name);
      if (cached !== undefined) return cached;
      const phrases = groups[item.name];
      if (!phrases) throw new PhraseTemplateError(template, `unknown word group {${item.name}}`);
      if (stack.includes(item.name))
        throw new PhraseTemplateError(template, `word group {${item.name}} refers to itself`);
      const source = `(?:${phrases.map((p) => compileTemplate(p, groups, cache, [...stack, item.name])).join('|')})`;
      cache.set(item.name, source);
      return source;
    }
  }
}

/**
 * The text with everything a phrase may or may not have between and inside its words taken out (spaces,
 * hyphens, `#`, apostrophes), so "can't go on", "cant-go-on" and "#CantGoOn" all read "cantgoon". Triggers
 * (below) are looked for in this form.
 */
export function squash(text: string): string {
  // spaces first, the cheap way: they are nearly all there is to remove
  const spaceless = text.split(' ').join('');
  return SQUASHABLE.test(spaceless) ? spaceless.replace(/[\s\-#']+/g, '') : spaceless;
}

const SQUASHABLE = /[\s\-#']/;

/**
 * Pieces of squashed text at least one of which every match of the templates contains, or `undefined` when
 * there is no useful list. A mention holding none of them cannot match, so the rule need not run: this keeps
 * a sweep fast, as almost no mention holds crisis language. Runs of adjacent words count as one piece
 * ("cantgoon"), which is what makes a phrase of everyday words like "can't go on" cheap to rule out.
 */
export function phraseTriggers(
  templates: readonly string[],
  groups: WordGroups,
  cache: Map<string, Spelling[] | undefined> = new Map(),
): string[] | undefined {
  const all = new Set<string>();
  for (const template of templates) {
    const found = bestRun(parse(template), groups, cache);
    if (!found) return undefined;
    for (const t of found) all.add(t.text);
  }
  return [...all];
}

/** how good a trigger list must be to be worth having: below this most mentions would pass it anyway */
export const USEFUL_TRIGGER = 3;

/**
 * Everyday words, which say nothing about crisis on their own; a piece is only as rare as the letters of
 * its other words. Not a list to be complete, just the words these rules are built from.
 */
const COMMON = new Set(
  (
    'a an the i me my we you he she they it is are was be been am to of in on at for and or not no do does ' +
    'did have has had will would could should can just so all this that there here with want wants need ' +
    'going gonna get got go like feel feeling think thinking thought thoughts keep really about from off ' +
    'up out any more now today tonight tomorrow when how what who one some every self anymore much long ' +
    'longer only way see point something everything everyone life live living better without good time ' +
    'night morning week day still again never ever always people take taking took taken make made said ' +
    'says say saying tell told know help please thanks team staff ward care work home back over after last ' +
    'new end ending own his her their him them its im ive id ill dont cant wont isnt thats whats if than ' +
    'then by as our your us too very even around talking talk talks'
  ).split(' '),
);

/** beyond this many spellings a run is not worth listing */
const MAX_SPELLINGS = 64;
/** past this many rare letters a piece is rare enough; a shorter list then matters more */
const RARE_ENOUGH = 5;

/** a squashed spelling, how many of its letters come from words that are not everyday ones, and its words */
export interface Spelling {
  text: string;
  rare: number;
  words: number;
}

const EMPTY: Spelling = { text: '', rare: 0, words: 0 };

/**
 * Everyday words run together are rarer than each alone ("endit" is rare, "end" is not), so each word after
 * the first counts as three rare letters.
 */
function rarity(run: readonly Spelling[]): number {
  let min = Infinity;
  for (const s of run) min = Math.min(min, s.rare + 3 * Math.max(0, s.words - 1));
  return min;
}

function score(run: readonly Spelling[]): number {
  return Math.min(rarity(run), RARE_ENOUGH);
}

/** rare enough first, then the shortest list (cheapest to test), then the rarest */
function better(run: Spelling[], than: Spelling[] | undefined): boolean {
  if (!than) return true;
  if (score(run) !== score(than)) return score(run) > score(than);
  if (run.length !== than.length) return run.length < than.length;
  return rarity(run) > rarity(than);
}

function bestRun(items: Item[], groups: WordGroups, cache: Map<string, Spelling[] | undefined>) {
  let best: Spelling[] | undefined;
  for (let from = 0; from < items.length; from++) {
    let run: Spelling[] | undefined = [EMPTY];
    for (let to = from; to < items.length && run; to++) {
      run = product(run, spellings(items[to] as Item, groups, cache));
      if (run && !run.some((s) => s.text === '') && better(run, best)) best = run;
    }
  }
  return best && score(best) >= USEFUL_TRIGGER ? best : undefined;
}

function product(left: Spelling[], right: Spelling[] | undefined): Spelling[] | undefined {
  if (!right) return undefined;
  const out = new Map<string, Spelling>();
  for (const a of left)
    for (const b of right) {
      const joined = { text: a.text + b.text, rare: a.rare + b.rare, words: a.words + b.words };
      const seen = out.get(joined.text);
      // the same text reached two ways is only as rare as the commoner way
      if (!seen || score([joined]) < score([seen])) out.set(joined.text, joined);
    }
  return out.size > MAX_SPELLINGS ? undefined : [...out.values()];
}

/** every squashed text an item can match, or undefined when that is open-ended (a number, `*`) or too many */
function spellings(
  item: Item,
  groups: WordGroups,
  cache: Map<string, Spelling[] | undefined>,
): Spelling[] | undefined {
  switch (item.kind) {
    case 'word': {
      const text = squash(item.text);
      return [{ text, rare: COMMON.has(text) ? 0 : text.length, words: 1 }];
    }
    case 'end':
      return [EMPTY];
    case 'choice': {
      let out: Spelling[] = item.optional ? [EMPTY] : [];
      for (const option of item.options) {
        let run: Spelling[] | undefined = [EMPTY];
        for (const inner of option) run = run && product(run, spellings(inner, groups, cache));
        if (!run) return undefined;
        out = out.concat(run);
      }
      return product([EMPTY], out);
    }
    case 'group': {
      if (cache.has(item.name)) return cache.get(item.name);
      const phrases = groups[item.name];
      if (!phrases) return undefined;
      cache.set(item.name, undefined); // a group that refers to itself is open-ended
      const found = spellings(
        { kind: 'choice', optional: false, options: phrases.map((p) => parse(p)) },
        groups,
        cache,
      );
      cache.set(item.name, found);
      return found;
    }
    default:
      return undefined;
  }
}

/** a hyphen inside a word is a separator like a space ("co-codamol"); an apostrophe is optional */
function compileWord(word: string): string {
  return word
    .split('-')
    .filter(Boolean)
    .map((part) =>
      part
        .split("'")
        .map(escapeRegExp)
        .join("'?")
        // "'s" written at the start of a word ("he 's") is not a pattern anyone means; keep it literal
        .replace(/^'\?/, "'"),
    )
    .join(SEP);
}

const SPECIAL = '.*+?^${}()|[]\\/';

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * One regular expression source matching any of the literals, built as a trie ("kill(?:myself|meself)")
 * so the engine settles on one branch per letter instead of trying every literal in turn.
 */
export function literalsSource(literals: readonly string[]): string {
  interface Node {
    end: boolean;
    next: Map<string, Node>;
  }
  const root: Node = { end: false, next: new Map() };
  for (const literal of literals) {
    let node = root;
    for (const char of literal) {
      let child = node.next.get(char);
      if (!child) node.next.set(char, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: Node): string => {
    // a literal that ends here is enough: a longer one through this node adds nothing to "contains any"
    if (node.end) return '';
    const branches = [...node.next].map(
      ([char, child]) => (SPECIAL.includes(char) ? `\\${char}` : char) + emit(child),
    );
    return branches.length === 1 ? (branches[0] as string) : `(?:${branches.join('|')})`;
  };
  return literals.length === 0 ? '(?!)' : emit(root);
}
