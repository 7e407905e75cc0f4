import { createServer } from 'node:net';
import { TwitterApiXClient } from '../../lambdas/adapters/x-client';
import { staticCredentials } from '../../lambdas/adapters/x-credentials';
import { XApiError } from '../../lambdas/ports/x-client';
import type { LocalXApiServer } from '../../local/x-api-server';
import { MAIN_ACCOUNT, MAIN_CREDENTIALS, MAIN_USER_ID, startLocalX, TRUST_HANDLE } from '../support/local-x';

async function failureOf(promise: Promise<unknown>): Promise<XApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof XApiError) return error;
    throw new Error(`expected an XApiError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

const HOUR = 3_600_000;

describe('TwitterApiXClient against the local X API', () => {
  let now = new Date('2026-12-29T09:00:00Z');
  let server: LocalXApiServer;
  let client: TwitterApiXClient;

  beforeAll(async () => {
    ({ server, client } = await startLocalX({ clock: () => now }, { timeoutMs: 300 }));
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.reset();
    now = new Date('2026-12-29T09:00:00Z');
  });

  const failFor = (status: 204 | 429 | 500 | 503 | 'timeout' | 'malformed' | 'reset', paths?: string[]) =>
    server.injectFailure({
      from: new Date(now.getTime() - HOUR),
      until: new Date(now.getTime() + HOUR),
      status,
      ...(paths ? { paths } : {}),
    });

  it('posts as the account the access token belongs to', async () => {
    const { id } = await client.post(MAIN_ACCOUNT, 'Good morning, we are back!');

    expect(server.tweets()).toEqual([
      expect.objectContaining({
        id,
        text: 'Good morning, we are back!',
        authorUsername: TRUST_HANDLE,
        deleted: false,
      }),
    ]);
  });

  it('deletes a post', async () => {
    const { id } = await client.post(MAIN_ACCOUNT, 'Signing off for the weekend');
    now = new Date(now.getTime() + HOUR);

    await client.deleteTweet(MAIN_ACCOUNT, id);

    expect(server.tweets()).toEqual([
      expect.objectContaining({ id, deleted: true, deletedAt: '2026-12-29T10:00:00.000Z' }),
    ]);
  });

  it('deleting a post that is gone is a rejected 404', async () => {
    const error = await failureOf(client.deleteTweet(MAIN_ACCOUNT, '1870000000000000001'));

    expect({ kind: error.kind, status: error.status, retryable: error.retryable }).toEqual({
      kind: 'rejected',
      status: 404,
      retryable: false,
    });
  });

  it('a delete answered 204 with no body is an unconfirmed, retryable XApiError, and the post is still up', async () => {
    const { id } = await client.post(MAIN_ACCOUNT, 'Signing off for the bank holiday');
    failFor(204, [`DELETE /2/tweets/${id}`]);

    const error = await failureOf(client.deleteTweet(MAIN_ACCOUNT, id));

    expect(error).toBeInstanceOf(XApiError);
    expect({ kind: error.kind, retryable: error.retryable }).toEqual({ kind: 'server', retryable: true });
    expect(error.message).toBe(
      `X delete of ${id} got an empty answer instead of X's confirmation: the post may still be up`,
    );
    expect(error.message).not.toContain('Signing off');
    // the local server answered without deleting: exactly why an empty answer cannot count as a deletion
    expect(server.tweets()).toEqual([expect.objectContaining({ id, deleted: false })]);

    server.clearFailures();
    await client.deleteTweet(MAIN_ACCOUNT, id);
    expect(server.tweets()).toEqual([expect.objectContaining({ id, deleted: true })]);
  });

  it('tells who the account is', async () => {
    await expect(client.me(MAIN_ACCOUNT)).resolves.toEqual({ id: MAIN_USER_ID, username: TRUST_HANDLE });
  });

  it('a repeated text is a duplicate, not retryable, and the message does not carry the text', async () => {
    await client.post(MAIN_ACCOUNT, 'Our PALS team can help: call 0800 052 5790');

    const error = await failureOf(client.post(MAIN_ACCOUNT, 'Our PALS team can help: call 0800 052 5790'));

    expect({ kind: error.kind, status: error.status, retryable: error.retryable }).toEqual({
      kind: 'duplicate',
      status: 403,
      retryable: false,
    });
    expect(error.message).not.toContain('PALS');
    expect(server.tweets()).toHaveLength(1);
  });

  it('a text over 280 weighted characters is rejected', async () => {
    const error = await failureOf(client.post(MAIN_ACCOUNT, 'a'.repeat(281)));

    expect({ kind: error.kind, status: error.status }).toEqual({ kind: 'rejected', status: 400 });
  });

  it('429 is a rate-limit error carrying x-rate-limit-reset', async () => {
    const until = new Date('2026-12-29T09:15:00Z');
    server.injectFailure({ from: now, until, status: 429 });

    const error = await failureOf(client.post(MAIN_ACCOUNT, 'Hello'));

    expect({
      kind: error.kind,
      status: error.status,
      resetAt: error.resetAt,
      retryable: error.retryable,
    }).toEqual({
      kind: 'rate-limit',
      status: 429,
      resetAt: until.getTime() / 1000,
      retryable: true,
    });
  });

  it('running out of the request budget is a rate-limit error with the window end', async () => {
    const limited = await startLocalX({ clock: () => now, rateLimit: { limit: 1, windowSeconds: 900 } });
    try {
      await limited.client.me(MAIN_ACCOUNT);
      const error = await failureOf(limited.client.me(MAIN_ACCOUNT));

      expect({ kind: error.kind, resetAt: error.resetAt }).toEqual({
        kind: 'rate-limit',
        resetAt: now.getTime() / 1000 + 900,
      });
    } finally {
      await limited.server.close();
    }
  });

  it('503 is a retryable server error', async () => {
    failFor(503);

    const error = await failureOf(client.post(MAIN_ACCOUNT, 'Hello'));

    expect({ kind: error.kind, status: error.status, retryable: error.retryable }).toEqual({
      kind: 'server',
      status: 503,
      retryable: true,
    });
    expect(server.tweets()).toEqual([]);
  });

  it('a failure limited to one endpoint leaves the others working', async () => {
    failFor(500, ['POST /2/tweets']);

    await expect(client.me(MAIN_ACCOUNT)).resolves.toEqual({ id: MAIN_USER_ID, username: TRUST_HANDLE });
    await expect(failureOf(client.post(MAIN_ACCOUNT, 'Hello'))).resolves.toMatchObject({
      kind: 'server',
      status: 500,
    });
  });

  it('a failure window in the past or future does not apply', async () => {
    server.injectFailure({
      from: new Date(now.getTime() - 2 * HOUR),
      until: new Date(now.getTime() - HOUR),
      status: 503,
    });
    server.injectFailure({
      from: new Date(now.getTime() + HOUR),
      until: new Date(now.getTime() + 2 * HOUR),
      status: 503,
    });

    await expect(client.post(MAIN_ACCOUNT, 'Hello')).resolves.toEqual({ id: expect.stringMatching(/^\d+$/) });
  });

  it('a server that never answers is a timeout after timeoutMs', async () => {
    failFor('timeout');
    const started = Date.now();

    const error = await failureOf(client.me(MAIN_ACCOUNT));

    expect({ kind: error.kind, retryable: error.retryable }).toEqual({ kind: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a 200 with broken JSON is a network error', async () => {
    failFor('malformed');

    const error = await failureOf(client.post(MAIN_ACCOUNT, 'Hello'));

    expect({ kind: error.kind, retryable: error.retryable }).toEqual({ kind: 'network', retryable: true });
  });

  it('a reset connection is a network error', async () => {
    failFor('reset');

    const error = await failureOf(client.me(MAIN_ACCOUNT));

    expect(error.kind).toBe('network');
  });

  it('nobody listening is a network error', async () => {
    const port = await closedPort();
    const unreachable = new TwitterApiXClient({
      credentials: staticCredentials({ [MAIN_ACCOUNT]: MAIN_CREDENTIALS }),
      baseUrl: `http://127.0.0.1:${port}`,
    });

    const error = await failureOf(unreachable.me(MAIN_ACCOUNT));

    expect({ kind: error.kind, message: error.message }).toEqual({
      kind: 'network',
      message: 'X me failed: ECONNREFUSED',
    });
  });

  it('an account without credentials is an auth error', async () => {
    const error = await failureOf(client.post('campaigns', 'Hello'));

    expect({ kind: error.kind, retryable: error.retryable }).toEqual({ kind: 'auth', retryable: false });
    expect(error.message).toContain('"campaigns"');
    expect(server.tweets()).toEqual([]);
  });

  it('credentials that cannot be fetched now are retried on the next call', async () => {
    let attempts = 0;
    const flaky = new TwitterApiXClient({
      credentials: async () => {
        attempts += 1;
        if (attempts === 1) throw Object.assign(new Error('connect ETIMEDOUT'), { name: 'TimeoutError' });
        return MAIN_CREDENTIALS;
      },
      baseUrl: server.url,
    });

    await expect(failureOf(flaky.me(MAIN_ACCOUNT))).resolves.toMatchObject({ kind: 'network' });
    await expect(flaky.me(MAIN_ACCOUNT)).resolves.toEqual({ id: MAIN_USER_ID, username: TRUST_HANDLE });
    await flaky.me(MAIN_ACCOUNT);
    expect(attempts).toBe(2);
  });

  it('maps a mentions page: authors from includes, created_at, newest id and next token', async () => {
    const older = server.addMention({
      authorUsername: 'carer_jo',
      text: `Thanks @${TRUST_HANDLE}`,
      createdAt: '2026-12-29T07:00:00Z',
    });
    const newer = server.addMention({
      authorUsername: 'sam_n',
      text: `@${TRUST_HANDLE} hello`,
      createdAt: '2026-12-29T08:00:00Z',
    });
    const paged = new TwitterApiXClient({
      credentials: staticCredentials({ [MAIN_ACCOUNT]: MAIN_CREDENTIALS }),
      baseUrl: server.url,
      pageSize: 1, // clamped to X's minimum of 5 for mentions
    });

    const page = await paged.mentions(MAIN_ACCOUNT, MAIN_USER_ID, { startTime: '2026-12-28T09:00:00Z' });

    expect(page).toEqual({
      tweets: [
        {
          id: newer.id,
          text: `@${TRUST_HANDLE} hello`,
          authorId: expect.any(String),
          authorUsername: 'sam_n',
          createdAt: '2026-12-29T08:00:00.000Z',
        },
        {
          id: older.id,
          text: `Thanks @${TRUST_HANDLE}`,
          authorId: expect.any(String),
          authorUsername: 'carer_jo',
          createdAt: '2026-12-29T07:00:00.000Z',
        },
      ],
      newestId: newer.id,
    });
  });

  it('maps a search page', async () => {
    const found = server.addMention({
      authorUsername: 'local_news',
      text: 'Leeds and York Partnership news',
      createdAt: '2026-12-29T08:00:00Z',
    });

    const page = await client.search(MAIN_ACCOUNT, '"Leeds and York Partnership"', { sinceId: '1' });

    expect(page.tweets.map((tweet) => [tweet.id, tweet.authorUsername])).toEqual([[found.id, 'local_news']]);
    expect(page.newestId).toBe(found.id);
  });

  it('the mentions of an unknown user are rejected', async () => {
    const error = await failureOf(client.mentions(MAIN_ACCOUNT, '424242', {}));

    expect(error.kind).toBe('rejected');
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
