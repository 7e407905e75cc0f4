import { startFacebookServer, type LocalFacebookServer } from '../../local/facebook-server';

const PAGE_ID = '123456789012345';
const OTHER_PAGE = '999999999999999';
const TOKEN = 'local-page-token';
const HOUR = 3_600_000;

describe('local Facebook Graph API', () => {
  let now = new Date('2026-12-24T09:00:00Z');
  let server: LocalFacebookServer;

  beforeAll(async () => {
    server = await startFacebookServer({
      clock: () => now,
      pages: {
        trust: { pageId: PAGE_ID, name: 'Example NHS Trust', pageAccessToken: TOKEN },
        other: { pageId: OTHER_PAGE, name: 'Other Trust', pageAccessToken: 'other-token' },
      },
    });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.reset();
    now = new Date('2026-12-24T09:00:00Z');
  });

  const graph = (path: string, init: RequestInit = {}, token: string | null = TOKEN) =>
    fetch(`${server.url}/v23.0/${path}`, {
      ...init,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.headers ?? {}) },
    });
  const publish = async (message: string, link?: string) => {
    const response = await graph(`${PAGE_ID}/feed`, {
      method: 'POST',
      body: new URLSearchParams({ message, ...(link ? { link } : {}) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };

  it('publishes and serves the feed with field selection, nested comments included', async () => {
    const { body } = await publish('Opening times', 'https://example.nhs.uk/');
    const postId = String(body['id']);
    server.addComment({ postId, authorName: 'Sam', message: 'Thanks' });

    const response = await graph(
      `${PAGE_ID}/feed?fields=id,link,from{name},comments.limit(1){message,from{id}}`,
    );
    const feed = (await response.json()) as { data: unknown[] };
    expect(feed.data).toEqual([
      {
        id: postId,
        link: 'https://example.nhs.uk/',
        from: { name: 'Example NHS Trust' },
        comments: {
          data: [{ message: 'Thanks', from: { id: expect.stringMatching(/^\d+$/) } }],
          paging: { cursors: { before: expect.any(String), after: expect.any(String) } },
        },
      },
    ]);
  });

  it('default fields, and a nonexisting field is code 100', async () => {
    const { body } = await publish('Hello');
    const node = await (await graph(String(body['id']))).json();
    expect(node).toEqual({ id: body['id'], created_time: '2026-12-24T09:00:00+0000', message: 'Hello' });

    const bad = await graph(`${body['id']}?fields=id,bogus`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: expect.objectContaining({ code: 100, type: 'OAuthException', fbtrace_id: expect.any(String) }),
    });
  });

  it('since, limit and paging.next over comments', async () => {
    const { body } = await publish('Busy');
    const postId = String(body['id']);
    for (let index = 0; index < 5; index += 1)
      server.addComment({
        postId,
        authorName: 'P',
        message: `c${index}`,
        createdAt: new Date(now.getTime() + index * 60_000),
      });
    now = new Date(now.getTime() + HOUR);
    const since = Math.floor(Date.parse('2026-12-24T09:01:00Z') / 1000);

    const first = (await (
      await graph(`${postId}/comments?fields=message&since=${since}&limit=2`)
    ).json()) as {
      data: { message: string }[];
      paging: { next?: string };
    };
    expect(first.data.map((comment) => comment.message)).toEqual(['c1', 'c2']);
    const second = (await (
      await fetch(first.paging.next ?? '', { headers: { authorization: `Bearer ${TOKEN}` } })
    ).json()) as { data: { message: string }[]; paging: { next?: string } };
    expect(second.data.map((comment) => comment.message)).toEqual(['c3', 'c4']);
    expect(second.paging.next).toBeUndefined();

    const iso = (await (
      await graph(`${postId}/comments?fields=message&until=2026-12-24T09:00:30Z`)
    ).json()) as {
      data: unknown[];
    };
    expect(iso.data).toEqual([{ message: 'c0' }]);
  });

  it('tagged posts show on /tagged and in the feed', async () => {
    const tag = server.addTag({ authorName: 'Alex', message: 'Great care @Example' });
    const tagged = (await (await graph(`${PAGE_ID}/tagged?fields=id,message`)).json()) as { data: unknown[] };
    expect(tagged.data).toEqual([{ id: tag.id, message: 'Great care @Example' }]);
  });

  it('refuses a duplicate (506), an over-long post (100), and unknown or expired tokens (190)', async () => {
    await publish('Same');
    expect((await publish('Same')).body).toEqual({ error: expect.objectContaining({ code: 506 }) });
    expect((await publish('x'.repeat(63_207))).body).toEqual({
      error: expect.objectContaining({ code: 100 }),
    });
    expect((await publish('y'.repeat(63_206))).status).toBe(200);

    const unknown = await graph(`${PAGE_ID}/feed`, {}, 'nope');
    expect(await unknown.json()).toEqual({ error: expect.objectContaining({ code: 190 }) });
    expect((await (await graph(`${PAGE_ID}/feed`, {}, null)).json()) as unknown).toEqual({
      error: expect.objectContaining({ code: 104 }),
    });
    server.expireToken(PAGE_ID);
    expect((await publish('After expiry')).body).toEqual({
      error: expect.objectContaining({ code: 190, error_subcode: 463 }),
    });
  });

  it("another Page's feed is refused; deleting twice is code 100 subcode 33", async () => {
    const other = await graph(`${OTHER_PAGE}/feed`, {
      method: 'POST',
      body: new URLSearchParams({ message: 'x' }),
    });
    expect(await other.json()).toEqual({ error: expect.objectContaining({ code: 200 }) });
    const { body } = await publish('Bye');
    expect(await (await graph(String(body['id']), { method: 'DELETE' })).json()).toEqual({ success: true });
    expect(await (await graph(String(body['id']), { method: 'DELETE' })).json()).toEqual({
      error: expect.objectContaining({ code: 100, error_subcode: 33 }),
    });
  });

  it('faults: 429 is code 32 with usage headers, 503 is code 2, malformed is cut short', async () => {
    server.injectFailure({ from: now, until: new Date(now.getTime() + 10 * 60_000), status: 429 });
    const limited = await graph(`${PAGE_ID}/feed`);
    expect(await limited.json()).toEqual({ error: expect.objectContaining({ code: 32 }) });
    expect(JSON.parse(limited.headers.get('x-business-use-case-usage') ?? '{}')).toEqual({
      [PAGE_ID]: [expect.objectContaining({ type: 'pages', estimated_time_to_regain_access: 10 })],
    });
    server.clearFailures();

    server.injectFailure({ from: now, until: new Date(now.getTime() + HOUR), status: 503 });
    const down = await graph(`${PAGE_ID}/feed`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      error: expect.objectContaining({ code: 2, message: 'Service temporarily unavailable' }),
    });
    server.clearFailures();

    server.injectFailure({ from: now, until: new Date(now.getTime() + HOUR), status: 'malformed' });
    await expect((await graph(`${PAGE_ID}/feed`)).json()).rejects.toThrow();
    now = new Date(now.getTime() + 2 * HOUR);
    expect((await graph(`${PAGE_ID}/feed`)).status).toBe(200);
  });

  it('the HTML page escapes everything, and its forms add a comment and a tagged post', async () => {
    const { body } = await publish('<script>alert(1)</script>');
    const postId = String(body['id']);
    const form = (path: string, fields: Record<string, string>) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        body: new URLSearchParams(fields),
        redirect: 'manual',
      });

    const added = await form('/_local/comments', { postId, authorName: '<img src=x>', message: 'A & B <i>' });
    expect(added.status).toBe(303);
    expect(
      (await form('/_local/tagged', { pageId: PAGE_ID, authorName: 'Vis', message: 'tag "me"' })).status,
    ).toBe(303);
    expect((await form('/_local/comments', { postId: 'nope', authorName: 'x', message: 'y' })).status).toBe(
      400,
    );

    expect(server.posts().find((post) => post.id === postId)?.comments).toEqual([
      expect.objectContaining({ fromName: '<img src=x>', message: 'A & B <i>' }),
    ]);
    const html = await (await fetch(`${server.url}/`)).text();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A &amp; B &lt;i&gt;');
    expect(html).toContain('tag &quot;me&quot;');
  });

  it('JSON control routes add comments and inject failures', async () => {
    const { body } = await publish('Control');
    const response = await fetch(`${server.url}/_local/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ postId: body['id'], authorName: 'Kim', message: 'Hi' }),
    });
    expect(response.status).toBe(201);
    const failure = await fetch(`${server.url}/_local/failures`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        from: now.toISOString(),
        until: new Date(now.getTime() + HOUR).toISOString(),
        status: 500,
      }),
    });
    expect(failure.status).toBe(201);
    expect((await graph(`${PAGE_ID}/feed`)).status).toBe(500);
  });
});
