import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { buildRuntime, type RuntimeDeps } from '../lambdas/runtime/runtime-deps';
import { systemClock, type Clock } from '../lambdas/ports/clock';
import type { SourceOptions } from '../lambdas/services/mention-sources';
import type { XCredentials } from '../lambdas/adapters/x-credentials';
import { LOCAL_REGION, startDynalite, type DynaliteHandle } from './dynalite-server';
import { LOCAL_SES_CREDENTIALS, startSesServer, type SesServerHandle } from './ses-server';
import { startXApiServer, type LocalXApiServer, type LocalXUser } from './x-api-server';

export interface LocalStackOptions {
  /** persist DynamoDB under this directory (start); omitted: in memory (tests, simulate) */
  dynamoPath?: string;
  ports?: { dynamo?: number; ses?: number; x?: number };
  clock?: Clock;
  /** the local X server's clock (simulate moves it with the virtual clock) */
  xClock?: () => Date;
  xTimeoutMs?: number;
  sourceOptions?: SourceOptions;
}

/** dynalite, aws-ses-v2-local and the local X API, with the real handlers' dependencies pointed at them. */
export interface LocalStack {
  dynamo: DynaliteHandle;
  ses: SesServerHandle;
  x: LocalXApiServer;
  deps: RuntimeDeps;
  close(): Promise<void>;
}

/** Local X credentials per account: the local X server knows each account by its access token. */
export function localXAccounts(loaded: LoadedConfig): {
  credentials: Record<string, XCredentials>;
  users: Record<string, LocalXUser>;
} {
  const credentials: Record<string, XCredentials> = {};
  const users: Record<string, LocalXUser> = {};
  Object.entries(loaded.config.accounts).forEach(([account, { handle }], i) => {
    const accessToken = `local-${account}-token`;
    credentials[account] = { appKey: 'local', appSecret: 'local', accessToken, accessSecret: 'local' };
    users[accessToken] = { id: String(1000 + i), username: handle, name: loaded.config.organisation.name };
  });
  return { credentials, users };
}

export async function startLocalStack(
  loaded: LoadedConfig,
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const accounts = localXAccounts(loaded);
  const [dynamo, ses, x] = await Promise.all([
    startDynalite({
      ...(options.dynamoPath ? { path: options.dynamoPath } : {}),
      port: options.ports?.dynamo ?? 0,
    }),
    startSesServer({ port: options.ports?.ses ?? 0 }),
    startXApiServer({
      port: options.ports?.x ?? 0,
      accounts: accounts.users,
      ...(options.xClock ? { clock: options.xClock } : {}),
    }),
  ]);
  const deps = buildRuntime(
    loaded,
    {
      tableName: dynamo.tableName,
      region: LOCAL_REGION,
      dynamoEndpoint: dynamo.endpoint,
      sesEndpoint: ses.endpoint,
      localAwsCredentials: { ...LOCAL_SES_CREDENTIALS },
      xBaseUrl: x.url,
      xCredentials: accounts.credentials,
      ...(options.xTimeoutMs ? { xTimeoutMs: options.xTimeoutMs } : {}),
      ...(options.sourceOptions ? { sourceOptions: options.sourceOptions } : {}),
    },
    options.clock ?? systemClock,
  );
  return {
    dynamo,
    ses,
    x,
    deps,
    async close() {
      await Promise.all([dynamo.close(), ses.close(), x.close()]);
    },
  };
}
