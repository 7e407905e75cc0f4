import fc from 'fast-check';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { ConfigError } from '../../lambdas/core/config/problems';
import { sampleConfigText } from '../support/example-config';
import { FaultTally } from './support/tally';

const tally = new FaultTally();

/** generous: a real config parses in milliseconds; this only has to tell "slow" from "hung" */
const TIME_BOUND_MS = 5000;

let slowest = { ms: 0, faultClass: '' };

/**
 * The property every input must have: parseConfig returns a config, or throws a ConfigError whose every
 * problem points at a real place (line and column from 1) and says something; never another exception, and
 * never slowly.
 */
function parsesOrExplains(faultClass: string, text: string): void {
  tally.tried(faultClass);
  const started = performance.now();
  let thrown: unknown;
  try {
    const loaded = parseConfig(text, 'fuzz.yaml');
    expect(typeof loaded.version).toBe('string');
  } catch (error) {
    thrown = error;
  }
  const elapsed = performance.now() - started;
  if (elapsed > slowest.ms) slowest = { ms: elapsed, faultClass };
  if (thrown !== undefined) {
    if (!(thrown instanceof ConfigError)) throw new Error(`not a ConfigError: ${String(thrown)}`);
    expect(thrown.problems.length).toBeGreaterThan(0);
    for (const problem of thrown.problems) {
      expect(Number.isInteger(problem.line) && problem.line >= 1).toBe(true);
      expect(Number.isInteger(problem.col) && problem.col >= 1).toBe(true);
      expect(problem.message.trim()).not.toBe('');
    }
  }
  if (elapsed > TIME_BOUND_MS) throw new Error(`took ${Math.round(elapsed)} ms (bound ${TIME_BOUND_MS} ms)`);
  tally.survived(faultClass);
}

function fuzz(faultClass: string, inputs: fc.Arbitrary<string>, numRuns: number): void {
  fc.assert(
    fc.property(inputs, (text) => parsesOrExplains(faultClass, text)),
    { numRuns },
  );
}

const SAMPLE = sampleConfigText();
const SAMPLE_LINES = SAMPLE.split('\n');
const SAMPLE_OBJECT = parseYaml(SAMPLE) as Record<string, unknown>;

type Path = (string | number)[];

/** every path into the sample config: the known keys and their values, at every depth */
function knownPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) return [path, ...value.flatMap((item, i) => knownPaths(item, [...path, i]))];
  if (value && typeof value === 'object')
    return [path, ...Object.entries(value).flatMap(([key, item]) => knownPaths(item, [...path, key]))];
  return [path];
}
const KNOWN_PATHS = knownPaths(SAMPLE_OBJECT).filter((path) => path.length > 0);

/** values no key of the config wants, and some almost right */
const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    null,
    true,
    0,
    -1,
    Number.POSITIVE_INFINITY,
    '',
    ' ',
    '\u0000',
    '25:61',
    '24:00',
    '9:5',
    '2026-02-30',
    '2026-13-01',
    '0000-01-01',
    '9999-12-31',
    'Europe/Atlantis',
    'not an email',
    'a@b',
    'mon,tue',
    '{website}{nope}',
    '{',
    'x'.repeat(5000),
    '🙂'.repeat(300),
    'https://',
    'javascript:alert(1)',
    [],
    {},
    [[[]]],
    { __proto__: { polluted: true } },
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 3 }),
);

const wrongTypes: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      path: fc.constantFrom(...KNOWN_PATHS),
      change: fc.oneof(
        wrongValue.map((value) => ({ set: value })),
        fc.constant({ remove: true as const }),
        fc.string({ maxLength: 12 }).map((key) => ({ addKey: key })),
      ),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((changes) => {
    const config = structuredClone(SAMPLE_OBJECT);
    for (const { path, change } of changes) {
      const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as never)?.[key], config);
      if (!parent || typeof parent !== 'object') continue;
      const key = path[path.length - 1] as string | number;
      const target = parent as Record<string | number, unknown>;
      if ('set' in change) target[key] = change.set;
      else if ('remove' in change) delete target[key];
      else if (target[key] && typeof target[key] === 'object')
        (target[key] as Record<string, unknown>)[change.addKey] = 1;
    }
    return stringifyYaml(config);
  });

/** tags YAML parsers have been tricked into running, and ones nobody defined */
const HOSTILE_TAGS = [
  '!!js/function "function () { return process.exit(1) }"',
  '!!js/regexp /(a+)+$/',
  '!!js/undefined ""',
  '!!python/object/apply:os.system ["rm -rf /"]',
  '!<tag:yaml.org,2002:js/function> "x"',
  '!custom {a: 1}',
  '!!binary aGVsbG8=',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!!timestamp 2001-12-14t21:59:43.10-05:00',
  '!!float .nan',
  '!!int 0x_ff',
  '!!map [1]',
];

type LineEdit = (lines: string[], at: number, extra: string) => void;
const LINE_EDITS: Record<string, LineEdit> = {
  tabs: (lines, at) => {
    lines[at] = (lines[at] ?? '').replace(/^ +/, (spaces) => '\t'.repeat(Math.max(1, spaces.length / 2)));
  },
  duplicate: (lines, at) => {
    lines.splice(at, 0, lines[at] ?? '');
  },
  tag: (lines, at, extra) => {
    lines[at] = (lines[at] ?? '').replace(/:\s+(.*)$/, `: ${extra}`);
  },
  anchorAndAlias: (lines, at) => {
    lines[at] = (lines[at] ?? '').replace(/:\s+(\S.*)$/, ': &fuzz $1');
    lines.push('extra: *fuzz', 'missing: *nowhere');
  },
  truncate: (lines, at) => {
    lines.length = at;
  },
  garble: (lines, at, extra) => {
    const line = lines[at] ?? '';
    const cut = extra.length % (line.length + 1);
    lines[at] = `${line.slice(0, cut)}${extra}${line.slice(cut)}`;
  },
};

const textMutations: fc.Arbitrary<string> = fc
  .array(
    fc.record({
      edit: fc.constantFrom(...Object.keys(LINE_EDITS)),
      at: fc.nat({ max: SAMPLE_LINES.length - 1 }),
      extra: fc.oneof(fc.constantFrom(...HOSTILE_TAGS), fc.string({ unit: 'binary', maxLength: 8 })),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .map((edits) => {
    const lines = [...SAMPLE_LINES];
    for (const { edit, at, extra } of edits)
      LINE_EDITS[edit]?.(lines, Math.min(at, Math.max(lines.length - 1, 0)), extra);
    return lines.join('\n');
  });

const YAML_TOKENS = [
  ':',
  ': ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '? ',
  '|',
  '>-',
  '"',
  "'",
  '\\',
  '\t',
  '\n',
  '\r\n',
  '  ',
  '# ',
  '---\n',
  '...\n',
  '%YAML 1.2\n',
  '%TAG ! tag:evil.example,2026:\n',
  '&a ',
  '*a',
  '<<: *a',
  '!!str ',
  '!x ',
  '@',
  '`',
  '\u0000',
  '\uFEFF',
  '\u2028',
  'organisation',
  'posts',
  'accounts',
  'main',
  '"16:00"',
  '2026-12-24',
  '~',
  'null',
  'true',
  '0x1F',
  '1e999',
  '.inf',
];

const tokenSoup = fc
  .array(fc.constantFrom(...YAML_TOKENS), { maxLength: 400 })
  .map((tokens) => tokens.join(''));

const deepNesting = fc
  .record({
    depth: fc.integer({ min: 1, max: 8_000 }),
    style: fc.constantFrom('[', '{', '{a: ', '- ', 'block'),
    closed: fc.boolean(),
    under: fc.constantFrom('', 'posts: ', 'organisation:\n  name: ', 'sweeps:\n  keywords: '),
  })
  .map(({ depth, style, closed, under }) => {
    if (style === 'block') {
      // indentation grows with depth: keep the file under the size limit so the parser really sees it
      const levels = Math.min(depth, 1000);
      return under + Array.from({ length: levels }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' x';
    }
    if (style === '- ')
      return under + Array.from({ length: Math.min(depth, 1000) }, (_, i) => `${' '.repeat(i)}- `).join('\n');
    const close = style === '[' ? ']' : '}';
    // flow maps nested as keys (`{{{…}}}`) stay shallow: deeper ones hit a blow-up in yaml's toJS (reported)
    const levels = style === '{' ? Math.min(depth, 120) : depth;
    return under + style.repeat(levels) + (closed ? close.repeat(levels) : '');
  });

const aliasChains = fc
  .record({
    levels: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 1, max: 12 }),
    style: fc.constantFrom('laughs', 'merge', 'self', 'dangling', 'redefined'),
  })
  .map(({ levels, width, style }) => {
    const lines: string[] = ['a0: &a0 [lol, lol]'];
    for (let level = 1; level <= levels; level++) {
      const previous = `*a${level - 1}`;
      if (style === 'laughs') lines.push(`a${level}: &a${level} [${Array(width).fill(previous).join(', ')}]`);
      if (style === 'merge') lines.push(`a${level}: &a${level} {<<: ${previous}, k${level}: ${level}}`);
      if (style === 'self') lines.push(`a${level}: &a${level} [*a${level}, ${previous}]`);
      if (style === 'dangling') lines.push(`a${level}: &a${level} [*missing${level}, ${previous}]`);
      if (style === 'redefined') lines.push(`a${level}: &a0 [*a0, x]`);
    }
    return `${SAMPLE}\n${lines.join('\n')}\norganisation2: *a${levels}\n`;
  });

const hugeScalars = fc
  .record({
    size: fc.integer({ min: 1, max: 1_500_000 }),
    where: fc.constantFrom('name', 'variant', 'key', 'comment', 'quoted', 'block'),
  })
  .map(({ size, where }) => {
    const huge = 'x'.repeat(size);
    switch (where) {
      case 'name':
        return SAMPLE.replace(/name: .*/, `name: ${huge}`);
      case 'variant':
        return SAMPLE.replace(/- "What's your goal\?[^\n]*/, `- "${huge}"`);
      case 'key':
        return `${SAMPLE}\n${huge}: 1\n`;
      case 'comment':
        return `# ${huge}\n${SAMPLE}`;
      case 'quoted':
        return `${SAMPLE}\nextra: "${'\\u0041'.repeat(Math.floor(size / 6))}"\n`;
      default:
        return `${SAMPLE}\nextra: |\n${`  ${'y'.repeat(80)}\n`.repeat(Math.floor(size / 83))}`;
    }
  });

describe('hostile and malformed YAML (fuzzed): a config or a ConfigError with positions, quickly', () => {
  afterAll(() => {
    tally.report(__filename);
    console.log(
      `slowest input: ${Math.round(slowest.ms)} ms (${slowest.faultClass}), bound ${TIME_BOUND_MS} ms`,
    );
  });

  it('accepts the sample config itself (the property holds for a good file too)', () => {
    expect(() => parseConfig(SAMPLE, 'social-duty.yaml')).not.toThrow();
  });

  it('random text', () =>
    fuzz('hostile YAML: random text', fc.string({ unit: 'binary', maxLength: 3000 }), 400));

  it('random bytes, read as UTF-8 and as Latin-1', () =>
    fuzz(
      'hostile YAML: random bytes',
      fc
        .tuple(
          fc.uint8Array({ maxLength: 4000 }),
          fc.constantFrom('utf8', 'latin1') as fc.Arbitrary<BufferEncoding>,
        )
        .map(([bytes, encoding]) => Buffer.from(bytes).toString(encoding)),
      400,
    ));

  it('YAML token soup', () => fuzz('malformed YAML: token soup', tokenSoup, 400));

  it('deep nesting, open and closed', () => fuzz('hostile YAML: deep nesting', deepNesting, 25));

  it('alias chains: laughs, merges, self references, dangling and redefined anchors', () =>
    fuzz('hostile YAML: alias chains', aliasChains, 60));

  it('huge scalars, keys and comments up to 1.5 MB', () =>
    fuzz('hostile YAML: huge scalars', hugeScalars, 10));

  it('wrong types, missing and unknown keys in the sample config', () =>
    fuzz('malformed YAML: wrong types in known keys', wrongTypes, 80));

  it('tabs, duplicate keys, unknown and hostile tags, anchors and cuts in the sample config', () =>
    fuzz('malformed YAML: tabs, duplicate keys, unknown tags', textMutations, 80));
});
