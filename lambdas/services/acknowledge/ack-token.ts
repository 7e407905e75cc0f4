import { createHmac, timingSafeEqual } from 'node:crypto';
import { MIN_SIGNING_KEY_BYTES } from '../../ports/signing-key';

/**
 * The token in an "I'm handling this" link: `<payload>.<signature>`, both base64url (no padding), so it goes
 * into a query string or a form field as it is. The payload is compact JSON `{"v":1,"a":alertKey,
 * "r":recipient,"e":expiresAt}`; the signature is HMAC-SHA256 of the payload's base64url text under the
 * stack's signing key. Nothing in it is secret (the recipient got the email), it only has to be unforgeable.
 */
export interface AckTokenClaims {
  /** the urgent alert's key: the mention's key, e.g. `x#1870000000000000001` */
  alertKey: string;
  /** the email address the link was sent to: the acknowledgement is recorded as theirs */
  recipient: string;
  /** epoch seconds; the token is refused from this instant on */
  expiresAt: number;
}

export type AckTokenRejection = 'malformed' | 'bad-signature' | 'expired';

export type AckTokenVerification =
  { ok: true; claims: AckTokenClaims } | { ok: false; reason: AckTokenRejection };

/** Longer tokens are refused before any work is done on them. */
export const MAX_ACK_TOKEN_LENGTH = 2048;

const FORMAT_VERSION = 1;
const SIGNATURE_BYTES = 32;
const PAYLOAD_FIELDS = ['a', 'e', 'r', 'v'];
// 32 bytes of HMAC are exactly 43 base64url characters
const TOKEN_SHAPE = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})$/;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function signAckToken(claims: AckTokenClaims, key: Buffer | string): string {
  if (!validClaims(claims)) {
    throw new TypeError(
      'ack token claims need a non-empty alertKey and recipient and a whole expiresAt in epoch seconds',
    );
  }
  const payload = Buffer.from(
    JSON.stringify({ v: FORMAT_VERSION, a: claims.alertKey, r: claims.recipient, e: claims.expiresAt }),
  ).toString('base64url');
  const token = `${payload}.${signature(payload, keyBytes(key)).toString('base64url')}`;
  // verifyAckToken would refuse it: better to fail while the email is built than when the link is opened
  if (token.length > MAX_ACK_TOKEN_LENGTH) {
    throw new RangeError(`ack token would be ${token.length} characters, over ${MAX_ACK_TOKEN_LENGTH}`);
  }
  return token;
}

/** Checks the shape, then the signature, then the expiry; only a signed payload is parsed. */
export function verifyAckToken(token: string, key: Buffer | string, now: Date): AckTokenVerification {
  const secret = keyBytes(key);
  if (typeof token !== 'string' || token.length > MAX_ACK_TOKEN_LENGTH) return rejected('malformed');
  const parts = TOKEN_SHAPE.exec(token);
  if (!parts) return rejected('malformed');
  const [, payload, signatureText] = parts as unknown as [string, string, string];
  const given = canonicalBase64url(signatureText);
  if (given?.length !== SIGNATURE_BYTES) return rejected('malformed');
  if (!timingSafeEqual(given, signature(payload, secret))) return rejected('bad-signature');

  const claims = parsePayload(payload);
  if (!claims) return rejected('malformed');
  if (now.getTime() >= claims.expiresAt * 1000) return rejected('expired');
  return { ok: true, claims };
}

function signature(payload: string, key: Buffer): Buffer {
  return createHmac('sha256', key).update(payload, 'ascii').digest();
}

function keyBytes(key: Buffer | string): Buffer {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  if (bytes.length < MIN_SIGNING_KEY_BYTES) {
    throw new RangeError(`the ack signing key must be at least ${MIN_SIGNING_KEY_BYTES} bytes`);
  }
  return bytes;
}

/**
 * Node's base64url decoder ignores stray trailing bits, so two spellings could decode to the same bytes;
 * only the one spelling the encoder produces is accepted.
 */
function canonicalBase64url(text: string): Buffer | undefined {
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function parsePayload(payload: string): AckTokenClaims | undefined {
  const bytes = canonicalBase64url(payload);
  if (!bytes) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  if (Object.keys(fields).sort().join() !== PAYLOAD_FIELDS.join()) return undefined;
  if (fields.v !== FORMAT_VERSION) return undefined;
  const claims = { alertKey: fields.a, recipient: fields.r, expiresAt: fields.e };
  return validClaims(claims) ? claims : undefined;
}

function validClaims(claims: {
  alertKey: unknown;
  recipient: unknown;
  expiresAt: unknown;
}): claims is AckTokenClaims {
  return (
    typeof claims.alertKey === 'string' &&
    claims.alertKey.length > 0 &&
    typeof claims.recipient === 'string' &&
    claims.recipient.length > 0 &&
    typeof claims.expiresAt === 'number' &&
    Number.isSafeInteger(claims.expiresAt) &&
    claims.expiresAt > 0
  );
}

function rejected(reason: AckTokenRejection): AckTokenVerification {
  return { ok: false, reason };
}
