import type { LoadedConfig } from '../core/config/parse-config';
import { systemClock, type Clock } from '../ports/clock';
import type { MentionSource } from '../ports/mention-source';
import type { XClientPort } from '../ports/x-client';
import { buildMentionSources } from '../services/mention-sources';
import type { ServiceDeps } from '../services/service-deps';
import type { RuntimeEndpoints } from './endpoints';
import { buildServiceDeps } from './service-runtime';
import { buildXClient } from './x-runtime';

export type { RuntimeEndpoints } from './endpoints';

/**
 * All three handlers' dependencies at once, for the local runner, simulate and tests, which host every handler
 * in one process. (Each Lambda builds only what its handler needs, so its bundle carries nothing more.)
 */
export interface RuntimeDeps extends ServiceDeps {
  x: XClientPort;
  sources: MentionSource[];
  leaseMs?: number;
}

/** Everything at once, for the local runner and simulate, which host all three handlers in one process. */
export function buildRuntime(
  loaded: LoadedConfig,
  endpoints: RuntimeEndpoints,
  clock: Clock = systemClock,
): RuntimeDeps {
  const x = buildXClient(loaded, endpoints);
  return {
    ...buildServiceDeps(loaded, endpoints, clock),
    x,
    sources: buildMentionSources(loaded.config, x, endpoints.sourceOptions),
  };
}
