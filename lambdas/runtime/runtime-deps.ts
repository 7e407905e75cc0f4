import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LoadedConfig } from '../core/config/parse-config';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { DynamoDbState } from '../adapters/dynamodb-state';
import { SesMailer } from '../adapters/ses-mailer';
import { TwitterApiXClient } from '../adapters/x-client';
import { secretsManagerCredentials, staticCredentials, type XCredentials } from '../adapters/x-credentials';
import { systemClock, type Clock } from '../ports/clock';
import type { XClientPort } from '../ports/x-client';
import type { ServiceDeps } from '../services/service-deps';
import type { MentionSource } from '../ports/mention-source';
import { buildMentionSources, type SourceOptions } from '../services/mention-sources';

/** Everything a handler needs, built once per container (or once per local run). */
export interface RuntimeDeps extends ServiceDeps {
  x: XClientPort;
  sources: MentionSource[];
  leaseMs?: number;
}

/** Where the adapters connect: AWS by default, or the local stand-ins. No secrets in here. */
export interface RuntimeEndpoints {
  tableName: string;
  region?: string;
  dynamoEndpoint?: string;
  sesEndpoint?: string;
  xBaseUrl?: string;
  /** fixed X credentials per account (local runs): otherwise read from Secrets Manager */
  xCredentials?: Record<string, XCredentials>;
  /** fake AWS credentials for the local stand-ins, which check none */
  localAwsCredentials?: { accessKeyId: string; secretAccessKey: string };
  xTimeoutMs?: number;
  /** where feeds are read from and how long to wait (local runs serve seeded feeds) */
  sourceOptions?: SourceOptions;
}

export function buildRuntime(
  loaded: LoadedConfig,
  endpoints: RuntimeEndpoints,
  clock: Clock = systemClock,
): RuntimeDeps {
  const { config, version } = loaded;
  const aws = {
    ...(endpoints.region ? { region: endpoints.region } : {}),
    ...(endpoints.localAwsCredentials ? { credentials: endpoints.localAwsCredentials } : {}),
  };
  const dynamo = new DynamoDBClient({
    ...aws,
    ...(endpoints.dynamoEndpoint ? { endpoint: endpoints.dynamoEndpoint } : {}),
  });
  const x = new TwitterApiXClient({
    credentials: endpoints.xCredentials
      ? staticCredentials(endpoints.xCredentials)
      : secretsManagerCredentials(config.accounts),
    ...(endpoints.xBaseUrl ? { baseUrl: endpoints.xBaseUrl } : {}),
    ...(endpoints.xTimeoutMs ? { timeoutMs: endpoints.xTimeoutMs } : {}),
  });
  return {
    config,
    configVersion: version,
    calendar: new WorkingCalendar(config),
    state: new DynamoDbState({ client: dynamo, tableName: endpoints.tableName }),
    x,
    sources: buildMentionSources(config, x, endpoints.sourceOptions),
    mailer: new SesMailer({
      from: config.duty.from,
      ...aws,
      ...(endpoints.sesEndpoint ? { endpoint: endpoints.sesEndpoint } : {}),
    }),
    clock,
  };
}
