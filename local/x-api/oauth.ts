const OAUTH_PARAM = /([A-Za-z_]+)="([^"]*)"/g;
const REQUIRED = ['oauth_consumer_key', 'oauth_token', 'oauth_signature'] as const;

/**
 * The access token of an OAuth 1.0a user-context request, or undefined when the header is missing or is
 * not an OAuth header with the parameters X requires. Signatures are not checked: the local server only
 * needs to know which account is calling.
 */
export function accessTokenOf(authorization: string | undefined): string | undefined {
  if (!authorization || !/^OAuth\s/i.test(authorization)) return undefined;
  const params = new Map<string, string>();
  for (const [, key, value] of authorization.matchAll(OAUTH_PARAM)) {
    if (key !== undefined && value !== undefined) params.set(key, safeDecode(value));
  }
  if (REQUIRED.some((name) => !params.get(name))) return undefined;
  return params.get('oauth_token');
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
