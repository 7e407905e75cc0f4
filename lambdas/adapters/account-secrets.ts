/**
 * The JSON secret behind each configured account (`accounts.<id>.secret`), read from Secrets Manager once per
 * container and shared by concurrent callers. Bluesky and Facebook adapters parse it into their own shapes; a
 * network that rejects what it holds calls `forget`, so the next invocation reads a renewed secret without a deploy.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** A secret that cannot be used as it is: unknown account, missing, not JSON, wrong fields. Never holds a value. */
export class AccountSecretError extends Error {
  constructor(
    message: string,
    /** `shape`: a person must fix the secret or config; `unavailable`: Secrets Manager could not be reached */
    readonly failure: 'shape' | 'unavailable',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AccountSecretError';
  }
}

export interface AccountSecrets {
  /** the secret's JSON object for the config's account id */
  read(account: string): Promise<Record<string, unknown>>;
  /** drops the cached value, e.g. after the network refused the credentials it held */
  forget(account: string): void;
}

export interface SecretsManagerAccountSecretsOptions {
  client?: Pick<SecretsManagerClient, 'send'>;
  region?: string;
}

export function secretsManagerAccountSecrets(
  accounts: Readonly<Record<string, { secret: string }>>,
  options: SecretsManagerAccountSecretsOptions = {},
): AccountSecrets {
  let client = options.client;
  const cache = new Map<string, Promise<Record<string, unknown>>>();
  return {
    read(account) {
      const secretId = accounts[account]?.secret;
      if (!secretId)
        return Promise.reject(new AccountSecretError(`No account "${account}" in the config`, 'shape'));
      const cached = cache.get(account);
      if (cached) return cached;
      client ??= new SecretsManagerClient(options.region ? { region: options.region } : {});
      const pending = client.send(new GetSecretValueCommand({ SecretId: secretId })).then(
        (output) => parseSecretJson(secretId, output.SecretString),
        (error: unknown) => {
          const name = error instanceof Error ? error.name : 'error';
          const refused = name === 'ResourceNotFoundException' || name === 'AccessDeniedException';
          throw new AccountSecretError(
            `Secret "${secretId}" could not be read (${name})`,
            refused ? 'shape' : 'unavailable',
            { cause: error },
          );
        },
      );
      // a failure is not kept, so the next call tries again
      pending.catch(() => {
        if (cache.get(account) === pending) cache.delete(account);
      });
      cache.set(account, pending);
      return pending;
    },
    forget(account) {
      cache.delete(account);
    },
  };
}

/** Fixed secrets by account id, for local runs and tests. */
export function staticAccountSecrets(
  values: Readonly<Record<string, Record<string, unknown>>>,
): AccountSecrets {
  return {
    read(account) {
      const value = Object.hasOwn(values, account) ? values[account] : undefined;
      return value
        ? Promise.resolve(value)
        : Promise.reject(new AccountSecretError(`No local secret for account "${account}"`, 'shape'));
    },
    forget: () => undefined,
  };
}

export function parseSecretJson(secretId: string, secretString: string | undefined): Record<string, unknown> {
  if (secretString === undefined || secretString.trim() === '')
    throw new AccountSecretError(`Secret "${secretId}" has no SecretString`, 'shape');
  let value: unknown;
  try {
    value = JSON.parse(secretString);
  } catch {
    // JSON.parse's own message quotes the input, which here is the secret
    throw new AccountSecretError(`Secret "${secretId}" is not valid JSON`, 'shape');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AccountSecretError(`Secret "${secretId}" is not a JSON object`, 'shape');
  return value as Record<string, unknown>;
}

/**
 * The named string fields of a secret's JSON, or an AccountSecretError naming the secret and each field that is
 * missing or empty (never a value).
 */
export function stringFields<F extends string>(
  secretId: string,
  value: Record<string, unknown>,
  fields: readonly F[],
  what: string,
): Record<F, string> {
  const problems = fields
    .filter((field) => typeof value[field] !== 'string' || value[field] === '')
    .map((field) =>
      value[field] === undefined ? `${field} is missing` : `${field} must be a non-empty string`,
    );
  if (problems.length > 0)
    throw new AccountSecretError(
      `Secret "${secretId}" is not valid ${what}: ${problems.join('; ')}`,
      'shape',
    );
  return Object.fromEntries(fields.map((field) => [field, value[field]])) as Record<F, string>;
}
