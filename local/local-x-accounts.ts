import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import type { XCredentials } from '../lambdas/adapters/x-credentials';
import type { LocalXUser } from './x-api/types';

/**
 * Local X credentials per account: the local X server knows each account by its access token. Its own
 * module, so `sources check --endpoint` can sign as `npm start` does without loading the local stack.
 */
export function localXAccounts(loaded: LoadedConfig): {
  credentials: Record<string, XCredentials>;
  users: Record<string, LocalXUser>;
} {
  const credentials: Record<string, XCredentials> = {};
  const users: Record<string, LocalXUser> = {};
  Object.entries(loaded.config.accounts).forEach(([account, found], i) => {
    if (found.network !== 'x') return;
    const { handle } = found;
    const accessToken = `local-${account}-token`;
    credentials[account] = { appKey: 'local', appSecret: 'local', accessToken, accessSecret: 'local' };
    users[accessToken] = { id: String(1000 + i), username: handle, name: loaded.config.organisation.name };
  });
  return { credentials, users };
}
