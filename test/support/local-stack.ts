import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/local-stack';
import type { Clock } from '../../lambdas/ports/clock';
import { parseConfig, type LoadedConfig } from '../../lambdas/core/config/parse-config';
import { sampleConfigText } from './example-config';

/** A clock the test moves by hand; sleeping moves it on at once, so backoffs and leases cost no real time. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  async sleep(ms: number): Promise<void> {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

export function sampleLoaded(): LoadedConfig {
  return parseConfig(sampleConfigText(), 'social-duty.yaml');
}

/** the real adapters against dynalite, aws-ses-v2-local and the local X API, with a manual clock */
export async function startTestStack(
  start: string,
  options: LocalStackOptions & { loaded?: LoadedConfig } = {},
): Promise<LocalStack & { clock: ManualClock }> {
  const clock = new ManualClock(new Date(start));
  const stack = await startLocalStack(options.loaded ?? sampleLoaded(), {
    clock,
    xClock: () => clock.now(),
    xTimeoutMs: 2000,
    ...options,
  });
  return { ...stack, clock };
}
