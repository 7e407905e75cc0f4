/** The identifiers atproto uses, made locally: DIDs, TIDs (record keys), CIDs and JWT-shaped tokens. */
import { createHash, createHmac, randomBytes } from 'node:crypto';

const BASE32_LOWER = 'abcdefghijklmnopqrstuvwxyz234567';
// TIDs use an alphabet in ASCII order, so record keys sort as they were made
const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

/** RFC 4648 base32, lowercase and unpadded, as multibase `b` strings and did:plc identifiers use it */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_LOWER[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_LOWER[(value << (5 - bits)) & 31];
  return out;
}

/** a stable did:plc per handle, so the same person keeps one DID across restarts */
export function didForHandle(handle: string): string {
  const digest = createHash('sha256').update(handle.toLowerCase()).digest();
  return `did:plc:${base32(digest).slice(0, 24)}`;
}

/** a CIDv1 (dag-cbor, sha-256) over the content, in the base32 multibase form PDSes print */
export function cidFor(content: string): string {
  const digest = createHash('sha256').update(content).digest();
  return `b${base32(Buffer.concat([Buffer.from([0x01, 0x71, 0x12, 0x20]), digest]))}`;
}

/** TIDs: 53 bits of microseconds and 10 bits of clock id, 13 sortable base32 characters, never repeating */
export class TidClock {
  private lastMicros = 0n;
  private readonly clockId = BigInt(randomBytes(2).readUInt16BE() & 1023);

  next(now: Date): string {
    let micros = BigInt(now.getTime()) * 1000n;
    if (micros <= this.lastMicros) micros = this.lastMicros + 1n;
    this.lastMicros = micros;
    let value = (micros << 10n) | this.clockId;
    let out = '';
    for (let index = 0; index < 13; index += 1) {
      out = (BASE32_SORTABLE[Number(value & 31n)] ?? '2') + out;
      value >>= 5n;
    }
    return out;
  }
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** JWT-shaped like the PDS's (a client may decode the payload); the server looks tokens up, never trusts them */
export function makeJwt(
  secret: Buffer,
  claims: { scope: string; sub: string; iat: number; exp: number },
): string {
  const header = base64url(JSON.stringify({ typ: 'at+jwt', alg: 'HS256' }));
  const payload = base64url(JSON.stringify({ ...claims, jti: randomBytes(12).toString('base64url') }));
  const signature = base64url(createHmac('sha256', secret).update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}
