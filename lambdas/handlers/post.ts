import middy from '@middy/core';
import { handlePostEvent, type PostEventOutcome, type PostServiceDeps } from '../services/post-service';
import { bundledConfig, lambdaEndpoints, lambdaServiceDeps } from '../runtime/lambda-runtime';
import { buildXClient } from '../runtime/x-runtime';
import { buildChannels } from '../runtime/channel-runtime';
import { logger } from '../runtime/logger';
import { parseEvent, postEventSchema } from './events';
import { flushEvents } from './flush-events';

/** The `post` function: one scheduled post, sign-off or reopening. */
export function createPostHandler(deps: () => Promise<PostServiceDeps>) {
  return middy<unknown, PostEventOutcome>()
    .use(flushEvents(deps))
    .handler(async (event) => {
      const postEvent = parseEvent(postEventSchema, event);
      const outcome = await handlePostEvent(await deps(), postEvent);
      // ids, times and outcomes only: post text stays out of the logs
      logger.info('post event handled', {
        kind: postEvent.kind,
        id: postEvent.id,
        scheduledTime: postEvent.scheduledTime,
        outcome: outcome.outcome,
      });
      return outcome;
    });
}

let deps: PostServiceDeps | undefined;
export const handler = createPostHandler(async () => {
  const loaded = bundledConfig();
  deps ??= {
    ...(await lambdaServiceDeps()),
    channels: buildChannels(loaded, lambdaEndpoints(), buildXClient(loaded, lambdaEndpoints())),
  };
  return deps;
});
