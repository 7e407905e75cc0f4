import type { LoadedConfig } from '../core/config/parse-config';
import { TwitterApiXClient } from '../adapters/x-client';
import { secretsManagerCredentials, staticCredentials } from '../adapters/x-credentials';
import type { XClientPort } from '../ports/x-client';
import type { RuntimeEndpoints } from './endpoints';

/** The X client, with credentials from Secrets Manager (AWS) or fixed ones (local runs). */
export function buildXClient(loaded: LoadedConfig, endpoints: RuntimeEndpoints): XClientPort {
  return new TwitterApiXClient({
    credentials: endpoints.xCredentials
      ? staticCredentials(endpoints.xCredentials)
      : secretsManagerCredentials(loaded.config.accounts),
    ...(endpoints.xBaseUrl ? { baseUrl: endpoints.xBaseUrl } : {}),
    ...(endpoints.xTimeoutMs ? { timeoutMs: endpoints.xTimeoutMs } : {}),
  });
}
