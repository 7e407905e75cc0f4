import type { AuditLog } from '../ports/state/audit-log';

/**
 * Writes the deployed commit into every audit record, in this one place rather than at each service's record
 * call, so `social-duty audit` can say which approved change posted what.
 */
export function stampedAudit(audit: AuditLog, commit: string | undefined): AuditLog {
  if (commit === undefined) return audit;
  return {
    record: (record) => audit.record({ ...record, commit }),
    list: (fromIso, toIso) => audit.list(fromIso, toIso),
  };
}
