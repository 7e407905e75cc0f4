/** Behaviour of the local X API beyond response shapes: search, paging, clock, control endpoints, page. */
import type { LocalXApiServer } from '../../local/x-api-server';
import { MAIN_USER_ID, oauthHeader, startLocalX, TRUST_HANDLE } from '../support/local-x';

const HOUR = 3_600_000;

interface Page {
  data?: { id: string; text: string }[];
  meta: { result_count: number; newest_id?: string; next_token?: string };
}

describe('local X API server', () => {
  let now: Date;
  let server: LocalXApiServer;

  beforeAll(async () => {
    ({ server } = await startLocalX({ clock: () => now }));
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.reset();
    now = new Date('2026-12-29T09:00:00Z');
  });

  async function get(path: string, token?: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: oauthHeader(token) } });
    return { status: response.status, body: await response.json() };
  }

  async function post(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { authorization: oauthHeader(token), 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  const searchTexts = async (query: string) =>
    ((await get(`/2/tweets/search/recent?query=${encodeURIComponent(query)}`)).body as Page).data?.map(
      (post) => post.text,
    ) ?? [];

  describe('search query language', () => {
    beforeEach(() => {
      server.addMention({ authorUsername: 'news_desk', text: 'Leeds and York Partnership opens a ward' });
      server.addMention({ authorUsername: 'reader', text: 'LEEDS hospital parking, not York' });
      server.addMention({ authorUsername: TRUST_HANDLE, text: 'Leeds and York Partnership: our news' });
      server.addMention({ authorUsername: 'someone', text: 'Leedsfest was fun' });
    });

    it('matches whole words in any case, all words required', async () => {
      expect(await searchTexts('leeds york')).toEqual([
        'Leeds and York Partnership: our news',
        'LEEDS hospital parking, not York',
        'Leeds and York Partnership opens a ward',
      ]);
    });

    it('matches quoted phrases and excludes authors with -from:', async () => {
      expect(await searchTexts(`"leeds and york partnership" -from:${TRUST_HANDLE.toUpperCase()}`)).toEqual([
        'Leeds and York Partnership opens a ward',
      ]);
    });

    it('supports negated words, from: and OR', async () => {
      expect(await searchTexts('leeds -partnership')).toEqual(['LEEDS hospital parking, not York']);
      expect(await searchTexts('from:reader OR leedsfest')).toEqual([
        'Leedsfest was fun',
        'LEEDS hospital parking, not York',
      ]);
    });

    it('refuses what it cannot evaluate instead of guessing', async () => {
      for (const query of ['(leeds OR york)', 'leeds lang:en', '-from:reader']) {
        const { status, body } = await get(`/2/tweets/search/recent?query=${encodeURIComponent(query)}`);
        expect({ query, status }).toEqual({ query, status: 400 });
        expect(body).toMatchObject({ type: 'https://api.x.com/2/problems/invalid-request' });
      }
    });
  });

  describe('paging and cursors', () => {
    it('pages with next_token until the end and honours since_id numerically', async () => {
      const ids = Array.from(
        { length: 7 },
        (_, index) =>
          server.addMention({
            authorUsername: 'reader',
            text: `@${TRUST_HANDLE} message ${index}`,
            createdAt: new Date(now.getTime() - (10 - index) * 60_000),
          }).id,
      );
      const seen: string[] = [];
      let token: string | undefined;
      let pages = 0;
      do {
        const query = `max_results=5${token ? `&pagination_token=${token}` : ''}`;
        const { body } = await get(`/2/users/${MAIN_USER_ID}/mentions?${query}`);
        const page = body as Page;
        seen.push(...(page.data ?? []).map((item) => item.id));
        token = page.meta.next_token;
        pages += 1;
      } while (token);

      expect(pages).toBe(2);
      expect(seen).toEqual([...ids].reverse());

      const sinceFifth = (await get(`/2/users/${MAIN_USER_ID}/mentions?since_id=${ids[4]}`)).body as Page;
      expect(sinceFifth.data?.map((item) => item.id)).toEqual([ids[6], ids[5]]);
      // a shorter id is an older one: every mention is newer than it
      const sinceSmall = (await get(`/2/users/${MAIN_USER_ID}/mentions?since_id=999`)).body as Page;
      expect(sinceSmall.meta.result_count).toBe(7);
    });

    it('answers bad paging parameters with 400 as X does', async () => {
      const cases = [
        `/2/users/${MAIN_USER_ID}/mentions?max_results=4`,
        `/2/users/${MAIN_USER_ID}/mentions?pagination_token=not-a-token!`,
        `/2/users/${MAIN_USER_ID}/mentions?since_id=abc`,
        `/2/users/${MAIN_USER_ID}/mentions?tweet.fields=bogus`,
        `/2/users/${MAIN_USER_ID}/mentions?colour=blue`,
        '/2/tweets/search/recent?query=leeds&max_results=5',
        `/2/tweets/search/recent?query=leeds&start_time=${new Date(now.getTime() - 8 * 24 * HOUR).toISOString()}`,
      ];
      for (const path of cases) {
        expect({ path, status: (await get(path)).status }).toEqual({ path, status: 400 });
      }
    });
  });

  describe('time and accounts', () => {
    it('a mention dated in the future appears once the clock reaches it', async () => {
      server.addMention({
        authorUsername: 'later',
        text: `@${TRUST_HANDLE} hello`,
        createdAt: new Date(now.getTime() + HOUR),
      });
      const before = (await get(`/2/users/${MAIN_USER_ID}/mentions`)).body as Page;

      now = new Date(now.getTime() + HOUR);
      const after = (await get(`/2/users/${MAIN_USER_ID}/mentions`)).body as Page;

      expect([before.meta.result_count, after.meta.result_count]).toEqual([0, 1]);
    });

    it('an unknown access token gets its own user; duplicates are per account and end with deletion', async () => {
      const stranger = (await get('/2/users/me', 'some-other-token')).body as {
        data: { id: string; username: string };
      };
      expect(stranger.data.id).not.toBe(MAIN_USER_ID);
      expect(stranger.data.username).toMatch(/^local_user_\d+$/);

      const first = await post('/2/tweets', { text: 'Closed for the bank holiday' });
      expect(
        (await post('/2/tweets', { text: 'Closed for the bank holiday' }, 'some-other-token')).status,
      ).toBe(201);
      expect((await post('/2/tweets', { text: '  Closed for the bank  holiday ' })).status).toBe(403);

      const { id } = (first.body as { data: { id: string } }).data;
      await fetch(`${server.url}/2/tweets/${id}`, {
        method: 'DELETE',
        headers: { authorization: oauthHeader() },
      });
      expect((await post('/2/tweets', { text: 'Closed for the bank holiday' })).status).toBe(201);
    });

    it('another account may not delete the trust’s post', async () => {
      const { body } = await post('/2/tweets', { text: 'Ours' });
      const { id } = (body as { data: { id: string } }).data;

      const response = await fetch(`${server.url}/2/tweets/${id}`, {
        method: 'DELETE',
        headers: { authorization: oauthHeader('some-other-token') },
      });

      expect(response.status).toBe(403);
      expect(server.tweets()[0]?.deleted).toBe(false);
    });

    it('an X API request with a Bearer token instead of OAuth 1.0a is 401', async () => {
      const response = await fetch(`${server.url}/2/users/me`, { headers: { authorization: 'Bearer abc' } });
      expect(response.status).toBe(401);
    });
  });

  describe('control endpoints', () => {
    it('adds mentions, lists the timeline and resets over HTTP', async () => {
      const added = await post('/_local/mentions', {
        authorUsername: '@sam_n',
        text: `@${TRUST_HANDLE} hi`,
        createdAt: '2026-12-29T08:00:00Z',
        id: '1870000000000000001',
      });
      expect(added).toEqual({
        status: 201,
        body: {
          tweet: {
            id: '1870000000000000001',
            text: `@${TRUST_HANDLE} hi`,
            authorId: expect.any(String),
            authorUsername: 'sam_n',
            createdAt: '2026-12-29T08:00:00.000Z',
            deleted: false,
          },
        },
      });
      expect(
        (await post('/_local/mentions', { authorUsername: 'x', text: 'again', id: '1870000000000000001' }))
          .status,
      ).toBe(400);

      const listed = (await get('/_local/tweets')).body as { tweets: { id: string }[] };
      expect(listed.tweets.map((tweet) => tweet.id)).toEqual(['1870000000000000001']);

      expect((await post('/_local/reset', {})).status).toBe(204);
      expect(server.tweets()).toEqual([]);
    });

    it('schedules failures over HTTP, judged by the server clock', async () => {
      const scheduled = await post('/_local/failures', {
        from: '2026-12-29T09:30:00Z',
        until: '2026-12-29T10:00:00Z',
        status: 503,
        paths: ['/2/users/me'],
      });
      expect(scheduled.status).toBe(201);

      const statuses: number[] = [];
      for (const at of ['2026-12-29T09:29:59Z', '2026-12-29T09:30:00Z', '2026-12-29T10:00:00Z']) {
        now = new Date(at);
        statuses.push((await get('/2/users/me')).status);
      }
      expect(statuses).toEqual([200, 503, 200]);
      expect(
        (await post('/_local/failures', { from: 'soon', until: '2026-12-29T10:00:00Z', status: 418 })).status,
      ).toBe(400);
    });
  });

  describe('the HTML page', () => {
    it('lists posts newest first, marks deleted ones and escapes text', async () => {
      const first = await post('/2/tweets', { text: 'First <b>bold</b> & "quoted"' });
      now = new Date(now.getTime() + 60_000);
      await post('/2/tweets', { text: 'Second <script>alert(1)</script>' });
      const { id } = (first.body as { data: { id: string } }).data;
      await fetch(`${server.url}/2/tweets/${id}`, {
        method: 'DELETE',
        headers: { authorization: oauthHeader() },
      });

      const response = await fetch(`${server.url}/`);
      const html = await response.text();

      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(html).toContain('<html lang="en">');
      expect(html).not.toContain('<script>');
      expect(html).toContain('Second &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(html).toContain('First &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;');
      expect(html.indexOf('Second')).toBeLessThan(html.indexOf('First'));
      expect(html).toMatch(/Deleted <time[^>]*>2026-12-29T09:01:00.000Z<\/time>/);
      expect(html).toContain('<label for="authorUsername">');
    });

    it('the form adds a mention and redirects back to the page', async () => {
      const response = await fetch(`${server.url}/_local/mentions/form`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          authorUsername: 'carer_jo',
          text: `@${TRUST_HANDLE} <thanks>`,
          inReplyTo: '',
        }).toString(),
        redirect: 'manual',
      });

      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
      expect(server.tweets().map((tweet) => [tweet.authorUsername, tweet.text])).toEqual([
        ['carer_jo', `@${TRUST_HANDLE} <thanks>`],
      ]);

      const refused = await fetch(`${server.url}/_local/mentions/form`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ authorUsername: 'not a name!', text: 'x' }).toString(),
      });
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain('role="status"');
    });
  });
});
