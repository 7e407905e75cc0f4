import { join } from 'node:path';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { addDays, localDateTime } from '../lambdas/core/calendar/dates';
import { previewActions } from '../lambdas/core/plan/preview';
import { schedulePlan } from '../lambdas/core/plan/schedule-plan';
import { createBriefingHandler } from '../lambdas/handlers/briefing';
import { createPostHandler } from '../lambdas/handlers/post';
import { createSweepHandler } from '../lambdas/handlers/sweep';
import { systemClock, type Clock } from '../lambdas/ports/clock';
import { LocalScheduler } from './local-scheduler';
import { startLocalStack, type LocalStack } from './local-stack';
import { SeededFeedServer } from './seeded-feed-server';

export interface LocalPorts {
  dynamo: number;
  ses: number;
  x: number;
  feeds: number;
  ack: number;
}

export const DEFAULT_PORTS: LocalPorts = { dynamo: 8420, ses: 8425, x: 8430, feeds: 8435, ack: 8440 };

export interface LocalRuntimeOptions {
  ports?: Partial<LocalPorts>;
  /** where DynamoDB state persists between runs; `.social-duty/dynamodb` by default */
  stateDir?: string;
  clock?: Clock;
  /** start the real-time timer (off in tests, which call `scheduler.tick()` themselves) */
  realTime?: boolean;
  log?: (line: string) => void;
}

export interface LocalRuntime {
  stack: LocalStack;
  feeds: SeededFeedServer;
  scheduler: LocalScheduler;
  banner(): string;
  close(): Promise<void>;
}

export class PortInUseError extends Error {}

/**
 * `npm start`: the local stand-ins plus the plan's schedules in real time, invoking the same handler code the
 * Lambdas run. Only the endpoints differ.
 */
export async function startLocalRuntime(
  loaded: LoadedConfig,
  options: LocalRuntimeOptions = {},
): Promise<LocalRuntime> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const feeds = new SeededFeedServer(() => clock.now());
  await withPort('feed server', ports.feeds, '--feed-port', () => feeds.start(ports.feeds));
  let stack: LocalStack;
  try {
    stack = await withPort(
      'local AWS, X and acknowledge servers',
      ports.dynamo,
      '--dynamo-port, --ses-port, --x-port or --ack-port',
      () =>
        startLocalStack(loaded, {
          dynamoPath: options.stateDir ?? join('.social-duty', 'dynamodb'),
          ports: { dynamo: ports.dynamo, ses: ports.ses, x: ports.x, ack: ports.ack },
          clock,
          ...(options.clock ? { xClock: () => clock.now() } : {}),
          sourceOptions: { feedUrl: (sourceId) => feeds.feedUrl(sourceId) },
        }),
    );
  } catch (error) {
    await feeds.close();
    throw error;
  }
  const deps = async () => stack.deps;
  const handlers = {
    post: createPostHandler(deps),
    sweep: createSweepHandler(deps),
    briefing: createBriefingHandler(deps),
  };
  const scheduler = new LocalScheduler(
    schedulePlan(loaded.config),
    clock,
    async (target, event, firing) => {
      const outcome = await handlers[target](event, {} as never);
      log(`${firing.at} ${firing.entry.name}: ${JSON.stringify(summary(outcome))}`);
    },
    (error, firing) => log(`${firing.at} ${firing.entry.name} failed: ${(error as Error).message}`),
  );
  if (options.realTime) scheduler.start();

  return {
    stack,
    feeds,
    scheduler,
    banner: () => banner(loaded, stack, feeds, clock),
    async close() {
      await scheduler.stop();
      await Promise.all([stack.close(), feeds.close()]);
    },
  };
}

async function withPort<T>(what: string, port: number, flag: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new PortInUseError(
        `cannot start the ${what}: port ${port} or a neighbour is already in use; pick others with ${flag}`,
      );
    }
    throw error;
  }
}

function summary(outcome: unknown): unknown {
  // outcomes carry post text for the caller; the console gets the outcome and counts only
  if (outcome && typeof outcome === 'object' && 'text' in outcome) {
    const { text: _text, ...rest } = outcome as Record<string, unknown>;
    return rest;
  }
  return outcome;
}

function banner(loaded: LoadedConfig, stack: LocalStack, feeds: SeededFeedServer, clock: Clock): string {
  const { config } = loaded;
  const zone = config.organisation.timezone;
  const now = clock.now();
  const today = localDateTime(now, zone).date;
  const next = previewActions(config, stack.deps.calendar, today, addDays(today, 31))
    .actions.filter((a) => Date.parse(a.at) > now.getTime())
    .slice(0, 5)
    .map((a) => {
      const local = localDateTime(a.at, zone);
      const status = a.status === 'skipped' ? `  (skipped: ${a.reason})` : '';
      return `    ${local.date} ${local.time}  ${a.kind.padEnd(9)} ${a.id}${status}`;
    });
  const sweeps = config.sweeps
    ? `every ${config.sweeps.urgentEveryMinutes} minutes round the clock for urgent mentions; an alert email every ${config.sweeps.everyMinutes} minutes in working hours`
    : 'none configured';
  return [
    `social-duty is running locally for ${config.organisation.name}`,
    '',
    `  Duty emails (SES viewer)   ${stack.ses.viewerUrl}`,
    `  Local X (posts, mentions)  ${stack.x.url}/`,
    `  Feeds                      ${feeds.url}/`,
    `  "I'm handling this" links  ${stack.ack.url}`,
    `  DynamoDB (dynalite)        ${stack.dynamo.endpoint}`,
    '',
    `  On duty today (${today})  ${stack.deps.calendar.dutyPerson(today)}`,
    `  Sweeps                     ${sweeps}`,
    '  Next 5 actions:',
    ...next,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}
