import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { MIN_SIGNING_KEY_BYTES, type SigningKeyProvider } from '../ports/signing-key';

/** The signing key cannot be had for a reason retrying will not fix. Messages name the secret, never its value. */
export class SigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SigningKeyError';
  }
}

/** The key's bytes from a secret's SecretString; throws SigningKeyError naming the secret. */
export function parseSigningKey(secretId: string, secretString: string | undefined): Buffer {
  if (secretString === undefined || secretString.trim() === '') {
    throw new SigningKeyError(
      `Secret "${secretId}" has no SecretString: expected the acknowledge links' signing key`,
    );
  }
  const key = Buffer.from(secretString, 'utf8');
  if (key.length < MIN_SIGNING_KEY_BYTES) {
    throw new SigningKeyError(
      `Secret "${secretId}" is too short for a signing key: expected at least ${MIN_SIGNING_KEY_BYTES} characters`,
    );
  }
  return key;
}

// one fetch per secret per container; concurrent callers share the pending promise
const keyCache = new Map<string, Promise<Buffer>>();

/** Forgets cached keys (tests). */
export function clearSigningKeyCache(): void {
  keyCache.clear();
}

export interface SecretsManagerSigningKeyOptions {
  client?: Pick<SecretsManagerClient, 'send'>;
}

/** The key from AWS Secrets Manager (the secret the stack generates), by its ARN or name. */
export function secretsManagerSigningKey(
  secretId: string,
  options: SecretsManagerSigningKeyOptions = {},
): SigningKeyProvider {
  let client = options.client;
  return () => {
    const cached = keyCache.get(secretId);
    if (cached) return cached;
    client ??= new SecretsManagerClient({});
    const pending = client
      .send(new GetSecretValueCommand({ SecretId: secretId }))
      .then((output) => parseSigningKey(secretId, output.SecretString));
    // a failure is not cached, so the next request tries again
    pending.catch(() => {
      if (keyCache.get(secretId) === pending) keyCache.delete(secretId);
    });
    keyCache.set(secretId, pending);
    return pending;
  };
}

/** A fixed key, for local runs and tests: checked now, so a bad one fails at start-up, not on the first link. */
export function staticSigningKey(key: Buffer | string): SigningKeyProvider {
  const bytes = Buffer.from(typeof key === 'string' ? Buffer.from(key, 'utf8') : key);
  if (bytes.length < MIN_SIGNING_KEY_BYTES) {
    throw new SigningKeyError(`the local signing key must be at least ${MIN_SIGNING_KEY_BYTES} bytes`);
  }
  return () => Promise.resolve(bytes);
}
