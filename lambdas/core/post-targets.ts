import type { Network } from './config/vocabulary';

/** a text for every network, or texts by network with `default` for the rest */
export type PostText = string | Partial<Record<Network | 'default', string>>;

/** What the core needs of an account: its network (X when the config names none). */
export interface AccountNetwork {
  network?: Network;
}

/** One account a scheduled post goes to, and the claim key that makes it go out at most once there. */
export interface PostTarget {
  account: string;
  network: Network;
  /**
   * The post's id when it has one account, so configs from before lists keep their claims and history;
   * `id@account` when it has several, so each account's post is claimed, retried and reported on its own.
   */
  claimId: string;
}

export function accountList(accounts: string | readonly string[]): string[] {
  return typeof accounts === 'string' ? [accounts] : [...new Set(accounts)];
}

export function networkOf(
  accounts: Readonly<Record<string, AccountNetwork>> | undefined,
  account: string,
): Network {
  return accounts?.[account]?.network ?? 'x';
}

export function targetsOf(
  accounts: Readonly<Record<string, AccountNetwork>>,
  scheduleId: string,
  accountRef: string | readonly string[],
): PostTarget[] {
  const list = accountList(accountRef);
  return list.map((account) => ({
    account,
    network: networkOf(accounts, account),
    claimId: list.length === 1 ? scheduleId : `${scheduleId}@${account}`,
  }));
}

/** the text this network gets: its own, else `default`; undefined when the config gave neither */
export function textFor(text: PostText, network: Network): string | undefined {
  return typeof text === 'string' ? text : (text[network] ?? text.default);
}

/** every distinct text a value holds, for rules that read them all (placeholders, warnings) */
export function allTexts(text: PostText): string[] {
  return typeof text === 'string'
    ? [text]
    : [...new Set(Object.values(text).filter((t): t is string => t !== undefined))];
}
