import type { LoadedConfig } from '../core/config/parse-config';
import { systemClock, type Clock } from '../ports/clock';
import { buildMentionSources } from '../services/mention-sources';
import type { PostServiceDeps } from '../services/post-service';
import type { SweepDeps } from '../services/sweep-service';
import type { RuntimeEndpoints } from './endpoints';
import { buildServiceDeps } from './service-runtime';
import { buildXClient } from './x-runtime';
import { buildChannels } from './channel-runtime';
import { ackLinksFor } from './ack-links-runtime';

export type { RuntimeEndpoints } from './endpoints';

/**
 * All three handlers' dependencies at once, for the local runner, simulate and tests, which host every handler
 * in one process. (Each Lambda builds only what its handler needs, so its bundle carries nothing more.)
 */
export type RuntimeDeps = PostServiceDeps & SweepDeps;

/** Everything at once, for the local runner and simulate, which host all three handlers in one process. */
export function buildRuntime(
  loaded: LoadedConfig,
  endpoints: RuntimeEndpoints,
  clock: Clock = systemClock,
): RuntimeDeps {
  const channels = buildChannels(loaded, endpoints, buildXClient(loaded, endpoints));
  return {
    ...buildServiceDeps(loaded, endpoints, clock),
    channels,
    sources: buildMentionSources(loaded.config, channels, endpoints.sourceOptions),
    ackLinks: ackLinksFor(endpoints),
  };
}
