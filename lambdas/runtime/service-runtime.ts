import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LoadedConfig } from '../core/config/parse-config';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { dynamoDbStateStores } from '../adapters/dynamodb';
import { SesMailer } from '../adapters/ses-mailer';
import { systemClock, type Clock } from '../ports/clock';
import type { ServiceDeps } from '../services/service-deps';
import type { RuntimeEndpoints } from './endpoints';

/** State, mail, calendar and clock: what every handler needs (the briefing needs nothing more). */
export function buildServiceDeps(
  loaded: LoadedConfig,
  endpoints: RuntimeEndpoints,
  clock: Clock = systemClock,
): ServiceDeps {
  const { config, version } = loaded;
  const dynamo = new DynamoDBClient({
    ...awsOptions(endpoints),
    ...(endpoints.dynamoEndpoint ? { endpoint: endpoints.dynamoEndpoint } : {}),
  });
  return {
    config,
    configVersion: version,
    calendar: new WorkingCalendar(config),
    state: dynamoDbStateStores({ client: dynamo, tableName: endpoints.tableName }),
    mailer: new SesMailer({
      from: config.duty.from,
      ...awsOptions(endpoints),
      ...(endpoints.sesEndpoint ? { endpoint: endpoints.sesEndpoint } : {}),
    }),
    clock,
  };
}

function awsOptions(endpoints: RuntimeEndpoints) {
  return {
    ...(endpoints.region ? { region: endpoints.region } : {}),
    ...(endpoints.localAwsCredentials ? { credentials: endpoints.localAwsCredentials } : {}),
  };
}
