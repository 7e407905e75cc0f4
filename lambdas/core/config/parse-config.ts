import { LineCounter, isScalar, parseDocument, visit, type Document, type Node } from 'yaml';
import type { IsoDate } from '../calendar/dates';
import { salvageConfig } from './config-parts';
import { checkConfigRules, type RuleProblem } from './config-rules';
import { configWarnings } from './config-warnings';
import { EMPTY_FILE, textEncodingProblem } from './file-encoding';
import { ConfigError, wholeFileProblem, type ConfigProblem } from './problems';
import { scheduleWarnings } from './schedule-warnings';
import { configSchema, type Config } from './schema';
import { describePath, schemaProblems } from './schema-problems';
import { configVersion } from './version';
import { yamlMistakes } from './yaml-mistakes';
import { YamlLocator } from './yaml-locator';

export { describePath } from './schema-problems';

/** A config file this size is certainly a mistake (or an attack); real ones are a few KB. */
export const MAX_CONFIG_BYTES = 256 * 1024;
/** The config is at most five levels deep; much deeper nesting is an attack on the parser. */
const MAX_DEPTH = 12;
/** Past this many, more problems would only bury the first ones (and cost time to place). */
export const MAX_PROBLEMS = 50;
/** YAML anchors are handy for repeated text; hundreds of alias expansions mean an alias bomb. */
const MAX_ALIAS_COUNT = 100;

export interface LoadedConfig {
  config: Config;
  /** fingerprint of the validated config, written with every audit record */
  version: string;
  /** the git commit it was deployed from (`cdk deploy -c commit=SHA`), written with every audit record too */
  commit?: string;
}

/** What parseConfig gives: the config, and what `check` warns about (the Lambdas ignore the warnings). */
export interface ParsedConfig extends LoadedConfig {
  warnings: ConfigProblem[];
}

export interface ParseOptions {
  /**
   * Today's date (YYYY-MM-DD), or how to find it in the config's time zone (known only once the config is
   * valid). Without it the warnings that depend on the date (a campaign that has ended, a post that cannot
   * go out in the next 12 months) are left out.
   */
  today?: IsoDate | ((timezone: string) => IsoDate);
}

/**
 * Parses and validates the config text, reporting every problem with its line and column: YAML slips, schema
 * refusals and the cross-field rules together, sorted and capped. Pure.
 */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): ParsedConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new ConfigError(file, [{ line: 1, col: 1, message: tooLargeMessage(text.length) }]);
  }
  // a UTF-8 byte order mark is how some Windows editors save; it is not part of the YAML
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const encoding = textEncodingProblem(source);
  if (encoding) throw new ConfigError(file, [encoding]);

  const lines = new LineCounter();
  const doc = parseDocument(source, {
    lineCounter: lines,
    prettyErrors: false,
    // the library's own duplicate-key check is quadratic; structureProblems does it in one pass
    uniqueKeys: false,
    // the YAML 1.2 core schema even under a `%YAML 1.1` line, so `at: 10:30` stays the text "10:30"
    schema: 'core',
  });
  const syntaxErrors = [...doc.errors, ...doc.warnings];
  if (syntaxErrors.length > 0) throw new ConfigError(file, capped(yamlMistakes(syntaxErrors, source, lines)));
  if (doc.contents === null) throw new ConfigError(file, [wholeFileProblem(`${EMPTY_FILE} (only comments)`)]);
  const shapeProblems = structureProblems(doc, lines);
  if (shapeProblems.length > 0) throw new ConfigError(file, capped(shapeProblems));

  const raw = plainData(doc, file);
  const locator = new YamlLocator(doc, lines, source);
  const located = (problems: RuleProblem[]): ConfigProblem[] =>
    problems.map(({ path, message, key }) => ({
      ...locator.locate(path, { key }),
      message: `${describePath(path)} ${message}`,
    }));

  const parsed = configSchema.safeParse(raw);
  // the rules still run on the parts the schema accepted, so one run lists every problem
  const parts = parsed.success ? parsed.data : salvageConfig(configSchema, raw);
  const problems = [
    ...(parsed.success ? [] : schemaProblems(parsed.error.issues.slice(0, MAX_PROBLEMS), raw, locator)),
    ...located(checkConfigRules(parts)),
  ];
  if (problems.length > 0 || !parsed.success) throw new ConfigError(file, capped(sortProblems(problems)));

  const config = parsed.data;
  const today =
    typeof options.today === 'function' ? options.today(config.organisation.timezone) : options.today;
  const warnings = [...configWarnings(config), ...(today ? scheduleWarnings(config, today) : [])];
  return {
    config,
    version: configVersion(config),
    warnings: capped(sortProblems(located(warnings)), 'warnings'),
  };
}

/** The document as plain data: a map of keys, or a ConfigError saying why not. */
function plainData(doc: Document, file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = /alias count/i.test((error as Error).message)
      ? 'too many YAML aliases (over 100 expansions): refused as an alias bomb'
      : `YAML: ${(error as Error).message}`;
    throw new ConfigError(file, [{ line: 1, col: 1, message }]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [
      { line: 1, col: 1, message: 'the config must be a map of keys (organisation:, accounts:, …)' },
    ]);
  }
  return raw as Record<string, unknown>;
}

/**
 * Keys must be plain words, unique in their map, and nesting shallow: checked before the document is turned into
 * data, because the library's conversion of collection keys is slow enough to hang on a 1 KB file.
 */
function structureProblems(doc: Document, lines: LineCounter): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const at = (node: Node | null | undefined, message: string) => {
    const { line, col } = lines.linePos(node?.range?.[0] ?? 0);
    problems.push({ line, col, message });
  };
  visit(doc, {
    Collection(_key, node, path) {
      if (path.length > MAX_DEPTH * 2) {
        at(node, `nested more than ${MAX_DEPTH} levels deep`);
        return visit.BREAK;
      }
      return undefined;
    },
    Map(_key, map) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) {
          at(pair.key as Node, 'keys must be plain words, not lists or maps');
          continue;
        }
        const name = String(pair.key.value);
        if (seen.has(name)) at(pair.key, `YAML: Map keys must be unique ("${name}" appears twice)`);
        seen.add(name);
      }
    },
  });
  return problems;
}

/** the one message for an oversized file, whether the CLI measured it on disk or the core in memory */
export function tooLargeMessage(bytes: number): string {
  return `file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a config larger than ${MAX_CONFIG_BYTES / 1024} KB is refused`;
}

function capped(problems: ConfigProblem[], noun = 'problems'): ConfigProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const last = problems[MAX_PROBLEMS - 1] as ConfigProblem;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      line: last.line,
      col: last.col,
      message: `…and ${problems.length - MAX_PROBLEMS} more ${noun} after this one`,
    },
  ];
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}
