import { addDays, canonicalUtc, isoWithOffset, localDateTime, type IsoDate } from '../core/calendar/dates';
import { accountLabel } from '../core/network-links';
import type { WorkingCalendar } from '../core/calendar/working-calendar';
import { postingText, postingsOn } from '../core/plan/occurrences';
import { isWorkingTime, previousBriefingInstant } from '../core/plan/sweep-timing';
import type { AuditRecord, FoundMention, UrgentAlert } from '../ports/state';
import { briefingEmail, shortLocalTime, type BriefingMention, type BriefingPost } from './duty-emails';
import { CLAIM_LEASE_MS, type ServiceDeps } from './service-deps';

export type BriefingDeps = ServiceDeps;

export type BriefingOutcome =
  | { outcome: 'not-due' }
  | { outcome: 'already-sent' }
  | { outcome: 'sent'; to: string; mentions: number; posts: number; failures: number };

const BRIEFING_RUN = 'briefing';
/** a claimed briefing is the record that it went; kept as long as the mentions it listed */
const BRIEFING_CLAIM_DAYS = 30;

/**
 * The morning email on a working day: today's posts in time order, every mention found since the previous
 * briefing (Monday's covers the weekend) with how each was handled, failures since then, and who is on duty
 * tomorrow. Claimed with a lease: a repeated delivery sends nothing, and a retry after a crash sends it.
 */
export async function handleBriefing(deps: BriefingDeps, scheduledTime: string): Promise<BriefingOutcome> {
  const { config, calendar, state } = deps;
  const instant = canonicalUtc(scheduledTime);
  const { date } = localDateTime(instant, config.organisation.timezone);
  if (!calendar.isWorkingDay(date)) return { outcome: 'not-due' };
  if (!(await claimBriefing(deps, instant))) return { outcome: 'already-sent' };

  const now = deps.clock.now();
  const to = calendar.dutyPerson(date);
  try {
    const since = previousBriefingInstant(config, calendar, date);
    // independent reads, side by side
    const [found, records, pause] = await Promise.all([
      state.found.listSince(since),
      state.audit.list(since, now.toISOString()),
      state.pause.get(),
    ]);
    const mentions = await withHandling(
      deps,
      mergeRecords(found.filter((m) => m.foundAt <= now.toISOString())),
    );
    const failures = records.filter((r) => r.event === 'failed' || r.event === 'stuck');
    const posts = await todaysPosts(deps, date, pause);
    await deps.mailer.send(
      briefingEmail(config, {
        to,
        date,
        since,
        posts,
        mentions,
        failures,
        tomorrow: nextDuty(calendar, date),
      }),
    );
    await state.runs.finish(BRIEFING_RUN, instant, 'done', deps.clock.now().toISOString());
    await audit(deps, instant, {
      mentions: mentions.length,
      posts: posts.length,
      failures: failures.length,
      to,
    });
    return { outcome: 'sent', to, mentions: mentions.length, posts: posts.length, failures: failures.length };
  } catch (error) {
    // the scheduler's retry sends it after all
    await state.runs.finish(BRIEFING_RUN, instant, 'failed', deps.clock.now().toISOString());
    throw error;
  }
}

/**
 * True when this delivery is the one to send. A claim still in progress may be a duplicate delivery that is
 * sending right now: wait out its lease, then take the briefing over if its claimer never finished.
 */
async function claimBriefing(deps: BriefingDeps, instant: string): Promise<boolean> {
  const attempt = () =>
    deps.state.runs.claim(
      BRIEFING_RUN,
      instant,
      deps.clock.now().toISOString(),
      CLAIM_LEASE_MS,
      BRIEFING_CLAIM_DAYS,
    );
  const first = await attempt();
  if (first.claimed) return true;
  if (first.status !== 'in-progress') return false;
  const wait = Date.parse(first.leaseUntil) - deps.clock.now().getTime();
  if (wait > 0) await deps.clock.sleep(wait + 100);
  return (await attempt()).claimed;
}

/** each scheduled post with the text it will really use (the next variant in its rotation), in time order */
async function todaysPosts(
  deps: BriefingDeps,
  date: IsoDate,
  pause: Awaited<ReturnType<BriefingDeps['state']['pause']['get']>>,
): Promise<BriefingPost[]> {
  const { config, calendar, state } = deps;
  const several = Object.keys(config.accounts).length > 1;
  const posts = await Promise.all(
    postingsOn(config, calendar, date, pause)
      .filter((o) => o.reason !== 'outside campaign')
      .map(async (o) => {
        const sequence = o.kind === 'post' && o.status === 'scheduled' ? await state.rotation.get(o.id) : 0;
        return o.targets.map((target) => ({
          at: isoWithOffset(o.at),
          id: o.id,
          kind: o.kind,
          status: o.status,
          ...(o.reason ? { reason: o.reason } : {}),
          ...(o.status === 'scheduled'
            ? { text: postingText(config, calendar, o, sequence, target.network) }
            : {}),
          ...(several ? { where: accountLabel(config.accounts, target.account) } : {}),
        }));
      }),
  ).then((lists) => lists.flat());
  return posts.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

/**
 * One entry per mention. A sweep that stopped after recording re-finds and records it again, so a mention can
 * have several records: the first says when it was found, any says whether an alert email listed it.
 */
function mergeRecords(found: FoundMention[]): FoundMention[] {
  const byKey = new Map<string, FoundMention>();
  for (const record of found) {
    const first = byKey.get(record.key);
    if (!first) byKey.set(record.key, record);
    else if (!first.alertedAt && record.alertedAt)
      byKey.set(record.key, { ...first, alertedAt: record.alertedAt });
  }
  return [...byKey.values()];
}

async function withHandling(deps: BriefingDeps, mentions: FoundMention[]): Promise<BriefingMention[]> {
  const urgentKeys = mentions.filter((m) => m.category === 'urgent').map((m) => m.key);
  const alerts =
    urgentKeys.length > 0 ? await deps.state.urgent.getMany(urgentKeys) : new Map<string, UrgentAlert>();
  return mentions.map((m) => ({ ...m, handling: handlingOf(deps, m, alerts.get(m.key)) }));
}

/** what became of a mention, in the duty officer's words */
function handlingOf(deps: BriefingDeps, mention: FoundMention, alert: UrgentAlert | undefined): string {
  const zone = deps.config.organisation.timezone;
  const when = (iso: string) => shortLocalTime(iso, zone);
  if (mention.category === 'urgent') {
    if (!alert) return 'urgent: the urgent email could not be sent (see problems); act on it now';
    const parts = [
      `urgent: emailed ${when(alert.alertedAt)} to ${alert.recipients.slice(0, alert.recipients.length - alert.escalations.length).join(', ')}`,
    ];
    if (alert.escalations.length > 0)
      parts.push(`escalated to ${alert.escalations.map((e) => `${e.to} at ${when(e.at)}`).join(', ')}`);
    parts.push(
      alert.acknowledgedAt && alert.acknowledgedBy
        ? `acknowledged ${when(alert.acknowledgedAt)} by ${alert.acknowledgedBy}`
        : 'not acknowledged',
    );
    return parts.join('; ');
  }
  if (mention.alertedAt) return `alerted ${when(mention.alertedAt)}`;
  const { date, time } = localDateTime(mention.foundAt, zone);
  return isWorkingTime(deps.config, deps.calendar, date, time)
    ? `found ${when(mention.foundAt)}; no alert email listed it yet`
    : `found ${when(mention.foundAt)}, out of hours: first shown here`;
}

function nextDuty(calendar: WorkingCalendar, date: IsoDate): { date: IsoDate; to: string; working: boolean } {
  const tomorrow = addDays(date, 1);
  return { date: tomorrow, to: calendar.dutyPerson(tomorrow), working: calendar.isWorkingDay(tomorrow) };
}

async function audit(
  deps: BriefingDeps,
  scheduledTime: string,
  detail: AuditRecord['detail'],
): Promise<void> {
  await deps.state.audit.record({
    at: deps.clock.now().toISOString(),
    event: 'briefing',
    subject: BRIEFING_RUN,
    scheduledTime,
    configVersion: deps.configVersion,
    ...(detail ? { detail } : {}),
  });
}
