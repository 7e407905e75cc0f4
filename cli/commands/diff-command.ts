import { diffSchedules } from '../../lambdas/core/plan/schedule-diff';
import { loadBaseConfig } from '../base-config';
import type { OptionValues } from '../command-registry';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import { requireKnownYears, today } from '../dates';
import { UsageError } from '../errors';
import type { Output } from '../output';
import { formatDiffMarkdown, formatDiffText } from './diff-report';

const DEFAULT_WEEKS = 8;

/** `diff --base FILE|GIT-REF`: what the config change does over the next weeks, for its reviewer. */
export function run(values: OptionValues, _positionals: string[], out: Output): number {
  const base = values.base as string | undefined;
  if (!base) throw new UsageError('diff needs --base FILE or --base GIT-REF (e.g. origin/main)');
  if (values.markdown && values.json) throw new UsageError('give --markdown or --json, not both');
  const weeks = values.weeks === undefined ? DEFAULT_WEEKS : Number(values.weeks);
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 52)
    throw new UsageError(
      `--weeks must be a whole number of weeks from 1 to 52 (got "${String(values.weeks)}")`,
    );
  const configFile = (values.config as string | undefined) ?? DEFAULT_CONFIG_FILE;
  const current = loadConfigFile(configFile);
  const before = loadBaseConfig(base, configFile);
  const from = today(current.config.organisation.timezone, values.today as string | undefined);
  const diff = diffSchedules(before.config, current.config, from, weeks);
  requireKnownYears(diff.from, diff.to, current.config.organisation.bankHolidays);
  if (values.json) out.stdout(JSON.stringify({ base, ...diff }, null, 2));
  else if (values.markdown) out.stdout(formatDiffMarkdown(diff, base));
  else out.stdout(formatDiffText(diff, base));
  return 0;
}
