import { dutyEventFrom } from '../core/events/duty-events';
import type { EventPublisher } from '../ports/event-bus';
import type { AuditLog, AuditRecord } from '../ports/state';

/**
 * The audit log that also publishes each outcome as a duty event. The record is written first and is the
 * record of truth: the event follows only once it is stored, so a subscriber never hears of an outcome the
 * audit trail lacks. Publishing only queues (the handler flushes when its invocation ends), so it adds no wait
 * and no failure to the duty work.
 */
export function publishedAudit(audit: AuditLog, publisher: EventPublisher): AuditLog {
  return {
    async record(record: AuditRecord): Promise<void> {
      await audit.record(record);
      const event = dutyEventFrom(record);
      if (event) publisher.publish(event);
    },
    list: (fromIso, toIso) => audit.list(fromIso, toIso),
  };
}
