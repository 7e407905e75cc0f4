import type { Config } from '../core/config/schema';
import type { WorkingCalendar } from '../core/calendar/working-calendar';
import type { Clock } from '../ports/clock';
import type { EventPublisher } from '../ports/event-bus';
import type { MailerPort } from '../ports/mailer';
import type { StateStores } from '../ports/state';

/**
 * How long a claimer may take before it is presumed dead (a duplicate delivery waits this out before reporting
 * it); well under each function's timeout.
 */
export const CLAIM_LEASE_MS = 60_000;

/** What every service needs: the validated config and its calendar, state, mail and time. */
export interface ServiceDeps {
  config: Config;
  configVersion: string;
  calendar: WorkingCalendar;
  /** `state.audit` publishes each record as a duty event to `events` */
  state: StateStores;
  mailer: MailerPort;
  clock: Clock;
  /** the handler flushes it when its invocation ends; services only publish through `state.audit` */
  events: EventPublisher;
}
