import { z } from 'zod';

import { EVENT_SELECTORS, SMS_GROUPS, type EventSelector } from '../notify/event-groups';
import {
  E164,
  SECRET_NAME,
  eventSelectorMessage,
  phoneMessage,
  secretNameMessage,
  smsEventMessage,
  webhookUrlProblem,
} from './notify-messages';
import { BANK_HOLIDAY_REGIONS, NETWORKS, SOURCE_TYPES, WEEKDAYS } from './vocabulary';

export { BANK_HOLIDAY_REGIONS, WEEKDAYS, type BankHolidayRegion, type Weekday } from './vocabulary';

/**
 * The messages for a badly written time, date or list of days: schema-problems.ts recognises them to say what
 * to type instead (`write the time as "16:00"`) when it can tell what was meant.
 */
export const VALUE_MESSAGES = {
  timeType: 'must be a time as "HH:MM" in quotes',
  timeFormat: 'must be a 24-hour time as "HH:MM", e.g. "16:00"',
  date: 'must be a date as YYYY-MM-DD',
  dayList: 'must be a list of days, e.g. [mon, thu]',
} as const;

const weekday = z.enum(WEEKDAYS, { error: `must be one of ${WEEKDAYS.join(', ')}` });
const weekdays = (min: string) => z.array(weekday, { error: VALUE_MESSAGES.dayList }).min(1, { error: min });

const time = z
  .string({ error: VALUE_MESSAGES.timeType })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: VALUE_MESSAGES.timeFormat });

/** YYYY-MM-DD that exists in the calendar (2027-02-30 is refused); one message, not two, for `24/12/2026`. */
const date = z
  .string({ error: VALUE_MESSAGES.date })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: VALUE_MESSAGES.date, abort: true })
  .refine(isRealDate, { error: 'is not a real date' });

function isRealDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const probe = new Date(Date.UTC(y, m - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
}

const email = z.email({ error: 'is not a valid email address' });
const id = z
  .string({ error: 'must be an id' })
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, { error: 'must be lower-case letters, digits and dashes (max 48)' });
const text = z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' });

const organisation = z.strictObject({
  name: text,
  website: z.url({ protocol: /^https?$/, error: 'must be a web address starting https://' }),
  timezone: z.string().default('Europe/London'),
  workingDays: weekdays('needs at least one working day'),
  bankHolidays: z
    .enum(BANK_HOLIDAY_REGIONS, { error: `must be one of ${BANK_HOLIDAY_REGIONS.join(' | ')}` })
    .default('england-and-wales'),
  closures: z.array(date).default([]),
});

const xAccount = z.strictObject({
  network: z.literal('x').default('x'),
  handle: z.string().regex(/^[A-Za-z0-9_]{1,15}$/, { error: 'must be an X handle without the @' }),
  secret: text.describe(
    'AWS Secrets Manager secret name holding {appKey, appSecret, accessToken, accessSecret}',
  ),
});

const blueskyAccount = z.strictObject({
  network: z.literal('bluesky'),
  handle: z
    .string({ error: 'must be a Bluesky handle' })
    .regex(/^(?!-)[A-Za-z0-9-]{1,63}(\.(?!-)[A-Za-z0-9-]{1,63})+$/, {
      error: 'must be a Bluesky handle without the @, e.g. examplenhs.bsky.social',
    }),
  secret: text.describe('AWS Secrets Manager secret name holding {identifier, appPassword}'),
  /** the account's PDS; bsky.social hosts nearly every account */
  service: z.url({ protocol: /^https?$/, error: 'must be a web address starting https://' }).optional(),
});

const facebookAccount = z.strictObject({
  network: z.literal('facebook'),
  pageId: z
    .string({ error: 'must be the Page ID in quotes, e.g. "123456789012345"' })
    .regex(/^\d{5,20}$/, { error: 'must be the Page ID: digits only, in quotes' }),
  /** the Page's name as people see it, for emails and previews */
  name: text.optional(),
  secret: text.describe('AWS Secrets Manager secret name holding {pageAccessToken}'),
});

const account = z.discriminatedUnion('network', [xAccount, blueskyAccount, facebookAccount], {
  error: `network must be one of ${NETWORKS.join(', ')}`,
});

/** one account id, or a list of them: the same post goes to each */
const targets = z.union([id, z.array(id).min(1, { error: 'needs at least one account' })], {
  error: 'must be an account id or a list of them, e.g. [main, bluesky]',
});

/** a text for every network, or one per network (`default` for the rest): Facebook often gets a longer one */
const postText = z.union(
  [
    text,
    z
      .strictObject({
        default: text.optional(),
        x: text.optional(),
        bluesky: text.optional(),
        facebook: text.optional(),
      })
      .refine((texts) => Object.values(texts).some((value) => value !== undefined), {
        error: 'needs a text: default, x, bluesky or facebook',
      }),
  ],
  { error: 'must be text, or texts by network ({default, x, bluesky, facebook})' },
);

const post = z.strictObject({
  id,
  account: targets,
  days: weekdays('needs at least one day'),
  at: time,
  from: date.optional(),
  until: date.optional(),
  onClosedDays: z.enum(['skip', 'post'], { error: 'must be skip or post' }).default('skip'),
  variants: z.array(postText).min(1, { error: 'needs at least one variant' }),
});

const reopening = z.strictObject({
  at: time,
  text: postText,
  deleteClosing: z.boolean().default(false),
});

const closing = z.strictObject({
  account: targets,
  at: time,
  text: postText,
  reopening: reopening.optional(),
});

const sourceBase = { id };
const source = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ ...sourceBase, type: z.literal('x-mentions'), account: id }),
    z.strictObject({ ...sourceBase, type: z.literal('x-search'), account: id, query: text }),
    z.strictObject({ ...sourceBase, type: z.literal('bluesky-mentions'), account: id }),
    z.strictObject({ ...sourceBase, type: z.literal('bluesky-search'), account: id, query: text }),
    z.strictObject({ ...sourceBase, type: z.literal('facebook-comments'), account: id }),
    z.strictObject({
      ...sourceBase,
      type: z.literal('feed'),
      url: z.url({ protocol: /^https?$/, error: 'must be a feed address starting https://' }),
    }),
  ],
  { error: `type must be one of ${SOURCE_TYPES.join(', ')}` },
);

/** Divisors of 60, so every working hour is swept at the same minutes. */
const SWEEP_INTERVALS = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30, 60];

const sweepInterval = z
  .number({ error: 'must be a number of minutes' })
  .int({ error: 'must be a whole number of minutes' })
  .refine((n) => SWEEP_INTERVALS.includes(n), { error: `must be one of ${SWEEP_INTERVALS.join(', ')}` });

const keywords = z.strictObject({
  concern: z.array(text).default([]),
  urgent: z.array(text).default([]),
  /** the built-in crisis-language rules (lambdas/core/crisis/), on top of `urgent` */
  crisisLexicon: z.boolean({ error: 'must be true or false' }).default(true),
  /** phrases that explain a match away: a mention holding one is never urgent because of it */
  notUrgent: z.array(text).default([]),
});

const sweeps = z.strictObject({
  everyMinutes: sweepInterval.default(15),
  /** how often every source is swept round the clock, so an urgent mention waits at most this long */
  urgentEveryMinutes: sweepInterval.default(5),
  workingHours: z.strictObject({ from: time, to: time }),
  sources: z.array(source).default([]),
  keywords: keywords.default({ concern: [], urgent: [], crisisLexicon: true, notUrgent: [] }),
});

const duty = z.strictObject({
  from: email,
  fallback: email,
  rota: z.partialRecord(weekday, email).default({}),
  overrides: z.array(z.strictObject({ date, to: email })).default([]),
  urgentAlso: z.array(email).default([]),
  /** urgent alerts nobody acknowledged go to `to[0]` after `afterMinutes`, then `to[1]`, and so on */
  escalation: z
    .strictObject({
      afterMinutes: z
        .number({ error: 'must be a number of minutes' })
        .int({ error: 'must be a whole number of minutes' })
        .min(1, { error: 'must be at least 1 minute' })
        .max(24 * 60, { error: 'must be at most 1440 minutes (a day)' }),
      to: z.array(email).min(1, { error: 'needs at least one address' }),
    })
    .optional(),
  briefingAt: time.default('08:45'),
});

const replies = z.strictObject({
  concern: text,
  urgent: text,
  general: text,
});

const pause = z.strictObject({ from: date, until: date, reason: text });

const secretName = (example: string, holds: string) =>
  z
    .string({ error: (issue) => secretNameMessage(issue.input, example) })
    .regex(SECRET_NAME, { error: (issue) => secretNameMessage(issue.input, example) })
    .describe(`AWS Secrets Manager secret name holding ${holds}`);

const eventList = (defaults: EventSelector[]) =>
  z
    .array(z.enum(EVENT_SELECTORS, { error: (issue) => eventSelectorMessage(issue.input) }), {
      error: 'must be a list, e.g. [urgent, escalated]',
    })
    .min(1, { error: 'needs at least one event group, e.g. [urgent]' })
    .default(defaults)
    .describe("event groups (urgent, escalated, failures, …) or exact detail-types such as 'Post Failed'");

/**
 * Custom rather than z.string(), so an unquoted `+447700900123` (a number to YAML) is told to add quotes; the
 * metadata keeps the editor schema a string with the E.164 pattern.
 */
const phoneNumber = z
  .custom<string>((value) => typeof value === 'string', {
    error: (issue) => phoneMessage(issue.input),
    abort: true,
  })
  .refine((value) => E164.test(value), { error: (issue) => phoneMessage(issue.input) })
  .meta({ type: 'string', pattern: E164.source, description: "E.164, in quotes: '+447700900123'" });

const webhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be a web address starting https://', abort: true })
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value });
  });

const notify = z.strictObject({
  /** Microsoft Teams Workflows "When a Teams webhook request is received" triggers */
  teams: z
    .array(
      z.strictObject({
        id,
        secret: secretName('social-duty/teams/comms-channel', 'the Teams Workflows URL'),
        events: eventList(['urgent', 'escalated', 'failures']),
      }),
    )
    .default([]),
  /** text messages by Amazon SNS: the urgent path only, never the mention itself */
  sms: z
    .array(
      z.strictObject({
        id,
        to: phoneNumber,
        events: z
          .array(z.enum(SMS_GROUPS, { error: (issue) => smsEventMessage(issue.input) }), {
            error: 'must be a list, e.g. [urgent, escalated]',
          })
          .min(1, { error: 'needs at least one of urgent, escalated' })
          .default([...SMS_GROUPS]),
      }),
    )
    .default([]),
  /** signed HTTPS POSTs of each event's JSON */
  webhooks: z
    .array(
      z.strictObject({
        id,
        url: webhookUrl,
        secret: secretName('social-duty/webhooks/service-desk', 'the HMAC-SHA256 signing key'),
        events: eventList(['all']),
      }),
    )
    .default([]),
});

export const configSchema = z.strictObject({
  organisation,
  accounts: z.record(id, account),
  posts: z.array(post).default([]),
  closing: closing.optional(),
  sweeps: sweeps.optional(),
  duty,
  replies: replies.default({
    concern: "Hi {author}, we're sorry to hear this. Please contact us through {website} so we can help.",
    urgent: 'Hi {author}, if you need urgent help please call NHS 111 or 999 in an emergency.',
    general: "Thanks {author}, we've passed this on to the team.",
  }),
  pauses: z.array(pause).default([]),
  notify: notify.optional(),
});

export type Config = z.output<typeof configSchema>;
export type PostConfig = Config['posts'][number];
export type AccountConfig = Config['accounts'][string];
export type ClosingConfig = NonNullable<Config['closing']>;
export type SourceConfig = NonNullable<Config['sweeps']>['sources'][number];
export type PauseConfig = Config['pauses'][number];
export type KeywordsConfig = NonNullable<Config['sweeps']>['keywords'];
export type EscalationConfig = NonNullable<Config['duty']['escalation']>;
export type NotifyConfig = NonNullable<Config['notify']>;
