import { PLANNED_NOTIFY } from '../support/planned-notify';
import { patternProblems } from '../../lambdas/core/events/event-pattern';
import fc from 'fast-check';
import type { BusEvent } from '../../lambdas/core/events/bus-event';
import { DETAIL_TYPES, type DetailType } from '../../lambdas/core/events/detail-types';
import {
  acknowledgesByLink,
  consumerTakes,
  notifyConsumers,
  type NotifyConsumer,
} from '../../lambdas/core/notify/consumers';
import { EVENT_GROUPS, EVENT_SELECTORS, type EventSelector } from '../../lambdas/core/notify/event-groups';
import type { Config } from '../../lambdas/core/config/schema';

/** the groups as the README plans them, written out again here so the code is checked against the plan */
const PLANNED_GROUPS: Record<string, { whole: DetailType[]; signOffOnly?: DetailType[] }> = {
  urgent: { whole: ['Urgent Mention Alerted'] },
  escalated: { whole: ['Urgent Mention Escalated'] },
  acknowledged: { whole: ['Urgent Mention Acknowledged'] },
  failures: { whole: ['Post Failed', 'Post Needs Checking'] },
  'sign-off': { whole: ['Sign-off Deleted'], signOffOnly: ['Post Published', 'Post Skipped'] },
  posts: { whole: ['Post Published', 'Post Skipped'] },
  sources: { whole: ['Source Failing', 'Source Recovered'] },
  briefing: { whole: ['Briefing Sent'] },
  pause: { whole: ['Pause Changed'] },
  sweeps: { whole: ['Sweep Completed'] },
  all: { whole: [...DETAIL_TYPES] },
};

const POST_IDS = ['closing', 'reopening', 'pals', undefined];

function notifyConfig(notify: Partial<NonNullable<Config['notify']>>): Pick<Config, 'notify'> {
  return { notify: { teams: [], sms: [], webhooks: [], ...notify } };
}

function teamsTaking(events: EventSelector[]): NotifyConsumer {
  const [consumer] = notifyConsumers(notifyConfig({ teams: [{ id: 'c', secret: 's', events }] }));
  return consumer as NotifyConsumer;
}

function event(type: DetailType, postId?: string): BusEvent {
  return {
    version: '0',
    id: 'e-1',
    'detail-type': type,
    source: 'social-duty',
    account: '123456789012',
    time: '2026-12-23T16:00:01Z',
    region: 'eu-west-2',
    resources: [],
    detail: {
      version: 1,
      eventId: 'x',
      at: '2026-12-23T16:00:00.000Z',
      configVersion: 'v',
      ...(postId === undefined ? {} : { postId }),
    },
  } as unknown as BusEvent;
}

/** what the plan says a consumer with these events receives */
function plannedTakes(
  events: readonly EventSelector[],
  type: DetailType,
  postId: string | undefined,
): boolean {
  return events.some((selector) => {
    if (selector === type) return true;
    const group = PLANNED_GROUPS[selector];
    if (!group) return false;
    if (group.whole.includes(type)) return true;
    return (group.signOffOnly ?? []).includes(type) && (postId === 'closing' || postId === 'reopening');
  });
}

/**
 * Why EventBridge would refuse a pattern: the matcher's own checks (event-pattern.ts, as AWS documents them) and
 * the default 2048-character quota on a rule's pattern.
 */
function eventBridgeProblems(pattern: unknown): string[] {
  const problems = patternProblems(pattern);
  if (JSON.stringify(pattern).length > 2048) problems.push('pattern is over 2048 characters');
  return problems;
}

describe('notifyConsumers', () => {
  it('is empty without a notify: section', () => {
    expect(notifyConsumers({})).toEqual([]);
    expect(notifyConsumers(notifyConfig({}))).toEqual([]);
  });

  it('gives the planned consumers, their keys, detail-types and patterns', () => {
    const consumers = notifyConsumers({ notify: PLANNED_NOTIFY });
    expect(consumers).toEqual([
      {
        channel: 'teams',
        id: 'comms-channel',
        key: 'teams:comms-channel',
        secret: 'social-duty/teams/comms-channel',
        detailTypes: [
          'Post Published',
          'Post Skipped',
          'Post Failed',
          'Post Needs Checking',
          'Sign-off Deleted',
          'Urgent Mention Alerted',
          'Urgent Mention Escalated',
          'Briefing Sent',
          'Source Failing',
          'Source Recovered',
        ],
        pattern: {
          source: ['social-duty'],
          $or: [
            {
              'detail-type': [
                'Post Failed',
                'Post Needs Checking',
                'Sign-off Deleted',
                'Urgent Mention Alerted',
                'Urgent Mention Escalated',
                'Briefing Sent',
                'Source Failing',
                'Source Recovered',
              ],
            },
            {
              'detail-type': ['Post Published', 'Post Skipped'],
              detail: { postId: ['closing', 'reopening'] },
            },
          ],
        },
      },
      {
        channel: 'sms',
        id: 'on-call-manager',
        key: 'sms:on-call-manager',
        to: '+447700900123',
        detailTypes: ['Urgent Mention Alerted', 'Urgent Mention Escalated'],
        pattern: {
          source: ['social-duty'],
          'detail-type': ['Urgent Mention Alerted', 'Urgent Mention Escalated'],
        },
      },
      {
        channel: 'webhook',
        id: 'service-desk',
        key: 'webhook:service-desk',
        url: 'https://servicedesk.example.nhs.uk/hooks/social-duty',
        secret: 'social-duty/webhooks/service-desk',
        detailTypes: ['Post Failed', 'Post Needs Checking'],
        pattern: { source: ['social-duty'], 'detail-type': ['Post Failed', 'Post Needs Checking'] },
      },
    ]);
  });

  it.each(EVENT_GROUPS.map((group) => [group]))('the %s group takes what the plan says', (group) => {
    const consumer = teamsTaking([group]);
    const planned = PLANNED_GROUPS[group];
    expect(consumer.detailTypes).toEqual(
      DETAIL_TYPES.filter((t) => planned?.whole.includes(t) || planned?.signOffOnly?.includes(t)),
    );
    expect(eventBridgeProblems(consumer.pattern)).toEqual([]);
  });

  it('sign-off alone takes Post Published and Post Skipped for the closing and reopening posts only', () => {
    const consumer = teamsTaking(['sign-off']);
    expect(consumerTakes(consumer, event('Post Published', 'closing'))).toBe(true);
    expect(consumerTakes(consumer, event('Post Skipped', 'reopening'))).toBe(true);
    expect(consumerTakes(consumer, event('Post Published', 'pals'))).toBe(false);
    expect(consumerTakes(consumer, event('Sign-off Deleted', 'closing'))).toBe(true);
    expect(consumerTakes(consumer, event('Post Failed', 'closing'))).toBe(false);
    // with posts or the exact detail-type beside it, every post is taken and no filter is needed
    expect(teamsTaking(['sign-off', 'posts']).pattern).toEqual({
      source: ['social-duty'],
      'detail-type': ['Post Published', 'Post Skipped', 'Sign-off Deleted'],
    });
    expect(consumerTakes(teamsTaking(['sign-off', 'Post Published']), event('Post Published', 'pals'))).toBe(
      true,
    );
    expect(consumerTakes(teamsTaking(['sign-off', 'Post Published']), event('Post Skipped', 'pals'))).toBe(
      false,
    );
  });

  it('every pattern from any events list is one EventBridge accepts and matches exactly what the plan says', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...EVENT_SELECTORS), { minLength: 1 }), (events) => {
        const consumer = teamsTaking(events);
        expect(eventBridgeProblems(consumer.pattern)).toEqual([]);
        for (const type of DETAIL_TYPES) {
          for (const postId of POST_IDS) {
            expect([type, postId, consumerTakes(consumer, event(type, postId))]).toEqual([
              type,
              postId,
              plannedTakes(events, type, postId),
            ]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('a pattern matches only duty events: another source is not taken', () => {
    const consumer = teamsTaking(['all']);
    expect(consumerTakes(consumer, event('Post Failed'))).toBe(true);
    expect(
      consumerTakes(consumer, { ...event('Post Failed'), source: 'aws.events' } as unknown as BusEvent),
    ).toBe(false);
  });

  it('the checker of patterns can fail', () => {
    expect(eventBridgeProblems({ source: [] })).not.toEqual([]);
    expect(eventBridgeProblems({ $or: [{ a: ['x'] }] })).not.toEqual([]);
    expect(eventBridgeProblems({ 'detail-type': ['x'.repeat(2100)] })).toEqual([
      'pattern is over 2048 characters',
    ]);
  });
});

describe('acknowledgesByLink: the recipients the acknowledge function accepts besides email addresses', () => {
  const config = notifyConfig({
    teams: [
      { id: 'comms', secret: 's1', events: ['urgent'] },
      { id: 'posts-only', secret: 's2', events: ['failures'] },
    ],
    sms: [{ id: 'phone', to: '+447700900123', events: ['escalated'] }],
    webhooks: [{ id: 'desk', url: 'https://d.example/h', secret: 's3', events: ['all'] }],
  });

  it.each([
    ['teams:comms', true],
    ['sms:phone', true],
    ['teams:posts-only', false],
    ['webhook:desk', false],
    ['teams:gone', false],
    ['comms', false],
  ])('%s → %s', (recipient, expected) => {
    expect(acknowledgesByLink(config, recipient)).toBe(expected);
  });
});
