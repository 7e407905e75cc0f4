import type { Config } from '../core/config/schema';
import { canonicalUtc, localDateTime } from '../core/calendar/dates';
import type { ServiceDeps } from './service-deps';
import { sweepModeAt, type SweepMode } from '../core/plan/sweep-timing';
import { compileKeywords, type KeywordMatcher } from '../core/classify';
import type { Mention } from '../ports/mention';
import type { MentionSource } from '../ports/mention-source';
import { MENTION_TTL_DAYS, type AuditRecord, type HeldMention, type StatePort } from '../ports/state';
import { alertEmail, sourceHealthEmail, urgentEmail, type ClassifiedMention } from './duty-emails';

export interface SweepDeps extends ServiceDeps {
  sources: MentionSource[];
}

export interface SweepSummary {
  mode: SweepMode | 'not-due';
  found: number;
  urgent: number;
  alerted: number;
  held: number;
  failedSources: string[];
}

/** After this many failed sweeps in a row a source is reported to the duty officer (once, and once on recovery). */
export const SOURCE_FAILURE_THRESHOLD = 3;

/**
 * One sweep: every source is read independently; new mentions are classified and routed; a mention is marked
 * seen, and its source's cursor moved on, only after its email went out or it was held for the briefing.
 */
export async function handleSweep(deps: SweepDeps, scheduledTime: string): Promise<SweepSummary> {
  const instant = canonicalUtc(scheduledTime);
  const mode = sweepModeAt(deps.config, deps.calendar, instant);
  const summary: SweepSummary = {
    mode: mode ?? 'not-due',
    found: 0,
    urgent: 0,
    alerted: 0,
    held: 0,
    failedSources: [],
  };
  if (!mode) return summary;

  const { date } = localDateTime(instant, deps.config.organisation.timezone);
  const dutyPerson = deps.calendar.dutyPerson(date);
  const matcher = compileKeywords(deps.config.sweeps?.keywords ?? { concern: [], urgent: [] });
  const now = deps.clock.now();

  const fetched = await Promise.all(deps.sources.map((source) => fetchSource(deps, source, now, dutyPerson)));
  const batches = fetched.filter((b): b is FetchedBatch => {
    if (b.error !== undefined) summary.failedSources.push(b.source.id);
    return b.error === undefined;
  });

  // the same tweet can come from x-mentions and x-search: route it once, mark it seen for both
  const routedKeys = new Set<string>();
  const fresh: ClassifiedMention[] = [];
  const unseenByBatch = new Map<FetchedBatch, Mention[]>();
  for (const batch of batches) {
    const mentions = await unseen(deps.state, batch);
    unseenByBatch.set(batch, mentions);
    for (const mention of mentions) {
      const key = dedupeKey(mention);
      if (routedKeys.has(key)) continue;
      routedKeys.add(key);
      fresh.push(classify(deps.config, matcher, mention));
    }
  }
  summary.found = fresh.length;
  const marked = new Set<string>();
  await route(deps, fresh, mode, dutyPerson, instant, summary, marked);
  // what is left: held mentions, and duplicates of routed ones (the same tweet from a second source)
  for (const [batch, mentions] of unseenByBatch) {
    await markSeen(deps, mentions, marked);
    if (batch.nextCursor) await deps.state.setCursor(batch.source.id, batch.nextCursor);
  }
  // a sweep that found nothing and failed nowhere is not worth a record (there are 48 a day)
  if (summary.found > 0 || summary.failedSources.length > 0)
    await audit(deps, instant, { ...countsOf(summary), mode }, 'sweep', 'sweep');
  return summary;
}

interface FetchedBatch {
  source: MentionSource;
  mentions: Mention[];
  nextCursor?: string;
  error?: undefined;
}

async function fetchSource(
  deps: SweepDeps,
  source: MentionSource,
  now: Date,
  dutyPerson: string,
): Promise<FetchedBatch | { source: MentionSource; error: string }> {
  const health = await deps.state.getSourceHealth(source.id);
  try {
    const cursor = await deps.state.getCursor(source.id);
    const batch = await source.fetchNew(cursor, now);
    if (health.consecutiveFailures > 0 || health.alerted) {
      if (health.alerted) {
        await deps.mailer.send(
          sourceHealthEmail(deps.config, {
            to: [dutyPerson],
            sourceId: source.id,
            status: 'recovered',
            at: now.toISOString(),
          }),
        );
        await audit(deps, now.toISOString(), {}, 'source-recovered', source.id);
      }
      await deps.state.setSourceHealth(source.id, { consecutiveFailures: 0, alerted: false });
    }
    return {
      source,
      mentions: batch.mentions,
      ...(batch.nextCursor ? { nextCursor: batch.nextCursor } : {}),
    };
  } catch (error) {
    // the error message names the source and the HTTP status; it never carries mention text
    const message = (error as Error).message.slice(0, 300);
    const failures = health.consecutiveFailures + 1;
    const tellNow = failures >= SOURCE_FAILURE_THRESHOLD && !health.alerted;
    if (tellNow) {
      await deps.mailer.send(
        sourceHealthEmail(deps.config, {
          to: [dutyPerson],
          sourceId: source.id,
          status: 'failing',
          at: now.toISOString(),
          error: message,
          failures,
        }),
      );
      await audit(deps, now.toISOString(), { failures, error: message }, 'source-failing', source.id);
    }
    await deps.state.setSourceHealth(source.id, {
      consecutiveFailures: failures,
      alerted: health.alerted || tellNow,
      lastError: message,
    });
    return { source, error: message };
  }
}

/** X items share one namespace (a tweet is a tweet, whichever source found it); each feed has its own. */
function seenNamespace(mention: Mention): string {
  return mention.sourceType === 'feed' ? mention.source : 'x';
}

function dedupeKey(mention: Mention): string {
  return mention.sourceType === 'feed' ? `web:${mention.url}` : `x:${mention.id}`;
}

function seenId(mention: Mention): string {
  return mention.id;
}

async function unseen(state: StatePort, batch: FetchedBatch): Promise<Mention[]> {
  if (batch.mentions.length === 0) return [];
  const seen = await state.seenIds(seenNamespace(batch.mentions[0] as Mention), batch.mentions.map(seenId));
  return batch.mentions.filter((m) => !seen.has(m.id)).sort((a, b) => a.at.localeCompare(b.at));
}

function classify(config: Config, matcher: KeywordMatcher, mention: Mention): ClassifiedMention {
  const { category, matched } = matcher(`${mention.title ?? ''} ${mention.text}`);
  return { ...mention, category, matched };
}

/**
 * Urgent: at once, any hour, to the duty person and urgentAlso. Concern and general: one email per sweep in
 * working hours, otherwise held for the next briefing. Out of hours, urgent ones are held too so the briefing
 * shows what happened overnight.
 */
async function route(
  deps: SweepDeps,
  mentions: ClassifiedMention[],
  mode: SweepMode,
  dutyPerson: string,
  instant: string,
  summary: SweepSummary,
  marked: Set<string>,
): Promise<void> {
  const urgent = mentions.filter((m) => m.category === 'urgent');
  const others = mentions.filter((m) => m.category !== 'urgent');
  const urgentTo = unique([dutyPerson, ...deps.config.duty.urgentAlso]);
  // out of hours everything is held first, so the briefing has it even if an email below fails
  if (mode === 'out-of-hours' && mentions.length > 0) {
    const foundAt = deps.clock.now().toISOString();
    await deps.state.holdForBriefing(mentions.map((m): HeldMention => ({ ...stripMatched(m), foundAt })));
    summary.held += mentions.length;
  }
  for (const mention of urgent) {
    await deps.mailer.send(urgentEmail(deps.config, { to: urgentTo, mention }));
    // seen at once: a crash after this point must not send this urgent email again
    await markSeen(deps, [mention], marked);
    // the item id, never its text, tells records of one sweep apart
    await audit(deps, instant, { recipients: urgentTo.length }, 'urgent', `${mention.source}:${mention.id}`);
    summary.urgent++;
  }
  if (mode === 'working-hours' && others.length > 0) {
    await deps.mailer.send(alertEmail(deps.config, { to: [dutyPerson], mentions: others }));
    await markSeen(deps, others, marked);
    const concerns = others.filter((m) => m.category === 'concern').length;
    await audit(deps, instant, { mentions: others.length, concerns }, 'alert', 'sweep');
    summary.alerted += others.length;
  }
}

/** marks mentions seen in their namespace (X items share one, each feed has its own), each once per sweep */
async function markSeen(deps: SweepDeps, mentions: Mention[], marked: Set<string>): Promise<void> {
  const byNamespace = new Map<string, string[]>();
  for (const m of mentions) {
    const key = `${seenNamespace(m)}#${m.id}`;
    if (marked.has(key)) continue;
    marked.add(key);
    byNamespace.set(seenNamespace(m), [...(byNamespace.get(seenNamespace(m)) ?? []), m.id]);
  }
  const now = deps.clock.now().toISOString();
  for (const [namespace, ids] of byNamespace)
    await deps.state.markSeen(namespace, ids, now, MENTION_TTL_DAYS);
}

function stripMatched(mention: ClassifiedMention): Omit<HeldMention, 'foundAt'> {
  const { matched: _matched, ...rest } = mention;
  return rest;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function countsOf(summary: SweepSummary): Record<string, number> {
  return {
    found: summary.found,
    urgent: summary.urgent,
    alerted: summary.alerted,
    held: summary.held,
    failedSources: summary.failedSources.length,
  };
}

async function audit(
  deps: SweepDeps,
  at: string,
  detail: AuditRecord['detail'],
  event: AuditRecord['event'],
  subject: string,
): Promise<void> {
  await deps.state.audit({
    at: deps.clock.now().toISOString(),
    event,
    subject,
    scheduledTime: at,
    configVersion: deps.configVersion,
    ...(detail ? { detail } : {}),
  });
}
