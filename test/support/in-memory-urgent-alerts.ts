/**
 * Urgent alerts and the audit log in memory, faithful to the ports (lambdas/ports/state/): the same conditional
 * writes as the DynamoDB adapter, and copies in and out, so a caller cannot change state without a call.
 */
import type {
  AcknowledgeResult,
  AuditLog,
  AuditRecord,
  EscalationStep,
  UrgentAlert,
  UrgentAlerts,
} from '../../lambdas/ports/state';

export class InMemoryUrgentAlerts implements UrgentAlerts {
  private readonly alerts = new Map<string, UrgentAlert>();
  /** every call that could change state, in order, for tests that want to see none was made */
  readonly writes: string[] = [];

  async open(alert: UrgentAlert): Promise<boolean> {
    this.writes.push(`open ${alert.key}`);
    if (this.alerts.has(alert.key)) return false;
    this.alerts.set(alert.key, structuredClone(alert));
    return true;
  }

  async get(key: string): Promise<UrgentAlert | undefined> {
    const alert = this.alerts.get(key);
    return alert && structuredClone(alert);
  }

  async getMany(keys: string[]): Promise<Map<string, UrgentAlert>> {
    const found = new Map<string, UrgentAlert>();
    for (const key of keys) {
      const alert = this.alerts.get(key);
      if (alert) found.set(key, structuredClone(alert));
    }
    return found;
  }

  async acknowledge(key: string, by: string, at: string): Promise<AcknowledgeResult> {
    this.writes.push(`acknowledge ${key}`);
    const alert = this.alerts.get(key);
    if (!alert) return { acknowledged: false, reason: 'unknown' };
    // the conditional write: only while acknowledgedAt is not set
    if (alert.acknowledgedAt !== undefined) {
      return { acknowledged: false, reason: 'already', alert: structuredClone(alert) };
    }
    alert.acknowledgedBy = by;
    alert.acknowledgedAt = at;
    delete alert.nextEscalationAt;
    return { acknowledged: true, alert: structuredClone(alert) };
  }

  async dueForEscalation(now: string): Promise<UrgentAlert[]> {
    return [...this.alerts.values()]
      .filter(
        (a) =>
          a.acknowledgedAt === undefined && a.nextEscalationAt !== undefined && a.nextEscalationAt <= now,
      )
      .sort((a, b) => a.alertedAt.localeCompare(b.alertedAt))
      .map((a) => structuredClone(a));
  }

  async recordEscalation(
    key: string,
    step: number,
    sent: EscalationStep,
    nextAt: string | undefined,
  ): Promise<boolean> {
    this.writes.push(`recordEscalation ${key} ${step}`);
    const alert = this.alerts.get(key);
    // the conditional write: the step not yet recorded by another caller, and not acknowledged
    if (!alert || alert.escalations.length !== step || alert.acknowledgedAt !== undefined) return false;
    alert.escalations.push({ ...sent });
    alert.recipients.push(sent.to);
    if (nextAt === undefined) delete alert.nextEscalationAt;
    else alert.nextEscalationAt = nextAt;
    return true;
  }

  /** the stored alert as it is now (a copy) */
  snapshot(key: string): UrgentAlert | undefined {
    const alert = this.alerts.get(key);
    return alert && structuredClone(alert);
  }
}

export class InMemoryAuditLog implements AuditLog {
  private readonly records: AuditRecord[] = [];

  async record(record: AuditRecord): Promise<void> {
    this.records.push(structuredClone(record));
  }

  async list(fromIso: string, toIso: string): Promise<AuditRecord[]> {
    return this.records
      .filter((r) => r.at >= fromIso && r.at < toIso)
      .sort((a, b) => a.at.localeCompare(b.at))
      .map((r) => structuredClone(r));
  }

  /** every record, in the order written */
  all(): AuditRecord[] {
    return this.records.map((r) => structuredClone(r));
  }
}
