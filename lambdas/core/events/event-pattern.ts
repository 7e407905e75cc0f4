/**
 * EventBridge event patterns: `matchesPattern` decides, as EventBridge does, whether a rule's pattern takes an
 * event, and `patternProblems` lists what EventBridge would refuse as an invalid pattern (PutRule's
 * InvalidEventPatternException), in AWS's words where they are plain. The local EventBridge stand-in routes
 * with these, so a pattern that works locally works on AWS.
 *
 * What AWS documents, and this follows:
 * - every field the pattern names must match; a leaf is a non-empty array of alternatives, any of which may match
 * - `$or: [p1, p2, …]` (two or more patterns) matches when any of them matches at that level
 * - an array in the event matches when any of its elements does; objects in an array are matched one element at a
 *   time, so fields from two different elements never make a match together
 * - exact values keep their JSON type: "300" is not 300, `null` matches only null and "" only ""
 * - prefix, suffix, equals-ignore-case, wildcard and cidr look at strings only; numeric at numbers only
 * - exists looks at leaves only: a field holding an object (or an empty array) does not exist for it
 * - anything-but needs the field to be there: a missing field never matches; null or another type does
 *
 * Not modelled: the wildcard complexity limit ("Rule is too complex"), numeric's ±5e9 range and its six decimal
 * places, the limits on a pattern's size, and EventBridge's quirk of reading a field name with a dot in it
 * (`"a.b"`) as a path (`a` then `b`).
 */

export type EventPattern = Readonly<Record<string, unknown>>;

type Leaf = string | number | boolean | null;
type Json = Record<string, unknown>;

const OR = '$or';
const NUMERIC_OPERATORS = ['=', '<', '<=', '>', '>='] as const;
const ANYTHING_BUT_NESTED = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard'] as const;

/** Whether EventBridge would deliver `event` to a rule with `pattern`. An invalid pattern matches nothing. */
export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  return patternProblems(pattern).length === 0 && matchObject(pattern, event);
}

/** What is wrong with `pattern`, each as `path: reason`; empty when EventBridge would accept it. */
export function patternProblems(pattern: unknown): string[] {
  if (!isObject(pattern)) return ['Filter is not an object'];
  const problems: string[] = [];
  checkObject(pattern, '', problems);
  return problems;
}

// ---- matching ----

function matchObject(pattern: Json, value: unknown): boolean {
  if (Array.isArray(value)) {
    const items = value.flat(Infinity) as unknown[];
    // an empty array holds no fields, so only absence can match under it
    if (items.length === 0) return matchObject(pattern, undefined);
    return items.some((item) => matchObject(pattern, item));
  }
  const fields: Json = isObject(value) ? value : {};
  return Object.entries(pattern).every(([key, spec]) => {
    if (key === OR && Array.isArray(spec)) return spec.some((branch) => matchObject(branch as Json, value));
    if (Array.isArray(spec)) return spec.some((matcher) => matchOne(matcher, leavesOf(fields, key)));
    return matchObject(spec as Json, Object.hasOwn(fields, key) ? fields[key] : undefined);
  });
}

/** the field's values that exact and content matching can see: strings, numbers, booleans and nulls */
function leavesOf(fields: Json, key: string): Leaf[] {
  if (!Object.hasOwn(fields, key)) return [];
  const value = fields[key];
  if (Array.isArray(value)) return (value.flat(Infinity) as unknown[]).filter(isLeaf);
  return isLeaf(value) ? [value] : [];
}

function matchOne(matcher: unknown, leaves: Leaf[]): boolean {
  if (isLeaf(matcher)) return leaves.some((leaf) => leaf === matcher);
  const [operator, operand] = Object.entries(matcher as Json)[0] as [string, unknown];
  if (operator === 'exists') return (operand === true) === leaves.length > 0;
  if (operator === 'anything-but') return leaves.some((leaf) => !excludedBy(operand, leaf));
  return leaves.some((leaf) => contentMatches(operator, operand, leaf));
}

function excludedBy(operand: unknown, leaf: Leaf): boolean {
  if (Array.isArray(operand)) return operand.some((value) => value === leaf);
  if (!isObject(operand)) return operand === leaf;
  const [operator, values] = Object.entries(operand)[0] as [string, unknown];
  return (Array.isArray(values) ? values : [values]).some((value) => contentMatches(operator, value, leaf));
}

function contentMatches(operator: string, operand: unknown, leaf: Leaf): boolean {
  if (operator === 'numeric') return typeof leaf === 'number' && inNumericRange(operand as unknown[], leaf);
  if (typeof leaf !== 'string') return false;
  switch (operator) {
    case 'prefix':
      return typeof operand === 'string'
        ? leaf.startsWith(operand)
        : fold(leaf).startsWith(fold(ignoringCase(operand)));
    case 'suffix':
      return typeof operand === 'string'
        ? leaf.endsWith(operand)
        : fold(leaf).endsWith(fold(ignoringCase(operand)));
    case 'equals-ignore-case':
      return fold(leaf) === fold(operand as string);
    case 'wildcard':
      return wildcardMatches(operand as string, leaf);
    case 'cidr':
      return cidrContains(operand as string, leaf);
    default:
      return false;
  }
}

function ignoringCase(operand: unknown): string {
  return (operand as Record<'equals-ignore-case', string>)['equals-ignore-case'];
}

function fold(text: string): string {
  return text.toLowerCase();
}

function inNumericRange(spec: unknown[], value: number): boolean {
  for (let i = 0; i < spec.length; i += 2) {
    const bound = spec[i + 1] as number;
    const holds = {
      '=': value === bound,
      '<': value < bound,
      '<=': value <= bound,
      '>': value > bound,
      '>=': value >= bound,
    }[spec[i] as (typeof NUMERIC_OPERATORS)[number]];
    if (!holds) return false;
  }
  return true;
}

/** `*` stands for any run of characters; taking the leftmost fit of each piece never loses a match */
function wildcardMatches(pattern: string, text: string): boolean {
  const pieces = wildcardPieces(pattern).pieces;
  if (pieces.length === 1) return text === pieces[0];
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  if (text.length < first.length + last.length || !text.startsWith(first) || !text.endsWith(last))
    return false;
  const end = text.length - last.length;
  let position = first.length;
  for (const piece of pieces.slice(1, -1)) {
    const found = text.indexOf(piece, position);
    if (found < 0 || found + piece.length > end) return false;
    position = found + piece.length;
  }
  return true;
}

/** the literal pieces around unescaped stars (`\*` is a star, `\\` a backslash), or the first problem */
function wildcardPieces(pattern: string): { pieces: string[]; problem?: string } {
  const pieces: string[] = [];
  let current = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '\\') {
      const next = pattern[i + 1];
      if (next !== '*' && next !== '\\') return { pieces, problem: `Invalid escape character at pos ${i}` };
      current += next;
      i++;
    } else if (char === '*') {
      if (pattern[i + 1] === '*')
        return { pieces, problem: `Consecutive wildcard characters at pos ${i + 1}` };
      pieces.push(current);
      current = '';
    } else current += char;
  }
  pieces.push(current);
  return { pieces };
}

function cidrContains(cidr: string, address: string): boolean {
  const block = parseCidr(cidr);
  const bytes = parseIp(address);
  if (typeof block === 'string' || !bytes || bytes.length !== block.bytes.length) return false;
  for (let bit = 0; bit < block.bits; bit++) {
    const mask = 0x80 >> (bit % 8);
    if (((bytes[bit >> 3] as number) & mask) !== ((block.bytes[bit >> 3] as number) & mask)) return false;
  }
  return true;
}

/** the network's bytes and mask length, or what is wrong with it */
function parseCidr(cidr: string): { bytes: number[]; bits: number } | string {
  const parts = cidr.split('/');
  if (parts.length !== 2) return "Malformed CIDR, one '/' required";
  const [address, maskText] = parts as [string, string];
  if (!/^\d+$/.test(maskText)) return 'Malformed CIDR, mask bits must be an integer';
  const bytes = parseIp(address);
  if (!bytes) return `Nonstandard IP address: ${address}`;
  const bits = Number(maskText);
  if (bits > bytes.length * 8) return `Malformed CIDR, mask bits must be at most ${bytes.length * 8}`;
  return { bytes, bits };
}

/** an IPv4 address as 4 bytes or an IPv6 address as 16, in their standard text forms only */
function parseIp(text: string): number[] | undefined {
  return text.includes(':') ? parseIpv6(text) : parseIpv4(text);
}

function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part))) return undefined;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? bytes : undefined;
}

function parseIpv6(text: string): number[] | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (half: string): number[] | undefined => {
    if (half === '') return [];
    const groups: number[] = [];
    const parts = half.split(':');
    for (const [index, part] of parts.entries()) {
      if (index === parts.length - 1 && part.includes('.')) {
        const v4 = parseIpv4(part);
        if (!v4) return undefined;
        groups.push(
          ((v4[0] as number) << 8) | (v4[1] as number),
          ((v4[2] as number) << 8) | (v4[3] as number),
        );
      } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) groups.push(parseInt(part, 16));
      else return undefined;
    }
    return groups;
  };
  const head = groupsOf(halves[0] as string);
  const tail = halves.length === 2 ? groupsOf(halves[1] as string) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<number>(missing).fill(0), ...tail];
  return groups.flatMap((group) => [group >> 8, group & 0xff]);
}

// ---- validation ----

function checkObject(pattern: Json, path: string, problems: string[]): void {
  const entries = Object.entries(pattern);
  if (entries.length === 0) problems.push(at(path, 'Empty objects are not allowed'));
  for (const [key, spec] of entries) {
    const here = path === '' ? key : `${path}.${key}`;
    if (key === OR && Array.isArray(spec)) checkOr(spec, here, problems);
    else if (Array.isArray(spec)) checkLeaf(spec, here, problems);
    else if (isObject(spec)) checkObject(spec, here, problems);
    else problems.push(at(here, `"${key}" must be an object or an array`));
  }
}

function checkOr(branches: unknown[], path: string, problems: string[]): void {
  if (branches.length < 2) problems.push(at(path, '$or needs at least two patterns to choose between'));
  branches.forEach((branch, index) => {
    const here = `${path}[${index}]`;
    if (isObject(branch)) checkObject(branch, here, problems);
    else problems.push(at(here, 'each $or branch must be an object'));
  });
}

function checkLeaf(matchers: unknown[], path: string, problems: string[]): void {
  if (matchers.length === 0) problems.push(at(path, 'Empty arrays are not allowed'));
  for (const matcher of matchers) {
    const problem = isObject(matcher)
      ? matcherProblem(matcher)
      : isLeaf(matcher)
        ? undefined
        : 'Match value must be String, number, true, false, or null';
    if (problem) problems.push(at(path, problem));
  }
}

function matcherProblem(matcher: Json): string | undefined {
  const entries = Object.entries(matcher);
  if (entries.length !== 1) return 'Only one key allowed in match expression';
  const [operator, operand] = entries[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      if (isObject(operand)) return caseInsensitiveProblem(operator, operand);
      return typeof operand === 'string' ? undefined : `${operator} match pattern must be a string`;
    case 'equals-ignore-case':
      return typeof operand === 'string' ? undefined : 'equals-ignore-case match pattern must be a string';
    case 'wildcard':
      return typeof operand === 'string'
        ? wildcardPieces(operand).problem
        : 'wildcard match pattern must be a string';
    case 'exists':
      return typeof operand === 'boolean' ? undefined : 'exists match pattern must be either true or false.';
    case 'numeric':
      return numericProblem(operand);
    case 'cidr': {
      if (typeof operand !== 'string') return 'cidr match pattern must be a string';
      const block = parseCidr(operand);
      return typeof block === 'string' ? block : undefined;
    }
    case 'anything-but':
      return anythingButProblem(operand);
    default:
      return `Unrecognized match type ${operator}`;
  }
}

function caseInsensitiveProblem(operator: string, operand: Json): string | undefined {
  const entries = Object.entries(operand);
  if (entries.length !== 1) return 'Only one key allowed in match expression';
  const [inner, value] = entries[0] as [string, unknown];
  if (inner !== 'equals-ignore-case') return `Unsupported ${operator} pattern: ${inner}`;
  return typeof value === 'string' ? undefined : 'equals-ignore-case match pattern must be a string';
}

function numericProblem(spec: unknown): string | undefined {
  if (!Array.isArray(spec)) return 'Value of numeric must be an array.';
  if (spec.length === 0) return 'Invalid member in numeric match: ]';
  const [first, bottom, second, top] = spec as unknown[];
  if (typeof first !== 'string') return `Invalid member in numeric match: ${JSON.stringify(first)}`;
  if (!isNumericOperator(first)) return `Unrecognized numeric range operator: ${first}`;
  if (!isFiniteNumber(bottom)) return `Value of ${operatorName(first)} must be numeric`;
  if (spec.length === 2) return undefined;
  if (first !== '>' && first !== '>=') return 'Too many elements in numeric expression';
  if (typeof second !== 'string') return `Bad value in numeric range: ${JSON.stringify(second)}`;
  if (second !== '<' && second !== '<=') return `Bad numeric range operator: ${second}`;
  if (!isFiniteNumber(top)) return `Value of ${second} must be numeric`;
  if (spec.length > 4) return 'Too many terms in numeric range expression';
  return bottom < top ? undefined : 'Bottom must be less than top';
}

function anythingButProblem(operand: unknown): string | undefined {
  if (typeof operand === 'string' || isFiniteNumber(operand)) return undefined;
  if (Array.isArray(operand)) {
    if (operand.length === 0) return 'Empty arrays are not allowed';
    if (!operand.every((value) => typeof value === 'string' || isFiniteNumber(value))) {
      return 'Inside anything but list, start|null|boolean is not supported.';
    }
    const kinds = new Set(operand.map((value) => typeof value));
    return kinds.size === 1 ? undefined : 'Inside anything but list, use only strings or only numbers';
  }
  if (!isObject(operand)) return 'Value of anything-but must be an array or single string/number value.';
  const entries = Object.entries(operand);
  if (entries.length !== 1) return 'Only one key allowed in match expression';
  const [inner, value] = entries[0] as [string, unknown];
  if (!(ANYTHING_BUT_NESTED as readonly string[]).includes(inner)) {
    return `Unsupported anything-but pattern: ${inner}`;
  }
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) return 'Empty arrays are not allowed';
  for (const item of values) {
    if (typeof item !== 'string') {
      if (isObject(item)) return 'Value of anything-but must be an array or single string/number value.';
      if (inner === 'equals-ignore-case') {
        return 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.';
      }
      return inner === 'wildcard'
        ? 'wildcard match pattern must be a string'
        : 'prefix/suffix match pattern must be a string';
    }
    if ((inner === 'prefix' || inner === 'suffix') && item === '') return 'Null prefix/suffix not allowed';
    if (inner === 'wildcard') {
      const problem = wildcardPieces(item).problem;
      if (problem) return problem;
    }
  }
  return undefined;
}

function isNumericOperator(text: string): text is (typeof NUMERIC_OPERATORS)[number] {
  return (NUMERIC_OPERATORS as readonly string[]).includes(text);
}

function operatorName(operator: string): string {
  return operator === '=' ? 'equals' : operator;
}

function at(path: string, reason: string): string {
  return path === '' ? reason : `${path}: ${reason}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isLeaf(value: unknown): value is Leaf {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
