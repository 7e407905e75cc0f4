import type { Config } from './config/schema';
import type { Network } from './config/vocabulary';
import { accountList } from './post-targets';

/** The functions that talk to a social network: `post` posts and deletes, `sweep` reads mentions. */
export type NetworkCaller = 'post' | 'sweep';

/**
 * The accounts a function uses, by config id: the post function those that posts and the sign-off go to, the
 * sweep those its sources read. Each function is granted these accounts' secrets and nothing more, and is
 * bundled with the adapters of their networks only.
 */
export function accountsUsedBy(
  config: Pick<Config, 'posts' | 'closing' | 'sweeps'>,
  fn: NetworkCaller,
): string[] {
  const used =
    fn === 'post'
      ? [
          ...config.posts.flatMap((post) => accountList(post.account)),
          ...(config.closing ? accountList(config.closing.account) : []),
        ]
      : (config.sweeps?.sources ?? []).flatMap((source) => (source.type === 'feed' ? [] : [source.account]));
  return [...new Set(used)];
}

export function networksUsedBy(
  config: Pick<Config, 'accounts' | 'posts' | 'closing' | 'sweeps'>,
  fn: NetworkCaller,
): Network[] {
  return [...new Set(accountsUsedBy(config, fn).map((account) => config.accounts[account]?.network ?? 'x'))];
}
