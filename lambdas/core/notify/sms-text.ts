/**
 * The text messages of the urgent path. A text holds no mention text, author or rule, ever: it goes to a phone's
 * lock screen and the network keeps it. It says where to look and carries this phone's own "I'm handling this"
 * link, nothing more.
 *
 * Length: the link is most of it. An acknowledge link is the function URL (about 70 characters) and a token of
 * 140 to 210 (it holds the mention's key and `sms:<id>`), so a text for the example trust is 330 to 430 GSM-7
 * characters: 3 parts of 153. test/unit/sms-text.test.ts measures it with real links.
 */
import type { BusEvent } from '../events/bus-event';
import type { DetailType } from '../events/detail-types';

/** the only events ever sent by SMS */
export const SMS_DETAIL_TYPES: readonly DetailType[] = ['Urgent Mention Alerted', 'Urgent Mention Escalated'];

export interface BuiltSms {
  text: string;
  /** for the notify result and the simulator */
  summary: string;
}

export function urgentSms(organisation: string, ackLink: string): string {
  return `URGENT mention for ${gsmPlain(organisation)}: check your email or Teams now. Handling it? ${ackLink}`;
}

export function escalationSms(organisation: string, step: number, ackLink: string): string {
  return `URGENT mention for ${gsmPlain(organisation)} still not handled (escalation ${step}): check your email or Teams now. Handling it? ${ackLink}`;
}

/** The text for an urgent or escalated mention; no other event is ever sent by SMS. */
export function smsFor(organisation: string, event: BusEvent, ackLink: string): BuiltSms | undefined {
  if (event['detail-type'] === 'Urgent Mention Alerted') {
    return { text: urgentSms(organisation, ackLink), summary: 'SMS: urgent mention' };
  }
  if (event['detail-type'] === 'Urgent Mention Escalated') {
    const step = (event as BusEvent<'Urgent Mention Escalated'>).detail.step;
    return { text: escalationSms(organisation, step, ackLink), summary: 'SMS: urgent mention escalated' };
  }
  return undefined;
}

/**
 * The organisation's name in characters every phone network carries in GSM-7: one curly apostrophe would
 * switch the whole text to UCS-2, with 67 characters a part instead of 153.
 */
function gsmPlain(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u2032]/g, "'")
    .replace(/[\u201C\u201D\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** GSM 03.38's basic set (ESC aside): these count one character each */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** the extension table: two characters each (an escape, then the character) */
const GSM_EXTENDED = '^{}\\[~]|€\f';

/** How many parts a network splits the text into: 160 / 153 for GSM-7, 70 / 67 for anything else (UCS-2). */
export function smsParts(text: string): number {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else gsm = false;
  }
  if (!gsm) {
    // UCS-2 counts UTF-16 units: an emoji is two
    const units = text.length;
    return units <= 70 ? 1 : Math.ceil(units / 67);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}
