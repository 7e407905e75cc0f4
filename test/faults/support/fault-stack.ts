import { SeededFeedServer } from '../../../local/seeded-feed-server';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { localXAccounts, type LocalStackOptions } from '../../../local/local-stack';
import { LOCAL_REGION } from '../../../local/dynalite-server';
import { LOCAL_SES_CREDENTIALS } from '../../../local/ses-server';
import { buildRuntime, type RuntimeDeps } from '../../../lambdas/runtime/runtime-deps';
import { sampleLoaded, startTestStack } from '../../support/local-stack';
import { FaultyProxy, Journal, type FaultRule } from './faulty-proxy';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** X's per-request timeout for the adapters: roomy, so a busy machine never turns a slow answer into a fault */
export const X_TIMEOUT_MS = 2000;
/** for the cases that are about timeouts: short, so each held request costs little real time */
export const SHORT_X_TIMEOUT_MS = 400;

/**
 * The real stack (dynalite, aws-ses-v2-local, local X API, virtual clock) plus a faulty proxy in front of each
 * of them. `stack.deps` talks to the stand-ins directly: it plays the system once a fault has cleared and reads
 * state for the checks. `faulty()` builds a second set of the real adapters that goes through the proxies.
 */
export interface FaultStack {
  stack: TestStack;
  journal: Journal;
  /** attempts the AWS SDK makes per call, retries included: that many faults in a row exhaust its retries */
  sdkAttempts: { dynamodb: number; ses: number };
  proxies: { dynamodb: FaultyProxy; ses: FaultyProxy; x: FaultyProxy };
  /**
   * A fresh set of real adapters through the proxies. Fresh each time because the AWS SDK's retry quota
   * is per client: one scenario's exhausted retries must not change what the SDK absorbs in the next.
   */
  faulty(xTimeoutMs?: number): RuntimeDeps;
  armDynamo(rule: FaultRule): void;
  armSes(rule: FaultRule): void;
  armX(rule: FaultRule): void;
  /** clears every proxy rule and every fault window on the local X server */
  clearFaults(): void;
  close(): Promise<void>;
}

export async function startFaultStack(
  start: string,
  options: Pick<LocalStackOptions, 'sourceOptions'> = {},
): Promise<FaultStack> {
  const loaded = sampleLoaded();
  const stack = await startTestStack(start, { loaded, xTimeoutMs: X_TIMEOUT_MS, ...options });
  const journal = new Journal();
  const proxies = {
    dynamodb: new FaultyProxy('dynamodb', stack.dynamo.endpoint, journal),
    ses: new FaultyProxy('ses', stack.ses.endpoint, journal),
    x: new FaultyProxy('x', stack.x.url, journal),
  };
  try {
    await Promise.all(Object.values(proxies).map((proxy) => proxy.start()));
  } catch (error) {
    await Promise.all([...Object.values(proxies).map((proxy) => proxy.close()), stack.close()]);
    throw error;
  }

  const faulty = (xTimeoutMs = X_TIMEOUT_MS): RuntimeDeps =>
    buildRuntime(
      loaded,
      {
        tableName: stack.dynamo.tableName,
        region: LOCAL_REGION,
        dynamoEndpoint: proxies.dynamodb.url,
        sesEndpoint: proxies.ses.url,
        localAwsCredentials: { ...LOCAL_SES_CREDENTIALS },
        xBaseUrl: proxies.x.url,
        xCredentials: localXAccounts(loaded).credentials,
        xTimeoutMs,
        ...(options.sourceOptions ? { sourceOptions: options.sourceOptions } : {}),
        ...stack.ackLinkEndpoints,
      },
      stack.clock,
    );

  return {
    stack,
    journal,
    sdkAttempts: await sdkAttempts(),
    proxies,
    faulty,
    armDynamo: (rule) => proxies.dynamodb.arm(rule),
    armSes: (rule) => proxies.ses.arm(rule),
    armX: (rule) => proxies.x.arm(rule),
    clearFaults() {
      for (const proxy of Object.values(proxies)) proxy.disarm();
      stack.x.clearFailures();
    },
    async close() {
      await Promise.all(Object.values(proxies).map((proxy) => proxy.close()));
      await stack.close();
    },
  };
}

/** read from the SDK rather than assumed: the default differs per service and between SDK versions */
async function sdkAttempts(): Promise<{ dynamodb: number; ses: number }> {
  const dynamo = new DynamoDBClient({ region: LOCAL_REGION, credentials: LOCAL_SES_CREDENTIALS });
  const ses = new SESClient({ region: LOCAL_REGION, credentials: LOCAL_SES_CREDENTIALS });
  try {
    return { dynamodb: await dynamo.config.maxAttempts(), ses: await ses.config.maxAttempts() };
  } finally {
    dynamo.destroy();
    ses.destroy();
  }
}

/**
 * Runs `run` with the SDK's retry jitter pinned low. Between throttled attempts the SDK waits a random share of
 * 1 s × 2^n, so exhausting DynamoDB's attempts takes up to 7 s of real time; pinning the random share keeps every
 * attempt (and so the behaviour under test) and drops most of the wait.
 */
export async function withLowRetryJitter<T>(run: () => Promise<T>): Promise<T> {
  const random = jest.spyOn(Math, 'random').mockReturnValue(0.05);
  try {
    return await run();
  } finally {
    random.mockRestore();
  }
}

/** The stack most fault files share: a fault stack whose feed sources read a seeded feed server on the same clock. */
export async function startFaultStackWithFeed(): Promise<{ faults: FaultStack; feed: SeededFeedServer }> {
  const start = '2026-12-01T09:00:00Z';
  // the feed server needs the stack's clock, and the stack needs the feed server's address
  const started: { faults?: FaultStack } = {};
  const feed = new SeededFeedServer(() => started.faults?.stack.clock.now() ?? new Date(start));
  await feed.start();
  started.faults = await startFaultStack(start, {
    sourceOptions: { feedUrl: (id) => feed.feedUrl(id), feedTimeoutMs: 2000 },
  });
  return { faults: started.faults, feed };
}
