import type { Config } from '../core/config/schema';
import type { WorkingCalendar } from '../core/calendar/working-calendar';
import type { Clock } from '../ports/clock';
import type { MailerPort } from '../ports/mailer';
import type { StatePort } from '../ports/state';

/** What every service needs: the validated config and its calendar, state, mail and time. */
export interface ServiceDeps {
  config: Config;
  configVersion: string;
  calendar: WorkingCalendar;
  state: StatePort;
  mailer: MailerPort;
  clock: Clock;
}
