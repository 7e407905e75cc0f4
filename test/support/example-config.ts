import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { configSchema, type Config } from '../../lambdas/core/config/schema';

export const SAMPLE_CONFIG_FILE = join(__dirname, '..', '..', 'config', 'social-duty.yaml');

export function sampleConfigText(): string {
  return readFileSync(SAMPLE_CONFIG_FILE, 'utf8');
}

/** the sample config (the contract's example), validated */
export function sampleConfig(): Config {
  return parseConfig(sampleConfigText(), 'social-duty.yaml').config;
}

type DeepPartialInput = { [key: string]: unknown };

/** the sample config with some sections replaced, validated again by the real schema */
export function configWith(changes: (input: DeepPartialInput) => void): Config {
  const input = structuredClone(sampleConfig()) as unknown as DeepPartialInput;
  changes(input);
  return configSchema.parse(input);
}
