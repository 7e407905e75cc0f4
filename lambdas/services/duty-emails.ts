import { localDateTime, localDayAt, longDay, shortDay } from '../core/calendar/dates';
import { mentionLinkName, networkOfSource, sourceLabel } from '../core/source-labels';
import { accountLabel, postUrl, profileUrl } from '../core/network-links';
import { NETWORK_NAMES } from '../core/config/vocabulary';
import type { Config } from '../core/config/schema';
import { fillPlaceholders } from '../core/texts';
import { renderTemplate, type TemplateData } from '../core/template';
import type { MentionCategory } from '../core/classify';
import type { Email } from '../ports/mailer';
import type { Mention } from '../ports/mention';
import type { AuditRecord, UrgentAlert } from '../ports/state';
import * as templates from '../templates/templates.generated';

/**
 * The duty officer's emails: each built from a text and an HTML template in lambdas/templates/ (edit those),
 * with every value escaped in the HTML part. Mention text arrives intact in the text part.
 */

export interface ClassifiedMention extends Mention {
  category: MentionCategory;
  matched: string[];
}

/** a mention in the briefing, with what became of it: "alerted 10:15", "acknowledged 02:12 by jo@…" */
export interface BriefingMention extends ClassifiedMention {
  handling: string;
}

export interface PostProblem {
  to: string;
  postId: string;
  account: string;
  scheduledTime: string;
  text: string;
  reason: string;
  /** a failed or stuck reopening: the sign-off it should have deleted, still on X */
  signOff?: { account: string; tweetId: string; postedAt: string };
}

export interface BriefingPost {
  at: string;
  id: string;
  kind: string;
  status: 'scheduled' | 'skipped';
  reason?: string;
  text?: string;
  /** where it goes, when the config has more than one account: `@ExampleNHS on X` */
  where?: string;
}

const CATEGORY_ORDER: Record<MentionCategory, number> = { urgent: 0, concern: 1, general: 2 };
const CATEGORY_STYLE: Record<MentionCategory, { label: string; colour: string }> = {
  urgent: { label: 'Urgent', colour: '#d5281b' },
  concern: { label: 'Concern', colour: '#ffb81c' },
  general: { label: 'General', colour: '#007f3b' },
};

/** one email per sweep, listing every new concern and general mention, concerns first */
export function alertEmail(config: Config, input: { to: string[]; mentions: ClassifiedMention[] }): Email {
  const mentions = sortMentions(input.mentions);
  const concerns = mentions.filter((m) => m.category === 'concern').length;
  const data: TemplateData = {
    organisation: config.organisation.name,
    count: mentions.length,
    plural: mentions.length !== 1,
    concerns: concerns || undefined,
    concernsPlural: concerns !== 1,
    mentions: mentions.map((m) => mentionView(config, m)),
  };
  const subject = `[social-duty] ${mentions.length} new mention${mentions.length === 1 ? '' : 's'}${concerns ? ` — ${concerns} concern${concerns === 1 ? '' : 's'}` : ''}`;
  return {
    ...render({ html: templates.alertHtml, text: templates.alertTxt }, input.to, subject, data),
    kind: 'alert',
    mentionIds: mentions.map((m) => m.id),
  };
}

/**
 * One urgent mention, sent at once whatever the hour, to everyone who must know. Each recipient has their own
 * "I'm handling this" link, so an acknowledgement says who.
 */
export function urgentEmail(
  config: Config,
  input: { mention: ClassifiedMention; recipients: Array<{ to: string; link: string }> },
): Email {
  const to = input.recipients.map((r) => r.to);
  const escalation = config.duty.escalation;
  const email = render(
    { html: templates.urgentHtml, text: templates.urgentTxt },
    to,
    `[social-duty] URGENT mention ${where(input.mention)} — act now`,
    {
      ...mentionView(config, input.mention),
      matched: input.mention.matched.join(', '),
      recipients: to.join(', '),
      acks: input.recipients,
      escalation: escalation && { afterMinutes: escalation.afterMinutes, first: escalation.to[0] },
    },
  );
  return { ...email, kind: 'urgent', mentionIds: [input.mention.id] };
}

/** an urgent alert nobody acknowledged, to the next person in `duty.escalation.to` */
export function escalationEmail(
  config: Config,
  input: { alert: UrgentAlert; to: string; link: string; next?: string; afterMinutes?: number },
): Email {
  const { alert } = input;
  const zone = config.organisation.timezone;
  const mention = { ...alert.mention, category: 'urgent' as const, matched: alert.matched };
  const firstRecipients = alert.recipients.slice(0, alert.recipients.length - alert.escalations.length);
  const email = render(
    { html: templates.escalationHtml, text: templates.escalationTxt },
    [input.to],
    `[social-duty] ESCALATED: urgent mention ${where(alert.mention)} not acknowledged — act now`,
    {
      ...mentionView(config, mention),
      matched: alert.matched.join(', '),
      alertedTo: firstRecipients.join(', '),
      alertedAt: localShort(alert.alertedAt, zone),
      escalatedTo:
        alert.escalations.map((e) => `${e.to} at ${localTime(e.at, zone)}`).join(', ') || undefined,
      link: input.link,
      next: input.next,
      afterMinutes: input.afterMinutes,
    },
  );
  return { ...email, kind: 'escalation', mentionIds: [alert.mention.id] };
}

function where(mention: Mention): string {
  const network = networkOfSource(mention.sourceType);
  return network ? `on ${NETWORK_NAMES[network]}` : 'on the web';
}

export function briefingEmail(
  config: Config,
  input: {
    to: string;
    date: string;
    since: string;
    posts: BriefingPost[];
    mentions: BriefingMention[];
    failures: AuditRecord[];
    tomorrow: { date: string; to: string; working: boolean };
  },
): Email {
  const zone = config.organisation.timezone;
  const dateLong = longDay(input.date);
  const mentions = sortMentions(input.mentions);
  const posts = [...input.posts].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const scheduled = posts.filter((p) => p.status === 'scheduled').length;
  const urgentCount = mentions.filter((m) => m.category === 'urgent').length;
  const concernCount = mentions.filter((m) => m.category === 'concern').length;
  const tomorrowLong = longDay(input.tomorrow.date);
  const data: TemplateData = {
    date: dateLong,
    since: localShort(input.since, zone),
    posts: posts.map((p) => ({
      time: localTime(p.at, zone),
      id: p.id,
      kind: p.kind,
      skipped: p.status === 'skipped',
      reason: p.reason,
      text: p.text,
      where: p.where,
    })),
    mentionCount: mentions.length,
    urgentCount: urgentCount || undefined,
    concernCount: concernCount || undefined,
    concernPlural: concernCount !== 1,
    mentions: mentions.map((m) => ({ ...mentionView(config, m), handling: m.handling })),
    failures: input.failures.map((f) => ({
      time: localShort(f.scheduledTime ?? f.at, zone),
      subject: f.subject,
      what: f.event === 'stuck' ? 'may not have posted' : 'failed',
      reason: typeof f.detail?.reason === 'string' ? f.detail.reason : undefined,
    })),
    tomorrow: `${tomorrowLong}: ${input.tomorrow.to} is on duty${input.tomorrow.working ? '' : ' (not a working day: urgent alerts only)'}.`,
  };
  const subject = `[social-duty] Morning briefing ${dateLong} — ${scheduled} post${scheduled === 1 ? '' : 's'}, ${mentions.length} mention${mentions.length === 1 ? '' : 's'}${urgentCount ? ` (${urgentCount} urgent)` : ''}${input.failures.length ? `, ${input.failures.length} problem${input.failures.length === 1 ? '' : 's'}` : ''}`;
  return {
    ...render({ html: templates.briefingHtml, text: templates.briefingTxt }, [input.to], subject, data),
    kind: 'briefing',
    ...(mentions.length > 0 ? { mentionIds: mentions.map((m) => m.id) } : {}),
  };
}

/** the exact text to post by hand, the account, the scheduled time and the reason: the action first */
export function postFailureEmail(config: Config, problem: PostProblem): Email {
  const subject = `[social-duty] Post failed: ${problem.postId} at ${localTime(problem.scheduledTime, config.organisation.timezone)} — post it by hand${problem.signOff ? ' and delete the sign-off' : ''}`;
  return {
    ...render(
      { html: templates.postFailureHtml, text: templates.postFailureTxt },
      [problem.to],
      subject,
      postView(config, problem),
    ),
    kind: 'failure',
  };
}

/** a post that may or may not be on X: check before posting by hand */
export function postStuckEmail(config: Config, problem: PostProblem): Email {
  const subject = `[social-duty] Check the timeline: ${problem.postId} at ${localTime(problem.scheduledTime, config.organisation.timezone)} may not have posted`;
  return {
    ...render(
      { html: templates.postStuckHtml, text: templates.postStuckTxt },
      [problem.to],
      subject,
      postView(config, problem),
    ),
    kind: 'failure',
  };
}

/** the reopening went out but the sign-off it should replace is still on X */
export function signOffNotDeletedEmail(
  config: Config,
  input: { to: string; account: string; tweetId: string; signOffTime: string; reason: string },
): Email {
  const email = render(
    { html: templates.signOffNotDeletedHtml, text: templates.signOffNotDeletedTxt },
    [input.to],
    '[social-duty] Delete the sign-off by hand: it could not be deleted',
    {
      link: postUrl(config.accounts, input.account, input.tweetId),
      profile: profileUrl(config.accounts, input.account),
      network: networkName(config, input.account),
      signedOff: localDayAt(input.signOffTime, config.organisation.timezone),
      reason: input.reason,
    },
  );
  return { ...email, kind: 'failure' };
}

export function sourceHealthEmail(
  config: Config,
  input: {
    to: string[];
    sourceId: string;
    status: 'failing' | 'recovered';
    at: string;
    error?: string;
    failures?: number;
    failingSince?: string;
  },
): Email {
  const source = config.sweeps?.sources.find((s) => s.id === input.sourceId);
  const failing = input.status === 'failing';
  const subject = `[social-duty] Mention source ${input.sourceId} ${failing ? 'is failing' : 'is working again'}`;
  const email = render(
    { html: templates.sourceHealthHtml, text: templates.sourceHealthTxt },
    input.to,
    subject,
    {
      sourceId: input.sourceId,
      failing,
      failures: input.failures ?? 0,
      error: input.error ?? '',
      when: localShort(input.at, config.organisation.timezone),
      since: localShort(input.failingSince ?? input.at, config.organisation.timezone),
      url: source?.type === 'feed' ? source.url : undefined,
    },
  );
  return { ...email, kind: 'failure' };
}

/** an email's two bodies, the HTML one set in the shared layout */
interface EmailTemplate {
  html: string;
  text: string;
}

function render(
  template: EmailTemplate,
  to: string[],
  subject: string,
  data: TemplateData,
): Omit<Email, 'kind'> {
  const content = renderTemplate(template.html, data, 'html');
  // a function, not a string: mention text holding `$'` or `$&` must not be read as a replacement pattern
  const html = templates.layoutHtml.replace('<!--content-->', () => content);
  return { to, subject, text: renderTemplate(template.text, data, 'text'), html };
}

function mentionView(config: Config, mention: Mention & { category: MentionCategory }): TemplateData {
  const reply = fillPlaceholders(config.replies[mention.category], {
    author: mention.author,
    website: config.organisation.website,
    organisation: config.organisation.name,
  });
  return {
    ...CATEGORY_STYLE[mention.category],
    author: mention.author,
    sourceName: sourceLabel(mention.sourceType, mention.source),
    time: mention.at ? localShort(mention.at, config.organisation.timezone) : 'time unknown',
    // the feed gave no readable date: the time shown is the sweep's, and the email must not pass it off as more
    firstSeen: mention.timeSource === 'first-seen' || undefined,
    url: mention.url,
    linkName: mentionLinkName(mention.sourceType),
    title: mention.title || undefined,
    text: mention.text,
    reply,
  };
}

function sortMentions<T extends Mention & { category: MentionCategory }>(mentions: T[]): T[] {
  return [...mentions].sort(
    (a, b) => CATEGORY_ORDER[a.category] - CATEGORY_ORDER[b.category] || a.at.localeCompare(b.at),
  );
}

function postView(config: Config, problem: PostProblem): TemplateData {
  return {
    postId: problem.postId,
    account: `${problem.account}, ${accountLabel(config.accounts, problem.account)}`,
    profile: profileUrl(config.accounts, problem.account),
    network: networkName(config, problem.account),
    when: localDayAt(problem.scheduledTime, config.organisation.timezone, { year: true }),
    text: problem.text,
    reason: problem.reason,
    signOff: problem.signOff && {
      link: postUrl(config.accounts, problem.signOff.account, problem.signOff.tweetId),
      postedAt: localDayAt(problem.signOff.postedAt, config.organisation.timezone),
    },
  };
}

function networkName(config: Config, account: string): string {
  return NETWORK_NAMES[config.accounts[account]?.network ?? 'x'];
}

/** `10:30` */
function localTime(iso: string, zone: string): string {
  return localDateTime(iso, zone).time;
}

/** `Sat 5 Dec 22:10` */
export function shortLocalTime(iso: string, zone: string): string {
  return localShort(iso, zone);
}

function localShort(iso: string, zone: string): string {
  const { date, time } = localDateTime(iso, zone);
  return `${shortDay(date)} ${time}`;
}
