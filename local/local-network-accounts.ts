import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import type { LocalBlueskyAccount } from './bluesky/types';
import type { LocalFacebookPage } from './facebook/types';

/**
 * The config's Bluesky and Facebook accounts as the local stand-ins know them, and the secret each account's
 * adapter reads in their place: the same shapes the README tells a trust to store in Secrets Manager, holding
 * local-only values the stand-ins accept. Its own module, like local-x-accounts.ts, so `sources check
 * --endpoint` can use them without loading the local stack.
 */
export function localNetworkAccounts(loaded: LoadedConfig): {
  bluesky: Record<string, LocalBlueskyAccount>;
  facebook: Record<string, LocalFacebookPage>;
  secrets: Record<string, Record<string, unknown>>;
} {
  const bluesky: Record<string, LocalBlueskyAccount> = {};
  const facebook: Record<string, LocalFacebookPage> = {};
  const secrets: Record<string, Record<string, unknown>> = {};
  for (const [id, account] of Object.entries(loaded.config.accounts)) {
    if (account.network === 'bluesky') {
      const appPassword = `local-${id}-app-password`;
      bluesky[id] = { handle: account.handle, appPassword };
      secrets[id] = { identifier: account.handle, appPassword };
    } else if (account.network === 'facebook') {
      const pageAccessToken = `local-${id}-page-token`;
      facebook[id] = {
        pageId: account.pageId,
        name: account.name ?? loaded.config.organisation.name,
        pageAccessToken,
      };
      secrets[id] = { pageAccessToken };
    }
  }
  return { bluesky, facebook, secrets };
}
