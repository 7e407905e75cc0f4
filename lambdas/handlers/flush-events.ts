import type { MiddlewareObj } from '@middy/core';
import type { EventPublisher } from '../ports/event-bus';

/**
 * Sends the duty events an invocation queued before Lambda freezes the container: after the handler returns,
 * and after it throws, so the outcomes it recorded before failing are published too. A flush never rejects,
 * so it changes neither the answer nor the error.
 */
export function flushEvents<TEvent, TResult>(
  deps: () => Promise<{ events?: EventPublisher | undefined }>,
): MiddlewareObj<TEvent, TResult> {
  const flush = async (): Promise<void> => {
    let events: EventPublisher | undefined;
    try {
      ({ events } = await deps());
    } catch {
      // the deps could not be built, so nothing was recorded and nothing is queued; the handler's error says why
      return;
    }
    await events?.flush();
  };
  // middy takes a value a middleware returns for the response, so these return nothing
  return { after: flush, onError: flush };
}
