import middy from '@middy/core';
import { handleSweep, type SweepDeps, type SweepSummary } from '../services/sweep-service';
import { buildMentionSources } from '../services/mention-sources';
import { bundledConfig, lambdaEndpoints, lambdaServiceDeps } from '../runtime/lambda-runtime';
import { buildXClient } from '../runtime/x-runtime';
import { buildChannels } from '../runtime/channel-runtime';
import { logger } from '../runtime/logger';
import { lambdaAckLinks } from '../runtime/ack-links-runtime';
import { parseEvent, sweepEventSchema } from './events';
import { flushEvents } from './flush-events';

/** The `sweep` function: read every mention source, alert or hold what is new. */
export function createSweepHandler(deps: () => Promise<SweepDeps>) {
  return middy<unknown, SweepSummary>()
    .use(flushEvents(deps))
    .handler(async (event) => {
      const { scheduledTime } = parseEvent(sweepEventSchema, event);
      const summary = await handleSweep(await deps(), scheduledTime);
      // counts only: mention text and authors stay out of the logs
      logger.info('sweep handled', { scheduledTime, ...summary });
      return summary;
    });
}

let deps: SweepDeps | undefined;
export const handler = createSweepHandler(async () => {
  const loaded = bundledConfig();
  deps ??= {
    ...(await lambdaServiceDeps()),
    sources: buildMentionSources(
      loaded.config,
      buildChannels(loaded, lambdaEndpoints(), buildXClient(loaded, lambdaEndpoints())),
    ),
    ackLinks: lambdaAckLinks(),
  };
  return deps;
});
