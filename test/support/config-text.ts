import { parseConfig } from '../../lambdas/core/config/parse-config';
import { ConfigError } from '../../lambdas/core/config/problems';
import { sampleConfigText } from './example-config';

/** The sample config with one piece of text replaced; fails loudly if the sample no longer has it. */
export function sampleWith(...edits: Array<[find: string, replace: string]>): string {
  return edits.reduce((text, [find, replace]) => {
    if (!text.includes(find)) throw new Error(`sample config has no "${find}"`);
    return text.replace(find, replace);
  }, sampleConfigText());
}

/**
 * `LINE:COL` (both from 1) of the first occurrence of `fragment`, plus `shift` characters: the position a
 * message about that fragment should name.
 */
export function positionOf(text: string, fragment: string, shift = 0): string {
  const offset = text.indexOf(fragment);
  if (offset < 0) throw new Error(`text has no "${fragment}"`);
  const before = text.slice(0, offset + shift);
  const line = before.split('\n').length;
  const col = before.length - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

/** The `FILE:LINE:COL message` lines a config text is refused with (as `cfg.yaml`); fails if it is accepted. */
export function refusedWith(text: string): string[] {
  try {
    parseConfig(text, 'cfg.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the config was accepted');
}
