import { staticAccountSecrets } from '../../lambdas/adapters/account-secrets';
import { facebookChannel, GRAPH_API_VERSION } from '../../lambdas/adapters/facebook-channel';
import { ChannelError, type ChannelPort } from '../../lambdas/ports/channel';
import { startFacebookServer, type LocalFacebookServer } from '../../local/facebook-server';

const PAGE_ID = '123456789012345';
const TOKEN = 'local-page-token';
const ACCOUNT = 'trust-facebook';
const SECRET = 'social-duty/facebook/trust-page';
const HOUR = 3_600_000;

async function failureOf(promise: Promise<unknown>): Promise<ChannelError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ChannelError) return error;
    throw new Error(`expected a ChannelError, got ${String(error)}`);
  }
  throw new Error('expected the call to fail');
}

describe('facebookChannel against the local Graph API', () => {
  let now = new Date('2026-12-24T09:00:00Z');
  let server: LocalFacebookServer;
  let channel: ChannelPort;
  let forgotten: string[];

  beforeAll(async () => {
    server = await startFacebookServer({
      clock: () => now,
      pages: { [ACCOUNT]: { pageId: PAGE_ID, name: 'Example NHS Trust', pageAccessToken: TOKEN } },
    });
    const secrets = staticAccountSecrets({ [ACCOUNT]: { pageAccessToken: TOKEN } });
    channel = facebookChannel({
      accounts: { [ACCOUNT]: { pageId: PAGE_ID, secret: SECRET } },
      secrets: { read: (account) => secrets.read(account), forget: (account) => forgotten.push(account) },
      baseUrl: server.url,
      timeoutMs: 300,
    });
  });

  afterAll(() => server.close());

  beforeEach(() => {
    server.reset();
    forgotten = [];
    now = new Date('2026-12-24T09:00:00Z');
  });

  const failFor = (status: 429 | 500 | 503 | 'timeout' | 'reset' | 'malformed', minutes = 60) =>
    server.injectFailure({
      from: new Date(now.getTime() - HOUR),
      until: new Date(now.getTime() + minutes * 60_000),
      status,
    });

  it('posts to the Page feed with the first https URL as the link', async () => {
    const published = await channel.post(
      ACCOUNT,
      'Closed over Christmas. Urgent help: https://111.nhs.uk/. Stay safe',
    );

    expect(published.id).toMatch(new RegExp(`^${PAGE_ID}_\\d+$`));
    expect(published.url).toBe(`https://www.facebook.com/${published.id}`);
    expect(server.posts()).toEqual([
      expect.objectContaining({
        id: published.id,
        link: 'https://111.nhs.uk/',
        fromId: PAGE_ID,
        deleted: false,
      }),
    ]);
  });

  it('a post without a URL has no link', async () => {
    await channel.post(ACCOUNT, 'Merry Christmas from all of us');
    expect(server.posts()[0]).not.toHaveProperty('link');
  });

  it('the same text twice within a day is a duplicate (506)', async () => {
    await channel.post(ACCOUNT, 'We are closed today');
    const error = await failureOf(channel.post(ACCOUNT, 'We are closed today'));

    expect({ kind: error.kind, network: error.network, retryable: error.retryable }).toEqual({
      kind: 'duplicate',
      network: 'facebook',
      retryable: false,
    });
    expect(error.message).not.toContain('We are closed today');
    expect(server.posts()).toHaveLength(1);
  });

  it('a rate limit says when access comes back, then posting succeeds after the window', async () => {
    failFor(429, 5);
    const error = await failureOf(channel.post(ACCOUNT, 'Opening hours update'));

    expect(error.kind).toBe('rate-limit');
    expect(error.retryable).toBe(true);
    const nowSeconds = Math.floor(Date.now() / 1000);
    expect(error.resetAt).toBeGreaterThanOrEqual(nowSeconds + 5 * 60 - 2);
    expect(error.resetAt).toBeLessThanOrEqual(nowSeconds + 5 * 60 + 2);
    expect(server.posts()).toHaveLength(0);

    now = new Date(now.getTime() + 6 * 60_000);
    await channel.post(ACCOUNT, 'Opening hours update');
    expect(server.posts()).toHaveLength(1);
  });

  it('an expired Page token (190) is auth with advice on renewing it, and the secret is forgotten', async () => {
    server.expireToken(PAGE_ID);
    const error = await failureOf(channel.post(ACCOUNT, 'Hello'));

    expect(error.kind).toBe('auth');
    expect(error.retryable).toBe(false);
    expect(error.advice).toContain(SECRET);
    expect(error.advice).toContain('/me/accounts');
    expect(error.advice).toContain('pages_manage_posts');
    expect(error.advice).not.toContain(TOKEN);
    expect(error.message).not.toContain(TOKEN);
    expect(forgotten).toEqual([ACCOUNT]);
  });

  it('a secret without pageAccessToken is auth naming the secret', async () => {
    const broken = facebookChannel({
      accounts: { [ACCOUNT]: { pageId: PAGE_ID, secret: SECRET } },
      secrets: staticAccountSecrets({ [ACCOUNT]: { token: TOKEN } }),
      baseUrl: server.url,
    });
    const error = await failureOf(broken.post(ACCOUNT, 'Hello'));

    expect(error.kind).toBe('auth');
    expect(error.advice).toContain(SECRET);
    expect(error.message).toContain('pageAccessToken is missing');
  });

  it.each([
    [500, 'server'],
    [503, 'server'],
    ['malformed', 'server'],
    ['timeout', 'timeout'],
    ['reset', 'network'],
  ] as const)('an injected %s is a retryable %s', async (status, kind) => {
    failFor(status);
    const error = await failureOf(channel.post(ACCOUNT, 'Hello'));
    expect({ kind: error.kind, retryable: error.retryable }).toEqual({ kind, retryable: true });
  });

  it('deletes a post, and deleting it again counts as deleted', async () => {
    const { id } = await channel.post(ACCOUNT, 'Signing off for Christmas');
    now = new Date(now.getTime() + HOUR);

    await channel.delete(ACCOUNT, id);
    await channel.delete(ACCOUNT, id);

    expect(server.posts()).toEqual([
      expect.objectContaining({ id, deleted: true, deletedAt: now.toISOString() }),
    ]);
  });

  it('mentions are comments and tagged posts after the cursor, never the Page own, never repeated', async () => {
    const { id: postId } = await channel.post(ACCOUNT, 'Christmas opening times');
    now = new Date(now.getTime() + 10 * 60_000);
    const first = server.addComment({ postId, authorName: 'Sam <b>Patient</b>', message: 'Is A&E open?' });
    server.addComment({ postId, asPage: true, message: 'Yes, always.' });
    const tag = server.addTag({ authorName: 'Alex Visitor', message: 'Thanks @Example NHS Trust' });
    now = new Date(now.getTime() + 60_000);

    const batch = await channel.mentions(ACCOUNT, undefined, now);

    expect([...batch.mentions].sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      [
        {
          id: first.id,
          author: 'Sam <b>Patient</b>',
          text: 'Is A&E open?',
          url: first.permalinkUrl,
          at: '2026-12-24T09:10:00.000Z',
        },
        {
          id: tag.id,
          author: 'Alex Visitor',
          text: 'Thanks @Example NHS Trust',
          url: tag.permalinkUrl,
          at: '2026-12-24T09:10:00.000Z',
        },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
    expect(batch.nextCursor).toBe('2026-12-24T09:10:00.000Z');

    const again = await channel.mentions(ACCOUNT, batch.nextCursor, now);
    expect(again).toEqual({ mentions: [] });

    now = new Date(now.getTime() + 60_000);
    const later = server.addComment({
      postId,
      authorName: 'Jo',
      message: 'Thank you',
      parentCommentId: first.id,
    });
    now = new Date(now.getTime() + 1000);
    const next = await channel.mentions(ACCOUNT, batch.nextCursor, now);
    expect(next.mentions.map((mention) => mention.id)).toEqual([later.id]);
    expect(next.nextCursor).toBe('2026-12-24T09:12:00.000Z');
  });

  it('a first run looks back lookbackHours only', async () => {
    const { id: postId } = await channel.post(ACCOUNT, 'Winter advice');
    server.addComment({
      postId,
      authorName: 'Old',
      message: 'old',
      createdAt: new Date(now.getTime() + HOUR),
    });
    now = new Date(now.getTime() + 30 * HOUR);
    const recent = server.addComment({ postId, authorName: 'New', message: 'new' });
    now = new Date(now.getTime() + 1000);

    const batch = await channel.mentions(ACCOUNT, undefined, now);
    expect(batch.mentions.map((mention) => mention.id)).toEqual([recent.id]);
  });

  it('follows paging.next across more comments than one page holds', async () => {
    const { id: postId } = await channel.post(ACCOUNT, 'Busy post');
    const ids: string[] = [];
    for (let index = 0; index < 130; index += 1)
      ids.push(
        server.addComment({
          postId,
          authorName: `Person ${index}`,
          message: `c${index}`,
          createdAt: new Date(now.getTime() + 1000 * (index + 1)),
        }).id,
      );
    now = new Date(now.getTime() + HOUR);

    const batch = await channel.mentions(ACCOUNT, undefined, now);
    expect(batch.mentions.map((mention) => mention.id).sort()).toEqual([...ids].sort());
  });

  it('uses the versioned base URL', async () => {
    const { id } = await channel.post(ACCOUNT, 'Version check');
    const response = await fetch(`${server.url}/${GRAPH_API_VERSION}/${id}?fields=id,message`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(await response.json()).toEqual({ id, message: 'Version check' });
  });
});
