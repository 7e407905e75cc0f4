import { silenceHandlerLogs } from '../../lambdas/runtime/logger';
import {
  PortInUseError,
  StateFilesUnavailableError,
  StateHeldByStartError,
  startLocalRuntime,
  type LocalRuntime,
  type LocalServerName,
} from '../../local/local-runtime';
import type { OptionValues } from '../command-registry';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import { UsageError } from '../errors';
import type { Output } from '../output';

/** the option that moves each server to another port */
const PORT_FLAGS: Record<LocalServerName, string> = {
  dynamo: '--dynamo-port',
  ses: '--ses-port',
  x: '--x-port',
  feeds: '--feed-port',
  ack: '--ack-port',
  events: '--events-port',
  teams: '--teams-port',
  sms: '--sms-port',
  webhooks: '--webhooks-port',
  bluesky: '--bluesky-port',
  facebook: '--facebook-port',
};

/** `start` (what `npm start` runs): every local stand-in and the schedules in real time, until Ctrl-C. */
export async function run(values: OptionValues, _positionals: string[], out: Output): Promise<number> {
  silenceHandlerLogs();
  const configFile = (values.config as string | undefined) ?? DEFAULT_CONFIG_FILE;
  const loaded = loadConfigFile(configFile);
  const ports = requestedPorts(values);
  // listen for Ctrl-C before anything starts, so a stop during start-up is not lost
  let stopRequested: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stopRequested = resolve));
  const onSignal = () => stopRequested();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let runtime: LocalRuntime;
  try {
    runtime = await startLocalRuntime(loaded, {
      ports,
      configFile,
      realTime: true,
      log: (line) => out.stdout(line),
    });
  } catch (error) {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    throw startProblem(error);
  }
  out.stdout(runtime.banner());
  await stopped;
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  out.stdout('\nStopping…');
  await runtime.close();
  return 0;
}

function requestedPorts(values: OptionValues): Partial<Record<LocalServerName, number>> {
  const ports: Partial<Record<LocalServerName, number>> = {};
  for (const [server, flag] of Object.entries(PORT_FLAGS) as [LocalServerName, string][]) {
    const value = values[flag.slice(2)];
    if (value !== undefined) ports[server] = requirePort(flag, value as string);
  }
  return ports;
}

function requirePort(flag: string, value: string): number {
  const port = Number(value);
  // 0 asks the system for a free port
  if (value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`${flag} must be a port number (got "${value}")`);
  return port;
}

/** The one line for a start that could not happen, or the error itself when it is not the user's to fix. */
function startProblem(error: unknown): unknown {
  if (error instanceof PortInUseError)
    return new UsageError(`cannot start: ${error.message}; pick another with ${PORT_FLAGS[error.server]} N`);
  if (error instanceof StateHeldByStartError)
    return new UsageError(
      `cannot start: ${error.message}; stop that one first, or run this one in another directory`,
    );
  if (error instanceof StateFilesUnavailableError)
    return new UsageError(
      `cannot start: ${error.message}${error.locked ? '; stop it, then start again' : ''}`,
    );
  return error;
}
