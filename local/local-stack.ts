import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { buildRuntime, type RuntimeDeps, type RuntimeEndpoints } from '../lambdas/runtime/runtime-deps';
import { systemClock, type Clock } from '../lambdas/ports/clock';
import type { SourceOptions } from '../lambdas/services/mention-sources';
import { LOCAL_REGION, startDynalite, type DynaliteHandle } from './dynalite-server';
import { LOCAL_SES_CREDENTIALS, startSesServer, type SesServerHandle } from './ses-server';
import { startXApiServer, type LocalXApiServer } from './x-api-server';
import { localXAccounts } from './local-x-accounts';
import { localNetworkAccounts } from './local-network-accounts';
import { startBlueskyServer, type LocalBlueskyServer } from './bluesky-server';
import { startFacebookServer, type LocalFacebookServer } from './facebook-server';
import { randomBytes } from 'node:crypto';
import { createAcknowledgeHandler } from '../lambdas/handlers/acknowledge';
import { acknowledgeDepsFrom } from '../lambdas/runtime/ack-runtime';
import { staticSigningKey } from '../lambdas/adapters/signing-key';
import { startAckServer, type AckServer } from './ack-server';
import type { LocalIdentity } from './local-identity';
import { claimingPort, startAllOrNone } from './local-servers';
import { notifyConsumers, type NotifyInput } from '../lambdas/core/notify/consumers';
import type { BusEvent } from '../lambdas/core/events/bus-event';
import { createNotifyHandler } from '../lambdas/handlers/notify';
import { buildNotifyDeps } from '../lambdas/runtime/notify-runtime';
import { startLocalEventBridge, type LocalEventBridgeHandle } from './eventbridge-server';
import { localNotifyEndpoints } from './notify-stand-ins';
import { startSnsServer, type SnsServerHandle } from './sns-server';
import { startTeamsServer, type TeamsServerHandle } from './teams-server';
import { startWebhookReceiver, type WebhookReceiverHandle } from './webhook-receiver';

export { localXAccounts };

export interface LocalStackOptions {
  /** persist DynamoDB under this directory (start); omitted: in memory (tests, simulate) */
  dynamoPath?: string;
  /** how long to wait for another process to let go of `dynamoPath` (default: not at all) */
  waitForLockMs?: number;
  ports?: {
    dynamo?: number;
    ses?: number;
    x?: number;
    ack?: number;
    events?: number;
    teams?: number;
    sms?: number;
    webhooks?: number;
    bluesky?: number;
    facebook?: number;
  };
  clock?: Clock;
  /** the local X, Bluesky and Facebook servers' clock (simulate moves it with the virtual clock) */
  xClock?: () => Date;
  xTimeoutMs?: number;
  sourceOptions?: SourceOptions;
  /** every server answers `GET /_social-duty` with this (what `start` runs) */
  identity?: () => LocalIdentity;
  /**
   * another local EventBridge (local/eventbridge-server.ts) for the handlers to publish duty events to, instead
   * of the stack's own (whose rules deliver to the notify consumers)
   */
  eventBus?: { url: string; busName: string };
}

/**
 * dynalite, aws-ses-v2-local, the local X API and the acknowledge endpoint (the same handler as the function
 * URL), with the real handlers' dependencies pointed at them.
 */
export interface LocalStack {
  dynamo: DynaliteHandle;
  ses: SesServerHandle;
  x: LocalXApiServer;
  bluesky: LocalBlueskyServer;
  facebook: LocalFacebookServer;
  ack: AckServer;
  /** the local EventBridge the handlers publish duty events to, with a rule per notify consumer */
  events: LocalEventBridgeHandle;
  /** the notify consumers' stand-ins, and every notification the notify handler sent through them */
  notify: LocalNotify;
  /** where the stack's "I'm handling this" links point and the key they are signed with, for more runtimes */
  ackLinkEndpoints: Required<Pick<RuntimeEndpoints, 'ackBaseUrl' | 'ackSigningKey'>>;
  deps: RuntimeDeps;
  close(): Promise<void>;
}

/** one notification as the simulator and `start` report it: never the card or the text, only what it was */
export interface LocalNotification {
  at: string;
  channel: 'teams' | 'sms' | 'webhook';
  /** the Teams consumer, the phone number or the webhook URL */
  to: string;
  summary: string;
}

export interface LocalNotify {
  teams: TeamsServerHandle;
  sms: SnsServerHandle;
  webhooks: WebhookReceiverHandle;
  /** what was sent, oldest first (deliveries a consumer did not take, or texts for an alert in hand, are not) */
  notifications(): LocalNotification[];
}

export async function startLocalStack(
  loaded: LoadedConfig,
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const accounts = localXAccounts(loaded);
  const networks = localNetworkAccounts(loaded);
  // a new key each start: links from an earlier run's emails (gone with its mail store) stop working
  const ackSigningKey = randomBytes(32).toString('hex');
  // the acknowledge server starts with the others, before the deps that point at them exist: a request that
  // comes that early waits for them
  let depsBuilt: (deps: RuntimeDeps) => void = () => undefined;
  const depsReady = new Promise<RuntimeDeps>((resolve) => (depsBuilt = resolve));
  const acknowledge = createAcknowledgeHandler(async () =>
    acknowledgeDepsFrom(await depsReady, staticSigningKey(ackSigningKey)),
  );
  // 0 picks a free port
  const ports = {
    dynamo: options.ports?.dynamo ?? 0,
    ses: options.ports?.ses ?? 0,
    x: options.ports?.x ?? 0,
    ack: options.ports?.ack ?? 0,
    events: options.ports?.events ?? 0,
    teams: options.ports?.teams ?? 0,
    sms: options.ports?.sms ?? 0,
    webhooks: options.ports?.webhooks ?? 0,
    bluesky: options.ports?.bluesky ?? 0,
    facebook: options.ports?.facebook ?? 0,
  };
  const clock = options.clock ?? systemClock;
  const now = () => clock.now();
  // a new key each start, like the acknowledge key: the local webhook consumers all sign with it
  const webhookKey = randomBytes(32).toString('hex');
  const identity = options.identity ? { identity: options.identity } : {};
  const networkClock = options.xClock ? { clock: options.xClock } : {};
  const { dynamo, ses, x, bluesky, facebook, ack, events, teams, sms, webhooks } = await startAllOrNone({
    dynamo: () =>
      claimingPort('dynamo', ports.dynamo, () =>
        startDynalite({
          ...(options.dynamoPath ? { path: options.dynamoPath } : {}),
          ...(options.waitForLockMs ? { waitForLockMs: options.waitForLockMs } : {}),
          port: ports.dynamo,
          ...identity,
        }),
      ),
    ses: () => claimingPort('ses', ports.ses, () => startSesServer({ port: ports.ses, ...identity })),
    x: () =>
      claimingPort('x', ports.x, () =>
        startXApiServer({
          port: ports.x,
          accounts: accounts.users,
          ...networkClock,
          ...identity,
        }),
      ),
    bluesky: () =>
      claimingPort('bluesky', ports.bluesky, () =>
        startBlueskyServer({ port: ports.bluesky, accounts: networks.bluesky, ...networkClock, ...identity }),
      ),
    facebook: () =>
      claimingPort('facebook', ports.facebook, () =>
        startFacebookServer({ port: ports.facebook, pages: networks.facebook, ...networkClock, ...identity }),
      ),
    ack: () =>
      claimingPort('ack', ports.ack, () =>
        startAckServer({ port: ports.ack, handler: acknowledge, ...identity }),
      ),
    events: () =>
      claimingPort('events', ports.events, () =>
        startLocalEventBridge({ port: ports.events, clock: now, ...identity }),
      ),
    teams: () =>
      claimingPort('teams', ports.teams, () =>
        startTeamsServer({ port: ports.teams, clock: now, ...identity }),
      ),
    sms: () =>
      claimingPort('sms', ports.sms, () => startSnsServer({ port: ports.sms, clock: now, ...identity })),
    webhooks: () =>
      claimingPort('webhooks', ports.webhooks, () =>
        startWebhookReceiver({ port: ports.webhooks, key: webhookKey, clock: now, ...identity }),
      ),
  });
  const close = async () => {
    await events.settled();
    await Promise.all(
      [dynamo, ses, x, bluesky, facebook, ack, events, teams, sms, webhooks].map((server) => server.close()),
    );
  };
  const notifications: LocalNotification[] = [];
  let deps: RuntimeDeps;
  try {
    const endpoints: RuntimeEndpoints = {
      tableName: dynamo.tableName,
      region: LOCAL_REGION,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      localAwsCredentials: { ...LOCAL_SES_CREDENTIALS },
      xBaseUrl: x.url,
      xCredentials: accounts.credentials,
      ...(options.xTimeoutMs ? { xTimeoutMs: options.xTimeoutMs, channelTimeoutMs: options.xTimeoutMs } : {}),
      blueskyServiceUrl: bluesky.url,
      facebookBaseUrl: facebook.url,
      accountSecrets: networks.secrets,
      ...(options.sourceOptions ? { sourceOptions: options.sourceOptions } : {}),
      ackBaseUrl: ack.url,
      ackSigningKey,
      ...(options.eventBus
        ? { eventBusName: options.eventBus.busName, eventBridgeEndpoint: options.eventBus.url }
        : { eventBusName: events.busName, eventBridgeEndpoint: events.url }),
    };
    deps = buildRuntime(loaded, endpoints, clock);
    deliverToConsumers(loaded, endpoints, clock, events, { teams, sms, webhooks }, webhookKey, notifications);
  } catch (error) {
    // the servers listen already; a stack that cannot be built must not leave them holding the ports
    await close();
    throw error;
  }
  depsBuilt(deps);
  return {
    dynamo,
    ses,
    x,
    bluesky,
    facebook,
    ack,
    events,
    notify: { teams, sms, webhooks, notifications: () => [...notifications] },
    ackLinkEndpoints: { ackBaseUrl: ack.url, ackSigningKey },
    deps,
    close,
  };
}

/**
 * One rule per notify consumer on the local bus, as the stack has on AWS (the same patterns), each invoking the
 * real notify handler with the input the rule's target gets there. The bus retries a handler that throws, as
 * Lambda retries an asynchronous invocation, and then dead-letters the event.
 */
function deliverToConsumers(
  loaded: LoadedConfig,
  endpoints: RuntimeEndpoints,
  clock: Clock,
  bus: LocalEventBridgeHandle,
  standIns: { teams: TeamsServerHandle; sms: SnsServerHandle; webhooks: WebhookReceiverHandle },
  webhookKey: string,
  notifications: LocalNotification[],
): void {
  const consumers = notifyConsumers(loaded.config);
  if (consumers.length === 0) return;
  const deps = buildNotifyDeps(
    loaded,
    endpoints,
    clock,
    localNotifyEndpoints(consumers, { ...standIns, sns: standIns.sms }, webhookKey),
  );
  const notify = createNotifyHandler(async () => deps);
  for (const consumer of consumers) {
    bus.addRule<BusEvent>({
      // rule names allow no colon
      name: consumer.key.replace(':', '-'),
      pattern: consumer.pattern,
      target: async (event) => {
        const input: NotifyInput = { consumer: consumer.key, event };
        const result = await notify(input, {} as never);
        if (result.sent)
          notifications.push({
            at: clock.now().toISOString(),
            channel: result.channel,
            to: result.to,
            summary: result.summary,
          });
      },
    });
  }
}
