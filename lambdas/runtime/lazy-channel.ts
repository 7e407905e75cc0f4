import { ChannelError, type ChannelPort, type Network } from '../ports/channel';

/** A channel whose adapter is built on its first call (and once), e.g. one behind a dynamic import. */
export function lazyChannel(network: Network, load: () => Promise<ChannelPort>): ChannelPort {
  let loading: Promise<ChannelPort> | undefined;
  const channel = () => {
    loading ??= load();
    // a failed load is tried again next call rather than kept
    loading.catch(() => {
      loading = undefined;
    });
    return loading;
  };
  return {
    network,
    post: async (account, text) => (await channel()).post(account, text),
    delete: async (account, postId) => (await channel()).delete(account, postId),
    mentions: async (account, cursor, now) => (await channel()).mentions(account, cursor, now),
    search: async (account, query, cursor, now) => {
      const loaded = await channel();
      if (!loaded.search) throw new ChannelError(`${network} has no search`, 'rejected', network);
      return loaded.search(account, query, cursor, now);
    },
  };
}
