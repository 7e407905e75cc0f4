import type { LoadedConfig } from '../core/config/parse-config';
import type { AccountConfig } from '../core/config/schema';
import type { Network } from '../core/config/vocabulary';
import {
  secretsManagerAccountSecrets,
  staticAccountSecrets,
  type AccountSecrets,
} from '../adapters/account-secrets';
import type { FacebookAccount } from '../adapters/facebook-channel';
import { XChannel } from '../adapters/x-channel';
import type { ChannelPort, Channels } from '../ports/channel';
import type { XClientPort } from '../ports/x-client';
import { channelDirectory } from '../services/channel-directory';
import type { RuntimeEndpoints } from './endpoints';
import { lazyChannel } from './lazy-channel';

/**
 * esbuild defines these per function (lambda-runtime.ts NETWORK_DEFINES): `false` where the function talks to
 * no account on that network, which drops the network's client from its bundle (Bluesky's is a third of one).
 * Undefined (tests, the local runtime): included. Each client is loaded on its first use, so a function that
 * never reaches one of its accounts does not pay for it at start either.
 */
declare const SOCIAL_DUTY_WITH_BLUESKY: boolean | undefined;
declare const SOCIAL_DUTY_WITH_FACEBOOK: boolean | undefined;

/** Every configured account's channel: X on the given client, Bluesky and Facebook where the config has them. */
export function buildChannels(loaded: LoadedConfig, endpoints: RuntimeEndpoints, x: XClientPort): Channels {
  const { accounts } = loaded.config;
  const on = <N extends Network>(network: N) =>
    Object.fromEntries(
      Object.entries(accounts).filter(
        (entry): entry is [string, Extract<AccountConfig, { network: N }>] => entry[1].network === network,
      ),
    );
  const secrets = accountSecrets(loaded, endpoints);
  const byNetwork: Partial<Record<Network, ChannelPort>> = {
    x: new XChannel({
      client: x,
      handles: Object.fromEntries(Object.entries(on('x')).map(([id, account]) => [id, account.handle])),
    }),
  };

  const facebook = on('facebook');
  if (
    (typeof SOCIAL_DUTY_WITH_FACEBOOK === 'undefined' || SOCIAL_DUTY_WITH_FACEBOOK) &&
    Object.keys(facebook).length > 0
  )
    byNetwork.facebook = lazyChannel('facebook', async () => {
      const { facebookChannel } = await import('../adapters/facebook-channel');
      const pages: Record<string, FacebookAccount> = Object.fromEntries(
        Object.entries(facebook).map(([id, { pageId, secret }]) => [id, { pageId, secret }]),
      );
      return facebookChannel({
        accounts: pages,
        secrets,
        ...(endpoints.facebookBaseUrl ? { baseUrl: endpoints.facebookBaseUrl } : {}),
        ...(endpoints.channelTimeoutMs ? { timeoutMs: endpoints.channelTimeoutMs } : {}),
      });
    });

  const bluesky = on('bluesky');
  if (
    (typeof SOCIAL_DUTY_WITH_BLUESKY === 'undefined' || SOCIAL_DUTY_WITH_BLUESKY) &&
    Object.keys(bluesky).length > 0
  )
    byNetwork.bluesky = lazyChannel('bluesky', async () => {
      const { blueskyChannel } = await import('../adapters/bluesky-channel');
      return blueskyChannel({
        accounts: Object.fromEntries(
          Object.entries(bluesky).map(([id, { handle, secret, service }]) => [
            id,
            { handle, secret, ...(service ? { service } : {}) },
          ]),
        ),
        secrets,
        ...(endpoints.blueskyServiceUrl ? { serviceUrl: endpoints.blueskyServiceUrl } : {}),
        ...(endpoints.channelTimeoutMs ? { timeoutMs: endpoints.channelTimeoutMs } : {}),
      });
    });

  return channelDirectory(loaded.config, byNetwork);
}

/** Bluesky and Facebook secrets (JSON): fixed ones in local runs, otherwise Secrets Manager, read once. */
function accountSecrets(loaded: LoadedConfig, endpoints: RuntimeEndpoints): AccountSecrets {
  return endpoints.accountSecrets
    ? staticAccountSecrets(endpoints.accountSecrets)
    : secretsManagerAccountSecrets(
        loaded.config.accounts,
        endpoints.region ? { region: endpoints.region } : {},
      );
}
