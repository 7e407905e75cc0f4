/**
 * EventPublisher on Amazon EventBridge (PutEvents to the stack's own bus). The same code talks to
 * local/eventbridge-server.ts when given its endpoint.
 *
 * The duty work never waits long for it: the SDK's own retries are off, each request has a short timeout, and
 * our retries stop at a small budget per batch. An event that still cannot be published is logged by its
 * eventId and detail-type (a detail holds recipients' addresses, so it is never logged) and counted in an
 * Embedded Metric Format line, which CloudWatch Logs turns into a metric without another AWS call.
 */
import {
  EventBridgeClient,
  PutEventsCommand,
  type EventBridgeClientConfig,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { EVENT_SOURCE } from '../core/events/detail-types';
import type { DutyEvent } from '../core/events/event-schemas';
import type { EventPublisher, PublishReport } from '../ports/event-bus';
import { logger } from '../runtime/logger';

/** PutEvents takes at most 10 entries a request */
export const MAX_ENTRIES_PER_REQUEST = 10;
/** and at most 256 KB of entries, counted as AWS counts them (entrySize) */
export const MAX_REQUEST_BYTES = 256 * 1024;

export const METRIC_NAMESPACE = 'SocialDuty';
export const PUBLISHED_METRIC = 'EventsPublished';
export const FAILED_METRIC = 'EventsFailedToPublish';

/** entry error codes that the same entry will get again however often it is sent */
const PERMANENT_ENTRY_ERRORS = new Set([
  'MalformedDetail',
  'InvalidArgument',
  'AccessDeniedException',
  'NotAuthorizedForSourceException',
  'NotAuthorizedForDetailTypeException',
]);

export interface RetryBudget {
  /** PutEvents calls per batch, the first included */
  attempts: number;
  /** the first wait between calls; doubled after each */
  baseDelayMs: number;
  /** how long one call may take */
  requestTimeoutMs: number;
  /** how long one batch may take in all, retries and waits included */
  totalMs: number;
}

/** at most about a second per batch, and batches are sent side by side */
export const DEFAULT_RETRY_BUDGET: RetryBudget = {
  attempts: 3,
  baseDelayMs: 50,
  requestTimeoutMs: 400,
  totalMs: 1200,
};

/** where given-up events are reported; the Powertools logger unless a test listens itself */
export interface PublisherLog {
  error(message: string, attributes: Record<string, string | number>): void;
}

export interface EventBridgePublisherOptions {
  /** the bus's name (or ARN) */
  busName: string;
  region?: string;
  /** e.g. the local EventBridge server's endpoint */
  endpoint?: string;
  credentials?: EventBridgeClientConfig['credentials'];
  retry?: Partial<RetryBudget>;
  log?: PublisherLog;
  /** writes one Embedded Metric Format line; stdout unless a test listens itself */
  writeMetrics?: (line: string) => void;
  /** an existing client; region, endpoint and credentials are then ignored */
  client?: EventBridgeClient;
}

interface Pending {
  event: DutyEvent;
  entry: PutEventsRequestEntry;
  bytes: number;
}

export class EventBridgePublisher implements EventPublisher {
  private readonly client: EventBridgeClient;
  private readonly busName: string;
  private readonly retry: RetryBudget;
  private readonly log: PublisherLog;
  private readonly writeMetrics: (line: string) => void;
  private queue: Pending[] = [];
  private queuedBytes = 0;
  /** batches sent and not yet counted by a flush */
  private sending: Promise<PublishReport>[] = [];

  constructor(options: EventBridgePublisherOptions) {
    this.busName = options.busName;
    this.retry = { ...DEFAULT_RETRY_BUDGET, ...options.retry };
    this.log = options.log ?? logger;
    this.writeMetrics = options.writeMetrics ?? writeToStdout;
    this.client =
      options.client ??
      new EventBridgeClient({
        ...(options.region === undefined ? {} : { region: options.region }),
        ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
        ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
        // we retry ourselves, within the budget; the SDK's retries would multiply it
        maxAttempts: 1,
        requestHandler: {
          connectionTimeout: this.retry.requestTimeoutMs,
          requestTimeout: this.retry.requestTimeoutMs,
        },
      });
  }

  publish(event: DutyEvent): void {
    const entry = this.entryFor(event);
    const bytes = entrySize(entry);
    if (bytes > MAX_REQUEST_BYTES) {
      this.sending.push(Promise.resolve(this.giveUp([{ event, entry, bytes }], 'EntryTooLarge', 0)));
      return;
    }
    if (this.queuedBytes + bytes > MAX_REQUEST_BYTES) this.sendQueued();
    this.queue.push({ event, entry, bytes });
    this.queuedBytes += bytes;
    if (this.queue.length >= MAX_ENTRIES_PER_REQUEST) this.sendQueued();
  }

  async flush(): Promise<PublishReport> {
    this.sendQueued();
    const batches = this.sending;
    this.sending = [];
    const reports = await Promise.all(batches);
    const report = reports.reduce(
      (sum, r) => ({
        published: sum.published + r.published,
        failed: sum.failed + r.failed,
      }),
      { published: 0, failed: 0 },
    );
    if (report.published + report.failed > 0) this.writeMetrics(metricsLine(report, Date.now()));
    return report;
  }

  /** closes the client's sockets (local runs, the CLI and tests) */
  destroy(): void {
    this.client.destroy();
  }

  private entryFor(event: DutyEvent): PutEventsRequestEntry {
    return {
      Source: EVENT_SOURCE,
      DetailType: event.detailType,
      Detail: JSON.stringify(event.detail),
      Time: new Date(event.detail.at),
      EventBusName: this.busName,
    };
  }

  private sendQueued(): void {
    if (this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.queuedBytes = 0;
    this.sending.push(this.deliver(batch));
  }

  /** sends one batch until every entry is in or given up; never rejects */
  private async deliver(batch: Pending[]): Promise<PublishReport> {
    const deadline = Date.now() + this.retry.totalMs;
    let remaining = batch;
    let published = 0;
    let failed = 0;
    let lastError = 'unknown';
    for (let attempt = 1; ; attempt++) {
      const result = await this.put(remaining, deadline);
      published += remaining.length - result.retry.length - result.refused.length;
      if (result.refused.length > 0)
        failed += this.giveUp(result.refused, result.refusedCode, attempt).failed;
      remaining = result.retry;
      lastError = result.error ?? lastError;
      if (remaining.length === 0) break;
      const wait = this.retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      // a retry needs time for its own call too, or it only adds to the wait
      const enoughTime = Date.now() + wait + this.retry.requestTimeoutMs / 4 < deadline;
      if (attempt >= this.retry.attempts || !enoughTime) break;
      await sleep(wait);
    }
    if (remaining.length > 0) failed += this.giveUp(remaining, lastError, this.retry.attempts).failed;
    return { published, failed };
  }

  /** one PutEvents call: which entries went in, which to send again, which will never go in */
  private async put(
    items: Pending[],
    deadline: number,
  ): Promise<{ retry: Pending[]; refused: Pending[]; refusedCode: string; error?: string }> {
    const timeout = Math.max(1, Math.min(this.retry.requestTimeoutMs, deadline - Date.now()));
    let entries;
    try {
      ({ Entries: entries } = await this.client.send(
        new PutEventsCommand({ Entries: items.map((item) => item.entry) }),
        { abortSignal: AbortSignal.timeout(timeout) },
      ));
    } catch (error) {
      const code = errorCode(error);
      return permanentCall(error)
        ? { retry: [], refused: items, refusedCode: code, error: code }
        : { retry: items, refused: [], refusedCode: code, error: code };
    }
    const retry: Pending[] = [];
    const refused: Pending[] = [];
    let refusedCode = '';
    let lastCode: string | undefined;
    items.forEach((item, i) => {
      const answer = entries?.[i];
      if (answer?.EventId && !answer.ErrorCode) return;
      const code = answer?.ErrorCode ?? 'NoAnswer';
      lastCode = code;
      if (PERMANENT_ENTRY_ERRORS.has(code)) {
        refused.push(item);
        refusedCode = code;
      } else retry.push(item);
    });
    return { retry, refused, refusedCode, ...(lastCode ? { error: lastCode } : {}) };
  }

  private giveUp(items: Pending[], error: string, attempts: number): PublishReport {
    for (const { event } of items) {
      this.log.error('duty event not published', {
        eventId: event.detail.eventId,
        detailType: event.detailType,
        error,
        attempts,
      });
    }
    return { published: 0, failed: items.length };
  }
}

/** An entry's size as EventBridge counts it against the 256 KB (AWS's "Calculating PutEvents event entry size"). */
export function entrySize(entry: PutEventsRequestEntry): number {
  const bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));
  return (
    (entry.Time === undefined ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + bytes(resource), 0)
  );
}

/** The Embedded Metric Format document for one flush: both counts, no dimensions (what the alarms watch). */
export function metricsLine(report: PublishReport, timestamp: number): string {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [
        {
          Namespace: METRIC_NAMESPACE,
          Dimensions: [[]],
          Metrics: [
            { Name: PUBLISHED_METRIC, Unit: 'Count' },
            { Name: FAILED_METRIC, Unit: 'Count' },
          ],
        },
      ],
    },
    [PUBLISHED_METRIC]: report.published,
    [FAILED_METRIC]: report.failed,
  });
}

/** a raw line, not a Powertools entry, so CloudWatch reads it as EMF; silent where handler logs are */
function writeToStdout(line: string): void {
  if (logger.getLevelName() === 'SILENT') return;
  process.stdout.write(`${line}\n`);
}

/** a refusal of the request itself (bad bus name, no permission) comes back the same on every call */
function permanentCall(error: unknown): boolean {
  const fault = (error as { $fault?: unknown }).$fault;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  const code = errorCode(error);
  if (/Throttl|TooManyRequests/i.test(code) || status === 429) return false;
  return fault === 'client' && status !== undefined && status >= 400 && status < 500;
}

/** the error's name or system code: never its message, which may quote the request */
function errorCode(error: unknown): string {
  const ownCode = (error as { code?: unknown }).code;
  if (typeof ownCode === 'string') return ownCode;
  const causeCode = (error as { cause?: { code?: unknown } }).cause?.code;
  if (typeof causeCode === 'string') return causeCode;
  return error instanceof Error ? error.name : 'unknown';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
