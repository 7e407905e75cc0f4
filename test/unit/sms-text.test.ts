import { escalationSms, smsFor, smsParts, urgentSms } from '../../lambdas/core/notify/sms-text';
import { SignedAckLinks } from '../../lambdas/services/acknowledge/ack-links';
import { sampleConfig } from '../support/example-config';
import { FEED_KEY, MENTION_KEY, busEvent } from './notify-fixtures';

const ORGANISATION = sampleConfig().organisation.name;
/** a Lambda function URL has a 32-character id */
const FUNCTION_URL = 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-2.on.aws/';
const links = new SignedAckLinks({ baseUrl: FUNCTION_URL, key: async () => Buffer.alloc(32, 7) });
const NOW = new Date('2026-12-23T02:10:05Z');

describe('the urgent text messages', () => {
  it('say where to look and carry the link, nothing more', () => {
    expect(urgentSms(ORGANISATION, 'https://ack.example/?t=abc')).toBe(
      'URGENT mention for Leeds and York Partnership NHS Foundation Trust: check your email or Teams now. Handling it? https://ack.example/?t=abc',
    );
    expect(escalationSms(ORGANISATION, 2, 'https://ack.example/?t=abc')).toBe(
      'URGENT mention for Leeds and York Partnership NHS Foundation Trust still not handled (escalation 2): check your email or Teams now. Handling it? https://ack.example/?t=abc',
    );
  });

  it('are only for urgent and escalated mentions', () => {
    expect(smsFor(ORGANISATION, busEvent('Urgent Mention Alerted'), 'L')?.summary).toBe(
      'SMS: urgent mention',
    );
    expect(smsFor(ORGANISATION, busEvent('Urgent Mention Escalated'), 'L')?.summary).toBe(
      'SMS: urgent mention escalated',
    );
    expect(smsFor(ORGANISATION, busEvent('Post Failed'), 'L')).toBeUndefined();
    expect(smsFor(ORGANISATION, busEvent('Urgent Mention Acknowledged'), 'L')).toBeUndefined();
  });

  it("keep a name's curly quotes and dashes from switching the text to UCS-2", () => {
    const text = urgentSms('St Mary’s Hospital – “Trust”', 'https://ack.example/?t=abc');
    expect(text).toContain('for St Mary\'s Hospital - "Trust":');
    expect(smsParts(text)).toBe(1);
    expect(smsParts('St Mary’s')).toBe(1);
    expect(smsParts(`St Mary’s ${'x'.repeat(70)}`)).toBe(2);
  });

  it('are three parts with a real link, for an X mention and for a long web mention key', async () => {
    const forX = urgentSms(ORGANISATION, await links.linkFor(MENTION_KEY, 'sms:on-call-manager', NOW));
    const forWeb = escalationSms(ORGANISATION, 3, await links.linkFor(FEED_KEY, 'sms:on-call-manager', NOW));
    expect([smsParts(forX), smsParts(forWeb)]).toEqual([3, 3]);
  });
});

describe('smsParts', () => {
  it.each([
    ['160 GSM-7 characters', 'a'.repeat(160), 1],
    ['161 GSM-7 characters', 'a'.repeat(161), 2],
    ['306 GSM-7 characters', 'a'.repeat(306), 2],
    ['307 GSM-7 characters', 'a'.repeat(307), 3],
    // the extension table counts two: 80 euro signs fill one part
    ['80 euro signs', '€'.repeat(80), 1],
    ['81 euro signs', '€'.repeat(81), 2],
    ['160 é (in the basic set)', 'é'.repeat(160), 1],
    ['70 characters with a curly apostrophe (UCS-2)', 'é’'.repeat(35), 1],
    ['71 curly apostrophes', '’'.repeat(71), 2],
    ['35 emoji (two UTF-16 units each)', '😀'.repeat(35), 1],
    ['36 emoji', '😀'.repeat(36), 2],
  ])('%s is %i part(s)', (_what, text, parts) => {
    expect(smsParts(text)).toBe(parts);
  });
});
