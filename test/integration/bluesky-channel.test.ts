import { staticAccountSecrets } from '../../lambdas/adapters/account-secrets';
import { blueskyChannel } from '../../lambdas/adapters/bluesky-channel';
import { ChannelError, type ChannelPort } from '../../lambdas/ports/channel';
import { startBlueskyServer, type LocalBlueskyServer } from '../../local/bluesky-server';

const HANDLE = 'examplenhs.bsky.social';
const PASSWORD = 'abcd-efgh-ijkl-mnop';
const ACCOUNT = 'trust-bluesky';
const SECRET = 'social-duty/bluesky/trust';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function failureOf(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw new Error(`expected a ChannelError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

describe('blueskyChannel against the local XRPC stand-in', () => {
  let now = new Date('2026-12-24T09:00:00Z');
  let server: LocalBlueskyServer;
  let forgotten: string[];
  let logins: number;
  let password: string;

  beforeAll(async () => {
    server = await startBlueskyServer({
      clock: () => now,
      accounts: {
        [ACCOUNT]: { handle: HANDLE, appPassword: PASSWORD },
        friend: { handle: 'mindcharity.bsky.social', appPassword: 'friend-pass' },
      },
    });
  });
  afterAll(() => server.close());

  const channelWith = (options: { timeoutMs?: number } = {}): ChannelPort =>
    blueskyChannel({
      accounts: { [ACCOUNT]: { handle: HANDLE, secret: SECRET } },
      secrets: {
        read: () => {
          logins += 1;
          return staticAccountSecrets({ [ACCOUNT]: { appPassword: password } }).read(ACCOUNT);
        },
        forget: (account) => forgotten.push(account),
      },
      serviceUrl: server.url,
      timeoutMs: options.timeoutMs ?? 2000,
      clock: () => now,
    });

  let channel: ChannelPort;
  beforeEach(() => {
    server.reset();
    forgotten = [];
    logins = 0;
    password = PASSWORD;
    now = new Date('2026-12-24T09:00:00Z');
    channel = channelWith();
  });

  const failFor = (status: 429 | 500 | 503 | 'timeout' | 'reset' | 'malformed', path?: string) =>
    server.injectFailure({
      from: new Date(now.getTime() - HOUR),
      until: new Date(now.getTime() + HOUR),
      status,
      ...(path ? { paths: [path] } : {}),
    });

  it('posts with link and mention facets and answers with the AT URI and the bsky.app link', async () => {
    const text = 'Closed over Christmas 🎄 with @mindcharity.bsky.social. Urgent help: https://111.nhs.uk/';
    const published = await channel.post(ACCOUNT, text);

    expect(published.id).toMatch(/^at:\/\/did:plc:[a-z2-7]{24}\/app\.bsky\.feed\.post\/[a-z2-7]{13}$/);
    const rkey = published.id.split('/').pop();
    expect(published.url).toBe(`https://bsky.app/profile/${HANDLE}/post/${rkey}`);
    const [post] = server.posts();
    expect(post).toMatchObject({ uri: published.id, text, createdAt: now.toISOString(), deleted: false });
    const features = (post?.facets ?? []).flatMap((facet) => (facet as { features: unknown[] }).features);
    expect(features).toEqual(
      expect.arrayContaining([
        { $type: 'app.bsky.richtext.facet#link', uri: 'https://111.nhs.uk/' },
        { $type: 'app.bsky.richtext.facet#mention', did: expect.stringMatching(/^did:plc:/) },
      ]),
    );
  });

  it('a mention of a handle that does not resolve stays plain text, and the post goes out', async () => {
    await channel.post(ACCOUNT, 'Thanks @nobody-here.bsky.social for the help');
    const [post] = server.posts();
    expect(post?.facets ?? []).toEqual([]);
  });

  it('logs in once and reuses the session for every call in the container', async () => {
    await channel.post(ACCOUNT, 'First');
    await channel.post(ACCOUNT, 'Second');
    await channel.mentions(ACCOUNT, undefined, now);
    expect(logins).toBe(1);
  });

  it('an expired access token is refreshed by the agent without a new login', async () => {
    await channel.post(ACCOUNT, 'Before expiry');
    server.expireSessions(HANDLE);
    await channel.post(ACCOUNT, 'After expiry');
    expect(server.posts().map((post) => post.text)).toEqual(
      expect.arrayContaining(['Before expiry', 'After expiry']),
    );
    expect(logins).toBe(1);
  });

  it('the same text within the duplicate window is refused as duplicate; a day later it goes out', async () => {
    await channel.post(ACCOUNT, 'Back on Tuesday 29 December');
    const failure = await failureOf(channel.post(ACCOUNT, 'Back on Tuesday 29 December'));
    expect(failure).toMatchObject({ kind: 'duplicate', network: 'bluesky', retryable: false });

    now = new Date(now.getTime() + 25 * HOUR);
    await channel.post(ACCOUNT, 'Back on Tuesday 29 December');
    expect(server.posts().filter((post) => !post.deleted)).toHaveLength(2);
  });

  it('a text over 300 graphemes is refused for good with Bluesky’s reason', async () => {
    const failure = await failureOf(channel.post(ACCOUNT, 'a'.repeat(301)));
    expect(failure).toMatchObject({ kind: 'rejected', network: 'bluesky', status: 400 });
    expect(failure.message).toMatch(/Bluesky post failed: InvalidRequest: .*300 graphemes/);
    expect(failure.message).not.toContain('aaaa');
  });

  it('a rate limit says when the window resets, then the post goes out after it', async () => {
    server.injectFailure({
      from: new Date(now.getTime() - HOUR),
      until: new Date(now.getTime() + 15 * MINUTE),
      status: 429,
      paths: ['/xrpc/com.atproto.repo.createRecord'],
    });
    const failure = await failureOf(channel.post(ACCOUNT, 'Opening hours'));
    expect(failure).toMatchObject({
      kind: 'rate-limit',
      retryable: true,
      status: 429,
      resetAt: Math.floor((now.getTime() + 15 * MINUTE) / 1000),
    });
    now = new Date(now.getTime() + 16 * MINUTE);
    // Bluesky's clock passed the reset; ours too, or the reset would be in the past
    const published = await channel.post(ACCOUNT, 'Opening hours');
    expect(server.posts().map((post) => post.uri)).toEqual([published.id]);
  });

  it('a revoked app password is auth with renewal advice naming the secret, and the secret is forgotten', async () => {
    await channel.post(ACCOUNT, 'Works at first');
    server.revokeAppPassword(HANDLE);
    const failure = await failureOf(channel.post(ACCOUNT, 'After revocation'));
    expect(failure).toMatchObject({ kind: 'auth', network: 'bluesky', retryable: false });
    expect(failure.advice).toContain('App passwords');
    expect(failure.advice).toContain(`"${SECRET}"`);
    expect(forgotten).toContain(ACCOUNT);
    // the refused session was dropped: the next call logs in again (and would use a renewed secret)
    expect(logins).toBe(2);
  });

  it('a wrong app password is auth; a secret without appPassword names the secret and no value', async () => {
    password = 'wrong-pass';
    expect(await failureOf(channel.post(ACCOUNT, 'Hello'))).toMatchObject({ kind: 'auth' });

    password = '';
    const failure = await failureOf(channelWith().post(ACCOUNT, 'Hello'));
    expect(failure).toMatchObject({ kind: 'auth', network: 'bluesky' });
    expect(failure.message).toContain(SECRET);
  });

  it.each([
    [500, 'server'],
    [503, 'server'],
    ['malformed', 'server'],
    ['reset', 'network'],
  ] as const)('an answer of %s is %s, worth another try', async (status, kind) => {
    await channel.mentions(ACCOUNT, undefined, now); // logged in before the fault
    failFor(status, '/xrpc/com.atproto.repo.createRecord');
    const failure = await failureOf(channel.post(ACCOUNT, 'Hello'));
    expect(failure).toMatchObject({ kind, network: 'bluesky', retryable: true });
  });

  it('a service that never answers times out', async () => {
    const quick = channelWith({ timeoutMs: 200 });
    failFor('timeout');
    expect(await failureOf(quick.post(ACCOUNT, 'Hello'))).toMatchObject({ kind: 'timeout', retryable: true });
  });

  it('deletes a sign-off by its AT URI; deleting it again succeeds; another account’s URI is refused', async () => {
    const published = await channel.post(ACCOUNT, 'Sign-off');
    await channel.delete(ACCOUNT, published.id);
    expect(server.posts()[0]).toMatchObject({ deleted: true, deletedAt: now.toISOString() });
    await channel.delete(ACCOUNT, published.id);

    const theirs = server.addPost({ authorHandle: 'mindcharity.bsky.social', text: 'Not yours' });
    expect(await failureOf(channel.delete(ACCOUNT, theirs.uri))).toMatchObject({ kind: 'rejected' });
    expect(await failureOf(channel.delete(ACCOUNT, 'not-a-uri'))).toMatchObject({ kind: 'rejected' });
  });

  it('mentions, replies and quotes after the cursor, never the account’s own, never repeated', async () => {
    const own = await channel.post(ACCOUNT, 'Our opening hours');
    now = new Date(now.getTime() + MINUTE);
    server.addMention({ to: HANDLE, authorHandle: 'sam.bsky.social', text: `@${HANDLE} are you open?` });
    now = new Date(now.getTime() + MINUTE);
    server.addMention({
      to: HANDLE,
      authorHandle: 'alex.bsky.social',
      authorName: 'Alex',
      text: 'Thank you',
      reason: 'reply',
      subject: own.id,
    });
    now = new Date(now.getTime() + MINUTE);
    server.addMention({ to: HANDLE, authorHandle: 'jo.bsky.social', text: 'Worth reading', reason: 'quote' });

    const first = await channel.mentions(ACCOUNT, undefined, now);
    expect(first.mentions.map((m) => [m.author, m.text]).sort()).toEqual([
      ['@alex.bsky.social', 'Thank you'],
      ['@jo.bsky.social', 'Worth reading'],
      ['@sam.bsky.social', `@${HANDLE} are you open?`],
    ]);
    for (const mention of first.mentions) {
      expect(mention.id).toMatch(/^at:\/\//);
      expect(mention.url).toMatch(/^https:\/\/bsky\.app\/profile\/[a-z.]+\/post\/[a-z2-7]{13}$/);
    }
    expect(first.nextCursor).toBe(now.toISOString());

    const again = await channel.mentions(ACCOUNT, first.nextCursor, now);
    expect(again).toEqual({ mentions: [] });

    now = new Date(now.getTime() + MINUTE);
    server.addMention({ to: HANDLE, authorHandle: 'sam.bsky.social', text: `@${HANDLE} thanks` });
    const next = await channel.mentions(ACCOUNT, first.nextCursor, now);
    expect(next.mentions.map((m) => m.text)).toEqual([`@${HANDLE} thanks`]);
  });

  it('pages through more notifications than one page holds, and a first sweep looks back a day only', async () => {
    server.addMention({ to: HANDLE, authorHandle: 'old.bsky.social', text: 'Old news' });
    now = new Date(now.getTime() + 25 * HOUR);
    for (let index = 0; index < 130; index += 1) {
      now = new Date(now.getTime() + 1000);
      server.addMention({ to: HANDLE, authorHandle: 'busy.bsky.social', text: `Question ${index}` });
    }
    const batch = await channel.mentions(ACCOUNT, undefined, now);
    expect(batch.mentions).toHaveLength(130);
    expect(new Set(batch.mentions.map((m) => m.id)).size).toBe(130);
    expect(batch.mentions.map((m) => m.text)).not.toContain('Old news');
  });

  it('search finds posts after the cursor, leaves out the account’s own and never repeats', async () => {
    await channel.post(ACCOUNT, 'Example NHS Trust is closed on Friday');
    now = new Date(now.getTime() + MINUTE);
    server.addPost({ authorHandle: 'pat.bsky.social', text: 'Waited hours at Example NHS Trust today' });
    server.addPost({ authorHandle: 'kim.bsky.social', text: 'Nothing to do with it' });

    const first = await channel.search!(ACCOUNT, '"Example NHS Trust"', undefined, now);
    expect(first.mentions.map((m) => [m.author, m.text])).toEqual([
      ['@pat.bsky.social', 'Waited hours at Example NHS Trust today'],
    ]);
    expect(await channel.search!(ACCOUNT, '"Example NHS Trust"', first.nextCursor, now)).toEqual({
      mentions: [],
    });

    now = new Date(now.getTime() + MINUTE);
    server.addPost({ authorHandle: 'lee.bsky.social', text: 'Example NHS Trust helped me' });
    const next = await channel.search!(ACCOUNT, '"Example NHS Trust"', first.nextCursor, now);
    expect(next.mentions.map((m) => m.author)).toEqual(['@lee.bsky.social']);
  });
});
