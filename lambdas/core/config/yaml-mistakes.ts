import type { LineCounter, YAMLError } from 'yaml';
import type { ConfigProblem } from './problems';

/**
 * The YAML parser's errors, turned into what a comms lead needs: the commonest slips (a tab, an apostrophe
 * inside single quotes, a quote left open, a colon inside plain text) each get one message that says what to
 * type instead. The parser's own message is kept for anything else. One slip confuses the parser for the rest
 * of the file, so its unrecognised errors after the first known slip are echoes of it and are left out.
 */
export function yamlMistakes(
  errors: readonly YAMLError[],
  text: string,
  lines: LineCounter,
): ConfigProblem[] {
  const sorted = [...errors].sort((a, b) => a.pos[0] - b.pos[0]);
  const tabs = sorted.filter((error) => error.code === 'TAB_AS_INDENT');
  // a tab shifts everything after it: the other errors are almost always its echoes
  if (tabs.length > 0) return [tabIndentation(tabs, lines)];

  const problems: ConfigProblem[] = [];
  const linesReported = new Set<number>();
  let recognised = false;
  for (const error of sorted) {
    const known = knownMistake(error, text, lines);
    if (!known && recognised) continue;
    const problem = known ?? parserProblem(error, lines);
    if (linesReported.has(problem.line)) continue;
    linesReported.add(problem.line);
    problems.push(problem);
    recognised ||= known !== undefined;
  }
  return problems;
}

function knownMistake(error: YAMLError, text: string, lines: LineCounter): ConfigProblem | undefined {
  const offset = error.pos[0];
  const at = (position: number, message: string): ConfigProblem => ({ ...lines.linePos(position), message });

  const apostrophe = apostropheBefore(text, offset);
  if (apostrophe) {
    return at(
      apostrophe.offset,
      `the apostrophe in ${apostrophe.word} ends the 'single-quoted' text: put the text in double quotes instead, or write the apostrophe twice (${apostrophe.word.replace("'", "''")})`,
    );
  }
  const unclosed = /^Missing closing (["'])quote/.exec(error.message);
  if (unclosed) {
    const quote = unclosed[1] as string;
    const opening = openingQuote(text, offset, quote);
    return at(opening, `the text that starts here has no closing ${quote}: add ${quote} at its end`);
  }
  if (error.code === 'BLOCK_AS_IMPLICIT_KEY') {
    const value = plainValueAt(text, offset);
    if (/:\s/.test(value)) {
      const quoted = /["\\]/.test(value) ? 'double quotes' : `double quotes: "${value}"`;
      return at(offset, `a colon and a space inside plain text start a new key: put the text in ${quoted}`);
    }
  }
  return undefined;
}

/** One message for every tab-indented line: they are all the same slip. */
function tabIndentation(tabs: readonly YAMLError[], lines: LineCounter): ConfigProblem {
  const lineNumbers = [...new Set(tabs.map((error) => lines.linePos(error.pos[0]).line))];
  const first = lines.linePos(tabs[0]?.pos[0] ?? 0);
  const others = lineNumbers.slice(1);
  const shown = others.slice(0, 5).join(', ');
  const more = others.length > 5 ? ` and ${others.length - 5} more` : '';
  const also =
    others.length === 0 ? '' : ` (so ${others.length === 1 ? 'is line' : 'are lines'} ${shown}${more})`;
  return { ...first, message: `line ${first.line} is indented with a tab; indent with spaces${also}` };
}

function parserProblem(error: YAMLError, lines: LineCounter): ConfigProblem {
  const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  return {
    line: pos.line,
    col: pos.col,
    message: `YAML: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`,
  };
}

const LETTER = /\p{L}/u;

/**
 * `'We're open'`: YAML reads `'We'` as the whole text and stumbles on `re`, just after the apostrophe. An
 * apostrophe between two letters, on a line where a single-quoted text opened before it, is that slip.
 */
function apostropheBefore(text: string, offset: number): { offset: number; word: string } | undefined {
  const quote = offset - 1;
  if (text[quote] !== "'" || !LETTER.test(text[quote - 1] ?? '') || !LETTER.test(text[offset] ?? '')) {
    return undefined;
  }
  const lineStart = text.lastIndexOf('\n', quote) + 1;
  const before = text.slice(lineStart, quote);
  if (!/(^|[\s[{,:-])'/.test(before)) return undefined;
  let start = quote - 1;
  while (start > lineStart && LETTER.test(text[start - 1] ?? '')) start--;
  let end = offset;
  while (end < text.length && LETTER.test(text[end] ?? '')) end++;
  return { offset: quote, word: text.slice(start, end) };
}

/**
 * Where the unclosed text began: the nearest unescaped quote before the point the parser gave up (`\"` and
 * `''` are quotes inside a text, not its start). Falls back to the parser's position.
 */
function openingQuote(text: string, offset: number, quote: string): number {
  for (let i = Math.min(offset, text.length - 1); i >= 0; i--) {
    if (text[i] !== quote) continue;
    if (quote === '"' && text[i - 1] === '\\') continue;
    if (quote === "'" && text[i - 1] === "'") {
      i--;
      continue;
    }
    return i;
  }
  return offset;
}

/** the rest of the line from `offset`, without a trailing comment */
function plainValueAt(text: string, offset: number): string {
  const lineEnd = text.indexOf('\n', offset);
  const rest = text.slice(offset, lineEnd < 0 ? text.length : lineEnd);
  return rest.replace(/\s+#.*$/, '').trim();
}
