import { acknowledgesByLink } from '../../core/notify/consumers';
import type { Config } from '../../core/config/schema';
import type { Clock } from '../../ports/clock';
import type { SigningKeyProvider } from '../../ports/signing-key';
import type { AuditLog, UrgentAlert, UrgentAlerts } from '../../ports/state';
import { ACK_LINK_TTL_HOURS } from './ack-links';
import { localTimeOfDay, renderPage, type PageParts } from './ack-pages';
import { verifyAckToken, type AckTokenClaims } from './ack-token';

/**
 * The "I'm handling this" endpoint. GET only shows: mail security scanners (NHSmail's among them) open every
 * link in an email, so a GET that acknowledged would stop escalation before any person had read the alert.
 * Only the page's button, a POST, acknowledges, with a conditional write so the first press counts and a
 * replay changes nothing. Every refusal changes nothing either.
 */
export interface AcknowledgeDeps {
  urgent: Pick<UrgentAlerts, 'get' | 'acknowledge'>;
  audit: Pick<AuditLog, 'record'>;
  key: SigningKeyProvider;
  clock: Clock;
  config: Config;
  configVersion: string;
}

export interface AcknowledgeRequest {
  method: string;
  /** `t` from the query string (GET) or the form body (POST) */
  token: string | undefined;
}

export type AcknowledgeOutcome =
  | 'shown'
  | 'shown-acknowledged'
  | 'acknowledged'
  | 'already-acknowledged'
  | 'malformed'
  | 'bad-signature'
  | 'expired'
  | 'unknown-alert'
  | 'not-a-recipient'
  | 'method-not-allowed';

export interface AcknowledgeResponse {
  status: number;
  html: string;
  /** for the log line: what happened, never the token or mention text */
  outcome: AcknowledgeOutcome;
  /** something to log that did not change the answer (the audit record could not be written) */
  problem?: string;
}

export async function handleAcknowledge(
  deps: AcknowledgeDeps,
  request: AcknowledgeRequest,
): Promise<AcknowledgeResponse> {
  const method = request.method.toUpperCase();
  if (method !== 'GET' && method !== 'POST') {
    return refuse(deps, 405, 'method-not-allowed', 'Open the link in a browser', [
      'This address only shows an urgent alert and records who is handling it. Open the link from the urgent email.',
    ]);
  }
  // no token, no need for the key: a bare request is refused without a call to Secrets Manager
  if (!request.token) return invalidLink(deps, 'malformed');

  const now = deps.clock.now();
  const verified = verifyAckToken(request.token, await deps.key(), now);
  if (!verified.ok) {
    if (verified.reason === 'expired') {
      return refuse(deps, 410, 'expired', 'This link has expired', [
        `This link has expired: the alert was sent more than ${ACK_LINK_TTL_HOURS} hours ago.`,
        'Check the morning briefing or the audit trail (social-duty audit) for how it was handled.',
      ]);
    }
    return invalidLink(deps, verified.reason);
  }
  const { claims } = verified;
  const alert = await deps.urgent.get(claims.alertKey);
  if (!alert) {
    return refuse(deps, 404, 'unknown-alert', 'No such alert', [
      'No urgent alert matches this link. Check the morning briefing for how the mention was handled.',
    ]);
  }
  // a validly signed link, but for someone the alert was never sent to: not theirs to acknowledge. A Teams
  // channel or an SMS number of the config's `notify:` had the alert too, through its own link.
  if (!alert.recipients.includes(claims.recipient) && !acknowledgesByLink(deps.config, claims.recipient)) {
    return refuse(deps, 403, 'not-a-recipient', 'This link is not yours', [
      'This link is not one of those sent for this alert. Use the link in your own copy of the urgent email; if it arrived in the last minute, try again shortly.',
    ]);
  }
  return method === 'GET'
    ? showAlert(deps, request.token, claims, alert, now)
    : acknowledge(deps, claims, now);
}

function showAlert(
  deps: AcknowledgeDeps,
  token: string,
  claims: AckTokenClaims,
  alert: UrgentAlert,
  now: Date,
): AcknowledgeResponse {
  const zone = deps.config.organisation.timezone;
  if (alert.acknowledgedAt) {
    return page(deps, 200, 'shown-acknowledged', {
      title: 'Already being handled',
      heading: 'Already being handled',
      paragraphs: [handledBy(alert, claims.recipient, zone, now, 'since')],
      alert,
    });
  }
  return page(deps, 200, 'shown', {
    title: "I'm handling this",
    heading: 'Urgent mention: are you handling it?',
    paragraphs: [
      `Alerted at ${localTimeOfDay(alert.alertedAt, zone, now)} to ${alert.recipients.join(', ')}. Nobody has said they are handling it yet.`,
    ],
    alert,
    button: { token, recipient: claims.recipient },
  });
}

async function acknowledge(
  deps: AcknowledgeDeps,
  claims: AckTokenClaims,
  now: Date,
): Promise<AcknowledgeResponse> {
  const zone = deps.config.organisation.timezone;
  const at = now.toISOString();
  const result = await deps.urgent.acknowledge(claims.alertKey, claims.recipient, at);
  if (!result.acknowledged && result.reason === 'unknown') {
    return refuse(deps, 404, 'unknown-alert', 'No such alert', [
      'No urgent alert matches this link. Check the morning briefing for how the mention was handled.',
    ]);
  }
  if (!result.acknowledged) {
    return page(deps, 409, 'already-acknowledged', {
      title: 'Already being handled',
      heading: 'Already being handled',
      paragraphs: [handledBy(result.alert, claims.recipient, zone, now, 'at'), 'Nothing has changed.'],
      alert: result.alert,
    });
  }
  const response = page(deps, 200, 'acknowledged', {
    title: 'Thank you',
    heading: 'Thank you',
    paragraphs: [
      `Recorded that you are handling this at ${localTimeOfDay(at, zone, now)}; nobody else will be escalated to.`,
    ],
    alert: result.alert,
  });
  try {
    await deps.audit.record({
      at,
      event: 'acknowledged',
      subject: claims.alertKey,
      configVersion: deps.configVersion,
      detail: { by: claims.recipient },
    });
  } catch (error) {
    // the acknowledgement itself is on the alert (the briefing reads it there): telling the person it failed
    // would send them phoning round about an escalation that has in fact stopped
    return { ...response, problem: `audit record not written: ${errorName(error)}` };
  }
  return response;
}

function handledBy(
  alert: UrgentAlert,
  recipient: string,
  zone: string,
  now: Date,
  preposition: 'since' | 'at',
): string {
  const when = localTimeOfDay(alert.acknowledgedAt ?? now.toISOString(), zone, now);
  if (alert.acknowledgedBy === recipient) {
    return `You said you were handling this at ${when}.`;
  }
  return preposition === 'since'
    ? `Already being handled by ${alert.acknowledgedBy ?? 'someone'} since ${when}.`
    : `${alert.acknowledgedBy ?? 'Someone'} said they were handling this at ${when}.`;
}

function invalidLink(deps: AcknowledgeDeps, reason: 'malformed' | 'bad-signature'): AcknowledgeResponse {
  return refuse(deps, 403, reason, 'This link is not valid', [
    'This link is not valid: it may have been cut short or changed when it was copied.',
    'Open it again from the urgent email. If it still fails, tell the duty team you are handling the alert.',
  ]);
}

function refuse(
  deps: AcknowledgeDeps,
  status: number,
  outcome: AcknowledgeOutcome,
  heading: string,
  paragraphs: string[],
): AcknowledgeResponse {
  return page(deps, status, outcome, { title: heading, heading, paragraphs });
}

function page(
  deps: AcknowledgeDeps,
  status: number,
  outcome: AcknowledgeOutcome,
  parts: PageParts,
): AcknowledgeResponse {
  return { status, outcome, html: renderPage(deps.config, parts) };
}

/** the error's class only: messages from the SDK can quote request data */
function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
