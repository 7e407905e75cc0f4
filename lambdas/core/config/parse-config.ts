import { IANAZone } from 'luxon';
import { LineCounter, parseDocument, type YAMLError } from 'yaml';
import type { z } from 'zod';
import { checkConfigRules } from './config-rules';
import { ConfigError, type ConfigProblem } from './problems';
import { configSchema, type Config } from './schema';
import { configVersion } from './version';
import { YamlLocator, type ConfigPath } from './yaml-locator';

/** A config file this size is certainly a mistake (or an attack); real ones are a few KB. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
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
    const size = (text.length / 1024 / 1024).toFixed(1);
    throw new ConfigError(file, [
      { line: 1, col: 1, message: `file is ${size} MB; a config larger than 1 MB is refused` },
    ]);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntaxProblems = [...doc.errors, ...doc.warnings].map((error) => yamlProblem(error, lines));
  if (syntaxProblems.length > 0) throw new ConfigError(file, syntaxProblems);

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    throw new ConfigError(file, [
      { line: 1, col: 1, message: 'too many YAML aliases (over 100 expansions): refused as an alias bomb' },
    ]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(file, [
      { line: 1, col: 1, message: 'the config must be a map of keys (organisation:, accounts:, …)' },
    ]);
  }

  const locator = new YamlLocator(doc, lines);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success)
    throw new ConfigError(file, sortProblems(parsed.error.issues.flatMap((i) => schemaProblems(i, locator))));

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
  if (ruleProblems.length > 0) throw new ConfigError(file, sortProblems(ruleProblems));
  return { config: parsed.data, version: configVersion(parsed.data) };
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
    return issue.keys.map((key) => ({
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

function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  return [...problems].sort((a, b) => a.line - b.line || a.col - b.col);
}
