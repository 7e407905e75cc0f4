import { parseArgs } from 'node:util';
import { ConfigError } from '../lambdas/core/config/problems';
import { WorkingCalendar } from '../lambdas/core/calendar/working-calendar';
import { addDays } from '../lambdas/core/calendar/dates';
import { previewActions } from '../lambdas/core/plan/preview';
import { estimateMonthlyCost, formatCostLine } from '../lambdas/core/plan/cost-estimate';
import { checkSummary } from './commands/check';
import { formatPreviewTable } from './commands/preview';
import { renderCalendarPage } from './commands/calendar-page';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from './config-file';
import { requireDate, today } from './dates';
import { UsageError } from './errors';
import { readFileSync, writeFileSync } from 'node:fs';
import type { Config } from '../lambdas/core/config/schema';
import { simulate } from '../local/simulate';
import { parseSeed, SeedError, type SimulationSeed } from '../local/simulation-seed';
import { PortInUseError, startLocalRuntime, type LocalRuntime } from '../local/local-runtime';
import { silenceHandlerLogs } from '../lambdas/runtime/logger';
import { openState } from './state-target';
import { formatSimulation } from './commands/simulation-report';
import { auditBetween, formatAudit } from './commands/audit';
import { pausePosting, postingStatus, resumePosting } from './commands/pause';
import { classifyCommand } from './commands/classify';

const USAGE = `usage: social-duty <command> [--config FILE]

commands:
  check                                   validate the config and print a summary
  preview [--from D] [--to D] [--json] [--html FILE]
                                          every automated action in the range (default: the next 14 days)
  simulate --from D --to D [--seed FILE] [--json]
                                          run the real handlers on a virtual clock; report tweets and emails
  start [--dynamo-port N] [--ses-port N] [--x-port N] [--feed-port N] [--ack-port N]
                                          run everything locally in real time (what npm start runs)
  pause --until D --reason TEXT           stop all automated posting up to and including D
  resume                                  lift the runtime pause
  status                                  the pause, the next 5 actions and the last 5 outcomes
  audit --from D --to D [--json]          what happened: posts, skips, failures, alerts, briefings, pauses
  classify [--json] "TEXT"… | --file F    how the mention rules classify each text (one per line in F)

pause, resume, status and audit use the local state (a running \`npm start\`, or .social-duty/) unless given
--table NAME [--region R] for a deployed stack (standard AWS credentials), or --endpoint URL.`;

type Output = { stdout: (text: string) => void; stderr: (text: string) => void };

/** Runs one CLI command; returns the exit code. Never throws for bad input. */
export async function runCli(argv: string[], out: Output = defaultOutput): Promise<number> {
  try {
    const [command, ...rest] = argv;
    switch (command) {
      case 'check':
        return check(rest, out);
      case 'preview':
        return preview(rest, out);
      case 'simulate':
        silenceHandlerLogs();
        return await simulateCommand(rest, out);
      case 'start':
        silenceHandlerLogs();
        return await startCommand(rest, out);
      case 'pause':
      case 'resume':
      case 'status':
      case 'audit':
        return await stateCommand(command, rest, out);
      case 'classify':
        return classifyCommand(rest, out);
      case undefined:
      case 'help':
      case '--help':
        out.stdout(USAGE);
        return command === undefined ? 1 : 0;
      default:
        throw new UsageError(`unknown command "${command}"\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) {
      out.stderr(error.message);
      return 1;
    }
    throw error;
  }
}

function options<T extends Record<string, { type: 'string' | 'boolean' }>>(args: string[], spec: T) {
  try {
    return parseArgs({
      args,
      options: { config: { type: 'string' }, today: { type: 'string' }, ...spec },
      strict: true,
    }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function check(args: string[], out: Output): number {
  const values = options(args, {});
  const loaded = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  out.stdout(
    checkSummary(
      loaded,
      loaded.file,
      today(loaded.config.organisation.timezone, values.today as string | undefined),
    ),
  );
  return 0;
}

function preview(args: string[], out: Output): number {
  const values = options(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
    html: { type: 'string' },
  });
  const { config } = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  const from = values.from
    ? requireDate('--from', values.from as string)
    : today(config.organisation.timezone, values.today as string | undefined);
  const to = values.to ? requireDate('--to', values.to as string) : addDays(from, 13);
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  if (addDays(from, 366 * 3) < to)
    throw new UsageError('the range is longer than three years; preview a shorter range');
  const calendar = new WorkingCalendar(config);
  const result = previewActions(config, calendar, from, to);
  if (values.html) {
    writeFileSync(values.html as string, renderCalendarPage(config, calendar, result));
    out.stdout(`wrote the calendar page for ${from} to ${to} to ${values.html as string}`);
  } else if (values.json) {
    out.stdout(JSON.stringify(result, null, 2));
  } else {
    out.stdout(formatPreviewTable(result));
    out.stdout(`\n${formatCostLine(estimateMonthlyCost(config, calendar, from))}`);
  }
  return 0;
}

async function simulateCommand(args: string[], out: Output): Promise<number> {
  const values = options(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'boolean' },
  });
  const loaded = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  if (!values.from || !values.to)
    throw new UsageError('simulate needs --from YYYY-MM-DD and --to YYYY-MM-DD');
  const from = requireDate('--from', values.from as string);
  const to = requireDate('--to', values.to as string);
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  if (addDays(from, 366 * 2) < to) throw new UsageError('simulate at most two years at a time');
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
  } catch {
    throw new UsageError(`${file}: cannot read the seed file`);
  }
  try {
    return parseSeed(text, config.sweeps?.sources ?? []);
  } catch (error) {
    if (error instanceof SeedError)
      throw new UsageError(error.problems.map((p) => `${file}: ${p}`).join('\n'));
    throw error;
  }
}

async function startCommand(args: string[], out: Output): Promise<number> {
  const values = options(args, {
    'dynamo-port': { type: 'string' },
    'ses-port': { type: 'string' },
    'x-port': { type: 'string' },
    'feed-port': { type: 'string' },
    'ack-port': { type: 'string' },
  });
  const loaded = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  const port = (name: string) =>
    values[name] === undefined ? undefined : requirePort(`--${name}`, values[name] as string);
  const ports = Object.fromEntries(
    (
      [
        ['dynamo', port('dynamo-port')],
        ['ses', port('ses-port')],
        ['x', port('x-port')],
        ['feeds', port('feed-port')],
        ['ack', port('ack-port')],
      ] as const
    ).filter(([, value]) => value !== undefined),
  );
  // listen for Ctrl-C before anything starts, so a stop during start-up is not lost
  let stopRequested: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const onSignal = () => stopRequested();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime(loaded, { ports, realTime: true, log: (line) => out.stdout(line) });
  } catch (error) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (error instanceof PortInUseError) throw new UsageError(error.message);
    throw error;
  }
  out.stdout(runtime.banner());
  await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  out.stdout('\nStopping…');
  await runtime.close();
  return 0;
}

function requirePort(flag: string, value: string): number {
  const port = Number(value);
  // 0 asks the system for a free port
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${flag} must be a port number (got "${value}")`);
  return port;
}

const STATE_OPTIONS = {
  table: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

async function stateCommand(
  command: 'pause' | 'resume' | 'status' | 'audit',
  args: string[],
  out: Output,
): Promise<number> {
  const values = options(args, {
    ...STATE_OPTIONS,
    until: { type: 'string' },
    reason: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  });
  const loaded = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  const zone = loaded.config.organisation.timezone;
  let until: string | undefined;
  let reason: string | undefined;
  if (command === 'pause') {
    if (!values.until || !values.reason)
      throw new UsageError('pause needs --until YYYY-MM-DD and --reason TEXT');
    until = requireDate('--until', values.until as string);
    reason = (values.reason as string).trim();
    if (until < today(zone, values.today as string | undefined))
      throw new UsageError(`--until (${until}) is in the past`);
  }
  let range: { from: string; to: string } | undefined;
  if (command === 'audit') {
    const end = values.to
      ? requireDate('--to', values.to as string)
      : today(zone, values.today as string | undefined);
    range = { from: values.from ? requireDate('--from', values.from as string) : addDays(end, -6), to: end };
    if (range.to < range.from) throw new UsageError(`--to (${range.to}) is before --from (${range.from})`);
  }
  const target = await openState({
    table: values.table as string | undefined,
    region: values.region as string | undefined,
    endpoint: values.endpoint as string | undefined,
  });
  try {
    const now = new Date();
    if (command === 'pause')
      out.stdout(await pausePosting(target.state, loaded, until as string, reason as string, now));
    else if (command === 'resume') out.stdout(await resumePosting(target.state, loaded, now));
    else if (range) {
      const records = await auditBetween(target.state.audit, zone, range.from, range.to);
      out.stdout(values.json ? JSON.stringify({ ...range, records }, null, 2) : formatAudit(records, zone));
    } else
      out.stdout(
        `State: ${target.where}\n${await postingStatus(target.state, loaded, today(zone, values.today as string | undefined), now)}`,
      );
    return 0;
  } finally {
    await target.close();
  }
}

const defaultOutput: Output = {
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (text) => process.stderr.write(`${text}\n`),
};

/** Entry point of the `social-duty` bin: sets the exit code, never prints a stack trace for bad input. */
export function main(argv: string[] = process.argv.slice(2)): void {
  runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`social-duty: unexpected error: ${(error as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
