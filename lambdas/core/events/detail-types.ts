/**
 * The duty events' names, apart from their zod schemas (event-schemas.ts) so that runtime code can name them
 * without bundling zod.
 */
export const EVENT_SOURCE = 'social-duty';

export const DETAIL_TYPES = [
  'Post Published',
  'Post Skipped',
  'Post Failed',
  'Post Needs Checking',
  'Sign-off Deleted',
  'Mention Alerted',
  'Urgent Mention Alerted',
  'Urgent Mention Acknowledged',
  'Urgent Mention Escalated',
  'Briefing Sent',
  'Source Failing',
  'Source Recovered',
  'Pause Changed',
  'Sweep Completed',
] as const;

export type DetailType = (typeof DETAIL_TYPES)[number];
