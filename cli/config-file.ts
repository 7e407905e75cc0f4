import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import {
  parseConfig,
  MAX_CONFIG_BYTES,
  tooLargeMessage,
  type LoadedConfig,
} from '../lambdas/core/config/parse-config';
import { ConfigError } from '../lambdas/core/config/problems';

export const DEFAULT_CONFIG_FILE = 'config/social-duty.yaml';

/** Reads and validates the config file; errors name the file as the user typed it. */
export function loadConfigFile(path: string): LoadedConfig & { file: string } {
  const file = relative(process.cwd(), path) || path;
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    throw new ConfigError(file, [
      { line: 1, col: 1, message: 'cannot read the config file (does it exist?)' },
    ]);
  }
  // refuse before reading, so a huge file costs nothing
  if (size > MAX_CONFIG_BYTES) {
    throw new ConfigError(file, [
      {
        line: 1,
        col: 1,
        message: tooLargeMessage(size),
      },
    ]);
  }
  return { ...parseConfig(readFileSync(path, 'utf8'), file), file };
}
