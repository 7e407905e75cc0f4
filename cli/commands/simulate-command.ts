import { readFileSync } from 'node:fs';
import { addDays } from '../../lambdas/core/calendar/dates';
import type { Config } from '../../lambdas/core/config/schema';
import { silenceHandlerLogs } from '../../lambdas/runtime/logger';
import { simulate } from '../../local/simulate';
import { parseSeed, SeedError, type SimulationSeed } from '../../local/simulation-seed';
import type { OptionValues } from '../command-registry';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import { requireDate, requireKnownYears } from '../dates';
import { UsageError } from '../errors';
import type { Output } from '../output';
import { formatSimulation } from './simulation-report';

/** `simulate`: the real handlers on a virtual clock from --from to --to, optionally seeded. */
export async function run(values: OptionValues, _positionals: string[], out: Output): Promise<number> {
  silenceHandlerLogs();
  const loaded = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  if (!values.from || !values.to)
    throw new UsageError('simulate needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  const from = requireDate('--from', values.from as string);
  const to = requireDate('--to', values.to as string);
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  if (addDays(from, 366 * 2) < to) throw new UsageError('simulate at most two years at a time');
  requireKnownYears(from, to, loaded.config.organisation.bankHolidays);
  const seed = values.seed ? readSeed(values.seed as string, loaded.config) : undefined;
  const { stats, ...result } = await simulate(loaded, from, to, seed);
  out.stdout(
    values.json
      ? JSON.stringify(result, null, 2)
      : formatSimulation(result, stats, loaded.config.organisation.timezone),
  );
  return 0;
}

function readSeed(file: string, config: Config): SimulationSeed {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${file}: cannot read the seed file (${code === 'ENOENT' ? 'it does not exist' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message})`,
    );
  }
  try {
    return parseSeed(text, config.sweeps?.sources ?? []);
  } catch (error) {
    if (error instanceof SeedError)
      throw new UsageError(error.problems.map((p) => `${file}: ${p}`).join('\n'));
    throw error;
  }
}
