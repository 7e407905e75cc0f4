import type { LoadedConfig } from '../core/config/parse-config';
import { TwitterApiXClient } from '../adapters/x-client';
import { secretsManagerCredentials, staticCredentials } from '../adapters/x-credentials';
import type { XClientPort } from '../ports/x-client';
import { XChannel } from '../adapters/x-channel';
import type { Channels } from '../ports/channel';
import { channelDirectory } from '../services/channel-directory';
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

/** Every configured account's channel: for now X, on the given client. */
export function buildChannels(loaded: LoadedConfig, x: XClientPort): Channels {
  const handles = Object.fromEntries(
    Object.entries(loaded.config.accounts).flatMap(([account, found]) =>
      found.network === 'x' ? [[account, found.handle]] : [],
    ),
  );
  return channelDirectory(loaded.config, { x: new XChannel({ client: x, handles }) });
}
