import { mkdirSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { addDays, localDateTime } from '../lambdas/core/calendar/dates';
import { previewActions } from '../lambdas/core/plan/preview';
import { NETWORK_NAMES } from '../lambdas/core/config/vocabulary';
import { schedulePlan } from '../lambdas/core/plan/schedule-plan';
import { createBriefingHandler } from '../lambdas/handlers/briefing';
import { createPostHandler } from '../lambdas/handlers/post';
import { createSweepHandler } from '../lambdas/handlers/sweep';
import { systemClock, type Clock } from '../lambdas/ports/clock';
import { LocalScheduler } from './local-scheduler';
import { startLocalStack, type LocalStack } from './local-stack';
import { SeededFeedServer } from './seeded-feed-server';
import { PRODUCT, type LocalIdentity } from './local-identity';
import { claimingPort, DEFAULT_PORTS, type LocalServerName } from './local-servers';
import { DEFAULT_STATE_DIR, openUnlessHeldByStart, removeStateOwner, writeStateOwner } from './state-owner';

export { DEFAULT_PORTS, PortInUseError, SERVER_LABELS, type LocalServerName } from './local-servers';
export { StateFilesUnavailableError } from './dynalite-server';
export { DEFAULT_STATE_DIR, StateHeldByStartError } from './state-owner';

export type LocalPorts = Record<LocalServerName, number>;

export interface LocalRuntimeOptions {
  ports?: Partial<LocalPorts>;
  /** where DynamoDB state persists between runs; `.social-duty/dynamodb` by default */
  stateDir?: string;
  /** the config file it was loaded from, for the runtime's identity */
  configFile?: string;
  clock?: Clock;
  /** start the real-time timer (off in tests, which call `scheduler.tick()` themselves) */
  realTime?: boolean;
  log?: (line: string) => void;
}

export interface LocalRuntime {
  stack: LocalStack;
  feeds: SeededFeedServer;
  scheduler: LocalScheduler;
  /** what its servers answer to `GET /_social-duty` */
  identity: LocalIdentity;
  banner(): string;
  close(): Promise<void>;
}

/**
 * `npm start`: the local stand-ins plus the plan's schedules in real time, invoking the same handler code the
 * Lambdas run. Only the endpoints differ.
 */
export async function startLocalRuntime(
  loaded: LoadedConfig,
  options: LocalRuntimeOptions = {},
): Promise<LocalRuntime> {
  const ports = { ...DEFAULT_PORTS, ...options.ports };
  const stateDir = options.stateDir ?? DEFAULT_STATE_DIR;
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const identity = newIdentity(options.configFile, stateDir);
  const whoWeAre = () => identity;
  const feeds = new SeededFeedServer(() => clock.now());
  // first, because the mention sources the stack builds need the feeds' address
  await claimingPort('feeds', ports.feeds, () => feeds.start(ports.feeds, whoWeAre));
  let stack: LocalStack;
  try {
    stack = await openUnlessHeldByStart(stateDir, (waitForLockMs) =>
      startLocalStack(loaded, {
        dynamoPath: stateDir,
        waitForLockMs,
        ports: {
          dynamo: ports.dynamo,
          ses: ports.ses,
          x: ports.x,
          ack: ports.ack,
          events: ports.events,
          teams: ports.teams,
          sms: ports.sms,
          webhooks: ports.webhooks,
          bluesky: ports.bluesky,
          facebook: ports.facebook,
        },
        clock,
        ...(options.clock ? { xClock: () => clock.now() } : {}),
        sourceOptions: { feedUrl: (sourceId) => feeds.feedUrl(sourceId) },
        identity: whoWeAre,
      }),
    );
  } catch (error) {
    await feeds.close();
    throw error;
  }
  identity.ports = {
    dynamo: stack.dynamo.port,
    ses: stack.ses.port,
    x: stack.x.port,
    feeds: Number(new URL(feeds.url).port),
    ack: stack.ack.port,
    events: stack.events.port,
    teams: stack.notify.teams.port,
    sms: stack.notify.sms.port,
    webhooks: stack.notify.webhooks.port,
    bluesky: stack.bluesky.port,
    facebook: stack.facebook.port,
  };
  writeStateOwner(stateDir, identity);
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
    identity,
    banner: () => banner(loaded, stack, feeds, clock),
    async close() {
      await scheduler.stop();
      removeStateOwner(stateDir);
      await Promise.all([stack.close(), feeds.close()]);
    },
  };
}

/** Who this runtime is, for its servers' `GET /_social-duty`; the ports are filled in once they all listen. */
function newIdentity(configFile: string | undefined, stateDir: string): LocalIdentity {
  // made now rather than by LevelDB, so its real path (the one state commands compare with) is known up front
  mkdirSync(stateDir, { recursive: true });
  return {
    product: PRODUCT,
    config: configFile === undefined ? null : resolve(configFile),
    checkout: realpathSync(process.cwd()),
    stateDir: realpathSync(stateDir),
    pid: process.pid,
    ports: {},
    startedAt: new Date().toISOString(),
  };
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
      const where = a.network && a.network !== 'x' ? ` (${NETWORK_NAMES[a.network]})` : '';
      return `    ${local.date} ${local.time}  ${a.kind.padEnd(9)} ${a.id}${where}${status}`;
    });
  const sweeps = config.sweeps
    ? `every ${config.sweeps.urgentEveryMinutes} minutes round the clock for urgent mentions; an alert email every ${config.sweeps.everyMinutes} minutes in working hours`
    : 'none configured';
  return [
    `social-duty is running locally for ${config.organisation.name}`,
    '',
    `  Duty emails (SES viewer)   ${stack.ses.viewerUrl}`,
    `  Local X (posts, mentions)  ${stack.x.url}/`,
    `  Local Bluesky              ${stack.bluesky.url}/`,
    `  Local Facebook Page        ${stack.facebook.url}/`,
    `  Feeds                      ${feeds.url}/`,
    `  "I'm handling this" links  ${stack.ack.url}`,
    `  DynamoDB (dynalite)        ${stack.dynamo.endpoint}`,
    `  Duty events (EventBridge)  ${stack.events.url}/events`,
    `  Teams cards                ${stack.notify.teams.url}/`,
    `  Text messages (SMS)        ${stack.notify.sms.url}/sms`,
    `  Webhook deliveries         ${stack.notify.webhooks.url}/deliveries.json`,
    '',
    `  On duty today (${today})  ${stack.deps.calendar.dutyPerson(today)}`,
    `  Sweeps                     ${sweeps}`,
    '  Next 5 actions:',
    ...next,
    '',
    'Press Ctrl-C to stop.',
  ].join('\n');
}
