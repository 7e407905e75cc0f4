import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { buildRuntime, type RuntimeDeps, type RuntimeEndpoints } from '../lambdas/runtime/runtime-deps';
import { systemClock, type Clock } from '../lambdas/ports/clock';
import type { SourceOptions } from '../lambdas/services/mention-sources';
import { LOCAL_REGION, startDynalite, type DynaliteHandle } from './dynalite-server';
import { LOCAL_SES_CREDENTIALS, startSesServer, type SesServerHandle } from './ses-server';
import { startXApiServer, type LocalXApiServer } from './x-api-server';
import { localXAccounts } from './local-x-accounts';
import { randomBytes } from 'node:crypto';
import { createAcknowledgeHandler } from '../lambdas/handlers/acknowledge';
import { acknowledgeDepsFrom } from '../lambdas/runtime/ack-runtime';
import { staticSigningKey } from '../lambdas/adapters/signing-key';
import { startAckServer, type AckServer } from './ack-server';
import type { LocalIdentity } from './local-identity';
import { claimingPort, startAllOrNone } from './local-servers';

export { localXAccounts };

export interface LocalStackOptions {
  /** persist DynamoDB under this directory (start); omitted: in memory (tests, simulate) */
  dynamoPath?: string;
  /** how long to wait for another process to let go of `dynamoPath` (default: not at all) */
  waitForLockMs?: number;
  ports?: { dynamo?: number; ses?: number; x?: number; ack?: number };
  clock?: Clock;
  /** the local X server's clock (simulate moves it with the virtual clock) */
  xClock?: () => Date;
  xTimeoutMs?: number;
  sourceOptions?: SourceOptions;
  /** every server answers `GET /_social-duty` with this (what `start` runs) */
  identity?: () => LocalIdentity;
}

/**
 * dynalite, aws-ses-v2-local, the local X API and the acknowledge endpoint (the same handler as the function
 * URL), with the real handlers' dependencies pointed at them.
 */
export interface LocalStack {
  dynamo: DynaliteHandle;
  ses: SesServerHandle;
  x: LocalXApiServer;
  ack: AckServer;
  /** where the stack's "I'm handling this" links point and the key they are signed with, for more runtimes */
  ackLinkEndpoints: Required<Pick<RuntimeEndpoints, 'ackBaseUrl' | 'ackSigningKey'>>;
  deps: RuntimeDeps;
  close(): Promise<void>;
}

export async function startLocalStack(
  loaded: LoadedConfig,
  options: LocalStackOptions = {},
): Promise<LocalStack> {
  const accounts = localXAccounts(loaded);
  // a new key each start: links from an earlier run's emails (gone with its mail store) stop working
  const ackSigningKey = randomBytes(32).toString('hex');
  // the acknowledge server starts with the others, before the deps that point at them exist: a request that
  // comes that early waits for them
  let depsBuilt: (deps: RuntimeDeps) => void = () => undefined;
  const depsReady = new Promise<RuntimeDeps>((resolve) => (depsBuilt = resolve));
  const acknowledge = createAcknowledgeHandler(async () =>
    acknowledgeDepsFrom(await depsReady, staticSigningKey(ackSigningKey)),
  );
  // 0 picks a free port
  const ports = {
    dynamo: options.ports?.dynamo ?? 0,
    ses: options.ports?.ses ?? 0,
    x: options.ports?.x ?? 0,
    ack: options.ports?.ack ?? 0,
  };
  const identity = options.identity ? { identity: options.identity } : {};
  const { dynamo, ses, x, ack } = await startAllOrNone({
    dynamo: () =>
      claimingPort('dynamo', ports.dynamo, () =>
        startDynalite({
          ...(options.dynamoPath ? { path: options.dynamoPath } : {}),
          ...(options.waitForLockMs ? { waitForLockMs: options.waitForLockMs } : {}),
          port: ports.dynamo,
          ...identity,
        }),
      ),
    ses: () => claimingPort('ses', ports.ses, () => startSesServer({ port: ports.ses, ...identity })),
    x: () =>
      claimingPort('x', ports.x, () =>
        startXApiServer({
          port: ports.x,
          accounts: accounts.users,
          ...(options.xClock ? { clock: options.xClock } : {}),
          ...identity,
        }),
      ),
    ack: () =>
      claimingPort('ack', ports.ack, () =>
        startAckServer({ port: ports.ack, handler: acknowledge, ...identity }),
      ),
  });
  const close = async () => {
    await Promise.all([dynamo.close(), ses.close(), x.close(), ack.close()]);
  };
  let deps: RuntimeDeps;
  try {
    deps = buildRuntime(
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
        ackBaseUrl: ack.url,
        ackSigningKey,
      },
      options.clock ?? systemClock,
    );
  } catch (error) {
    // the servers listen already; a stack that cannot be built must not leave them holding the ports
    await close();
    throw error;
  }
  depsBuilt(deps);
  return {
    dynamo,
    ses,
    x,
    ack,
    ackLinkEndpoints: { ackBaseUrl: ack.url, ackSigningKey },
    deps,
    close,
  };
}
