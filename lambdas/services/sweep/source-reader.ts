import type { Mention } from '../../ports/mention';
import type { MentionSource } from '../../ports/mention-source';
import { sourceHealthEmail } from '../duty-emails';
import type { SweepDeps } from '../sweep-service';

/**
 * A source is reported to the duty officer (once, and once on recovery) when it has failed this many sweeps in a
 * row over at least SOURCE_FAILURE_MINUTES: sweeps run every few minutes, and a blip of ten minutes is not worth
 * an email, while an hour without mentions from X is.
 */
export const SOURCE_FAILURE_THRESHOLD = 3;
export const SOURCE_FAILURE_MINUTES = 30;

export interface SourceRead {
  source: MentionSource;
  mentions: Mention[];
  nextCursor?: string;
}

export type SourceResult = SourceRead | { source: MentionSource; error: string };

/**
 * Reads one source from its cursor. A failure is that source's alone: it is counted, reported once it has
 * failed SOURCE_FAILURE_THRESHOLD sweeps in a row, and its recovery is reported once.
 */
export async function readSource(
  deps: SweepDeps,
  source: MentionSource,
  now: Date,
  dutyPerson: string,
): Promise<SourceResult> {
  const { sourceHealth } = deps.state;
  const health = await sourceHealth.get(source.id);
  try {
    const cursor = await deps.state.ledger.getCursor(source.id);
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
        await auditSource(deps, now, 'source-recovered', source.id, {});
      }
      await sourceHealth.set(source.id, { consecutiveFailures: 0, alerted: false });
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
    const failingSince = health.failingSince ?? now.toISOString();
    const longEnough = now.getTime() - Date.parse(failingSince) >= SOURCE_FAILURE_MINUTES * 60_000;
    const tellNow = failures >= SOURCE_FAILURE_THRESHOLD && longEnough && !health.alerted;
    if (tellNow) {
      await deps.mailer.send(
        sourceHealthEmail(deps.config, {
          to: [dutyPerson],
          sourceId: source.id,
          status: 'failing',
          at: now.toISOString(),
          error: message,
          failures,
          failingSince,
        }),
      );
      await auditSource(deps, now, 'source-failing', source.id, { failures, error: message });
    }
    await sourceHealth.set(source.id, {
      consecutiveFailures: failures,
      alerted: health.alerted || tellNow,
      lastError: message,
      failingSince,
    });
    return { source, error: message };
  }
}

export function isRead(result: SourceResult): result is SourceRead {
  return !('error' in result);
}

async function auditSource(
  deps: SweepDeps,
  now: Date,
  event: 'source-failing' | 'source-recovered',
  sourceId: string,
  detail: Record<string, string | number>,
): Promise<void> {
  await deps.state.audit.record({
    at: now.toISOString(),
    event,
    subject: sourceId,
    configVersion: deps.configVersion,
    ...(Object.keys(detail).length > 0 ? { detail } : {}),
  });
}
