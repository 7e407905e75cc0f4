export type AuditEvent =
  | 'posted'
  | 'skipped'
  | 'failed'
  | 'deleted'
  | 'stuck'
  | 'alert'
  | 'urgent'
  | 'acknowledged'
  | 'escalated'
  | 'briefing'
  | 'sweep'
  | 'source-failing'
  | 'source-recovered'
  | 'pause'
  | 'resume';

/** What happened, when, for which schedule. Never holds mention text. */
export interface AuditRecord {
  /** ISO instant the event happened */
  at: string;
  event: AuditEvent;
  /** schedule or source id, e.g. `pals`, `closing`, `sweep`, `x-mentions`, or a mention key */
  subject: string;
  scheduledTime?: string;
  configVersion: string;
  /** the git commit the running functions were deployed from, when the deploy named one */
  commit?: string;
  /** short facts: reason, tweetId, counts, recipients, rules. No mention text. */
  detail?: Record<string, string | number | boolean>;
}

export interface AuditLog {
  record(record: AuditRecord): Promise<void>;
  /** audit records with `at` in [fromIso, toIso), oldest first */
  list(fromIso: string, toIso: string): Promise<AuditRecord[]>;
}
