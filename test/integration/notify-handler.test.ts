/**
 * The notify function's real handler, service and adapters, with the urgent alert in dynalite and the three
 * channels going to the local Teams server, the local SNS and the webhook receiver over HTTP.
 */
import type { Context } from 'aws-lambda';
import { dynamoDbStateStores } from '../../lambdas/adapters/dynamodb';
import { NotifyError } from '../../lambdas/adapters/notify-error';
import { parseConfig, type LoadedConfig } from '../../lambdas/core/config/parse-config';
import type { BusEvent } from '../../lambdas/core/events/bus-event';
import { notifyConsumers } from '../../lambdas/core/notify/consumers';
import { createNotifyHandler } from '../../lambdas/handlers/notify';
import type { UrgentAlert } from '../../lambdas/ports/state/urgent-alerts';
import { logger } from '../../lambdas/runtime/logger';
import { buildNotifyDeps } from '../../lambdas/runtime/notify-runtime';
import type { NotifyDeps } from '../../lambdas/services/notify-service';
import { LOCAL_REGION, startDynalite, type DynaliteHandle } from '../../local/dynalite-server';
import { startNotifyStandIns, type NotifyStandIns } from '../../local/notify-stand-ins';
import { LOCAL_SES_CREDENTIALS } from '../../local/ses-server';
import { VirtualClock } from '../../local/virtual-clock';
import { sampleConfigText } from '../support/example-config';

const NOTIFY_SECTION = `
notify:
  teams:
    - id: comms-channel
      secret: social-duty/teams/comms-channel
      events: [urgent, escalated, failures]
  sms:
    - id: on-call-manager
      to: '+447700900123'
  webhooks:
    - id: service-desk
      url: https://servicedesk.example.nhs.uk/hooks/social-duty
      secret: social-duty/webhooks/service-desk
      events: [urgent, failures]
`;

const ACK_BASE_URL = 'http://127.0.0.1:8440/ack';
const MENTION_TEXT = "I <b>can't</b> go on **tonight** [help](https://evil.example/x) _please_";
const AUTHOR = '@worried_person';
const TWEET_ID = '1871234567890123456';
const MENTION_KEY = `x#${TWEET_ID}`;

const alert: UrgentAlert = {
  key: MENTION_KEY,
  mention: {
    source: 'x-mentions',
    sourceType: 'x-mentions',
    id: TWEET_ID,
    author: AUTHOR,
    text: MENTION_TEXT,
    url: `https://x.com/worried_person/status/${TWEET_ID}`,
    at: '2026-12-24T15:58:00.000Z',
  },
  matched: ['crisis: ending life'],
  alertedAt: '2026-12-24T16:00:00.000Z',
  recipients: ['duty.officer@example.nhs.uk'],
  escalations: [],
  nextEscalationAt: '2026-12-24T16:15:00.000Z',
};

const urgentEvent: BusEvent<'Urgent Mention Alerted'> = {
  version: '0',
  id: '0d3c1e52-8f3b-4b59-9d0e-1f2a3b4c5d6e',
  'detail-type': 'Urgent Mention Alerted',
  source: 'social-duty',
  account: '123456789012',
  time: '2026-12-24T16:00:00Z',
  region: 'eu-west-2',
  resources: [],
  detail: {
    version: 1,
    eventId: `urgent#${MENTION_KEY}`,
    at: '2026-12-24T16:00:00.000Z',
    configVersion: 'test',
    mentionKey: MENTION_KEY,
    source: 'x-mentions',
    category: 'urgent',
    mentionUrl: alert.mention.url,
    recipients: ['duty.officer@example.nhs.uk'],
    rules: ['crisis: ending life'],
  },
};

const context = { functionName: 'notify', awsRequestId: 'test' } as Context;

/** every string value in a card, however deep */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('the notify handler with dynalite and the local Teams, SNS and webhook stand-ins', () => {
  let dynamo: DynaliteHandle;
  let standIns: NotifyStandIns;
  let loaded: LoadedConfig;
  let deps: NotifyDeps;
  let clock: VirtualClock;
  let handler: ReturnType<typeof createNotifyHandler>;

  beforeAll(async () => {
    loaded = parseConfig(`${sampleConfigText()}${NOTIFY_SECTION}`, 'social-duty.yaml');
    clock = new VirtualClock('2026-12-24T16:00:30.000Z');
    [dynamo, standIns] = await Promise.all([
      startDynalite(),
      startNotifyStandIns({ consumers: notifyConsumers(loaded.config), clock: () => clock.now() }),
    ]);
    await dynamoDbStateStores({ client: dynamo.client, tableName: dynamo.tableName }).urgent.open(alert);
    deps = buildNotifyDeps(
      loaded,
      {
        tableName: dynamo.tableName,
        region: LOCAL_REGION,
        dynamoEndpoint: dynamo.endpoint,
        localAwsCredentials: { ...LOCAL_SES_CREDENTIALS },
        ackBaseUrl: ACK_BASE_URL,
        ackSigningKey: 'a-local-signing-key-of-32-bytes!!',
      },
      clock,
      standIns.endpoints,
    );
    handler = createNotifyHandler(async () => deps);
  });

  beforeEach(() => {
    standIns.teams.clear();
    standIns.sns.clear();
    standIns.webhooks.clear();
  });

  afterEach(() => jest.restoreAllMocks());

  afterAll(async () => {
    await Promise.all([dynamo?.close(), standIns?.close()]);
  });

  it("posts a Teams card that shows the mention text from the alert, made safe, with the channel's link", async () => {
    const result = await handler({ consumer: 'teams:comms-channel', event: urgentEvent }, context);

    expect(result).toMatchObject({ channel: 'teams', to: 'teams:comms-channel', sent: true });
    const cards = standIns.teams.cards();
    expect(cards).toHaveLength(1);
    expect(cards[0]!.consumer).toBe('comms-channel');
    const shown = strings(cards[0]!.card.body).join('\n');
    // the words of the mention are there, none of its markup or its link
    for (const word of ["can't", 'go on', 'tonight', 'help', 'please']) expect(shown).toContain(word);
    expect(shown).not.toMatch(/<b>|\*\*|\[help\]|_please_/);
    expect(shown).not.toContain('https://evil.example');
    const actions = cards[0]!.card.actions as { type: string; url: string }[];
    expect(actions.some((action) => action.url.startsWith(`${ACK_BASE_URL}?t=`))).toBe(true);

    const page = await (await fetch(`${standIns.teams.url}/`)).text();
    expect(page).toContain('tonight');
    expect(page).not.toContain('<b>');
  });

  it('texts the on-call phone a link and no mention text', async () => {
    const result = await handler({ consumer: 'sms:on-call-manager', event: urgentEvent }, context);

    expect(result).toMatchObject({ channel: 'sms', sent: true });
    const outbox = standIns.sns.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ to: '+447700900123', smsType: 'Transactional' });
    const text = outbox[0]!.text;
    expect(text).toContain(`${ACK_BASE_URL}?t=`);
    for (const leak of ['tonight', 'go on', 'worried_person', 'crisis', 'evil.example']) {
      expect(text).not.toContain(leak);
    }
  });

  it('delivers the event itself to the webhook, signed so the receiver verifies it', async () => {
    const result = await handler({ consumer: 'webhook:service-desk', event: urgentEvent }, context);

    expect(result).toMatchObject({ channel: 'webhook', sent: true });
    const deliveries = standIns.webhooks.deliveries();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      path: '/webhooks/service-desk',
      verified: true,
      eventId: urgentEvent.detail.eventId,
    });
    expect(JSON.parse(deliveries[0]!.body)).toEqual(urgentEvent);
  });

  it('logs the consumer, the detail-type and the event ids, nothing a mention or a number could leak', async () => {
    const info = jest.spyOn(logger, 'info');

    await handler({ consumer: 'sms:on-call-manager', event: urgentEvent }, context);

    expect(info).toHaveBeenCalledWith('notification handled', {
      consumer: 'sms:on-call-manager',
      detailType: 'Urgent Mention Alerted',
      eventId: urgentEvent.detail.eventId,
      busEventId: urgentEvent.id,
      sent: true,
    });
    const logged = JSON.stringify(info.mock.calls);
    for (const leak of ['+447700900123', 'tonight', 'worried_person', ACK_BASE_URL])
      expect(logged).not.toContain(leak);
  });

  it('throws a failed delivery back, so EventBridge retries it, and logs no URL', async () => {
    const error = jest.spyOn(logger, 'error');
    standIns.teams.failNext(1, 503);

    const failure = handler({ consumer: 'teams:comms-channel', event: urgentEvent }, context);

    await expect(failure).rejects.toBeInstanceOf(NotifyError);
    await expect(failure).rejects.toMatchObject({ status: 503, retryable: true });
    expect(error).toHaveBeenCalledWith(
      'notification failed',
      expect.objectContaining({ consumer: 'teams:comms-channel', error: 'NotifyError', status: 503 }),
    );
    expect(JSON.stringify(error.mock.calls)).not.toContain(standIns.teams.url);
    // EventBridge's retry gets it through
    await handler({ consumer: 'teams:comms-channel', event: urgentEvent }, context);
    expect(standIns.teams.cards()).toHaveLength(1);
  });

  it('throws on input that is not what a consumer rule sends, before doing anything', async () => {
    await expect(handler({ consumer: 'teams:comms-channel', event: { id: 'x' } }, context)).rejects.toThrow(
      /^invalid notify input: .*event\.detail-type/,
    );
    await expect(handler({ consumer: 'teams:nobody', event: urgentEvent }, context)).rejects.toThrow(
      'There is no notify consumer teams:nobody',
    );
    expect(standIns.teams.posts()).toEqual([]);
  });
});
