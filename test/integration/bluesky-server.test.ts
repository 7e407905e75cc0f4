import { AtpAgent, RichText, XRPCError } from '@atproto/api';
import { startBlueskyServer, type LocalBlueskyServer } from '../../local/bluesky-server';

const HANDLE = 'trust.bsky.social';
const PASSWORD = 'app-pass-1234';
const OTHER = 'other.bsky.social';
const MINUTE = 60_000;

describe('local Bluesky XRPC', () => {
  let now = new Date('2026-12-24T09:00:00Z');
  let server: LocalBlueskyServer;
  const statuses: number[] = [];

  beforeAll(async () => {
    server = await startBlueskyServer({
      clock: () => now,
      accounts: {
        trust: { handle: HANDLE, appPassword: PASSWORD },
        other: { handle: OTHER, appPassword: 'other-pass' },
      },
    });
  });
  afterAll(async () => {
    // the stand-in never failed its own lexicon check in any of the answers above
    expect(statuses).not.toContain(500);
    expect(statuses.length).toBeGreaterThan(20);
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    now = new Date('2026-12-24T09:00:00Z');
  });

  const recordingFetch: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    statuses.push(response.status);
    return response;
  };
  const login = async (password = PASSWORD) => {
    const agent = new AtpAgent({ service: server.url, fetch: recordingFetch });
    await agent.login({ identifier: HANDLE, password });
    return agent;
  };
  const xrpc = async (nsid: string, init: RequestInit & { query?: string; token?: string } = {}) => {
    const response = await recordingFetch(`${server.url}/xrpc/${nsid}${init.query ? `?${init.query}` : ''}`, {
      ...init,
      headers: {
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
    });
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Record<string, unknown>,
    };
  };
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (error: unknown) => {
        if (!(error instanceof XRPCError)) throw error;
        return { status: error.status, error: error.error, message: error.message };
      },
    );

  it('logs in with the app password, refuses a wrong one, and resolves handles', async () => {
    const agent = await login();
    expect(agent.session).toEqual(
      expect.objectContaining({ handle: HANDLE, did: expect.stringMatching(/^did:plc:[a-z2-7]{24}$/) }),
    );
    const payload = JSON.parse(
      Buffer.from(agent.session?.accessJwt.split('.')[1] ?? '', 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(payload).toEqual(
      expect.objectContaining({ sub: agent.session?.did, exp: Date.parse('2026-12-24T11:00:00Z') / 1000 }),
    );

    expect(await failure(login('wrong'))).toEqual({
      status: 401,
      error: 'AuthenticationRequired',
      message: 'Invalid identifier or password',
    });
    expect((await agent.com.atproto.identity.resolveHandle({ handle: HANDLE })).data.did).toBe(
      agent.session?.did,
    );
    expect(await failure(agent.com.atproto.identity.resolveHandle({ handle: 'nobody.bsky.social' }))).toEqual(
      expect.objectContaining({ status: 400, error: 'InvalidRequest', message: 'Unable to resolve handle' }),
    );
  });

  it('posts with detected facets, refuses 301 graphemes, takes 300 emoji, and deletes by rkey', async () => {
    const agent = await login();
    const rich = new RichText({ text: `Flu clinic update https://example.nhs.uk/flu with @${OTHER}` });
    await rich.detectFacets(agent);
    const created = await agent.post({ text: rich.text, facets: rich.facets, createdAt: now.toISOString() });
    expect(created.uri).toMatch(
      new RegExp(`^at://${agent.session?.did}/app\\.bsky\\.feed\\.post/[2-7a-j][2-7a-z]{12}$`),
    );
    const stored = server.posts().find((post) => post.uri === created.uri);
    expect(stored?.facets).toEqual([
      expect.objectContaining({
        features: [expect.objectContaining({ $type: 'app.bsky.richtext.facet#link' })],
      }),
      expect.objectContaining({
        features: [expect.objectContaining({ $type: 'app.bsky.richtext.facet#mention' })],
      }),
    ]);

    const tooLong = await failure(agent.post({ text: 'a'.repeat(301), createdAt: now.toISOString() }));
    expect(tooLong).toEqual(expect.objectContaining({ status: 400, error: 'InvalidRequest' }));
    expect(tooLong.message).toMatch(/^Invalid app\.bsky\.feed\.post record: .*300 graphemes/);
    const emoji = '🩺'.repeat(300);
    expect(Buffer.byteLength(emoji)).toBeGreaterThan(300);
    await agent.post({ text: emoji, createdAt: now.toISOString() });

    const rkey = created.uri.split('/').pop() ?? '';
    await agent.com.atproto.repo.deleteRecord({
      repo: agent.session?.did ?? '',
      collection: 'app.bsky.feed.post',
      rkey,
    });
    await agent.com.atproto.repo.deleteRecord({ repo: HANDLE, collection: 'app.bsky.feed.post', rkey });
    expect(server.posts().find((post) => post.uri === created.uri)).toEqual(
      expect.objectContaining({ deleted: true, deletedAt: now.toISOString() }),
    );
    expect(
      await failure(
        agent.com.atproto.repo.createRecord({
          repo: OTHER,
          collection: 'app.bsky.feed.post',
          record: { text: 'x', createdAt: now.toISOString() },
        }),
      ),
    ).toEqual(expect.objectContaining({ status: 400, error: 'InvalidRequest' }));
  });

  it('lists notifications newest first, a page at a time, without repeats', async () => {
    const agent = await login();
    await agent.post({ text: 'Our opening hours', createdAt: now.toISOString() });
    for (let index = 0; index < 5; index += 1)
      server.addMention({
        to: HANDLE,
        authorHandle: `person${index}.bsky.social`,
        text: `hello ${index}`,
        at: new Date(now.getTime() + index * MINUTE),
      });
    server.addMention({
      to: HANDLE,
      authorHandle: 'replier.bsky.social',
      authorName: 'Rae',
      text: 'When?',
      reason: 'reply',
      at: new Date(now.getTime() + 10 * MINUTE),
    });
    server.addMention({ to: OTHER, authorHandle: 'elsewhere.bsky.social', text: 'not yours' });
    now = new Date(now.getTime() + 20 * MINUTE);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const { data } = await agent.app.bsky.notification.listNotifications({
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      seen.push(...data.notifications.map((item) => `${item.reason}:${item.author.handle}`));
      cursor = data.cursor;
      pages += 1;
    } while (cursor && pages < 5);
    expect(pages).toBe(2);
    expect(seen).toEqual([
      'reply:replier.bsky.social',
      ...[4, 3, 2, 1, 0].map((index) => `mention:person${index}.bsky.social`),
    ]);

    const { data } = await agent.app.bsky.notification.listNotifications({ limit: 1 });
    expect(data.notifications[0]).toEqual(
      expect.objectContaining({
        reason: 'reply',
        reasonSubject: server.posts().find((post) => post.authorHandle === HANDLE)?.uri,
        author: expect.objectContaining({ displayName: 'Rae' }),
      }),
    );
    const mention = server.posts().find((post) => post.authorHandle === 'person0.bsky.social');
    expect(mention?.text).toBe(`@${HANDLE} hello 0`);
    expect(mention?.facets).toEqual([
      {
        index: { byteStart: 0, byteEnd: HANDLE.length + 1 },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: agent.session?.did }],
      },
    ]);
  });

  it('searches posts by word and quoted phrase within since/until, and serves the author feed', async () => {
    const agent = await login();
    server.addPost({
      authorHandle: 'a.bsky.social',
      text: 'Waiting times at A&E are long',
      at: new Date(now.getTime() - 3 * 60 * MINUTE),
    });
    server.addPost({
      authorHandle: 'b.bsky.social',
      text: 'long waiting at the clinic',
      at: new Date(now.getTime() - 30 * MINUTE),
    });
    server.addPost({
      authorHandle: 'c.bsky.social',
      text: 'The waiting times were fine',
      at: new Date(now.getTime() - 10 * MINUTE),
    });
    const hidden = server.addPost({ authorHandle: 'c.bsky.social', text: 'waiting times deleted later' });
    const search = (q: string, since?: string) =>
      agent.app.bsky.feed
        .searchPosts({ q, sort: 'latest', ...(since ? { since } : {}) })
        .then(({ data }) => data.posts.map((post) => (post.record as { text: string }).text));

    expect(await search('WAITING')).toEqual([
      'waiting times deleted later',
      'The waiting times were fine',
      'long waiting at the clinic',
      'Waiting times at A&E are long',
    ]);
    expect(await search('"waiting times"', new Date(now.getTime() - 60 * MINUTE).toISOString())).toEqual([
      'waiting times deleted later',
      'The waiting times were fine',
    ]);
    expect(await search('wait')).toEqual([]);

    const feed = async (actor: string) =>
      (await agent.app.bsky.feed.getAuthorFeed({ actor })).data.feed.map((item) => item.post.uri);
    expect(await feed('c.bsky.social')).toHaveLength(2);
    const mine = await agent.post({ text: 'waiting times: our answer', createdAt: now.toISOString() });
    expect(await feed(HANDLE)).toEqual([mine.uri]);
    await agent.deletePost(mine.uri);
    expect(await feed(HANDLE)).toEqual([]);
    expect(await search('"waiting times"')).not.toContain('waiting times: our answer');
    expect(hidden.deleted).toBe(false);
  });

  it('refreshes by itself after expireSessions, and revoking the app password ends the session', async () => {
    const agent = await login();
    const updates: string[] = [];
    const persisting = new AtpAgent({
      service: server.url,
      fetch: recordingFetch,
      persistSession: (event) => {
        updates.push(event);
      },
    });
    await persisting.login({ identifier: HANDLE, password: PASSWORD });
    const firstRefresh = persisting.session?.refreshJwt ?? '';

    server.expireSessions(HANDLE);
    const expired = await xrpc('com.atproto.server.getSession', { token: agent.session?.accessJwt ?? '' });
    expect(expired).toEqual(
      expect.objectContaining({ status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } }),
    );
    await persisting.post({ text: 'After expiry', createdAt: now.toISOString() });
    expect(updates).toEqual(['create', 'update']);
    expect(server.posts().map((post) => post.text)).toEqual(['After expiry']);
    // the refresh token rotated: the first one no longer works
    expect(
      (await xrpc('com.atproto.server.refreshSession', { method: 'POST', token: firstRefresh })).status,
    ).toBe(400);

    now = new Date(now.getTime() + 2 * 60 * MINUTE);
    expect(
      (await xrpc('com.atproto.server.getSession', { token: persisting.session?.accessJwt ?? '' })).body[
        'error'
      ],
    ).toBe('ExpiredToken');

    server.revokeAppPassword(HANDLE);
    expect(await failure(persisting.post({ text: 'After revoking', createdAt: now.toISOString() }))).toEqual(
      expect.objectContaining({ status: 400, error: 'ExpiredToken' }),
    );
    expect(updates).toContain('expired');
    expect(await failure(login())).toEqual(
      expect.objectContaining({ status: 401, error: 'AuthenticationRequired' }),
    );
    expect((await xrpc('com.atproto.server.getSession')).body['error']).toBe('AuthenticationRequired');
  });

  it('faults: 429 carries the ratelimit headers, 503 and malformed, only on the paths named', async () => {
    const agent = await login();
    const until = new Date(now.getTime() + 5 * MINUTE);
    server.injectFailure({ from: now, until, status: 429, paths: ['/xrpc/com.atproto.repo.createRecord'] });
    const limited = await xrpc('com.atproto.repo.createRecord', {
      method: 'POST',
      token: agent.session?.accessJwt ?? '',
      body: '{}',
    });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' });
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reset')).toBe(String(until.getTime() / 1000));
    expect(limited.headers.get('ratelimit-limit')).toMatch(/^\d+$/);
    expect(limited.headers.get('ratelimit-policy')).toMatch(/^\d+;w=\d+$/);
    expect((await agent.app.bsky.notification.listNotifications({})).success).toBe(true);
    server.clearFailures();

    const response = await fetch(`${server.url}/_local/failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: now.toISOString(), until: until.toISOString(), status: 503 }),
    });
    expect(response.status).toBe(201);
    expect(
      (await xrpc('app.bsky.feed.searchPosts', { query: 'q=x', token: agent.session?.accessJwt ?? '' }))
        .status,
    ).toBe(503);
    expect((await fetch(`${server.url}/_local/failures`, { method: 'DELETE' })).status).toBe(204);

    server.injectFailure({ from: now, until, status: 'malformed' });
    await expect(
      fetch(`${server.url}/xrpc/app.bsky.feed.searchPosts?q=x`).then((r) => r.json()),
    ).rejects.toThrow();
  });

  it('validates params and input against the lexicons; unknown methods are 501', async () => {
    const agent = await login();
    const token = agent.session?.accessJwt ?? '';
    const input = await xrpc('com.atproto.repo.createRecord', {
      method: 'POST',
      token,
      body: JSON.stringify({ collection: 'app.bsky.feed.post', record: {} }),
    });
    expect(input).toEqual(
      expect.objectContaining({
        status: 400,
        body: { error: 'InvalidRequest', message: 'Input must have the property "repo"' },
      }),
    );
    const limit = await xrpc('app.bsky.feed.searchPosts', { query: 'q=x&limit=101', token });
    expect(limit.body).toEqual({
      error: 'InvalidRequest',
      message: 'limit can not be greater than 100',
    });
    expect((await xrpc('app.bsky.feed.searchPosts', { query: 'q=x&limit=100', token })).status).toBe(200);
    expect((await xrpc('app.bsky.feed.getTimeline', { token })).status).toBe(501);
    expect((await xrpc('app.bsky.feed.searchPosts', { query: 'q=x', token: 'not-a-token' })).status).toBe(
      401,
    );
  });

  it('control routes over HTTP and an HTML page that escapes everything', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect(
      (await post('/_local/posts', { authorHandle: 'x.bsky.social', text: '<script>alert(1)</script>' }))
        .status,
    ).toBe(201);
    expect(
      (
        await post('/_local/mentions', {
          to: 'nobody.bsky.social',
          authorHandle: 'x.bsky.social',
          text: 'hi',
        })
      ).status,
    ).toBe(400);
    const form = await fetch(`${server.url}/_local/mentions`, {
      method: 'POST',
      body: new URLSearchParams({ to: HANDLE, authorHandle: 'y.bsky.social', text: 'A & B <i>' }),
      redirect: 'manual',
    });
    expect(form.status).toBe(303);
    const listed = (await (await fetch(`${server.url}/_local/posts`)).json()) as {
      posts: { text: string }[];
    };
    expect(listed.posts.map((item) => item.text)).toEqual([
      `@${HANDLE} A & B <i>`,
      '<script>alert(1)</script>',
    ]);
    expect((await post('/_local/revoke', {})).status).toBe(400);

    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; B &lt;i&gt;');
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
