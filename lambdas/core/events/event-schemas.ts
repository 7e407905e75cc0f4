/**
 * The duty events' `detail`s, version 1: the one description of what a subscriber receives. The JSON Schemas
 * in docs/events/ are generated from these (`npm run gen:event-schemas`; a test fails when they are stale),
 * and the runtime code takes its types from here with `import type`, so zod never enters a Lambda bundle.
 *
 * A detail holds ids, times, categories, recipients and links, never a mention's text or author: events are
 * archived for 30 days and go to every subscriber. A consumer that needs the text (a Teams card) reads it from
 * the urgent alert by `mentionKey`.
 */
import { z } from 'zod';
import type { DetailType } from './detail-types';
import { NETWORKS } from '../config/vocabulary';

const instant = z.string().describe('an ISO 8601 instant in UTC, e.g. 2026-12-24T16:00:00.000Z');

/** what every detail has */
const common = {
  version: z.literal(1),
  /** deterministic per outcome, so a subscriber can drop a duplicate delivery */
  eventId: z.string().describe('one id per outcome: the same outcome published twice has the same eventId'),
  at: instant.describe('when it happened'),
  configVersion: z.string().describe('the hash of the config that was running'),
  scheduledTime: instant.optional().describe('the schedule tick that caused it, when a schedule did'),
};

const post = { ...common, postId: z.string().describe('the post id in the config, or closing / reopening') };

const mentionKey = z
  .string()
  .describe(
    'the mention\'s key: "x#<tweet id>", "bluesky#<AT URI>", "facebook#<id>" or "<feed source>#<entry id>"',
  );

export const eventSchemas = {
  'Post Published': z.object({
    ...post,
    account: z.string().describe('the account id in the config'),
    network: z.enum(NETWORKS).describe('the network the account is on'),
    tweetId: z
      .string()
      .describe("the network's id for the post: a tweet id, a Bluesky AT URI, a Page post id"),
    url: z.string().describe('the post on the network'),
  }),
  'Post Skipped': z.object({ ...post, reason: z.string() }),
  'Post Failed': z.object({ ...post, reason: z.string().describe('why, in plain words (never a secret)') }),
  'Post Needs Checking': z.object({
    ...post,
    reason: z.string().describe('why nobody can tell whether it went out'),
  }),
  'Sign-off Deleted': z.object({
    ...post,
    account: z.string().optional().describe('the account it was deleted from'),
    network: z.enum(NETWORKS),
    tweetId: z.string(),
  }),
  'Mention Alerted': z.object({
    ...common,
    mentions: z.number().int().describe('how many mentions the alert email listed'),
    concerns: z.number().int(),
    to: z.array(z.string()),
  }),
  'Urgent Mention Alerted': z.object({
    ...common,
    mentionKey,
    source: z.string().describe('the source id that found it'),
    category: z.literal('urgent'),
    mentionUrl: z.string().optional().describe('the mention on its site'),
    recipients: z.array(z.string()),
    rules: z.array(z.string()).describe('what made it urgent, e.g. "crisis: ending life"'),
    lexicon: z.string().optional().describe('the crisis lexicon version that read it'),
  }),
  'Urgent Mention Acknowledged': z.object({ ...common, mentionKey, by: z.string() }),
  'Urgent Mention Escalated': z.object({
    ...common,
    mentionKey,
    to: z.string(),
    step: z.number().int().min(1).describe('1 for the first escalation'),
  }),
  'Briefing Sent': z.object({
    ...common,
    to: z.string(),
    mentions: z.number().int(),
    posts: z.number().int(),
    failures: z.number().int(),
  }),
  'Source Failing': z.object({
    ...common,
    sourceId: z.string(),
    failures: z.number().int().describe('sweeps in a row that could not read it'),
    error: z.string().describe('the last error in plain words'),
  }),
  'Source Recovered': z.object({ ...common, sourceId: z.string() }),
  'Pause Changed': z.object({
    ...common,
    paused: z.boolean(),
    until: z.string().optional().describe('YYYY-MM-DD, inclusive, when paused'),
    reason: z.string().optional().describe('as given to `social-duty pause`; when resumed, the lifted one'),
  }),
  'Sweep Completed': z.object({
    ...common,
    mode: z.string(),
    found: z.number().int(),
    urgent: z.number().int(),
    alerted: z.number().int(),
    held: z.number().int(),
    failedSources: z.number().int(),
  }),
} as const satisfies Record<DetailType, z.ZodType>;

export type EventDetail<T extends DetailType = DetailType> = z.infer<(typeof eventSchemas)[T]>;

/** one duty event as published (`source` is always EVENT_SOURCE, from detail-types.ts) */
export type DutyEvent = {
  [T in DetailType]: { detailType: T; detail: EventDetail<T> };
}[DetailType];
