import type { EventPublisher } from '../ports/event-bus';

/** Where no event bus is configured (local runs and tests without one): events go nowhere, nothing waits. */
export const noEventPublisher: EventPublisher = {
  publish: () => undefined,
  flush: async () => ({ published: 0, failed: 0 }),
};
