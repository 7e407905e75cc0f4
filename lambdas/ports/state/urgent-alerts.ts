import type { Mention } from '../mention';

export interface EscalationStep {
  to: string;
  at: string;
}

/**
 * An urgent mention that was emailed: who has been told, whether anyone has said they are handling it, and when
 * it escalates next. Holds the mention (the acknowledge page shows it); kept 30 days like the mention itself.
 */
export interface UrgentAlert {
  /** the mention's key (see FoundMention.key) */
  key: string;
  mention: Mention;
  matched: string[];
  /** the first urgent email */
  alertedAt: string;
  /** everyone emailed about it so far, in order: the first urgent email's recipients, then each escalation's */
  recipients: string[];
  escalations: EscalationStep[];
  /** when the next escalation email is due; absent once acknowledged or when nobody is left to escalate to */
  nextEscalationAt?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
}

export type AcknowledgeResult =
  | { acknowledged: true; alert: UrgentAlert }
  | { acknowledged: false; reason: 'unknown' }
  | { acknowledged: false; reason: 'already'; alert: UrgentAlert };

export interface UrgentAlerts {
  /** records a new urgent alert; an alert already open under the key is kept as it is (false) */
  open(alert: UrgentAlert): Promise<boolean>;
  get(key: string): Promise<UrgentAlert | undefined>;
  getMany(keys: string[]): Promise<Map<string, UrgentAlert>>;
  /** conditional: only the first acknowledgement counts, and it stops any further escalation */
  acknowledge(key: string, by: string, at: string): Promise<AcknowledgeResult>;
  /** unacknowledged alerts whose next escalation is due at or before `now` */
  dueForEscalation(now: string): Promise<UrgentAlert[]>;
  /**
   * Records escalation step `step` (0-based: the number of escalations before it) as sent to `step.to`, and
   * when the next one is due (none: the chain is finished). Conditional on no other caller having recorded that
   * step and on the alert not being acknowledged; false when the condition failed.
   */
  recordEscalation(
    key: string,
    step: number,
    sent: EscalationStep,
    nextAt: string | undefined,
  ): Promise<boolean>;
}
