import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import {
  clearSigningKeyCache,
  secretsManagerSigningKey,
  SigningKeyError,
  staticSigningKey,
  type SecretsManagerSigningKeyOptions,
} from '../../lambdas/adapters/signing-key';
import {
  MAX_ACK_TOKEN_LENGTH,
  signAckToken,
  verifyAckToken,
  type AckTokenClaims,
} from '../../lambdas/services/acknowledge/ack-token';

// as the stack generates it: 64 letters and digits
const KEY = 'Q7f3kLm9Xa2Rb8Tc4Vd6We1Yg5Zh0Ji3Kn7Lp2Mq9Nr4Os8Pt6Uu1Vw5Xx0Yz3Ab';
const OTHER_KEY = Buffer.alloc(48, 7);
const NOW = new Date('2026-12-26T22:10:00Z');
const IN_A_DAY = Math.floor(NOW.getTime() / 1000) + 24 * 3600;
const CLAIMS: AckTokenClaims = {
  alertKey: 'x#1870000000000000001',
  recipient: 'sam.duty@leedsandyorkpft.nhs.uk',
  expiresAt: IN_A_DAY,
};
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** a token with a payload of our choosing, correctly signed: what only a holder of the key could make */
function signedPayload(payload: unknown, key: string | Buffer = KEY): string {
  const text = Buffer.from(typeof payload === 'string' ? payload : JSON.stringify(payload)).toString(
    'base64url',
  );
  return `${text}.${createHmac('sha256', key).update(text).digest('base64url')}`;
}

const claimsArbitrary = fc.record({
  alertKey: fc.string({ minLength: 1, maxLength: 200, unit: 'grapheme' }),
  recipient: fc.string({ minLength: 1, maxLength: 100 }),
  expiresAt: fc.integer({ min: 1, max: 4_102_444_800 }),
});

describe('signAckToken / verifyAckToken', () => {
  it('round-trips any claims while they have not expired', () => {
    fc.assert(
      fc.property(claimsArbitrary, (claims) => {
        const token = signAckToken(claims, KEY);
        const before = new Date(claims.expiresAt * 1000 - 1);
        expect(verifyAckToken(token, KEY, before)).toEqual({ ok: true, claims });
      }),
    );
  });

  it('is URL-safe and compact: base64url payload, a dot, 43 characters of HMAC', () => {
    const token = signAckToken(CLAIMS, KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token.length).toBeLessThan(200);
    expect(JSON.parse(Buffer.from(token.split('.')[0] as string, 'base64url').toString())).toEqual({
      v: 1,
      a: CLAIMS.alertKey,
      r: CLAIMS.recipient,
      e: CLAIMS.expiresAt,
    });
  });

  it('accepts the key as a Buffer or as its UTF-8 string alike', () => {
    const token = signAckToken(CLAIMS, Buffer.from(KEY));
    expect(verifyAckToken(token, KEY, NOW)).toEqual({ ok: true, claims: CLAIMS });
  });

  it('refuses a token changed in any one character', () => {
    const token = signAckToken(CLAIMS, KEY);
    fc.assert(
      fc.property(
        fc.nat({ max: token.length - 1 }),
        fc.constantFrom(...BASE64URL, '.'),
        (index, replacement) => {
          fc.pre(token[index] !== replacement);
          const tampered = token.slice(0, index) + replacement + token.slice(index + 1);
          expect(verifyAckToken(tampered, KEY, NOW).ok).toBe(false);
        },
      ),
    );
  });

  it('refuses a payload changed to another alert or recipient, signed or not', () => {
    const token = signAckToken(CLAIMS, KEY);
    const signature = token.split('.')[1];
    for (const change of [{ alertKey: 'x#1870000000000000002' }, { recipient: 'someone@else.example' }]) {
      const forgedPayload = signAckToken({ ...CLAIMS, ...change }, OTHER_KEY).split('.')[0];
      expect(verifyAckToken(`${forgedPayload}.${signature}`, KEY, NOW)).toEqual({
        ok: false,
        reason: 'bad-signature',
      });
    }
  });

  it('refuses a token signed with another key', () => {
    expect(verifyAckToken(signAckToken(CLAIMS, OTHER_KEY), KEY, NOW)).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('expires at expiresAt exactly, and not a millisecond before', () => {
    const token = signAckToken(CLAIMS, KEY);
    const at = (ms: number) => new Date(CLAIMS.expiresAt * 1000 + ms);
    expect(verifyAckToken(token, KEY, at(-1)).ok).toBe(true);
    expect(verifyAckToken(token, KEY, at(0))).toEqual({ ok: false, reason: 'expired' });
    expect(verifyAckToken(token, KEY, at(86_400_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('checks the signature before the expiry: a forged expired token is a forgery', () => {
    const forged = signAckToken({ ...CLAIMS, expiresAt: 1 }, OTHER_KEY);
    expect(verifyAckToken(forged, KEY, NOW)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['empty', ''],
    ['no dot', 'abcdef'],
    ['only a dot', '.'],
    ['three parts', `${signAckToken(CLAIMS, KEY)}.x`],
    ['short signature', 'eyJ2IjoxfQ.abc'],
    ['padded signature', `${signAckToken(CLAIMS, KEY)}=`],
    ['standard base64 characters', signAckToken(CLAIMS, KEY).replace(/^./, '+')],
    ['surrounding spaces', ` ${signAckToken(CLAIMS, KEY)} `],
    ['non-ASCII', `é${signAckToken(CLAIMS, KEY)}`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    expect(verifyAckToken(token, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a token over 2 KB before looking at its signature', () => {
    const long = signedPayload({ v: 1, a: 'x'.repeat(MAX_ACK_TOKEN_LENGTH), r: 'a@b.c', e: IN_A_DAY });
    expect(long.length).toBeGreaterThan(MAX_ACK_TOKEN_LENGTH);
    expect(verifyAckToken(long, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
    expect(() => signAckToken({ ...CLAIMS, alertKey: 'x'.repeat(MAX_ACK_TOKEN_LENGTH) }, KEY)).toThrow(
      RangeError,
    );
  });

  it.each([
    ['an extra field', { v: 1, a: 'x#1', r: 'a@b.c', e: IN_A_DAY, admin: true }],
    ['a missing field', { v: 1, a: 'x#1', e: IN_A_DAY }],
    ['another version', { v: 2, a: 'x#1', r: 'a@b.c', e: IN_A_DAY }],
    ['an expiry as text', { v: 1, a: 'x#1', r: 'a@b.c', e: String(IN_A_DAY) }],
    ['a fractional expiry', { v: 1, a: 'x#1', r: 'a@b.c', e: IN_A_DAY + 0.5 }],
    ['an empty alert key', { v: 1, a: '', r: 'a@b.c', e: IN_A_DAY }],
    ['a recipient list', { v: 1, a: 'x#1', r: ['a@b.c'], e: IN_A_DAY }],
    ['an array', [1, 'x#1', 'a@b.c', IN_A_DAY]],
    ['not JSON', '{"v":1,'],
  ])('refuses a correctly signed payload with %s (strict parsing)', (_name, payload) => {
    expect(verifyAckToken(signedPayload(payload), KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('never accepts, and never throws on, arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (token) => {
        expect(verifyAckToken(token, KEY, NOW).ok).toBe(false);
      }),
    );
  });

  it('refuses keys too short to be safe, and claims it could not verify', () => {
    expect(() => signAckToken(CLAIMS, 'short')).toThrow('at least 32 bytes');
    expect(() => verifyAckToken(signAckToken(CLAIMS, KEY), Buffer.alloc(8), NOW)).toThrow(
      'at least 32 bytes',
    );
    expect(() => signAckToken({ ...CLAIMS, recipient: '' }, KEY)).toThrow(TypeError);
    expect(() => signAckToken({ ...CLAIMS, expiresAt: 1.5 }, KEY)).toThrow(TypeError);
  });
});

describe('signing key providers', () => {
  const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:SocialDutyAckSigningKey-AbCdEf';

  /** a Secrets Manager client answering with `answers` in turn, counting calls */
  function fakeClient(...answers: Array<{ SecretString?: string } | Error>) {
    const calls: unknown[] = [];
    const send = async (command: GetSecretValueCommand) => {
      calls.push(command.input);
      const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer;
    };
    // the SDK's overloaded `send` cannot be written as a plain function without a cast
    const client = { send } as unknown as NonNullable<SecretsManagerSigningKeyOptions['client']>;
    return { client, calls };
  }

  beforeEach(() => clearSigningKeyCache());

  it('reads the SecretString once per container, sharing the pending read', async () => {
    const { client, calls } = fakeClient({ SecretString: KEY });
    const key = secretsManagerSigningKey(SECRET_ARN, { client });

    const [first, second] = await Promise.all([key(), key()]);
    const third = await key();

    expect(first.toString()).toBe(KEY);
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(calls).toEqual([{ SecretId: SECRET_ARN }]);
  });

  it('does not cache a failure: the next request tries again', async () => {
    const { client, calls } = fakeClient(new Error('throttled'), { SecretString: KEY });
    const key = secretsManagerSigningKey(SECRET_ARN, { client });

    await expect(key()).rejects.toThrow('throttled');
    expect((await key()).toString()).toBe(KEY);
    expect(calls).toHaveLength(2);
  });

  it.each([
    ['missing', undefined, 'has no SecretString'],
    ['empty', '   ', 'has no SecretString'],
    ['too short', 'short-key-9f8e7d', 'is too short for a signing key'],
  ])('names the secret, never its value, when the key is %s', async (_name, secretString, problem) => {
    const key = secretsManagerSigningKey(SECRET_ARN, {
      client: fakeClient({ SecretString: secretString }).client,
    });

    const error = await key().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SigningKeyError);
    expect((error as Error).message).toContain(`Secret "${SECRET_ARN}" ${problem}`);
    if (secretString?.trim()) expect((error as Error).message).not.toContain(secretString);
  });

  it('a static key for local runs is checked when it is made', async () => {
    expect(() => staticSigningKey('too-short')).toThrow(SigningKeyError);
    expect((await staticSigningKey(KEY)()).toString()).toBe(KEY);
  });
});
