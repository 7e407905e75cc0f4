import { CRISIS_LEXICON_VERSION } from '../core/classify';
import { isXSource } from '../core/source-labels';
import type { Mention } from '../ports/mention';
import type { FoundMention, UrgentAlert } from '../ports/state';
import { escalationEmail, urgentEmail } from './duty-emails';
import type { SweepDeps } from './sweep-service';

const MINUTE_MS = 60_000;

/**
 * Emails an urgent mention at once to the duty person and `urgentAlso`, each with their own "I'm handling this"
 * link, then opens its urgent alert so an unanswered one escalates. A mention re-found after a crash between
 * the email and its seen mark is not emailed again once its alert is open.
 */
export async function alertUrgent(
  deps: SweepDeps,
  mention: FoundMention,
  dutyPerson: string,
  tick: string,
): Promise<boolean> {
  if (await deps.state.urgent.get(mention.key)) return false;
  const now = deps.clock.now();
  const recipients = unique([dutyPerson, ...deps.config.duty.urgentAlso]);
  const links = await Promise.all(recipients.map((to) => deps.ackLinks.linkFor(mention.key, to, now)));
  const escalation = deps.config.duty.escalation;
  await deps.mailer.send(
    urgentEmail(deps.config, {
      mention,
      recipients: recipients.map((to, i) => ({ to, link: links[i] as string })),
    }),
  );
  const alert: UrgentAlert = {
    key: mention.key,
    mention: asMention(mention),
    matched: mention.matched,
    alertedAt: now.toISOString(),
    recipients,
    escalations: [],
    // from the tick, not the clock: the tick `afterMinutes` later then finds it due however long this sweep took
    ...(escalation ? { nextEscalationAt: minutesAfter(tick, escalation.afterMinutes) } : {}),
  };
  await deps.state.urgent.open(alert);
  await deps.state.audit.record({
    at: now.toISOString(),
    event: 'urgent',
    // the mention's key, never its text, tells records apart
    subject: mention.key,
    scheduledTime: tick,
    configVersion: deps.configVersion,
    detail: {
      source: mention.source,
      url: mentionUrl(mention),
      recipients: recipients.join(' '),
      rules: mention.matched.join('; '),
      // which crisis rules decided, so "why was this urgent?" has an answer after the lexicon changes
      ...(deps.config.sweeps?.keywords.crisisLexicon === false ? {} : { lexicon: CRISIS_LEXICON_VERSION }),
    },
  });
  return true;
}

/**
 * Sends the next escalation of every urgent alert nobody acknowledged in time: `escalation.to[0]` after
 * `afterMinutes`, then `to[1]` after another `afterMinutes`, and so on. Each escalation email has the same
 * button, bound to its recipient. Returns how many were sent.
 */
export async function escalateOverdue(deps: SweepDeps, tick: string): Promise<number> {
  const escalation = deps.config.duty.escalation;
  const now = deps.clock.now();
  const due = await deps.state.urgent.dueForEscalation(laterOf(now.toISOString(), tick));
  let sent = 0;
  for (const alert of due) {
    const step = alert.escalations.length;
    // a config change may have shortened the list: an alert past its end has nobody left to go to
    const to = escalation?.to[step];
    if (!escalation || !to) continue;
    const link = await deps.ackLinks.linkFor(alert.key, to, now);
    const next = escalation.to[step + 1];
    await deps.mailer.send(
      escalationEmail(deps.config, {
        alert,
        to,
        link,
        ...(next ? { next, afterMinutes: escalation.afterMinutes } : {}),
      }),
    );
    const at = now.toISOString();
    const nextAt = next ? minutesAfter(tick, escalation.afterMinutes) : undefined;
    // another tick that got here first has recorded this step; its email and ours are the same escalation
    if (!(await deps.state.urgent.recordEscalation(alert.key, step, { to, at }, nextAt))) continue;
    await deps.state.audit.record({
      at,
      event: 'escalated',
      subject: alert.key,
      scheduledTime: tick,
      configVersion: deps.configVersion,
      detail: { to, step: step + 1 },
    });
    sent++;
  }
  return sent;
}

/** X's own link names the author's handle; this form opens the same post without recording who wrote it */
function mentionUrl(mention: FoundMention): string {
  return isXSource(mention.sourceType) ? `https://x.com/i/web/status/${mention.id}` : mention.url;
}

function asMention(found: FoundMention): Mention {
  const { source, sourceType, id, author, text, url, at, title, timeSource } = found;
  return {
    source,
    sourceType,
    id,
    author,
    text,
    url,
    at,
    ...(title === undefined ? {} : { title }),
    ...(timeSource === undefined ? {} : { timeSource }),
  };
}

function minutesAfter(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * MINUTE_MS).toISOString();
}

/** as `toISOString` writes it, the form every stored instant has, so stored instants compare as strings */
function laterOf(a: string, b: string): string {
  return new Date(Math.max(Date.parse(a), Date.parse(b))).toISOString();
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
