import middy from '@middy/core';
import { handleNotification, type NotifyDeps, type NotifyResult } from '../services/notify-service';
import { lambdaNotifyDeps } from '../runtime/notify-runtime';
import { logger } from '../runtime/logger';
import { inputIds, parseNotifyInput } from './notify-input';

/**
 * The `notify` function: one duty event for one consumer (a Teams channel, a phone, a webhook), as the
 * consumer's EventBridge rule delivers it. EventBridge invokes it asynchronously, so a failure thrown back is
 * retried by Lambda (twice within the hour) and then lands in the stack's dead-letter queue, which has an alarm;
 * the consumer's own queue holds what EventBridge could not hand over at all.
 */
export function createNotifyHandler(deps: () => Promise<NotifyDeps>) {
  return middy<unknown, NotifyResult>().handler(async (input) => {
    // ids only: the card and the text hold mention text, `to` a phone number or a URL
    const ids = inputIds(input);
    try {
      const result = await handleNotification(await deps(), parseNotifyInput(input));
      logger.info('notification handled', { ...ids, sent: result.sent });
      return result;
    } catch (error) {
      logger.error('notification failed', { ...ids, ...failureOf(error) });
      throw error;
    }
  });
}

/**
 * The error's name and, for a NotifyError, its kind and status. The message is left to the Lambda runtime's own
 * report of the thrown error: NotifyErrors name no secret, number or text, but other errors are not ours.
 */
function failureOf(error: unknown): Record<string, string | number> {
  if (!(error instanceof Error)) return { error: typeof error };
  const { failure, status } = error as { failure?: unknown; status?: unknown };
  return {
    error: error.name,
    ...(typeof failure === 'string' ? { failure } : {}),
    ...(typeof status === 'number' ? { status } : {}),
  };
}

export const handler = createNotifyHandler(lambdaNotifyDeps);
