/**
 * The part of X's search query language the local server understands: keywords, "quoted phrases",
 * negation with `-`, `OR` between groups (AND binds tighter, as on X), and the operators `from:`, `to:`
 * and `is:reply|retweet|quote`. Matching is case-insensitive on whole words. Anything else (parentheses,
 * other operators) is rejected rather than silently matched differently from X.
 */

export interface SearchCandidate {
  text: string;
  authorUsername: string;
  inReplyToUsername?: string;
}

type Clause =
  | { kind: 'text'; pattern: RegExp; negated: boolean }
  | { kind: 'from' | 'to'; username: string; negated: boolean }
  | { kind: 'is'; what: 'reply' | 'retweet' | 'quote'; negated: boolean };

export type SearchMatcher = (candidate: SearchCandidate) => boolean;

export class SearchQueryError extends Error {}

const TOKEN = /(-?)"([^"]*)"|(\S+)/g;

export function parseSearchQuery(query: string): SearchMatcher {
  const groups: Clause[][] = [[]];
  for (const match of query.matchAll(TOKEN)) {
    const [, dash, phrase, bare] = match;
    if (phrase !== undefined) {
      const words = phrase.trim().split(/\s+/).filter(Boolean);
      if (words.length === 0) throw new SearchQueryError('empty quoted phrase');
      currentGroup(groups).push({ kind: 'text', pattern: wordsPattern(words), negated: dash === '-' });
    } else if (bare === 'OR') {
      groups.push([]);
    } else if (bare !== undefined) {
      currentGroup(groups).push(parseBareToken(bare));
    }
  }
  for (const group of groups) {
    if (!group.some((clause) => !clause.negated)) {
      throw new SearchQueryError('each part of the query needs at least one term that is not negated');
    }
  }
  return (candidate) => groups.some((group) => group.every((clause) => clauseHolds(clause, candidate)));
}

function currentGroup(groups: Clause[][]): Clause[] {
  const group = groups[groups.length - 1];
  if (!group) throw new SearchQueryError('empty query');
  return group;
}

function parseBareToken(token: string): Clause {
  const negated = token.startsWith('-') && token.length > 1;
  const body = negated ? token.slice(1) : token;
  if (/[()]/.test(body)) throw new SearchQueryError('parentheses are not supported by the local X API');
  const operator = /^([a-z_]+):(.+)$/i.exec(body);
  if (!operator) return { kind: 'text', pattern: wordsPattern([body]), negated };
  const [, name = '', value = ''] = operator;
  switch (name.toLowerCase()) {
    case 'from':
    case 'to':
      return {
        kind: name.toLowerCase() as 'from' | 'to',
        username: value.replace(/^@/, '').toLowerCase(),
        negated,
      };
    case 'is': {
      const what = value.toLowerCase();
      if (what === 'reply' || what === 'retweet' || what === 'quote') return { kind: 'is', what, negated };
      throw new SearchQueryError(`unsupported operator is:${value}`);
    }
    default:
      throw new SearchQueryError(`unsupported operator ${name}:`);
  }
}

function wordsPattern(words: string[]): RegExp {
  const body = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}_])${body}(?![\\p{L}\\p{N}_])`, 'iu');
}

function clauseHolds(clause: Clause, candidate: SearchCandidate): boolean {
  const holds = (() => {
    switch (clause.kind) {
      case 'text':
        return clause.pattern.test(candidate.text);
      case 'from':
        return candidate.authorUsername.toLowerCase() === clause.username;
      case 'to':
        return candidate.inReplyToUsername?.toLowerCase() === clause.username;
      case 'is':
        // the local X has replies but no reposts or quotes
        return clause.what === 'reply' && candidate.inReplyToUsername !== undefined;
    }
  })();
  return clause.negated ? !holds : holds;
}
