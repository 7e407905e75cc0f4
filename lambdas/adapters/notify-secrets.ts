/**
 * The notify channels' secrets (a Teams Workflows URL, a webhook signing key) by the name the config gives.
 * Read from Secrets Manager and kept for a few minutes per container: long enough that a burst of events
 * costs one read, short enough that a rotated secret is picked up without a deploy.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NotifyError } from './notify-error';

/** the secret's string by its name or ARN; throws a NotifyError naming the secret, never its value */
export type NotifySecrets = (secretId: string) => Promise<string>;

export const SECRET_CACHE_MS = 5 * 60 * 1000;

export interface SecretsManagerNotifySecretsOptions {
  client?: Pick<SecretsManagerClient, 'send'>;
  region?: string;
  cacheMs?: number;
  /** milliseconds now (tests) */
  now?: () => number;
}

export function secretsManagerNotifySecrets(options: SecretsManagerNotifySecretsOptions = {}): NotifySecrets {
  const cacheMs = options.cacheMs ?? SECRET_CACHE_MS;
  const now = options.now ?? Date.now;
  let client = options.client;
  // concurrent callers share one pending read
  const cache = new Map<string, { value: Promise<string>; until: number }>();
  return (secretId) => {
    const cached = cache.get(secretId);
    if (cached && cached.until > now()) return cached.value;
    client ??= new SecretsManagerClient(options.region ? { region: options.region } : {});
    const value = client.send(new GetSecretValueCommand({ SecretId: secretId })).then(
      (output) => secretString(secretId, output.SecretString),
      (error: unknown) => {
        throw unreadable(secretId, error);
      },
    );
    const entry = { value, until: now() + cacheMs };
    // a failed read is not kept, so the next event tries again
    value.catch(() => {
      if (cache.get(secretId) === entry) cache.delete(secretId);
    });
    cache.set(secretId, entry);
    return value;
  };
}

/** Fixed values by secret name, for local runs and tests. */
export function staticNotifySecrets(values: Readonly<Record<string, string>>): NotifySecrets {
  return (secretId) => {
    const value = Object.hasOwn(values, secretId) ? values[secretId] : undefined;
    return value === undefined
      ? Promise.reject(new NotifyError(`No local value for the secret "${secretId}"`, { failure: 'secret' }))
      : Promise.resolve(secretString(secretId, value));
  };
}

function secretString(secretId: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new NotifyError(`Secret "${secretId}" has no SecretString`, { failure: 'secret' });
  }
  // returned as stored: a signing key's every byte counts
  return value;
}

/** Secrets Manager's own messages name the secret and the reason; the SDK error is kept as the cause. */
function unreadable(secretId: string, error: unknown): NotifyError {
  const name = error instanceof Error ? error.name : 'error';
  // a secret that is not there, or that we may not read, stays so until someone fixes the stack or the config
  const refused = name === 'ResourceNotFoundException' || name === 'AccessDeniedException';
  return new NotifyError(
    `Secret "${secretId}" could not be read (${name})`,
    { failure: refused ? 'secret' : 'unavailable' },
    { cause: error },
  );
}
