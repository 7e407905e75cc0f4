import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LoadedConfig } from '../core/config/parse-config';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { DynamoDbState } from '../adapters/dynamodb-state';
import { SesMailer } from '../adapters/ses-mailer';
import { TwitterApiXClient } from '../adapters/x-client';
import { secretsManagerCredentials, staticCredentials, type XCredentials } from '../adapters/x-credentials';
import { systemClock, type Clock } from '../ports/clock';
import type { MailerPort } from '../ports/mailer';
import type { StatePort } from '../ports/state';
import type { XClientPort } from '../ports/x-client';
import type { Config } from '../core/config/schema';

/** Everything a handler needs, built once per container (or once per local run). */
export interface RuntimeDeps {
  config: Config;
  configVersion: string;
  calendar: WorkingCalendar;
  state: StatePort;
  x: XClientPort;
  mailer: MailerPort;
  clock: Clock;
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
    mailer: new SesMailer({
      from: config.duty.from,
      ...aws,
      ...(endpoints.sesEndpoint ? { endpoint: endpoints.sesEndpoint } : {}),
    }),
    clock,
  };
}
