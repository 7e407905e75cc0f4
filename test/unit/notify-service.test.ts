/**
 * The notify service against in-memory channels (the adapters are tested over HTTP against their stand-ins in
 * test/integration/notify-channels.test.ts), with the real acknowledge links and an in-memory urgent alert store.
 */
import fc from 'fast-check';
import type { BusEvent } from '../../lambdas/core/events/bus-event';
import type { SmsConsumer, TeamsConsumer, WebhookConsumer } from '../../lambdas/core/notify/consumers';
import type { TeamsMessage } from '../../lambdas/core/notify/teams-cards';
import type { Clock } from '../../lambdas/ports/clock';
import type { NotifyChannels } from '../../lambdas/ports/notify-channels';
import { SignedAckLinks } from '../../lambdas/services/acknowledge/ack-links';
import { verifyAckToken } from '../../lambdas/services/acknowledge/ack-token';
import {
  NotifyServiceError,
  handleNotification,
  type NotifyDeps,
} from '../../lambdas/services/notify-service';
import { configWith } from '../support/example-config';
import { InMemoryUrgentAlerts } from '../support/in-memory-urgent-alerts';
import { MENTION_KEY, busEvent, urgentAlert } from './notify-fixtures';

const KEY = Buffer.alloc(32, 7);
const BASE_URL = 'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-2.on.aws/';
const NOW = new Date('2026-12-23T02:10:05Z');

const config = configWith((input) => {
  input.notify = {
    teams: [
      {
        id: 'comms-channel',
        secret: 'social-duty/teams/comms-channel',
        events: ['urgent', 'escalated', 'failures', 'sign-off', 'sources', 'briefing'],
      },
    ],
    sms: [{ id: 'on-call-manager', to: '+447700900123' }],
    webhooks: [
      {
        id: 'service-desk',
        url: 'https://servicedesk.example.nhs.uk/hooks/social-duty',
        secret: 'social-duty/webhooks/service-desk',
        events: ['failures'],
      },
    ],
  };
});

class RecordingChannels implements NotifyChannels {
  readonly cards: Array<{ consumer: TeamsConsumer; message: TeamsMessage }> = [];
  readonly texts: Array<{ consumer: SmsConsumer; text: string }> = [];
  readonly deliveries: Array<{ consumer: WebhookConsumer; body: string }> = [];
  /** the next call to any channel throws this */
  failWith: Error | undefined;

  teams = {
    post: async (consumer: TeamsConsumer, message: object) => {
      this.fail();
      this.cards.push({ consumer, message: message as TeamsMessage });
    },
  };
  sms = {
    send: async (consumer: SmsConsumer, text: string) => {
      this.fail();
      this.texts.push({ consumer, text });
    },
  };
  webhook = {
    deliver: async (consumer: WebhookConsumer, body: string) => {
      this.fail();
      this.deliveries.push({ consumer, body });
    },
  };

  get calls(): number {
    return this.cards.length + this.texts.length + this.deliveries.length;
  }

  private fail(): void {
    const error = this.failWith;
    this.failWith = undefined;
    if (error) throw error;
  }
}

const clock: Clock = { now: () => NOW, sleep: async () => undefined };

async function setUp(alerts: Parameters<InMemoryUrgentAlerts['open']>[0][] = []) {
  const channels = new RecordingChannels();
  const urgent = new InMemoryUrgentAlerts();
  for (const alert of alerts) await urgent.open(alert);
  const deps: NotifyDeps = {
    config,
    configVersion: 'abc123def456',
    channels,
    urgent,
    ackLinks: new SignedAckLinks({ baseUrl: BASE_URL, key: async () => KEY }),
    clock,
  };
  return { deps, channels, urgent };
}

/** the claims of the token in an acknowledge link, checked with the stack's key */
function claimsOf(link: string) {
  const token = new URL(link).searchParams.get('t') ?? '';
  const verified = verifyAckToken(token, KEY, NOW);
  if (!verified.ok) throw new Error(`the link's token does not verify: ${verified.reason}`);
  return verified.claims;
}

function actionsOf(message: TeamsMessage | undefined) {
  return message?.attachments[0].content.actions ?? [];
}

describe('handleNotification', () => {
  it('refuses a consumer the config does not have: the stack and the config disagree', async () => {
    const { deps, channels } = await setUp();
    const error = await handleNotification(deps, {
      consumer: 'teams:old-channel',
      event: busEvent('Post Failed'),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotifyServiceError);
    expect((error as NotifyServiceError).message).toBe(
      "There is no notify consumer teams:old-channel in the config (version abc123def456): the stack's rules and the config it runs disagree, so deploy them together",
    );
    expect((error as NotifyServiceError).problem).toBe('unknown-consumer');
    expect(channels.calls).toBe(0);
  });

  it('does nothing, and says so, for an event the consumer does not take', async () => {
    const { deps, channels } = await setUp();
    expect(
      await handleNotification(deps, { consumer: 'webhook:service-desk', event: busEvent('Briefing Sent') }),
    ).toEqual({
      channel: 'webhook',
      to: 'https://servicedesk.example.nhs.uk/hooks/social-duty',
      sent: false,
      summary: 'not sent: webhook:service-desk does not take this Briefing Sent event',
    });
    // sign-off takes Post Published for the closing and reopening posts only
    const ordinary = await handleNotification(deps, {
      consumer: 'teams:comms-channel',
      event: busEvent('Post Published', { postId: 'pals' }),
    });
    expect(ordinary.sent).toBe(false);
    expect(channels.calls).toBe(0);
    const signOff = await handleNotification(deps, {
      consumer: 'teams:comms-channel',
      event: busEvent('Post Published'),
    });
    expect(signOff).toEqual({
      channel: 'teams',
      to: 'teams:comms-channel',
      sent: true,
      summary: 'sign-off posted card',
    });
    expect(channels.cards).toHaveLength(1);
  });

  it('delivers the event JSON to a webhook exactly as EventBridge delivered it', async () => {
    const { deps, channels } = await setUp();
    const event = busEvent('Post Failed');
    const result = await handleNotification(deps, { consumer: 'webhook:service-desk', event });
    expect(result).toEqual({
      channel: 'webhook',
      to: 'https://servicedesk.example.nhs.uk/hooks/social-duty',
      sent: true,
      summary: 'webhook: Post Failed',
    });
    expect(channels.deliveries.map((d) => [d.consumer.key, d.body])).toEqual([
      ['webhook:service-desk', JSON.stringify(event)],
    ]);
  });

  it('posts an urgent card showing the mention from its alert, with a link minted for the Teams channel', async () => {
    const { deps, channels } = await setUp([urgentAlert()]);
    const result = await handleNotification(deps, {
      consumer: 'teams:comms-channel',
      event: busEvent('Urgent Mention Alerted'),
    });
    expect(result).toEqual({
      channel: 'teams',
      to: 'teams:comms-channel',
      sent: true,
      summary: 'urgent mention card',
    });
    const [posted] = channels.cards;
    expect(posted?.consumer.key).toBe('teams:comms-channel');
    expect(JSON.stringify(posted?.message)).toContain(
      "I can't do this any more, I want to end my life tonight",
    );
    const [ack] = actionsOf(posted?.message);
    expect(ack?.title).toBe("I'm handling this");
    expect(ack?.url.startsWith(`${BASE_URL}?t=`)).toBe(true);
    expect(claimsOf(ack?.url ?? '')).toEqual({
      alertKey: MENTION_KEY,
      recipient: 'teams:comms-channel',
      expiresAt: NOW.getTime() / 1000 + 24 * 3600,
    });
  });

  it('an urgent card for an alert that has gone says to read the email', async () => {
    const { deps, channels } = await setUp();
    await handleNotification(deps, {
      consumer: 'teams:comms-channel',
      event: busEvent('Urgent Mention Alerted'),
    });
    const json = JSON.stringify(channels.cards[0]?.message);
    expect(json).toContain('The mention is no longer stored here: read it in the urgent email.');
    expect(actionsOf(channels.cards[0]?.message)[0]?.title).toBe("I'm handling this");
  });

  it('an escalation card for an alert already in hand offers no link', async () => {
    const { deps, channels } = await setUp([
      urgentAlert({
        acknowledgedBy: 'jo.duty@leedsandyorkpft.nhs.uk',
        acknowledgedAt: '2026-12-23T02:09:00.000Z',
      }),
    ]);
    const result = await handleNotification(deps, {
      consumer: 'teams:comms-channel',
      event: busEvent('Urgent Mention Escalated'),
    });
    expect(result.summary).toBe('escalation card');
    expect(actionsOf(channels.cards[0]?.message).map((a) => a.title)).toEqual(['Open the mention']);
  });

  it('texts the urgent mention with a link minted for the phone, and no mention text', async () => {
    const { deps, channels } = await setUp([urgentAlert()]);
    const result = await handleNotification(deps, {
      consumer: 'sms:on-call-manager',
      event: busEvent('Urgent Mention Alerted'),
    });
    expect(result).toEqual({
      channel: 'sms',
      to: '+447700900123',
      sent: true,
      summary: 'SMS: urgent mention',
    });
    const [sent] = channels.texts;
    const link = sent?.text.split('Handling it? ')[1] ?? '';
    expect(sent?.text).toBe(
      `URGENT mention for Leeds and York Partnership NHS Foundation Trust: check your email or Teams now. Handling it? ${link}`,
    );
    expect(claimsOf(link)).toMatchObject({ alertKey: MENTION_KEY, recipient: 'sms:on-call-manager' });
    const escalated = await handleNotification(deps, {
      consumer: 'sms:on-call-manager',
      event: busEvent('Urgent Mention Escalated'),
    });
    expect(escalated.summary).toBe('SMS: urgent mention escalated');
    expect(channels.texts[1]?.text).toMatch(/still not handled \(escalation 2\)/);
  });

  it('sends no text for an urgent mention already in hand (a late retry must not wake anyone)', async () => {
    const { deps, channels } = await setUp([
      urgentAlert({ acknowledgedBy: 'teams:comms-channel', acknowledgedAt: '2026-12-23T02:09:00.000Z' }),
    ]);
    expect(
      await handleNotification(deps, {
        consumer: 'sms:on-call-manager',
        event: busEvent('Urgent Mention Alerted'),
      }),
    ).toEqual({
      channel: 'sms',
      to: '+447700900123',
      sent: false,
      summary: 'SMS not sent: the urgent mention is already in hand',
    });
    expect(channels.calls).toBe(0);
  });

  it('never puts the mention, its author or its rules in a text, whatever they are', async () => {
    const words = fc.string({ minLength: 1, maxLength: 60, unit: 'grapheme' });
    await fc.assert(
      fc.asyncProperty(
        words,
        words,
        fc.array(words, { minLength: 1, maxLength: 3 }),
        async (text, author, rules) => {
          const withMention = await setUp([urgentAlert({ matched: rules }, { text, author })]);
          const without = await setUp();
          const event = busEvent('Urgent Mention Alerted', { rules, source: 'x-mentions' });
          await handleNotification(withMention.deps, { consumer: 'sms:on-call-manager', event });
          await handleNotification(without.deps, { consumer: 'sms:on-call-manager', event });
          // the same text whatever the alert and the event hold: nothing of the mention reaches it
          expect(withMention.channels.texts.map((t) => t.text)).toEqual(
            without.channels.texts.map((t) => t.text),
          );
        },
      ),
      { numRuns: 100 },
    );
  });

  it("lets a channel's error through, so EventBridge retries the event", async () => {
    const { deps, channels } = await setUp([urgentAlert()]);
    const refused = new Error('Teams workflow for teams:comms-channel answered HTTP 502');
    channels.failWith = refused;
    await expect(
      handleNotification(deps, { consumer: 'teams:comms-channel', event: busEvent('Post Failed') }),
    ).rejects.toBe(refused);
    const down = new Error('SNS did not send the text');
    channels.failWith = down;
    await expect(
      handleNotification(deps, {
        consumer: 'sms:on-call-manager',
        event: busEvent('Urgent Mention Alerted'),
      }),
    ).rejects.toBe(down);
  });

  it('refuses an urgent event without a mention key rather than guess its alert', async () => {
    const { deps } = await setUp();
    const event = busEvent('Urgent Mention Alerted', { mentionKey: '' }) as BusEvent;
    await expect(handleNotification(deps, { consumer: 'sms:on-call-manager', event })).rejects.toMatchObject({
      name: 'NotifyServiceError',
      problem: 'no-mention-key',
      consumer: 'sms:on-call-manager',
    });
  });
});
