import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/local-stack';
import { VirtualClock } from '../../local/virtual-clock';
import { parseConfig, type LoadedConfig } from '../../lambdas/core/config/parse-config';
import { sampleConfigText } from './example-config';

/** the tests' name for the virtual clock */
export { VirtualClock as ManualClock } from '../../local/virtual-clock';

export function sampleLoaded(): LoadedConfig {
  return parseConfig(sampleConfigText(), 'social-duty.yaml');
}

/** the real adapters against dynalite, aws-ses-v2-local and the local X API, with a manual clock */
export async function startTestStack(
  start: string,
  options: LocalStackOptions & { loaded?: LoadedConfig } = {},
): Promise<LocalStack & { clock: VirtualClock }> {
  const clock = new VirtualClock(start);
  const stack = await startLocalStack(options.loaded ?? sampleLoaded(), {
    clock,
    xClock: () => clock.now(),
    xTimeoutMs: 2000,
    ...options,
  });
  return { ...stack, clock };
}
