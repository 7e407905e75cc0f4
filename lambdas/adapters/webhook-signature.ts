/**
 * How a webhook receiver knows a delivery came from this system and is fresh. The body is signed with the
 * consumer's key, together with the time of sending, so a captured delivery cannot be replayed later:
 *
 *   X-Social-Duty-Signature: t=1766592000,v1=<hex HMAC-SHA256 of "1766592000.<body>">
 *
 * A receiver recomputes the HMAC over the raw body it received, compares in constant time and refuses a `t`
 * more than five minutes from its own clock. Several `v1=` values may appear while a key is being rotated.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-social-duty-signature';
export const EVENT_ID_HEADER = 'x-social-duty-event-id';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signatureHeader(body: string, key: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${hmac(key, t, body)}`;
}

export type SignatureCheck =
  { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'stale' | 'mismatch' };

export function verifySignature(
  header: string | undefined,
  body: string,
  key: string,
  now: Date,
  toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'missing' };
  const parts = header.split(',').map((part) => part.trim().split('='));
  const t = Number(parts.find(([name]) => name === 't')?.[1]);
  const signatures = parts
    .filter(([name, value]) => name === 'v1' && value)
    .map(([, value]) => value as string);
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(hmac(key, t, body), 'hex');
  const matches = signatures.some((signature) => {
    const given = Buffer.from(signature, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true } : { ok: false, reason: 'mismatch' };
}

function hmac(key: string, t: number, body: string): string {
  return createHmac('sha256', key).update(`${t}.${body}`).digest('hex');
}
