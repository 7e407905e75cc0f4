/**
 * The notify function's dependencies: the bundled config, the urgent alerts (the Teams card shows the mention
 * they hold), the "I'm handling this" links, and the three channels. On AWS the channels' secrets come from
 * Secrets Manager by the names in the config; locally from a fixed map, with SMS going to the local SNS and
 * webhooks to the local receiver (local/notify-stand-ins.ts builds those endpoints).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TableClient } from '../adapters/dynamodb/table-client';
import { DynamoDbUrgentAlerts } from '../adapters/dynamodb/urgent-alerts';
import { secretsManagerNotifySecrets, staticNotifySecrets } from '../adapters/notify-secrets';
import { SignedWebhookChannel } from '../adapters/signed-webhook';
import { SnsSmsChannel } from '../adapters/sns-sms';
import { TeamsWorkflowChannel } from '../adapters/teams-workflow';
import type { LoadedConfig } from '../core/config/parse-config';
import { systemClock, type Clock } from '../ports/clock';
import type { NotifyChannels, WebhookChannel } from '../ports/notify-channels';
import type { NotifyDeps } from '../services/notify-service';
import { ackLinksFor } from './ack-links-runtime';
import { awsOptions, type RuntimeEndpoints } from './endpoints';
import { bundledConfig, lambdaEndpoints } from './lambda-runtime';

/** Where the channels go in a local run. Plain http:// is accepted for these only. */
export interface LocalNotifyEndpoints {
  /** the local SNS (local/sns-server.ts) */
  snsEndpoint: string;
  /** secret name → value: each Teams consumer's workflow URL on the local Teams server, each webhook key */
  secrets: Readonly<Record<string, string>>;
  /** webhooks go to `<this>/webhooks/<consumer id>` instead of their configured URLs */
  webhookBaseUrl?: string;
}

export function buildNotifyDeps(
  loaded: LoadedConfig,
  endpoints: RuntimeEndpoints,
  clock: Clock = systemClock,
  local?: LocalNotifyEndpoints,
): NotifyDeps {
  const dynamo = new DynamoDBClient({
    ...awsOptions(endpoints),
    ...(endpoints.dynamoEndpoint ? { endpoint: endpoints.dynamoEndpoint } : {}),
  });
  return {
    config: loaded.config,
    configVersion: loaded.version,
    channels: buildNotifyChannels(endpoints, clock, local),
    urgent: new DynamoDbUrgentAlerts(new TableClient({ client: dynamo, tableName: endpoints.tableName })),
    ackLinks: ackLinksFor(endpoints),
    clock,
  };
}

/** The Teams, SMS and webhook adapters, for AWS or, given `local`, for the stand-ins. */
export function buildNotifyChannels(
  endpoints: Pick<RuntimeEndpoints, 'region' | 'localAwsCredentials'>,
  clock: Clock = systemClock,
  local?: LocalNotifyEndpoints,
): NotifyChannels {
  const secrets = local
    ? staticNotifySecrets(local.secrets)
    : secretsManagerNotifySecrets(endpoints.region ? { region: endpoints.region } : {});
  const allowHttp = local !== undefined;
  const webhook = new SignedWebhookChannel({ secrets, clock, allowHttp });
  return {
    teams: new TeamsWorkflowChannel({ secrets, allowHttp }),
    sms: new SnsSmsChannel({
      ...awsOptions(endpoints),
      ...(local ? { endpoint: local.snsEndpoint } : {}),
    }),
    webhook: local?.webhookBaseUrl ? toLocalReceiver(webhook, local.webhookBaseUrl) : webhook,
  };
}

/** the configured URLs are the subscribers' real ones: a local run must not post to them */
function toLocalReceiver(webhook: WebhookChannel, baseUrl: string): WebhookChannel {
  return {
    deliver: (consumer, body) =>
      webhook.deliver({ ...consumer, url: `${baseUrl}/webhooks/${encodeURIComponent(consumer.id)}` }, body),
  };
}

let lambdaDeps: NotifyDeps | undefined;

/** The notify function's dependencies on AWS, built once per container. */
export async function lambdaNotifyDeps(): Promise<NotifyDeps> {
  lambdaDeps ??= buildNotifyDeps(bundledConfig(), lambdaEndpoints());
  return lambdaDeps;
}
