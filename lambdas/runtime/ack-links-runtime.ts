/**
 * The "I'm handling this" links and their key, apart from the acknowledge function's other deps, so the sweep and
 * notify functions that mint links bundle nothing of the acknowledge service.
 */
import { secretsManagerSigningKey, staticSigningKey } from '../adapters/signing-key';
import type { SigningKeyProvider } from '../ports/signing-key';
import { SignedAckLinks } from '../services/acknowledge/ack-links';
import type { RuntimeEndpoints } from './endpoints';

/**
 * Where the "I'm handling this" links point and what signs them: on AWS the function URL (env `ACK_URL`) and
 * the stack's secret (env `ACK_SIGNING_SECRET_ARN`: an ARN, not the key); locally the ack server and a fixed key.
 */
export const ACK_URL_ENV = 'ACK_URL';
export const ACK_SIGNING_SECRET_ENV = 'ACK_SIGNING_SECRET_ARN';

/** The signing key on AWS, read once per container from the secret named by ACK_SIGNING_SECRET_ARN. */
export function lambdaSigningKey(): SigningKeyProvider {
  return secretsManagerSigningKey(requiredEnv(ACK_SIGNING_SECRET_ENV));
}

/** The links the sweep puts in urgent emails on AWS. */
export function lambdaAckLinks(): SignedAckLinks {
  return new SignedAckLinks({ baseUrl: requiredEnv(ACK_URL_ENV), key: lambdaSigningKey() });
}

/** Links to the local ack server (local/ack-server.ts), signed with a fixed key. */
export function localAckLinks(baseUrl: string, key: Buffer | string): SignedAckLinks {
  return new SignedAckLinks({ baseUrl, key: staticSigningKey(key) });
}

/** The local key when the endpoints carry one (local runs), else the deployed secret. */
export function signingKeyFor(endpoints: RuntimeEndpoints): SigningKeyProvider {
  return endpoints.ackSigningKey === undefined
    ? lambdaSigningKey()
    : staticSigningKey(endpoints.ackSigningKey);
}

/** Links for these endpoints: the local ack server when they name one, else the function URL. */
export function ackLinksFor(endpoints: RuntimeEndpoints): SignedAckLinks {
  if (endpoints.ackBaseUrl === undefined) return lambdaAckLinks();
  return new SignedAckLinks({ baseUrl: endpoints.ackBaseUrl, key: signingKeyFor(endpoints) });
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}
