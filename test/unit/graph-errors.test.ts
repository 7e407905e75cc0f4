import {
  graphErrorOf,
  isAlreadyGone,
  regainAccessAt,
  toChannelError,
  type GraphError,
} from '../../lambdas/adapters/graph-errors';

const NOW = new Date('2026-12-24T09:00:00Z');
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);
const SECRET = 'social-duty/facebook/trust-page';

function headers(values: Record<string, string> = {}) {
  const lower = new Map(Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]));
  return { get: (name: string) => lower.get(name.toLowerCase()) ?? null };
}

function mapped(status: number, error: GraphError | undefined, extra: Record<string, string> = {}) {
  return toChannelError({
    operation: 'post',
    status,
    error,
    headers: headers(extra),
    secretName: SECRET,
    now: NOW,
  });
}

describe('Graph API error mapping', () => {
  it.each([
    [190, undefined, 'auth'],
    [190, 463, 'auth'],
    [190, 460, 'auth'],
    [102, undefined, 'auth'],
    [4, undefined, 'rate-limit'],
    [17, undefined, 'rate-limit'],
    [32, undefined, 'rate-limit'],
    [613, undefined, 'rate-limit'],
    [80001, undefined, 'rate-limit'],
    [506, undefined, 'duplicate'],
    [10, undefined, 'auth'],
    [200, undefined, 'auth'],
    [299, undefined, 'auth'],
    [368, undefined, 'rejected'],
    [100, undefined, 'rejected'],
    [1, undefined, 'server'],
    [2, undefined, 'server'],
  ])('code %s (subcode %s) is %s', (code, subcode, kind) => {
    const error = mapped(400, {
      code,
      ...(subcode ? { error_subcode: subcode } : {}),
      type: 'OAuthException',
    });
    expect(error.kind).toBe(kind);
    expect(error.network).toBe('facebook');
    expect(error.cause).toEqual(expect.objectContaining({ code }));
  });

  it('an HTTP 429 or 5xx without a body is rate-limit or server', () => {
    expect(mapped(429, undefined).kind).toBe('rate-limit');
    expect(mapped(502, undefined).kind).toBe('server');
    expect(mapped(400, undefined).kind).toBe('server');
  });

  it('never copies Meta’s message, which may echo the post', () => {
    const error = mapped(400, {
      code: 100,
      message: 'Invalid link https://secret.example/private-post-text',
    });
    expect(error.message).not.toContain('private-post-text');
  });

  it('token advice names the secret and how to renew', () => {
    const error = mapped(400, { code: 190, error_subcode: 463 });
    expect(error.advice).toContain(`"${SECRET}"`);
    expect(error.advice).toMatch(/long-lived user token/);
    expect(error.advice).toContain('/me/accounts');
    for (const permission of [
      'pages_manage_posts',
      'pages_read_engagement',
      'pages_read_user_content',
      'pages_show_list',
    ])
      expect(error.advice).toContain(permission);
  });

  it('permission advice names the permission Meta names', () => {
    const error = mapped(403, { code: 200, message: '(#200) Requires pages_manage_engagement permission' });
    expect(error.advice).toContain('lacks a permission Meta requires: pages_manage_engagement');
  });

  it('resetAt comes from the largest estimated_time_to_regain_access', () => {
    const error = mapped(
      400,
      { code: 32 },
      {
        'X-Business-Use-Case-Usage': JSON.stringify({
          '123': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 }],
        }),
        'X-Page-Usage': JSON.stringify({ call_count: 100, estimated_time_to_regain_access: 3 }),
        'X-App-Usage': 'not json',
      },
    );
    expect(error.resetAt).toBe(NOW_SECONDS + 7 * 60);
    expect(regainAccessAt(headers({ 'x-app-usage': '{"call_count":10}' }), NOW)).toBeUndefined();
    expect(mapped(400, { code: 4 }).resetAt).toBeUndefined();
  });

  it('reads only the error shape', () => {
    expect(graphErrorOf({ error: { code: '190', error_subcode: 463, message: 'm' } })).toEqual({
      code: 190,
      error_subcode: 463,
      message: 'm',
    });
    expect(graphErrorOf({ id: '1' })).toBeUndefined();
    expect(graphErrorOf('x')).toBeUndefined();
  });

  it('a post already gone is 404 or code 100 subcode 33', () => {
    expect(isAlreadyGone(404, undefined)).toBe(true);
    expect(isAlreadyGone(400, { code: 100, error_subcode: 33 })).toBe(true);
    expect(isAlreadyGone(400, { code: 100 })).toBe(false);
  });
});
