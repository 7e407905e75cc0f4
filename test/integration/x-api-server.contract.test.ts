/**
 * The local X API answers in the shapes of X's OpenAPI document (test/fixtures/x-api-openapi.subset.json,
 * the operations we call and every schema they reference, extracted unchanged from the full document).
 */
import { join } from 'node:path';
import type { LocalXApiServer } from '../../local/x-api-server';
import { OpenApiValidator } from '../support/openapi-validator';
import { MAIN_USER_ID, oauthHeader, startLocalX, TRUST_HANDLE } from '../support/local-x';

const spec = OpenApiValidator.fromFile(join(__dirname, '../fixtures/x-api-openapi.subset.json'));
const NOW = new Date('2026-12-29T10:00:00Z');

interface RawResponse {
  status: number;
  contentType: string;
  headers: Headers;
  body: unknown;
}

async function call(
  server: LocalXApiServer,
  method: string,
  path: string,
  options: { body?: unknown; auth?: boolean } = {},
): Promise<RawResponse> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      ...(options.auth === false ? {} : { authorization: oauthHeader() }),
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

function expectValid(template: string, method: string, response: RawResponse): void {
  expect(
    spec.validateResponse(template, method, response.status, response.contentType, response.body),
  ).toEqual([]);
}

function expectRateLimitHeaders(response: RawResponse): void {
  for (const name of ['x-rate-limit-limit', 'x-rate-limit-remaining', 'x-rate-limit-reset']) {
    expect(response.headers.get(name)).toMatch(/^\d+$/);
  }
}

describe('local X API against the OpenAPI document', () => {
  let server: LocalXApiServer;
  let limited: LocalXApiServer;

  beforeAll(async () => {
    ({ server } = await startLocalX({ clock: () => NOW }));
    ({ server: limited } = await startLocalX({
      clock: () => NOW,
      rateLimit: { limit: 2, windowSeconds: 900 },
    }));
  });

  afterAll(async () => {
    await Promise.all([server.close(), limited.close()]);
  });

  beforeEach(() => server.reset());

  it('POST /2/tweets: 201 with CreatePostsResponse', async () => {
    const response = await call(server, 'POST', '/2/tweets', {
      body: { text: 'Good morning, we are back!' },
    });

    expect(response.status).toBe(201);
    expect(response.contentType).toMatch(/^application\/json/);
    expectValid('/2/tweets', 'post', response);
    expectRateLimitHeaders(response);
    const { data } = response.body as { data: { id: string; text: string } };
    expect(data.text).toBe('Good morning, we are back!');
    expect(data.id).toMatch(/^\d{19}$/);
  });

  it('POST /2/tweets: the same text again is 403 with exactly X’s duplicate problem', async () => {
    await call(server, 'POST', '/2/tweets', { body: { text: 'Signing off for the weekend.' } });
    const response = await call(server, 'POST', '/2/tweets', {
      body: { text: 'Signing off for the weekend.' },
    });

    expect(response.status).toBe(403);
    expect(response.contentType).toBe('application/problem+json');
    expect(response.body).toEqual({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
    expect(spec.validate(spec.commonProblemSchema(), response.body)).toEqual([]);
  });

  it('POST /2/tweets: over 280 weighted characters is 400 with an InvalidRequestProblem', async () => {
    // 141 emoji weigh 282
    const response = await call(server, 'POST', '/2/tweets', { body: { text: '😀'.repeat(141) } });

    expect(response.status).toBe(400);
    expectValid('/2/tweets', 'post', response);
    expect(response.body).toMatchObject({ type: 'https://api.x.com/2/problems/invalid-request' });
  });

  it('every endpoint answers 401 with a problem when the OAuth header is missing', async () => {
    const requests: [string, string][] = [
      ['POST', '/2/tweets'],
      ['DELETE', '/2/tweets/1870000000000000001'],
      ['GET', '/2/users/me'],
      ['GET', `/2/users/${MAIN_USER_ID}/mentions`],
      ['GET', '/2/tweets/search/recent?query=leeds'],
    ];
    for (const [method, path] of requests) {
      const response = await call(server, method, path, {
        auth: false,
        body: method === 'POST' ? { text: 'x' } : undefined,
      });
      expect({ path, status: response.status, contentType: response.contentType }).toEqual({
        path,
        status: 401,
        contentType: 'application/problem+json',
      });
      expect(response.body).toEqual({
        title: 'Unauthorized',
        detail: 'Unauthorized',
        type: 'about:blank',
        status: 401,
      });
      expect(spec.validate(spec.commonProblemSchema(), response.body)).toEqual([]);
    }
    expect(server.tweets()).toEqual([]);
  });

  it('past the request budget: 429 with rate-limit headers and X’s problem body', async () => {
    const statuses: number[] = [];
    let last: RawResponse | undefined;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      last = await call(limited, 'GET', '/2/users/me');
      statuses.push(last.status);
    }

    expect(statuses).toEqual([200, 200, 429]);
    expect(last?.body).toEqual({
      title: 'Too Many Requests',
      detail: 'Too Many Requests',
      type: 'about:blank',
      status: 429,
    });
    expect(last?.headers.get('x-rate-limit-limit')).toBe('2');
    expect(last?.headers.get('x-rate-limit-remaining')).toBe('0');
    expect(Number(last?.headers.get('x-rate-limit-reset'))).toBe(Math.ceil(NOW.getTime() / 1000) + 900);
    expect(spec.validate(spec.commonProblemSchema(), last?.body)).toEqual([]);
  });

  it('GET /2/users/me: GetUsersMeResponse', async () => {
    const response = await call(server, 'GET', '/2/users/me');

    expect(response.status).toBe(200);
    expectValid('/2/users/me', 'get', response);
    expect(response.body).toEqual({
      data: { id: MAIN_USER_ID, name: 'Leeds and York PFT', username: TRUST_HANDLE },
    });
  });

  it('GET /2/users/:id/mentions: a page with includes and meta, newest first', async () => {
    const first = server.addMention({
      authorUsername: 'carer_jo',
      text: `@${TRUST_HANDLE} thank you`,
      createdAt: '2026-12-29T08:00:00Z',
    });
    const second = server.addMention({
      authorUsername: 'sam_n',
      text: `Waiting for an appointment @${TRUST_HANDLE}`,
      createdAt: '2026-12-29T09:00:00Z',
    });
    server.addMention({
      authorUsername: 'other',
      text: 'Not about the trust',
      createdAt: '2026-12-29T09:30:00Z',
    });

    const response = await call(
      server,
      'GET',
      `/2/users/${MAIN_USER_ID}/mentions?max_results=5&tweet.fields=created_at,author_id&expansions=author_id`,
    );

    expect(response.status).toBe(200);
    expectValid('/2/users/{id}/mentions', 'get', response);
    expectRateLimitHeaders(response);
    const body = response.body as {
      data: { id: string; created_at: string }[];
      includes: { users: { username: string }[] };
      meta: Record<string, unknown>;
    };
    expect(body.data.map((post) => post.id)).toEqual([second.id, first.id]);
    expect(body.data[0]?.created_at).toBe('2026-12-29T09:00:00.000Z');
    expect(body.includes.users.map((user) => user.username).sort()).toEqual(['carer_jo', 'sam_n']);
    expect(body.meta).toEqual({ result_count: 2, newest_id: second.id, oldest_id: first.id });
  });

  it('GET /2/users/:id/mentions: an empty timeline has meta only, no data', async () => {
    const response = await call(server, 'GET', `/2/users/${MAIN_USER_ID}/mentions`);

    expect(response.status).toBe(200);
    expectValid('/2/users/{id}/mentions', 'get', response);
    expect(response.body).toEqual({ meta: { result_count: 0 } });
  });

  it('GET /2/tweets/search/recent: SearchPostsRecentResponse with the matching posts only', async () => {
    const match = server.addMention({
      authorUsername: 'local_news',
      text: 'Leeds and York Partnership opens a new ward',
    });
    server.addMention({ authorUsername: 'someone', text: 'Leeds and York are both in Yorkshire' });
    await call(server, 'POST', '/2/tweets', { body: { text: 'News from Leeds and York Partnership today' } });

    const query = encodeURIComponent(`"Leeds and York Partnership" -from:${TRUST_HANDLE}`);
    const response = await call(
      server,
      'GET',
      `/2/tweets/search/recent?query=${query}&max_results=10&tweet.fields=created_at,author_id&expansions=author_id`,
    );

    expect(response.status).toBe(200);
    expectValid('/2/tweets/search/recent', 'get', response);
    const body = response.body as { data: { id: string }[]; meta: { result_count: number } };
    expect(body.data.map((post) => post.id)).toEqual([match.id]);
    expect(body.meta.result_count).toBe(1);
  });

  it('DELETE /2/tweets/:id: DeletePostsResponse, then 404 with a ResourceNotFoundProblem', async () => {
    const created = await call(server, 'POST', '/2/tweets', { body: { text: 'Signing off' } });
    const { id } = (created.body as { data: { id: string } }).data;

    const deleted = await call(server, 'DELETE', `/2/tweets/${id}`);
    expect(deleted.status).toBe(200);
    expectValid('/2/tweets/{id}', 'delete', deleted);
    expect(deleted.body).toEqual({ data: { deleted: true } });

    const again = await call(server, 'DELETE', `/2/tweets/${id}`);
    expect(again.status).toBe(404);
    expectValid('/2/tweets/{id}', 'delete', again);
    expect(again.body).toMatchObject({
      type: 'https://api.x.com/2/problems/resource-not-found',
      resource_id: id,
    });
  });

  describe('the validator itself', () => {
    it('rejects shapes that break the schemas', () => {
      const created = spec.responseSchema('/2/tweets', 'post', 201, 'application/json');
      expect(spec.validate(created, { data: { id: '1870000000000000001', text: 'ok' } })).toEqual([]);
      expect(spec.validate(created, { data: { id: 1870, text: 'ok' } })).toEqual([
        '/data/id: expected string, got number',
      ]);
      expect(spec.validate(created, { data: { id: 'abc', text: 'ok' } })).toEqual([
        '/data/id: "abc" does not match ^[0-9]{1,19}$',
      ]);
      expect(spec.validate(created, { data: { id: '1' } })).toEqual([
        '/data/text: required property is missing',
      ]);

      const mentions = spec.responseSchema('/2/users/{id}/mentions', 'get', 200, 'application/json');
      expect(spec.validate(mentions, { data: { id: '1', text: 'x' }, meta: { result_count: 1 } })).toEqual([
        '/data: expected array, got object',
      ]);
      expect(spec.validate(mentions, { meta: { result_count: '0' } })).toEqual([
        '/meta/result_count: expected integer, got string',
      ]);

      const problem = spec.responseSchema('/2/tweets', 'post', 400, 'application/problem+json');
      expect(spec.validate(problem, { type: 'about:blank', title: 'Forbidden', detail: 'x' })).toEqual([
        '/: matches 0 of the oneOf schemas, not exactly 1',
      ]);
      expect(spec.validate(spec.commonProblemSchema(), { type: 'about:blank', title: 'Forbidden' })).toEqual([
        '/detail: required property is missing',
      ]);
      expect(spec.validate(spec.component('CreatePostsRequest'), { text: 'hi', status: 'hi' })).toEqual([
        '/status: property is not allowed',
      ]);
    });
  });
});
