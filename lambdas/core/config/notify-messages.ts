/**
 * What the `notify:` section's refusals say: each names what to type instead when the slip is a common one (a
 * UK number without +44, a Workflows URL pasted where its secret's name goes, `Failures` for `failures`).
 */
import {
  EVENT_GROUPS,
  EVENT_SELECTORS,
  SMS_GROUPS,
  isEventSelector,
  type EventSelector,
} from '../notify/event-groups';

export const E164 = /^\+[1-9]\d{1,14}$/;
/** what Secrets Manager allows in a name (an ARN is refused: the config names secrets, the stack finds them) */
export const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

const EXAMPLE_NUMBER = "'+447700900123'";

export function phoneMessage(input: unknown): string {
  if (typeof input === 'number') {
    return `must be in quotes, e.g. to: ${EXAMPLE_NUMBER} (unquoted, YAML reads a number and drops its + or leading 0)`;
  }
  if (typeof input !== 'string') return `must be a phone number in quotes, e.g. ${EXAMPLE_NUMBER}`;
  const digits = input.replace(/[\s().-]/g, '');
  if (E164.test(digits)) return `write it without spaces or dashes: '${digits}'`;
  if (/^0[1-9]\d{8,9}$/.test(digits)) {
    return `must start with the country code: '+44${digits.slice(1)}' for a UK number`;
  }
  if (/^00[1-9]\d{1,14}$/.test(digits)) return `write the 00 as +: '+${digits.slice(2)}'`;
  if (/^44\d{9,10}$/.test(digits)) return `must start with +: '+${digits}'`;
  return `must be a phone number in international (E.164) form, + and the country code first, e.g. ${EXAMPLE_NUMBER}`;
}

export function secretNameMessage(input: unknown, example: string): string {
  if (typeof input !== 'string') return `must be the name of a Secrets Manager secret, e.g. ${example}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim())) {
    return `is a web address, which is a credential here: store it in Secrets Manager and give the secret's name, e.g. ${example}`;
  }
  if (input.startsWith('arn:')) return `must be the secret's name, not its ARN, e.g. ${example}`;
  if (input === '') return `must not be empty; give the name of a Secrets Manager secret, e.g. ${example}`;
  return `must be a Secrets Manager secret name: letters, digits and / _ + = . @ - (at most 512), e.g. ${example}`;
}

export function webhookUrlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be a web address starting https://';
  }
  if (url.username || url.password) {
    return 'must not hold a user name or password: deliveries are signed with the key in `secret`';
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname)) return undefined;
  return 'must start https:// (http:// only for 127.0.0.1 or localhost, when testing)';
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function eventSelectorMessage(input: unknown): string {
  const meant = suggestion(input, EVENT_SELECTORS);
  if (meant) return `write it as ${written(meant)}`;
  return `is not an event group or detail-type (groups: ${EVENT_GROUPS.join(', ')}; or a detail-type such as 'Post Failed')`;
}

/** SMS names groups only: the detail-type of each says the same thing at greater length */
const SMS_GROUP_OF: Record<string, (typeof SMS_GROUPS)[number]> = {
  'Urgent Mention Alerted': 'urgent',
  'Urgent Mention Escalated': 'escalated',
};

export function smsEventMessage(input: unknown): string {
  const meant =
    suggestion(input, SMS_GROUPS) ?? (typeof input === 'string' ? SMS_GROUP_OF[input] : undefined);
  if (meant) return `write it as ${meant}`;
  if (typeof input === 'string' && isEventSelector(input)) {
    return `cannot go by SMS: texts are for urgent mentions only (${SMS_GROUPS.join(' or ')}); send ${written(input)} to Teams or a webhook`;
  }
  return `must be ${SMS_GROUPS.join(' or ')}: texts are for urgent mentions only`;
}

/** the entry meant by `Failures`, `sign off`, `post failed` or `source` */
function suggestion<T extends string>(input: unknown, choices: readonly T[]): T | undefined {
  if (typeof input !== 'string') return undefined;
  const key = comparable(input);
  return choices.find((choice) => choice !== input && comparable(choice) === key);
}

function comparable(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/s$/, '');
}

/** a detail-type has spaces: in a YAML flow list it reads best quoted */
function written(selector: EventSelector): string {
  return selector.includes(' ') ? `'${selector}'` : selector;
}
