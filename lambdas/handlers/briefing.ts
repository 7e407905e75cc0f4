import middy from '@middy/core';
import { handleBriefing, type BriefingDeps, type BriefingOutcome } from '../services/briefing-service';
import { lambdaServiceDeps } from '../runtime/lambda-runtime';
import { logger } from '../runtime/logger';
import { briefingEventSchema, parseEvent } from './events';
import { flushEvents } from './flush-events';

/** The `briefing` function: the duty officer's morning email. */
export function createBriefingHandler(deps: () => Promise<BriefingDeps>) {
  return middy<unknown, BriefingOutcome>()
    .use(flushEvents(deps))
    .handler(async (event) => {
      const { scheduledTime } = parseEvent(briefingEventSchema, event);
      const outcome = await handleBriefing(await deps(), scheduledTime);
      logger.info('briefing handled', { scheduledTime, outcome: outcome.outcome });
      return outcome;
    });
}

export const handler = createBriefingHandler(lambdaServiceDeps);
