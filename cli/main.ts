import { parseArgs } from 'node:util';
import { ConfigError } from '../lambdas/core/config/problems';
import { WorkingCalendar } from '../lambdas/core/calendar/working-calendar';
import { addDays } from '../lambdas/core/calendar/dates';
import { previewActions } from '../lambdas/core/plan/preview';
import { checkSummary } from './commands/check';
import { formatPreviewTable } from './commands/preview';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from './config-file';
import { requireDate, today } from './dates';
import { UsageError } from './errors';
import { openState } from './state-target';
import { pausePosting, postingStatus, resumePosting } from './commands/pause';

const USAGE = `usage: social-duty <command> [--config FILE]

commands:
  check                                   validate the config and print a summary
  preview [--from D] [--to D] [--json]    every automated action in the range (default: the next 14 days)
  pause --until D --reason TEXT           stop all automated posting up to and including D
  resume                                  lift the runtime pause
  status                                  the pause, the next 5 actions and the last 5 outcomes

pause, resume and status use the local state (a running \`npm start\`, or .social-duty/) unless given
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
      case 'pause':
      case 'resume':
      case 'status':
        return await stateCommand(command, rest, out);
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
  });
  const { config } = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  const from = values.from
    ? requireDate('--from', values.from as string)
    : today(config.organisation.timezone, values.today as string | undefined);
  const to = values.to ? requireDate('--to', values.to as string) : addDays(from, 13);
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  if (addDays(from, 366 * 3) < to)
    throw new UsageError('the range is longer than three years; preview a shorter range');
  const result = previewActions(config, new WorkingCalendar(config), from, to);
  out.stdout(values.json ? JSON.stringify(result, null, 2) : formatPreviewTable(result));
  return 0;
}

const STATE_OPTIONS = {
  table: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
} as const;

async function stateCommand(
  command: 'pause' | 'resume' | 'status',
  args: string[],
  out: Output,
): Promise<number> {
  const values = options(args, { ...STATE_OPTIONS, until: { type: 'string' }, reason: { type: 'string' } });
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
    else
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
