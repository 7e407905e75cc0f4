/**
 * Every state store on one DynamoDB table (dynalite locally). Key layout: ../state-table.ts.
 * Exactly-once claims, stuck marks, rotation and acknowledgements rest on single-item conditional writes only:
 * dynalite has no transactions.
 */
import type { StateStores } from '../../ports/state';
import { DynamoDbAuditLog } from './audit-log';
import { DynamoDbDeploymentRecord } from './deployment';
import { DynamoDbFoundMentions } from './found-mentions';
import { DynamoDbMentionLedger, DynamoDbSourceHealth } from './mention-ledger';
import { DynamoDbPauseStore } from './pause-store';
import { DynamoDbPostClaims, DynamoDbRotation } from './post-claims';
import { DynamoDbRunClaims } from './run-claims';
import { TableClient, type TableOptions } from './table-client';
import { DynamoDbUrgentAlerts } from './urgent-alerts';

export function dynamoDbStateStores(options: TableOptions): StateStores {
  const table = new TableClient(options);
  return {
    posts: new DynamoDbPostClaims(table),
    rotation: new DynamoDbRotation(table),
    runs: new DynamoDbRunClaims(table),
    ledger: new DynamoDbMentionLedger(table),
    sourceHealth: new DynamoDbSourceHealth(table),
    found: new DynamoDbFoundMentions(table),
    urgent: new DynamoDbUrgentAlerts(table),
    audit: new DynamoDbAuditLog(table),
    pause: new DynamoDbPauseStore(table),
    deployment: new DynamoDbDeploymentRecord(table),
  };
}
