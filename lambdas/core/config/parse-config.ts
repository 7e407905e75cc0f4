import { IANAZone } from 'luxon';
import { LineCounter, isScalar, parseDocument, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { checkConfigRules } from './config-rules';
import { ConfigError, type ConfigProblem } from './problems';
import { configSchema, type Config } from './schema';
import { configVersion } from './version';
import { YamlLocator, type ConfigPath } from './yaml-locator';

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
}

/** Parses and validates the config text, reporting every problem with its line and column. Pure. */
export function parseConfig(text: string, file: string): LoadedConfig {
  if (text.length > MAX_CONFIG_BYTES) {
    throw new ConfigError(file, [{ line: 1, col: 1, message: tooLargeMessage(text.length) }]);
  }
  const lines = new LineCounter();
  // the library's own duplicate-key check is quadratic; structureProblems does it in one pass
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const syntaxProblems = [...doc.errors, ...doc.warnings].map((error) => yamlProblem(error, lines));
  if (syntaxProblems.length > 0) throw new ConfigError(file, syntaxProblems);
  const shapeProblems = structureProblems(doc, lines);
  if (shapeProblems.length > 0) throw new ConfigError(file, capped(shapeProblems));

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

  const locator = new YamlLocator(doc, lines);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, MAX_PROBLEMS);
    throw new ConfigError(file, capped(sortProblems(issues.flatMap((i) => schemaProblems(i, locator)))));
  }

  const ruleProblems = checkConfigRules(parsed.data).map(({ path, message, key }) => ({
    ...locator.locate(path, { key }),
    message: `${describePath(path)} ${message}`,
  }));
  if (!IANAZone.isValidZone(parsed.data.organisation.timezone)) {
    ruleProblems.push({
      ...locator.locate(['organisation', 'timezone']),
      message: `organisation.timezone "${parsed.data.organisation.timezone}" is not a known time zone (e.g. Europe/London)`,
    });
  }
  if (ruleProblems.length > 0) throw new ConfigError(file, capped(sortProblems(ruleProblems)));
  return { config: parsed.data, version: configVersion(parsed.data) };
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

function yamlProblem(error: YAMLError, lines: LineCounter): ConfigProblem {
  const pos = error.linePos?.[0] ?? lines.linePos(error.pos[0]);
  const firstLine = error.message.split('\n')[0] ?? error.message;
  return {
    line: pos.line,
    col: pos.col,
    message: `YAML: ${firstLine.replace(/ at line \d+, column \d+:?$/, '')}`,
  };
}

function schemaProblems(issue: z.core.$ZodIssue, locator: YamlLocator): ConfigProblem[] {
  const path = issue.path as ConfigPath;
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.slice(0, MAX_PROBLEMS).map((key) => ({
      ...locator.locate([...path, key], { key: true }),
      message: `${describePath([...path, key])} is not a known key${suggestion(path)}`,
    }));
  }
  if (!locator.exists(path)) {
    // point at the key of the map that lacks it: the map's own range starts at its first child
    return [
      { ...locator.locate(path.slice(0, -1), { key: true }), message: `${describePath(path)} is missing` },
    ];
  }
  return [{ ...locator.locate(path), message: `${describePath(path)} ${issue.message}` }];
}

function suggestion(parent: ConfigPath): string {
  return parent.length === 0
    ? ' (expected organisation, accounts, posts, closing, sweeps, duty, replies, pauses)'
    : '';
}

/** `posts[1].variants[0]` */
export function describePath(path: ConfigPath): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    return out ? `${out}.${String(segment)}` : String(segment);
  }, '');
}

/** the one message for an oversized file, whether the CLI measured it on disk or the core in memory */
export function tooLargeMessage(bytes: number): string {
  return `file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a config larger than ${MAX_CONFIG_BYTES / 1024} KB is refused`;
}

function capped(problems: ConfigProblem[]): ConfigProblem[] {
  if (problems.length <= MAX_PROBLEMS) return problems;
  const last = problems[MAX_PROBLEMS - 1] as ConfigProblem;
  return [
    ...problems.slice(0, MAX_PROBLEMS),
    {
      line: last.line,
      col: last.col,
      message: `…and ${problems.length - MAX_PROBLEMS} more problems after this one`,
    },
  ];
}

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}
