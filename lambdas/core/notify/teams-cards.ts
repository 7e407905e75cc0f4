/**
 * The Adaptive Cards the notify function posts to Teams, one kind per detail-type, as the message a Workflows
 * "When a Teams webhook request is received" trigger takes. Version 1.4: what every Teams client renders
 * (checked against the official 1.4 schema in test/unit/teams-cards.test.ts).
 *
 * Every text on a card goes through plainForTeams, whatever its source: the mention, the config or the event.
 * Links appear only as buttons (Action.OpenUrl), and only web addresses become buttons.
 */
import { localDayAt } from '../calendar/dates';
import { NETWORKS, NETWORK_NAMES, type Network } from '../config/vocabulary';
import { isXSource, sourceLabel as labelOfSource } from '../source-labels';
import { accountLabel } from '../network-links';
import type { Config } from '../config/schema';
import type { BusEvent } from '../events/bus-event';
import type { DetailType } from '../events/detail-types';
import type { UrgentAlert } from '../../ports/state/urgent-alerts';
import { clipped, plainForTeams } from './teams-text';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const ADAPTIVE_CARD_VERSION = '1.4';
/** a tweet is far shorter; a web page's text is cut here (Teams refuses messages over about 28 KB) */
export const MAX_MENTION_TEXT = 1500;

type Colour = 'default' | 'good' | 'warning' | 'attention';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap: true;
  size?: 'small' | 'medium' | 'large';
  weight?: 'bolder';
  color?: Colour;
  isSubtle?: true;
}

export interface FactSet {
  type: 'FactSet';
  facts: Array<{ title: string; value: string }>;
}

export interface Container {
  type: 'Container';
  style: 'emphasis' | 'good' | 'warning' | 'attention';
  items: CardElement[];
}

export type CardElement = TextBlock | FactSet | Container;

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
  style?: 'positive';
}

export interface AdaptiveCard {
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  type: 'AdaptiveCard';
  version: typeof ADAPTIVE_CARD_VERSION;
  /** what a client too old for the card shows instead */
  fallbackText: string;
  body: CardElement[];
  actions?: OpenUrlAction[];
}

export interface TeamsMessage {
  type: 'message';
  attachments: [{ contentType: typeof ADAPTIVE_CARD_CONTENT_TYPE; content: AdaptiveCard }];
}

/** What the cards take from the config. */
export type CardConfig = Pick<Config, 'organisation' | 'accounts' | 'sweeps'>;

/** What the service read for an urgent or escalation card. */
export interface MentionExtras {
  /** the urgent alert, with the mention's text and author; absent once it has expired */
  alert?: UrgentAlert;
  /** this channel's "I'm handling this" link; absent when the alert is already acknowledged */
  ackLink?: string;
}

export interface BuiltCard {
  card: AdaptiveCard;
  /** for the notify result and the simulator: the kind of card, never its text */
  summary: string;
}

/** the detail-types whose card shows the mention, for which the service reads the alert and mints a link */
export const MENTION_CARD_TYPES: readonly DetailType[] = [
  'Urgent Mention Alerted',
  'Urgent Mention Escalated',
];

export function teamsMessage(card: AdaptiveCard): TeamsMessage {
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] };
}

/** The card for one delivered event. */
export function teamsCard(config: CardConfig, event: BusEvent, extras: MentionExtras = {}): BuiltCard {
  if (is(event, 'Urgent Mention Alerted')) return urgentCard(config, event, extras);
  if (is(event, 'Urgent Mention Escalated')) return escalationCard(config, event, extras);
  if (is(event, 'Urgent Mention Acknowledged')) return acknowledgedCard(config, event);
  if (is(event, 'Post Failed') || is(event, 'Post Needs Checking')) return postProblemCard(config, event);
  if (is(event, 'Post Published') || is(event, 'Post Skipped') || is(event, 'Sign-off Deleted')) {
    return postCard(config, event);
  }
  if (is(event, 'Source Failing') || is(event, 'Source Recovered')) return sourceCard(config, event);
  if (is(event, 'Briefing Sent')) return briefingCard(config, event);
  return genericCard(config, event);
}

function urgentCard(config: CardConfig, event: BusEvent<'Urgent Mention Alerted'>, extras: MentionExtras) {
  const d = event.detail;
  const { alert } = extras;
  return built('urgent mention card', config, event, {
    title: 'URGENT: act now',
    style: 'attention',
    lead: mentionLead(config, d.source, alert),
    body: [
      ...mentionBody(alert),
      facts([
        [
          alert?.mention.timeSource === 'first-seen' ? 'First seen' : 'Posted',
          when(config, alert?.mention.at),
        ],
        ['Matched', (d.rules ?? []).join('; ')],
        ['Emailed to', (d.recipients ?? []).join(', ')],
      ]),
      handlingLine(config, alert, extras.ackLink),
    ],
    actions: mentionActions(extras.ackLink, d.mentionUrl ?? (alert && mentionLink(alert))),
  });
}

function escalationCard(
  config: CardConfig,
  event: BusEvent<'Urgent Mention Escalated'>,
  extras: MentionExtras,
) {
  const d = event.detail;
  const { alert } = extras;
  return built('escalation card', config, event, {
    title: 'URGENT and not acknowledged',
    style: 'attention',
    lead: `Nobody has said they are handling this urgent mention, so it was escalated to ${d.to} (escalation ${d.step}).`,
    body: [
      text(mentionLead(config, alert?.mention.source ?? sourceOfKey(d.mentionKey), alert), {
        weight: 'bolder',
      }),
      ...mentionBody(alert),
      facts([
        ['First alerted', when(config, alert?.alertedAt)],
        ['Emailed so far', (alert?.recipients ?? []).join(', ')],
      ]),
      handlingLine(config, alert, extras.ackLink),
    ],
    actions: mentionActions(extras.ackLink, alert && mentionLink(alert)),
  });
}

function acknowledgedCard(config: CardConfig, event: BusEvent<'Urgent Mention Acknowledged'>) {
  const d = event.detail;
  return built('acknowledgement card', config, event, {
    title: 'Urgent mention in hand',
    style: 'good',
    lead: `${who(d.by)} said they are handling the urgent mention found on ${sourceLabel(config, sourceOfKey(d.mentionKey))}, so nobody else is escalated to.`,
    body: [facts([['Acknowledged', when(config, d.at)]])],
  });
}

function postProblemCard(
  config: CardConfig,
  event: BusEvent<'Post Failed'> | BusEvent<'Post Needs Checking'>,
) {
  const d = event.detail;
  const failed = is(event, 'Post Failed');
  const signOffUp = d.postId === 'reopening' ? ' Then delete the sign-off by hand: it is still up.' : '';
  return built(failed ? 'post failed card' : 'post needs checking card', config, event, {
    title: failed ? `Post failed: ${d.postId}` : `Post needs checking: ${d.postId}`,
    style: failed ? 'attention' : 'warning',
    lead: failed
      ? `The ${d.postId} post did not go out, and nothing will retry it.`
      : `Nobody can tell whether the ${d.postId} post went out, so it will not be sent again automatically.`,
    body: [
      facts([
        ['Post', d.postId],
        ['Due', when(config, d.scheduledTime ?? d.at)],
        ['Reason', d.reason],
      ]),
      text(
        failed
          ? `What to do: post it by hand if it still matters (the duty email has the exact text).${signOffUp}`
          : `What to do: check the account's timeline. If the post is not there, post it by hand (the duty email has the exact text).${signOffUp}`,
      ),
    ],
  });
}

/** what a post is called on its card: the sign-off posts by their role, any other by its id */
function postName(postId: string): { name: string; signOff: boolean } {
  if (postId === 'closing') return { name: 'sign-off', signOff: true };
  if (postId === 'reopening') return { name: 'reopening post', signOff: true };
  return { name: `${postId} post`, signOff: false };
}

function postCard(
  config: CardConfig,
  event: BusEvent<'Post Published'> | BusEvent<'Post Skipped'> | BusEvent<'Sign-off Deleted'>,
) {
  const d = event.detail;
  const { name, signOff } = postName(d.postId);
  if (is(event, 'Sign-off Deleted')) {
    return built('sign-off deleted card', config, event, {
      title: 'Sign-off deleted',
      style: 'good',
      lead: 'The sign-off was deleted now that the team is back.',
      body: [facts([['Deleted', when(config, d.at)]])],
    });
  }
  if (is(event, 'Post Skipped')) {
    return built(signOff ? `${name} skipped card` : 'post skipped card', config, event, {
      title: signOff ? `${capitalised(name)} skipped` : `Post skipped: ${d.postId}`,
      style: 'emphasis',
      lead: `The ${name} was not posted: ${event.detail.reason.replace(/\.$/, '')}.`,
      body: [facts([['Due', when(config, d.scheduledTime ?? d.at)]])],
    });
  }
  const published = event as BusEvent<'Post Published'>;
  const { account, network } = published.detail;
  const where = config.accounts[account] ? ` on ${accountLabel(config.accounts, account)}` : '';
  return built(signOff ? `${name} posted card` : 'post published card', config, event, {
    title: signOff ? `${capitalised(name)} posted` : `Post published: ${d.postId}`,
    style: 'good',
    lead: `The ${name} went out${where}.`,
    body: [facts([['Posted', when(config, d.at)]])],
    actions: linkAction(`Open on ${NETWORK_NAMES[network ?? 'x']}`, published.detail.url),
  });
}

function sourceCard(config: CardConfig, event: BusEvent<'Source Failing'> | BusEvent<'Source Recovered'>) {
  const id = event.detail.sourceId;
  if (is(event, 'Source Failing')) {
    const d = event.detail;
    return built('source failing card', config, event, {
      title: `Mention source failing: ${id}`,
      style: 'warning',
      lead: `It has failed ${d.failures} sweep${d.failures === 1 ? '' : 's'} in a row, so mentions from it are not being found. Other sources carry on; please check it by hand meanwhile.`,
      body: [facts([['Last error', d.error]])],
    });
  }
  return built('source recovered card', config, event, {
    title: `Mention source working again: ${id}`,
    style: 'good',
    lead: 'Anything it missed while failing is picked up now, if the source still lists it.',
    body: [],
  });
}

function briefingCard(config: CardConfig, event: BusEvent<'Briefing Sent'>) {
  const d = event.detail;
  return built('briefing card', config, event, {
    title: 'Morning briefing sent',
    style: 'emphasis',
    lead: `Today's briefing went to ${d.to}.`,
    body: [
      facts([
        ['Mentions', String(d.mentions)],
        ['Posts today', String(d.posts)],
        ['Failures', String(d.failures)],
      ]),
    ],
  });
}

/** the instants every detail may carry, shown as local times */
const TIME_FIELDS = ['at', 'scheduledTime'];

/** Any other event: its detail as facts (a detail holds ids, times and counts, never a mention's text). */
function genericCard(config: CardConfig, event: BusEvent) {
  const shown = Object.entries(event.detail as Record<string, unknown>)
    .filter(([name]) => !['version', 'eventId', 'configVersion'].includes(name))
    .flatMap(([name, value]): Array<[string, string]> => {
      const plain =
        TIME_FIELDS.includes(name) && typeof value === 'string'
          ? (when(config, value) ?? value)
          : Array.isArray(value)
            ? value.filter(isScalar).join(', ')
            : isScalar(value)
              ? String(value)
              : '';
      return plain === '' ? [] : [[name, plain]];
    })
    .slice(0, 12);
  return built(`card: ${event['detail-type']}`, config, event, {
    title: event['detail-type'],
    style: 'emphasis',
    lead: `${event['detail-type']} at ${when(config, event.detail.at)}.`,
    body: shown.length > 0 ? [facts(shown)] : [],
  });
}

interface CardParts {
  title: string;
  style: Container['style'];
  lead: string;
  body: CardElement[];
  actions?: OpenUrlAction[];
}

function built(summary: string, config: CardConfig, event: BusEvent, parts: CardParts): BuiltCard {
  const colour: Colour = parts.style === 'emphasis' ? 'default' : parts.style;
  const card: AdaptiveCard = {
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    type: 'AdaptiveCard',
    version: ADAPTIVE_CARD_VERSION,
    fallbackText: plainForTeams(`${parts.title}. ${parts.lead}`),
    body: [
      {
        type: 'Container',
        style: parts.style,
        items: [text(parts.title, { size: 'large', weight: 'bolder', color: colour }), text(parts.lead)],
      },
      ...parts.body,
      text(`social-duty for ${config.organisation.name} · event ${event.detail.eventId}`, {
        size: 'small',
        isSubtle: true,
      }),
    ],
    ...(parts.actions && parts.actions.length > 0 ? { actions: parts.actions } : {}),
  };
  return { card, summary };
}

function text(value: string, style: Omit<TextBlock, 'type' | 'text' | 'wrap'> = {}): TextBlock {
  return { type: 'TextBlock', text: plainForTeams(value), wrap: true, ...style };
}

/** facts with nothing to say are left out: an empty FactSet value reads as a fault */
function facts(pairs: Array<[string, string | undefined]>): FactSet {
  return {
    type: 'FactSet',
    facts: pairs
      .map(([title, value]) => ({ title: plainForTeams(title), value: plainForTeams(value ?? '') }))
      .filter((fact) => fact.value !== ''),
  };
}

/** "@someone on X (mention) may need urgent help.", or without the alert, who posted is not known here */
function mentionLead(config: CardConfig, source: string, alert: UrgentAlert | undefined): string {
  const where = sourceLabel(config, alert?.mention.source ?? source);
  return alert
    ? `${alert.mention.author} on ${where} may need urgent help.`
    : `Someone on ${where} may need urgent help.`;
}

function mentionBody(alert: UrgentAlert | undefined): CardElement[] {
  if (!alert) {
    return [text('The mention is no longer stored here: read it in the urgent email.', { weight: 'bolder' })];
  }
  const { title, text: body } = alert.mention;
  return [
    ...(title ? [text(clipped(title, 200), { weight: 'bolder' })] : []),
    text(clipped(body, MAX_MENTION_TEXT, '… (cut short: the urgent email has all of it)')),
  ];
}

function handlingLine(
  config: CardConfig,
  alert: UrgentAlert | undefined,
  ackLink: string | undefined,
): TextBlock {
  if (alert?.acknowledgedAt) {
    return text(
      `Already being handled by ${who(alert.acknowledgedBy ?? 'someone')} since ${when(config, alert.acknowledgedAt)}.`,
      { color: 'good', weight: 'bolder' },
    );
  }
  if (!ackLink) return text('Check the urgent email to say you are handling it.');
  return text(
    "Handling it? Press “I'm handling this”, then the button on the page it opens, so everyone knows it is in hand and nobody else is escalated to.",
  );
}

function mentionActions(ackLink: string | undefined, mentionUrl: string | undefined): OpenUrlAction[] {
  return [
    ...(ackLink ? linkAction("I'm handling this", ackLink, 'positive') : []),
    ...linkAction('Open the mention', mentionUrl),
  ];
}

/** as the urgent event gives it: X's own link names the author, this form opens the same post without */
function mentionLink(alert: UrgentAlert): string {
  const { mention } = alert;
  return isXSource(mention.sourceType) ? `https://x.com/i/web/status/${mention.id}` : mention.url;
}

/** a button for a web address only: a feed can give any URL, and `javascript:` must never be one press away */
function linkAction(title: string, url: string | undefined, style?: 'positive'): OpenUrlAction[] {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '');
  } catch {
    return [];
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return [];
  return [{ type: 'Action.OpenUrl', title, url: parsed.href, ...(style ? { style } : {}) }];
}

/** who acknowledged: an email address, or the notify consumer whose link was pressed */
function who(by: string): string {
  if (by.startsWith('teams:')) return `Someone in Teams (${by.slice('teams:'.length)})`;
  if (by.startsWith('sms:')) return `The SMS recipient ${by.slice('sms:'.length)}`;
  return by;
}

function sourceLabel(config: CardConfig, sourceId: string): string {
  // each network's mentions share one key space whichever source found them: `x#<tweet id>`, `bluesky#<uri>`
  if ((NETWORKS as readonly string[]).includes(sourceId)) return NETWORK_NAMES[sourceId as Network];
  const type = config.sweeps?.sources.find((s) => s.id === sourceId)?.type;
  return labelOfSource(type, sourceId);
}

/** `x#123` → `x`, `google-alert-trust#tag:…` → `google-alert-trust` */
function sourceOfKey(key: string): string {
  const hash = key.indexOf('#');
  return hash < 0 ? key : key.slice(0, hash);
}

function when(config: CardConfig, iso: string | undefined): string | undefined {
  if (!iso || Number.isNaN(Date.parse(iso))) return undefined;
  return localDayAt(iso, config.organisation.timezone);
}

function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}

function is<T extends DetailType>(event: BusEvent, type: T): event is BusEvent<T> {
  return event['detail-type'] === type;
}
