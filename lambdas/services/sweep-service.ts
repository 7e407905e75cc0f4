import { canonicalUtc, localDateTime } from '../core/calendar/dates';
import { compileKeywords } from '../core/classify';
import { latestBriefingInstant, sweepModeAt, type SweepMode } from '../core/plan/sweep-timing';
import type { AckLinks } from '../ports/ack-links';
import type { MentionSource } from '../ports/mention-source';
import { MENTION_TTL_DAYS, type FoundMention } from '../ports/state';
import { alertEmail } from './duty-emails';
import type { ServiceDeps } from './service-deps';
import { newMentions } from './sweep/new-mentions';
import { isRead, readSource } from './sweep/source-reader';
import { alertUrgent, escalateOverdue } from './urgent-alerting';

export { SOURCE_FAILURE_THRESHOLD } from './sweep/source-reader';

export interface SweepDeps extends ServiceDeps {
  sources: MentionSource[];
  ackLinks: AckLinks;
}

export interface SweepSummary {
  mode: SweepMode | 'not-due' | 'duplicate';
  found: number;
  urgent: number;
  /** mentions listed in this tick's alert email (found now or by the ticks since the last one) */
  alerted: number;
  /** non-urgent mentions recorded for the next alert email or briefing */
  held: number;
  escalated: number;
  failedSources: string[];
}

/**
 * A sweep tick can run longer than a duplicate delivery takes to arrive; past this, its claimer is presumed dead
 * and a retry may run the tick (the function's timeout is 120 s).
 */
const TICK_LEASE_MS = 120_000;
/** tick claims only need to outlive a late duplicate delivery (Scheduler gives up on an event after an hour) */
const TICK_CLAIM_DAYS = 2;

/**
 * One sweep tick: read every source, alert urgent mentions at once, record everything else for the next alert
 * email or briefing, send the alert email on working-hours ticks, and escalate urgent alerts nobody acknowledged.
 * A mention is marked seen, and its source's cursor moved on, only once it was emailed or recorded.
 */
export async function handleSweep(deps: SweepDeps, scheduledTime: string): Promise<SweepSummary> {
  const tick = canonicalUtc(scheduledTime);
  const mode = sweepModeAt(deps.config, deps.calendar, tick);
  const summary: SweepSummary = {
    mode: mode ?? 'not-due',
    found: 0,
    urgent: 0,
    alerted: 0,
    held: 0,
    escalated: 0,
    failedSources: [],
  };
  if (!mode) return summary;

  // two deliveries of one tick must not both alert: the first claims it, the other stops here
  const now = deps.clock.now();
  const claim = await deps.state.runs.claim('sweep', tick, now.toISOString(), TICK_LEASE_MS, TICK_CLAIM_DAYS);
  if (!claim.claimed) return { ...summary, mode: 'duplicate' };
  try {
    await sweep(deps, tick, mode, summary);
  } catch (error) {
    // a retry of this tick may run at once: nothing it did is lost, and nothing is marked seen that was not handled
    await deps.state.runs.finish('sweep', tick, 'failed', deps.clock.now().toISOString());
    throw error;
  }
  await deps.state.runs.finish('sweep', tick, 'done', deps.clock.now().toISOString());
  return summary;
}

async function sweep(deps: SweepDeps, tick: string, mode: SweepMode, summary: SweepSummary): Promise<void> {
  const { state, config } = deps;
  const now = deps.clock.now();
  const dutyPerson = deps.calendar.dutyPerson(localDateTime(tick, config.organisation.timezone).date);
  const keywords = config.sweeps?.keywords ?? { concern: [], urgent: [] };

  const results = await Promise.all(deps.sources.map((source) => readSource(deps, source, now, dutyPerson)));
  const reads = results.filter(isRead);
  summary.failedSources = results.filter((r) => !isRead(r)).map((r) => r.source.id);
  const { fresh, toMark } = await newMentions(state.ledger, reads, compileKeywords(keywords), now);
  summary.found = fresh.length;

  // recorded first, so the briefing has every mention even if an email below fails
  if (fresh.length > 0) await state.found.record(fresh);
  for (const mention of fresh.filter((m) => m.category === 'urgent')) {
    if (await alertUrgent(deps, mention, dutyPerson, tick)) summary.urgent++;
  }
  if (mode === 'working-hours') summary.alerted = await sendAlertEmail(deps, tick, dutyPerson);
  else summary.held = fresh.filter((m) => m.category !== 'urgent').length;

  // every mention is now emailed or recorded: only now may the sources move on
  for (const [namespace, ids] of toMark)
    await state.ledger.markSeen(namespace, ids, now.toISOString(), MENTION_TTL_DAYS);
  for (const read of reads)
    if (read.nextCursor) await state.ledger.setCursor(read.source.id, read.nextCursor);

  summary.escalated = await escalateOverdue(deps, tick);
  // a tick that found nothing and failed nowhere is not worth a record (there are 288 a day)
  if (summary.found > 0 || summary.failedSources.length > 0) {
    await state.audit.record({
      at: deps.clock.now().toISOString(),
      event: 'sweep',
      subject: 'sweep',
      scheduledTime: tick,
      configVersion: deps.configVersion,
      detail: {
        mode,
        found: summary.found,
        urgent: summary.urgent,
        alerted: summary.alerted,
        held: summary.held,
        failedSources: summary.failedSources.length,
      },
    });
  }
}

/**
 * One email listing every concern and general mention found since the last briefing that no alert email has
 * listed yet: this tick's, the ticks' between alert emails, and those found out of hours after the briefing.
 */
async function sendAlertEmail(deps: SweepDeps, tick: string, dutyPerson: string): Promise<number> {
  const since = latestBriefingInstant(deps.config, deps.calendar, tick);
  const pending = awaitingAlert(await deps.state.found.listSince(since));
  if (pending.length === 0) return 0;
  const mentions = firstOfEach(pending);
  await deps.mailer.send(alertEmail(deps.config, { to: [dutyPerson], mentions }));
  const at = deps.clock.now().toISOString();
  await deps.state.found.markAlerted(pending, at);
  await deps.state.audit.record({
    at,
    event: 'alert',
    subject: 'sweep',
    scheduledTime: tick,
    configVersion: deps.configVersion,
    detail: {
      mentions: mentions.length,
      concerns: mentions.filter((m) => m.category === 'concern').length,
      to: dutyPerson,
    },
  });
  return mentions.length;
}

/** non-urgent records of mentions no alert email has listed (a mention found twice after a crash has two) */
function awaitingAlert(found: FoundMention[]): FoundMention[] {
  const alerted = new Set(found.filter((m) => m.alertedAt).map((m) => m.key));
  return found.filter((m) => m.category !== 'urgent' && !alerted.has(m.key));
}

/** the first record of each mention, in the order found */
export function firstOfEach(found: FoundMention[]): FoundMention[] {
  const keys = new Set<string>();
  return found.filter((m) => !keys.has(m.key) && keys.add(m.key));
}
