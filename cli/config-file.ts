import { readFileSync, readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { decodeConfigBytes } from '../lambdas/core/config/file-encoding';
import {
  parseConfig,
  MAX_CONFIG_BYTES,
  tooLargeMessage,
  type ParseOptions,
  type ParsedConfig,
} from '../lambdas/core/config/parse-config';
import { ConfigError, wholeFileProblem } from '../lambdas/core/config/problems';

export const DEFAULT_CONFIG_FILE = 'config/social-duty.yaml';

/**
 * Reads and validates the config file. Every message names the file exactly as the user gave it (an absolute
 * path stays absolute), so it can be pasted back into a command or an editor.
 */
export function loadConfigFile(path: string, options: ParseOptions = {}): ParsedConfig & { file: string } {
  const file = path;
  const stats = statOrRefuse(file);
  if (stats.isDirectory())
    throw refused(file, `this is a folder, not the config file; give the file, e.g. ${configIn(file)}`);
  // refuse before reading, so a huge file costs nothing
  if (stats.size > MAX_CONFIG_BYTES) {
    throw new ConfigError(file, [{ line: 1, col: 1, message: tooLargeMessage(stats.size) }]);
  }
  const decoded = decodeConfigBytes(readOrRefuse(file));
  if ('problem' in decoded) throw new ConfigError(file, [decoded.problem]);
  return { ...parseConfig(decoded.text, file, options), file };
}

function statOrRefuse(file: string): Stats {
  try {
    return statSync(file);
  } catch (error) {
    throw refused(file, unreadable(error));
  }
}

function readOrRefuse(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw refused(file, unreadable(error));
  }
}

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'cannot read the config file: it does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot read the config file: permission denied';
  return `cannot read the config file (${code ?? (error as Error).message})`;
}

/** the config file inside a directory given by mistake: the usual name if it is there, else its only YAML file */
function configIn(directory: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(directory);
  } catch {
    // an unreadable directory still gets the usual name as the example
  }
  const yaml = names.filter((name) => /\.ya?ml$/i.test(name));
  const name =
    yaml.includes('social-duty.yaml') || yaml.length !== 1 ? 'social-duty.yaml' : (yaml[0] as string);
  return join(directory, name);
}

function refused(file: string, message: string): ConfigError {
  return new ConfigError(file, [wholeFileProblem(message)]);
}
