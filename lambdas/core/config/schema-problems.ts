import type { z } from 'zod';
import type { ConfigProblem } from './problems';
import { VALUE_MESSAGES } from './schema';
import { suggestDate, suggestDay, suggestTime, type DaySuggestion } from './value-suggestions';
import { WEEKDAYS } from './vocabulary';
import type { ConfigPath, YamlLocator } from './yaml-locator';

type Issue = z.core.$ZodIssue;

/** Past this many unknown keys in one map, more would only bury the first ones (and cost time to place). */
const MAX_KEYS_PER_ISSUE = 50;

/**
 * The schema's refusals as `FILE:LINE:COL` problems. Where the value is a day, time or date written the way
 * people write them elsewhere (`Mon`, `4pm`, `24/12/2026`), the message says what to type instead; the
 * capitalised days of one list share one message.
 */
export function schemaProblems(
  issues: readonly Issue[],
  raw: unknown,
  locator: YamlLocator,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const dayLists = new Map<string, { path: ConfigPath; suggestions: DaySuggestion[] }>();
  for (const issue of issues) {
    const path = issue.path as ConfigPath;
    const day = isWeekdayIssue(issue) ? suggestDay(valueAt(raw, path)) : undefined;
    if (day) {
      const listPath = path.slice(0, -1);
      const list = dayLists.get(describePath(listPath));
      if (list) list.suggestions.push(day);
      else dayLists.set(describePath(listPath), { path, suggestions: [day] });
      continue;
    }
    problems.push(...issueProblems(issue, path, raw, locator));
  }
  for (const { path, suggestions } of dayLists.values()) {
    const named = suggestions.length === 1 ? path : path.slice(0, -1);
    problems.push({ ...locator.locate(path), message: `${describePath(named)} ${dayAdvice(suggestions)}` });
  }
  return problems;
}

function issueProblems(issue: Issue, path: ConfigPath, raw: unknown, locator: YamlLocator): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.slice(0, MAX_KEYS_PER_ISSUE).map((key) => ({
      ...locator.locate([...path, key], { key: true }),
      message: `${describePath([...path, key])} ${unknownKeyAdvice(path, key)}`,
    }));
  }
  if (!locator.exists(path)) {
    // point at the key of the map that lacks it: the map's own range starts at its first child
    return [
      { ...locator.locate(path.slice(0, -1), { key: true }), message: `${describePath(path)} is missing` },
    ];
  }
  const value = valueAt(raw, path);
  const advice = valueAdvice(issue, locator.source(path) ?? '', value) ?? typeAdvice(issue, value);
  return [{ ...locator.locate(path), message: `${describePath(path)} ${advice ?? issue.message}` }];
}

/** what to type instead of a badly written time, date or list of days, when it is clear what was meant */
function valueAdvice(issue: Issue, source: string, value: unknown): string | undefined {
  if (issue.message === VALUE_MESSAGES.timeType || issue.message === VALUE_MESSAGES.timeFormat) {
    const time = suggestTime(source);
    return time ? `write the time as "${time}", in quotes` : undefined;
  }
  if (issue.message === VALUE_MESSAGES.date) {
    const date = suggestDate(source);
    return date ? `write the date as ${date}` : undefined;
  }
  if (issue.message === VALUE_MESSAGES.dayList && typeof value === 'string') {
    const days = value.split(/[\s,]+/).filter((word) => word !== '');
    const suggested = days.map(suggestDay);
    if (suggested.length === 0 || suggested.some((day) => day === undefined)) return undefined;
    return `write the days as a list: [${suggested.map((day) => day?.day).join(', ')}]`;
  }
  return undefined;
}

const EXPECTED_WORDS: Record<string, string> = {
  object: 'a map of keys (name: value)',
  record: 'a map of keys (name: value)',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

/** zod's "expected record, received array" in the words of the YAML the comms lead wrote */
function typeAdvice(issue: Issue, value: unknown): string | undefined {
  if (issue.code !== 'invalid_type') return undefined;
  const expected = EXPECTED_WORDS[issue.expected];
  if (!expected) return undefined;
  if (value === null || value === undefined) return `is empty; it must be ${expected}`;
  const found = Array.isArray(value)
    ? 'a list'
    : typeof value === 'object'
      ? 'a map of keys'
      : typeof value === 'string'
        ? 'text'
        : typeof value === 'boolean'
          ? 'true or false'
          : 'a number';
  return `must be ${expected}, not ${found}`;
}

function unknownKeyAdvice(parent: ConfigPath, key: string): string {
  // the rota's keys are days: `Mon:` is the same slip as `days: [Mon]`
  const day = parent[parent.length - 1] === 'rota' ? suggestDay(key) : undefined;
  if (day) return dayAdvice([day]);
  return parent.length === 0
    ? 'is not a known key (expected organisation, accounts, posts, closing, sweeps, duty, replies, pauses, notify)'
    : 'is not a known key';
}

function dayAdvice(suggestions: readonly DaySuggestion[]): string {
  const how = suggestions.every((s) => s.caseOnly) ? 'in lower case' : 'as three lower-case letters';
  return `write days ${how}: ${suggestions.map((s) => s.day).join(', ')}`;
}

function isWeekdayIssue(issue: Issue): boolean {
  return (
    issue.code === 'invalid_value' &&
    issue.values.length === WEEKDAYS.length &&
    WEEKDAYS.every((day) => issue.values.includes(day))
  );
}

function valueAt(raw: unknown, path: ConfigPath): unknown {
  let value = raw;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

/** `posts[1].variants[0]` */
export function describePath(path: ConfigPath): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    return out ? `${out}.${String(segment)}` : String(segment);
  }, '');
}
