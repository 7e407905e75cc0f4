import { networksUsedBy } from '../core/account-usage';
import type { LoadedConfig } from '../core/config/parse-config';
import type { ServiceDeps } from '../services/service-deps';
import type { RuntimeEndpoints } from './endpoints';
import { buildServiceDeps } from './service-runtime';

/**
 * The validated config (`{config, version}` as JSON, base64 so no shell or quoting can alter it), put into the
 * bundle at build time by the CDK stack with esbuild's `define`: the Lambda runs exactly what `check` and
 * `preview` saw. Not an environment variable.
 */
declare const SOCIAL_DUTY_CONFIG_BASE64: string | undefined;

export const BUNDLED_CONFIG_DEFINE = 'SOCIAL_DUTY_CONFIG_BASE64';

/** the esbuild `define` entry that bundles a config in */
export function bundledConfigDefine(loaded: LoadedConfig): Record<string, string> {
  // only what the functions run on: check's warnings (a ParsedConfig has them) are not theirs
  const bundled: LoadedConfig = {
    config: loaded.config,
    version: loaded.version,
    ...(loaded.commit ? { commit: loaded.commit } : {}),
  };
  return { [BUNDLED_CONFIG_DEFINE]: JSON.stringify(Buffer.from(JSON.stringify(bundled)).toString('base64')) };
}

/**
 * The defines channel-runtime.ts reads: whether this function's bundle carries a network's client. X is always
 * there; the others only where the function talks to one of their accounts.
 */
export const NETWORK_DEFINES = {
  bluesky: 'SOCIAL_DUTY_WITH_BLUESKY',
  facebook: 'SOCIAL_DUTY_WITH_FACEBOOK',
} as const;

/**
 * Every esbuild `define` of one handler's bundle: the config, and which network clients it carries (only the
 * post and sweep functions talk to networks, each to the ones its config uses).
 */
export function functionDefines(loaded: LoadedConfig, handler: string): Record<string, string> {
  const used = handler === 'post' || handler === 'sweep' ? networksUsedBy(loaded.config, handler) : [];
  return {
    ...bundledConfigDefine(loaded),
    ...Object.fromEntries(
      Object.entries(NETWORK_DEFINES).map(([network, define]) => [
        define,
        String(used.includes(network as keyof typeof NETWORK_DEFINES)),
      ]),
    ),
  };
}

let loadedConfig: LoadedConfig | undefined;

let cached: ServiceDeps | undefined;

export function bundledConfig(): LoadedConfig {
  if (typeof SOCIAL_DUTY_CONFIG_BASE64 === 'undefined') {
    throw new Error(
      'no config bundled into this function: deploy with `cdk deploy`, or run locally with `social-duty start`',
    );
  }
  loadedConfig ??= JSON.parse(
    Buffer.from(SOCIAL_DUTY_CONFIG_BASE64, 'base64').toString('utf8'),
  ) as LoadedConfig;
  return loadedConfig;
}

/** the stack's event bus, by name (not a secret); unset, the function publishes no events */
export const EVENT_BUS_NAME_ENV = 'EVENT_BUS_NAME';

/**
 * Where the adapters connect on AWS: the table named by TABLE_NAME and the bus named by EVENT_BUS_NAME, in the
 * function's region.
 */
export function lambdaEndpoints(): RuntimeEndpoints {
  const tableName = process.env.TABLE_NAME;
  if (!tableName) throw new Error('TABLE_NAME is not set');
  const eventBusName = process.env[EVENT_BUS_NAME_ENV];
  return {
    tableName,
    ...(process.env.AWS_REGION ? { region: process.env.AWS_REGION } : {}),
    ...(eventBusName ? { eventBusName } : {}),
  };
}

/** State, mail, calendar, clock and the event bus, built once per container. */
export async function lambdaServiceDeps(): Promise<ServiceDeps> {
  cached ??= buildServiceDeps(bundledConfig(), lambdaEndpoints());
  return cached;
}
