/**
 * Everything the handlers keep between invocations (one DynamoDB table on AWS), as small stores split by
 * concern. A service names the stores it uses; the adapter provides them all over one table.
 */
import type { AuditLog } from './state/audit-log';
import type { DeploymentRecord } from './state/deployment';
import type { FoundMentions } from './state/found-mentions';
import type { MentionLedger, SourceHealthStore } from './state/mention-ledger';
import type { PauseStore } from './state/pause-store';
import type { PostClaims, RotationStore } from './state/post-claims';
import type { RunClaims } from './state/run-claims';
import type { UrgentAlerts } from './state/urgent-alerts';

export type * from './state/audit-log';
export type * from './state/deployment';
export type * from './state/found-mentions';
export type * from './state/mention-ledger';
export type * from './state/pause-store';
export type * from './state/post-claims';
export type * from './state/run-claims';
export type * from './state/urgent-alerts';

export interface StateStores {
  posts: PostClaims;
  rotation: RotationStore;
  runs: RunClaims;
  ledger: MentionLedger;
  sourceHealth: SourceHealthStore;
  found: FoundMentions;
  urgent: UrgentAlerts;
  audit: AuditLog;
  pause: PauseStore;
  deployment: DeploymentRecord;
}

/** How long seen marks, found mentions and urgent alerts are kept (the TTL attribute): long enough to dedupe. */
export const MENTION_TTL_DAYS = 30;
