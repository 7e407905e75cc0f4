import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LoadedConfig } from '../core/config/parse-config';
import { WorkingCalendar } from '../core/calendar/working-calendar';
import { dynamoDbStateStores } from '../adapters/dynamodb';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { SesMailer } from '../adapters/ses-mailer';
import { systemClock, type Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-bus';
import { noEventPublisher } from '../services/no-event-publisher';
import { publishedAudit } from '../services/published-audit';
import { stampedAudit } from '../services/stamped-audit';
import type { ServiceDeps } from '../services/service-deps';
import { awsOptions, type RuntimeEndpoints } from './endpoints';

/** State, mail, calendar, clock and the event bus: what every handler needs (the briefing needs nothing more). */
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
  const events = buildEventPublisher(endpoints);
  const stores = dynamoDbStateStores({ client: dynamo, tableName: endpoints.tableName });
  return {
    config,
    configVersion: version,
    calendar: new WorkingCalendar(config),
    state: { ...stores, audit: publishedAudit(stampedAudit(stores.audit, loaded.commit), events) },
    mailer: new SesMailer({
      from: config.duty.from,
      ...awsOptions(endpoints),
      ...(endpoints.sesEndpoint ? { endpoint: endpoints.sesEndpoint } : {}),
    }),
    clock,
    events,
  };
}

/** The bus the endpoints name, or, when they name none, a publisher that sends nothing. */
export function buildEventPublisher(endpoints: RuntimeEndpoints): EventPublisher {
  if (!endpoints.eventBusName) return noEventPublisher;
  return new EventBridgePublisher({
    busName: endpoints.eventBusName,
    ...awsOptions(endpoints),
    ...(endpoints.eventBridgeEndpoint ? { endpoint: endpoints.eventBridgeEndpoint } : {}),
  });
}
