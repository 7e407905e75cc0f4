/**
 * Duty events as EventBridge delivers them and the urgent alert behind them, for the Teams card and notify
 * service tests. Each detail has the fields of its schema (lambdas/core/events/event-schemas.ts).
 */
import type { BusEvent } from '../../lambdas/core/events/bus-event';
import type { DetailType } from '../../lambdas/core/events/detail-types';
import type { EventDetail } from '../../lambdas/core/events/event-schemas';
import type { UrgentAlert } from '../../lambdas/ports/state/urgent-alerts';

export const MENTION_KEY = 'x#1870000000000000001';
export const FEED_KEY = 'google-alert-trust#tag:google.com,2013:googlealerts/feed:1234567890';

const common = {
  version: 1 as const,
  eventId: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  at: '2026-12-23T02:10:00.000Z',
  configVersion: 'abc123def456',
  scheduledTime: '2026-12-23T02:10:00.000Z',
};

export const DETAILS: { [T in DetailType]: EventDetail<T> } = {
  'Post Published': {
    ...common,
    postId: 'closing',
    account: 'main',
    network: 'x',
    tweetId: '1870000000000000099',
    url: 'https://x.com/i/web/status/1870000000000000099',
  },
  'Post Skipped': { ...common, postId: 'closing', reason: 'paused: Pre-election period' },
  'Post Failed': { ...common, postId: 'pals', reason: 'X refused the post (HTTP 403: duplicate content)' },
  'Post Needs Checking': { ...common, postId: 'reopening', reason: 'X did not answer within 10 seconds' },
  'Sign-off Deleted': {
    ...common,
    postId: 'closing',
    account: 'main',
    network: 'x',
    tweetId: '1870000000000000099',
  },
  'Mention Alerted': { ...common, mentions: 3, concerns: 1, to: ['sam.duty@leedsandyorkpft.nhs.uk'] },
  'Urgent Mention Alerted': {
    ...common,
    mentionKey: MENTION_KEY,
    source: 'x-mentions',
    category: 'urgent',
    mentionUrl: 'https://x.com/i/web/status/1870000000000000001',
    recipients: ['jo.duty@leedsandyorkpft.nhs.uk', 'oncall.manager@leedsandyorkpft.nhs.uk'],
    rules: ['crisis: ending life', 'keyword: end my life'],
    lexicon: '2026.1',
  },
  'Urgent Mention Acknowledged': { ...common, mentionKey: MENTION_KEY, by: 'teams:comms-channel' },
  'Urgent Mention Escalated': {
    ...common,
    mentionKey: MENTION_KEY,
    to: 'director.oncall@leedsandyorkpft.nhs.uk',
    step: 2,
  },
  'Briefing Sent': { ...common, to: 'jo.duty@leedsandyorkpft.nhs.uk', mentions: 4, posts: 2, failures: 1 },
  'Source Failing': {
    ...common,
    sourceId: 'google-alert-trust',
    failures: 3,
    error: 'the feed answered HTTP 503 at https://www.google.com/alerts/feeds/0/0',
  },
  'Source Recovered': { ...common, sourceId: 'google-alert-trust' },
  'Pause Changed': {
    ...common,
    paused: true,
    until: '2027-05-06',
    reason: 'Pre-election *period* [see](https://x.y)',
  },
  'Sweep Completed': {
    ...common,
    mode: 'working',
    found: 5,
    urgent: 1,
    alerted: 4,
    held: 0,
    failedSources: 0,
  },
};

export function busEvent<T extends DetailType>(type: T, detail: Partial<EventDetail<T>> = {}): BusEvent<T> {
  return {
    version: '0',
    id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
    'detail-type': type,
    source: 'social-duty',
    account: '123456789012',
    time: '2026-12-23T02:10:01Z',
    region: 'eu-west-2',
    resources: [],
    detail: { ...DETAILS[type], ...detail } as EventDetail<T>,
  };
}

export function urgentAlert(
  changes: Partial<UrgentAlert> = {},
  mention: Partial<UrgentAlert['mention']> = {},
): UrgentAlert {
  return {
    key: MENTION_KEY,
    mention: {
      source: 'x-mentions',
      sourceType: 'x-mentions',
      id: '1870000000000000001',
      author: '@someone_in_need',
      text: "I can't do this any more, I want to end my life tonight",
      url: 'https://x.com/someone_in_need/status/1870000000000000001',
      at: '2026-12-23T02:05:00.000Z',
      ...mention,
    },
    matched: ['crisis: ending life', 'keyword: end my life'],
    alertedAt: '2026-12-23T02:10:00.000Z',
    recipients: ['jo.duty@leedsandyorkpft.nhs.uk', 'oncall.manager@leedsandyorkpft.nhs.uk'],
    escalations: [],
    nextEscalationAt: '2026-12-23T02:25:00.000Z',
    ...changes,
  };
}
