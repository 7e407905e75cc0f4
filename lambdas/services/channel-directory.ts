import type { Config } from '../core/config/schema';
import { NETWORK_NAMES, type Network } from '../core/config/vocabulary';
import { ChannelError, type ChannelPort, type Channels } from '../ports/channel';

/**
 * Each configured account's channel, by the network the account is on (X unless the config says otherwise). An
 * account whose network has no channel in this function is a build or wiring mistake: refused, never retried.
 */
export function channelDirectory(
  config: Pick<Config, 'accounts'>,
  byNetwork: Partial<Record<Network, ChannelPort>>,
): Channels {
  return {
    forAccount(account) {
      const network = networkOfAccount(config, account);
      const channel = byNetwork[network];
      if (!channel)
        throw new ChannelError(
          `no ${NETWORK_NAMES[network]} channel for account "${account}" in this function`,
          'rejected',
          network,
        );
      return channel;
    },
  };
}

/** the network an account is on: `x` for every account that does not name one */
export function networkOfAccount(config: Pick<Config, 'accounts'>, account: string): Network {
  const entry = config.accounts[account] as { network?: Network } | undefined;
  return entry?.network ?? 'x';
}
