/**
 * The notify function's three stand-ins at once, set up for a config's consumers: the local Teams server (one
 * workflow URL per Teams consumer), the local SNS, and one webhook receiver for every webhook consumer. The
 * `endpoints` go to buildNotifyDeps (lambdas/runtime/notify-runtime.ts), which then builds the same adapters
 * as on AWS, pointed here:
 *
 *   const standIns = await startNotifyStandIns({ consumers: notifyConsumers(loaded.config) });
 *   const deps = buildNotifyDeps(loaded, endpoints, clock, standIns.endpoints);
 *   ...
 *   await standIns.close();
 */
import { randomBytes } from 'node:crypto';
import type { NotifyConsumer } from '../lambdas/core/notify/consumers';
import type { LocalNotifyEndpoints } from '../lambdas/runtime/notify-runtime';
import type { LocalIdentity } from './local-identity';
import { startAllOrNone } from './local-servers';
import { startSnsServer, type SnsServerHandle } from './sns-server';
import { startTeamsServer, type TeamsServerHandle } from './teams-server';
import { startWebhookReceiver, type WebhookReceiverHandle } from './webhook-receiver';

export interface NotifyStandInsOptions {
  consumers: readonly NotifyConsumer[];
  /** 0 (default) picks a free port */
  ports?: { teams?: number; sns?: number; webhooks?: number };
  /** the stand-ins' clock (simulate passes its virtual one; the receiver checks signatures against it) */
  clock?: () => Date;
  /** the key every local webhook consumer signs with (default: a new random one) */
  webhookKey?: string;
  identity?: () => LocalIdentity;
}

export interface NotifyStandIns {
  teams: TeamsServerHandle;
  sns: SnsServerHandle;
  /** receives at `/webhooks/<consumer id>` */
  webhooks: WebhookReceiverHandle;
  webhookKey: string;
  endpoints: LocalNotifyEndpoints;
  close(): Promise<void>;
}

export async function startNotifyStandIns(options: NotifyStandInsOptions): Promise<NotifyStandIns> {
  const webhookKey = options.webhookKey ?? randomBytes(32).toString('hex');
  const common = {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.identity ? { identity: options.identity } : {}),
  };
  const { teams, sns, webhooks } = await startAllOrNone({
    teams: () => startTeamsServer({ port: options.ports?.teams ?? 0, ...common }),
    sns: () => startSnsServer({ port: options.ports?.sns ?? 0, ...common }),
    webhooks: () => startWebhookReceiver({ port: options.ports?.webhooks ?? 0, key: webhookKey, ...common }),
  });
  return {
    teams,
    sns,
    webhooks,
    webhookKey,
    endpoints: localNotifyEndpoints(options.consumers, { teams, sns, webhooks }, webhookKey),
    async close() {
      await Promise.all([teams.close(), sns.close(), webhooks.close()]);
    },
  };
}

/** Where the notify adapters send for these consumers: their secrets are the stand-ins' URLs and key. */
export function localNotifyEndpoints(
  consumers: readonly NotifyConsumer[],
  standIns: { teams: TeamsServerHandle; sns: SnsServerHandle; webhooks: WebhookReceiverHandle },
  webhookKey: string,
): LocalNotifyEndpoints {
  const secrets: Record<string, string> = {};
  for (const consumer of consumers) {
    if (consumer.channel === 'teams') secrets[consumer.secret] = standIns.teams.workflowUrl(consumer.id);
    if (consumer.channel === 'webhook') secrets[consumer.secret] = webhookKey;
  }
  return { snsEndpoint: standIns.sns.url, secrets, webhookBaseUrl: standIns.webhooks.url };
}
