import { addDays, canonicalUtc, isoWithOffset, localDateTime, type IsoDate } from '../core/calendar/dates';
import type { WorkingCalendar } from '../core/calendar/working-calendar';
import { CLAIM_LEASE_MS, type ServiceDeps } from './service-deps';
import { postingText, postingsOn } from '../core/plan/occurrences';
import { previousBriefingInstant } from '../core/plan/sweep-timing';
import type { AuditRecord } from '../ports/state';
import { briefingEmail, type BriefingPost } from './duty-emails';

export type BriefingDeps = ServiceDeps;

export type BriefingOutcome =
  | { outcome: 'not-due' }
  | { outcome: 'already-sent' }
  | { outcome: 'sent'; to: string; mentions: number; posts: number; failures: number };

const BRIEFING_ID = 'briefing';

/**
 * The morning email on a working day: today's posts, every mention held since the previous briefing (Monday's
 * covers the weekend), failures since then, and who is on duty tomorrow. Claimed like a post, so a repeated
 * delivery sends it once.
 */
export async function handleBriefing(deps: BriefingDeps, scheduledTime: string): Promise<BriefingOutcome> {
  const { config, calendar, state } = deps;
  const instant = canonicalUtc(scheduledTime);
  const { date } = localDateTime(instant, config.organisation.timezone);
  if (!calendar.isWorkingDay(date)) return { outcome: 'not-due' };

  const now = deps.clock.now();
  const to = calendar.dutyPerson(date);
  const claim = await state.claimPost({
    postId: BRIEFING_ID,
    scheduledTime: instant,
    account: '-',
    text: `briefing to ${to}`,
    configVersion: deps.configVersion,
    claimedAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
  });
  // a delivery whose email failed marked its claim failed: the scheduler's retry sends it after all
  if (!claim.claimed && claim.existing.status !== 'failed') return { outcome: 'already-sent' };

  const since = previousBriefingInstant(config, calendar, date);
  // independent reads, side by side: the briefing is one round trip of them, not four
  const [held, records, pause] = await Promise.all([
    state.listHeld(since),
    state.listAudit(since, now.toISOString()),
    state.getPause(),
  ]);
  // a sweep that stopped after holding re-finds and holds again: list each mention once
  const current = held.filter((m) => m.foundAt <= now.toISOString());
  const mentions = [...new Map(current.map((m) => [`${m.source}#${m.id}`, m])).values()];
  const failures = records.filter((r) => r.event === 'failed' || r.event === 'stuck');
  // each scheduled post with the text it will really use: the next variant in its rotation
  const posts: BriefingPost[] = await Promise.all(
    postingsOn(config, calendar, date, pause)
      .filter((o) => o.reason !== 'outside campaign')
      .map(async (o) => ({
        at: isoWithOffset(o.at),
        id: o.id,
        kind: o.kind,
        status: o.status,
        ...(o.reason ? { reason: o.reason } : {}),
        ...(o.status === 'scheduled'
          ? { text: postingText(config, calendar, o, o.kind === 'post' ? await state.getRotation(o.id) : 0) }
          : {}),
      })),
  );

  const email = briefingEmail(config, {
    to,
    date,
    since,
    posts,
    mentions,
    failures,
    tomorrow: nextDuty(calendar, date),
  });
  try {
    await deps.mailer.send(email);
  } catch (error) {
    await state.completePost(
      BRIEFING_ID,
      instant,
      { status: 'failed', reason: (error as Error).message },
      now.toISOString(),
    );
    throw error;
  }
  await state.completePost(
    BRIEFING_ID,
    instant,
    { status: 'posted', tweetId: '-', text: `briefing to ${to}` },
    now.toISOString(),
  );
  await audit(deps, instant, { mentions: mentions.length, posts: posts.length, failures: failures.length });
  return { outcome: 'sent', to, mentions: mentions.length, posts: posts.length, failures: failures.length };
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
  await deps.state.audit({
    at: deps.clock.now().toISOString(),
    event: 'briefing',
    subject: BRIEFING_ID,
    scheduledTime,
    configVersion: deps.configVersion,
    ...(detail ? { detail } : {}),
  });
}
