import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const RUNS = 9;

export interface CliStartup {
  nodeMs: number;
  checkMs: number;
  previewYearMs: number;
}

/**
 * Wall-clock medians of whole CLI runs, process start included, next to a bare `node -e 0` measured in the
 * same moments (runs interleaved), so the ratios hold on a slow or busy machine too.
 */
export function measureCliStartup(configFile: string): CliStartup {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build-cli.mjs'), '--quiet']);
  const bin = join(ROOT, 'bin', 'social-duty.js');
  const commands = {
    nodeMs: ['-e', '0'],
    checkMs: [bin, 'check', '--config', configFile],
    previewYearMs: [bin, 'preview', '--config', configFile, '--from', '2027-01-01', '--to', '2027-12-31'],
  };
  const times: Record<keyof CliStartup, number[]> = { nodeMs: [], checkMs: [], previewYearMs: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of Object.entries(commands) as [keyof CliStartup, string[]][]) {
      const started = process.hrtime.bigint();
      const run = spawnSync(process.execPath, args, { encoding: 'utf8' });
      const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
      if (run.status !== 0) throw new Error(`${args.slice(1).join(' ')} failed: ${run.stderr}`);
      times[name].push(elapsed);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return {
    nodeMs: median(times.nodeMs),
    checkMs: median(times.checkMs),
    previewYearMs: median(times.previewYearMs),
  };
}
