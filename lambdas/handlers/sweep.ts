import middy from '@middy/core';
import { handleSweep, type SweepSummary } from '../services/sweep-service';
import { runtimeDeps, type RuntimeDeps } from '../runtime/lambda-runtime';
import { logger } from '../runtime/logger';
import { parseEvent, sweepEventSchema } from './events';

/** The `sweep` function: read every mention source, alert or hold what is new. */
export function createSweepHandler(deps: () => Promise<RuntimeDeps>) {
  return middy<unknown, SweepSummary>().handler(async (event) => {
    const { scheduledTime } = parseEvent(sweepEventSchema, event);
    const summary = await handleSweep(await deps(), scheduledTime);
    // counts only: mention text and authors stay out of the logs
    logger.info('sweep handled', { scheduledTime, ...summary });
    return summary;
  });
}

export const handler = createSweepHandler(runtimeDeps);
