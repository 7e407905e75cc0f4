import type { DutyEvent } from '../core/events/event-schemas';

/**
 * Where duty events go (the stack's own EventBridge bus). Publishing must never hold up or fail the duty work
 * it reports on: `publish` only queues, and `flush` settles what is queued without ever throwing.
 */
export interface EventPublisher {
  /** queues the event; sends a batch once enough are queued */
  publish(event: DutyEvent): void;
  /** sends everything queued; resolves, never rejects, once each event is published or given up */
  flush(): Promise<PublishReport>;
}

export interface PublishReport {
  published: number;
  /** given up after retries: logged by eventId and counted in a metric */
  failed: number;
}
