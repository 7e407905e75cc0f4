import { addDays, localInstant } from '../../lambdas/core/calendar/dates';
import type { AuditLog, AuditRecord } from '../../lambdas/ports/state';
import { shortLocal } from '../dates';

/** Audit records whose time falls on the local dates from..to (inclusive), oldest first. */
export async function auditBetween(
  audit: AuditLog,
  zone: string,
  from: string,
  to: string,
): Promise<AuditRecord[]> {
  const start = localInstant(from, '00:00', zone).toUtcIso();
  const end = localInstant(addDays(to, 1), '00:00', zone).toUtcIso();
  return audit.list(start, end);
}

export function formatAudit(records: AuditRecord[], zone: string): string {
  if (records.length === 0) return 'No audit records in that range.';
  return records
    .map((r) => {
      const detail = Object.entries(r.detail ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      const scheduled = r.scheduledTime ? ` (scheduled ${shortLocal(r.scheduledTime, zone)})` : '';
      return `${shortLocal(r.at, zone)}  ${r.event.padEnd(16)} ${r.subject.padEnd(18)} config ${r.configVersion}${r.commit ? ` commit ${r.commit.slice(0, 12)}` : ''}${scheduled}${detail ? `  ${detail}` : ''}`;
    })
    .join('\n');
}
