import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** OAuth 1.0a user-context keys of one X account. */
export interface XCredentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

/** Credentials of a configured account, by the config's account id. */
export type XCredentialsProvider = (account: string) => Promise<XCredentials>;

/**
 * The credentials cannot be had for a reason retrying will not fix (unknown account, bad secret).
 * Messages name the secret and the fields, never a value.
 */
export class XCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XCredentialsError';
  }
}

const FIELDS = ['appKey', 'appSecret', 'accessToken', 'accessSecret'] as const;

/** Parses a secret's JSON into credentials; throws XCredentialsError naming the secret and bad fields. */
export function parseXCredentials(secretId: string, secretString: string | undefined): XCredentials {
  if (secretString === undefined || secretString.trim() === '') {
    throw new XCredentialsError(
      `Secret "${secretId}" has no SecretString: expected JSON with ${FIELDS.join(', ')}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(secretString);
  } catch {
    // JSON.parse's own message quotes the input, which here is the secret
    throw new XCredentialsError(
      `Secret "${secretId}" is not valid JSON: expected an object with ${FIELDS.join(', ')}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new XCredentialsError(`Secret "${secretId}" is not a JSON object: expected ${FIELDS.join(', ')}`);
  }
  const present = value as Record<string, unknown>;
  const problems = FIELDS.filter((field) => typeof present[field] !== 'string' || present[field] === '').map(
    (field) => (present[field] === undefined ? `${field} is missing` : `${field} must be a non-empty string`),
  );
  if (problems.length === 0) {
    const [appKey, appSecret, accessToken, accessSecret] = FIELDS.map((field) => present[field] as string);
    return { appKey, appSecret, accessToken, accessSecret } as XCredentials;
  }
  throw new XCredentialsError(`Secret "${secretId}" is not valid X credentials: ${problems.join('; ')}`);
}

// one fetch per secret per container; concurrent callers share the pending promise
const secretCache = new Map<string, Promise<XCredentials>>();

/** Forgets cached secrets (tests, or after rotating a secret). */
export function clearXCredentialsCache(): void {
  secretCache.clear();
}

export interface SecretsManagerCredentialsOptions {
  client?: Pick<SecretsManagerClient, 'send'>;
}

/**
 * Credentials from AWS Secrets Manager: the secret named by `accounts.<id>.secret` in the config,
 * holding `{appKey, appSecret, accessToken, accessSecret}`.
 */
export function secretsManagerCredentials(
  accounts: Readonly<Record<string, { secret: string }>>,
  options: SecretsManagerCredentialsOptions = {},
): XCredentialsProvider {
  let client = options.client;
  return (account) => {
    const secretId = accounts[account]?.secret;
    if (!secretId) return Promise.reject(new XCredentialsError(`No X account "${account}" in the config`));
    const cached = secretCache.get(secretId);
    if (cached) return cached;
    client ??= new SecretsManagerClient({});
    const pending = client
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then((output) => parseXCredentials(secretId, output.SecretString));
    // a failure is not cached, so the next invocation tries again
    pending.catch(() => {
      if (secretCache.get(secretId) === pending) secretCache.delete(secretId);
    });
    secretCache.set(secretId, pending);
    return pending;
  };
}

/** Fixed credentials by account id, for local runs and tests. */
export function staticCredentials(credentials: Readonly<Record<string, XCredentials>>): XCredentialsProvider {
  return (account) => {
    const found = credentials[account];
    return found
      ? Promise.resolve(found)
      : Promise.reject(new XCredentialsError(`No local X credentials for account "${account}"`));
  };
}
