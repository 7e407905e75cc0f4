import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { decodeConfigBytes } from '../lambdas/core/config/file-encoding';
import { parseConfig, type ParsedConfig } from '../lambdas/core/config/parse-config';
import { ConfigError } from '../lambdas/core/config/problems';
import { loadConfigFile } from './config-file';
import { UsageError } from './errors';

/**
 * The config to compare with: a file when `base` names one, otherwise the same path as `configFile` at the git
 * ref `base` (`origin/main`, `HEAD~1`). Its problems name it as `REF:PATH`, so a reviewer can find them.
 */
export function loadBaseConfig(base: string, configFile: string): ParsedConfig & { file: string } {
  if (existsSync(base)) return loadConfigFile(base);
  const top = git(
    ['rev-parse', '--show-toplevel'],
    process.cwd(),
    () => `--base ${base}: no such file, and this is not a git repository to find it at a ref in`,
  ).trim();
  const path = relative(top, resolve(configFile)).split('\\').join('/');
  const bytes = git(['show', `${base}:${path}`], top, (stderr) =>
    /invalid object name|unknown revision|bad revision|not a valid object name/i.test(stderr)
      ? `--base ${base}: no such file, and no such git ref`
      : `--base ${base}: ${path} is not in the repository at ${base}`,
  );
  const file = `${base}:${path}`;
  const decoded = decodeConfigBytes(Buffer.from(bytes, 'binary'));
  if ('problem' in decoded) throw new ConfigError(file, [decoded.problem]);
  return { ...parseConfig(decoded.text, file), file };
}

function git(args: string[], cwd: string, problem: (stderr: string) => string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'binary', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '');
    throw new UsageError(problem(stderr));
  }
}
