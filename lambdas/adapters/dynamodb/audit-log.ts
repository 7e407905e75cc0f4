import type { AuditLog, AuditRecord } from '../../ports/state';
import { auditMonth, instantKey, stateKeys } from '../state-table';
import { withoutUndefined, type Item, type TableClient } from './table-client';

/** One partition a month, sorted by time: a range is a query per month it touches. */
export class DynamoDbAuditLog implements AuditLog {
  constructor(private readonly table: TableClient) {}

  async record(record: AuditRecord): Promise<void> {
    await this.table.put(
      stateKeys.audit(record.at, record.event, record.subject),
      withoutUndefined({
        at: record.at,
        event: record.event,
        subject: record.subject,
        scheduledTime: record.scheduledTime,
        configVersion: record.configVersion,
        commit: record.commit,
        detail: record.detail && withoutUndefined(record.detail),
      }),
    );
  }

  async list(fromIso: string, toIso: string): Promise<AuditRecord[]> {
    const from = instantKey(fromIso);
    const to = instantKey(toIso);
    if (from >= to) return [];
    // `to` is exclusive: a range ending at midnight on the 1st does not touch the new month
    const lastMonth = auditMonth(new Date(Date.parse(to) - 1).toISOString());
    const months = monthsBetween(auditMonth(from), lastMonth);
    const pages = await Promise.all(
      months.map((month) =>
        // `<to>#…` sorts after `<to>`, so BETWEEN's inclusive upper bound still excludes records at `to`
        this.table.queryAll({
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':pk': stateKeys.auditPartition(month), ':from': from, ':to': to },
        }),
      ),
    );
    return pages.flat().map(toAuditRecord);
  }
}

function toAuditRecord(item: Item): AuditRecord {
  const record: AuditRecord = {
    at: String(item['at']),
    event: item['event'] as AuditRecord['event'],
    subject: String(item['subject']),
    configVersion: String(item['configVersion']),
  };
  if (typeof item['scheduledTime'] === 'string') record.scheduledTime = item['scheduledTime'];
  if (typeof item['commit'] === 'string') record.commit = item['commit'];
  if (item['detail'] && typeof item['detail'] === 'object') {
    record.detail = item['detail'] as NonNullable<AuditRecord['detail']>;
  }
  return record;
}

/** every `yyyy-mm` from `first` to `last`, inclusive */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  let year = Number(first.slice(0, 4));
  let month = Number(first.slice(5, 7));
  for (;;) {
    const current = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    if (current > last) return months;
    months.push(current);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
}
