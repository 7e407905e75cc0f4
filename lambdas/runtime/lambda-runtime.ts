import type { LoadedConfig } from '../core/config/parse-config';
import { buildRuntime, type RuntimeDeps } from './runtime-deps';

export type { RuntimeDeps } from './runtime-deps';

/**
 * The validated config, put into the bundle at build time by the CDK stack (esbuild `define`), so the Lambda
 * runs exactly what `check` and `preview` saw. Not an environment variable.
 */
declare const SOCIAL_DUTY_BUNDLED_CONFIG: LoadedConfig | undefined;

let cached: RuntimeDeps | undefined;

/** Adapters built once per container from the bundled config and TABLE_NAME. */
export async function runtimeDeps(): Promise<RuntimeDeps> {
  if (cached) return cached;
  if (typeof SOCIAL_DUTY_BUNDLED_CONFIG === 'undefined') {
    throw new Error(
      'no config bundled into this function: deploy with `cdk deploy`, or run locally with `social-duty start`',
    );
  }
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  cached = buildRuntime(SOCIAL_DUTY_BUNDLED_CONFIG, { tableName, region: process.env.AWS_REGION });
  return cached;
}
