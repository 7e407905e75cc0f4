/**
 * The local X API for integration tests, with the real twitter-api-v2 adapter pointed at it.
 *
 *   const x = await startLocalX();   // in beforeAll
 *   await x.server.close();          // in afterAll
 */
import { TwitterApiXClient, type TwitterApiXClientOptions } from '../../lambdas/adapters/x-client';
import { staticCredentials, type XCredentials } from '../../lambdas/adapters/x-credentials';
import { startXApiServer, type LocalXApiServer, type XApiServerOptions } from '../../local/x-api-server';

export const TRUST_HANDLE = 'LeedsandYorkPFT';
export const MAIN_ACCOUNT = 'main';
export const MAIN_USER_ID = '1000';

export const MAIN_CREDENTIALS: XCredentials = {
  appKey: 'local-app-key',
  appSecret: 'local-app-secret',
  accessToken: 'local-main-token',
  accessSecret: 'local-main-secret',
};

export interface LocalX {
  server: LocalXApiServer;
  client: TwitterApiXClient;
}

export async function startLocalX(
  serverOptions: XApiServerOptions = {},
  clientOptions: Partial<TwitterApiXClientOptions> = {},
): Promise<LocalX> {
  const server = await startXApiServer({
    accounts: {
      [MAIN_CREDENTIALS.accessToken]: {
        id: MAIN_USER_ID,
        username: TRUST_HANDLE,
        name: 'Leeds and York PFT',
      },
    },
    ...serverOptions,
  });
  const client = new TwitterApiXClient({
    credentials: staticCredentials({ [MAIN_ACCOUNT]: MAIN_CREDENTIALS }),
    baseUrl: server.url,
    timeoutMs: 2_000,
    ...clientOptions,
  });
  return { server, client };
}

/** a syntactically complete OAuth 1.0a header, for raw HTTP calls (the local server does not check signatures) */
export function oauthHeader(accessToken = MAIN_CREDENTIALS.accessToken): string {
  return `OAuth oauth_consumer_key="local-app-key", oauth_nonce="n", oauth_signature="c2ln%3D", oauth_signature_method="HMAC-SHA1", oauth_timestamp="1", oauth_token="${accessToken}", oauth_version="1.0"`;
}
