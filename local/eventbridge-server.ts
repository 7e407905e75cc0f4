/**
 * A local Amazon EventBridge bus. It speaks PutEvents over AWS JSON 1.1 (POST / with
 * `X-Amz-Target: AWSEvents.PutEvents`), so the real @aws-sdk/client-eventbridge talks to it when given `url` as
 * its endpoint (any credentials; region eu-west-2). It checks a request as EventBridge does, records every event
 * it accepts, and delivers each one, after answering and as EventBridge would, to every rule whose pattern
 * matches, wrapped in the envelope EventBridge delivers (lambdas/core/events/bus-event.ts).
 *
 *   const bus = await startLocalEventBridge({ clock });        // options.busName: social-duty-events
 *   bus.addRule({ name: 'notify-teams-comms', pattern, target: async (event) => {…} });
 *   …PutEvents to bus.url…
 *   await bus.settled();                 // every delivery so far has finished, retries included
 *   bus.events(); bus.deadLetters();
 *   bus.faults.failEntries(2);           // the next two good entries fail, each on its own (a partial failure)
 *   bus.faults.outage(503);              // every PutEvents answered 503 until outage(null)
 *   await bus.close();
 *
 * A target that throws is tried again (`retries`, 2 unless the rule says, after 10 ms, then 20, …) and then
 * recorded as a dead letter. `GET /events` lists the events, newest first, as a page and `GET /events.json` as
 * JSON; `GET /_social-duty` answers who the server is. An outage leaves these answering, so a test or a person
 * can see what happened during it.
 *
 * Unlike AWS, on purpose: an EventBusName that is neither this bus (by name or ARN) nor the default bus fails the
 * whole request with ResourceNotFoundException. AWS accepts such entries and drops them without a word, which
 * would hide a misnamed bus. Entries for the default bus (no EventBusName, or "default") are accepted and
 * recorded, and reach no rule, as on AWS, where the stack's rules are on its own bus.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchesPattern, patternProblems, type EventPattern } from '../lambdas/core/events/event-pattern';
import { renderEventsPage } from './eventbridge-page';
import {
  readBody,
  send,
  sendJson,
  sendPage,
  sendText,
  startStandIn,
  type StandInOptions,
} from './stand-in-server';

export const DEFAULT_BUS_NAME = 'social-duty-events';
export const LOCAL_EVENTBRIDGE_REGION = 'eu-west-2';
/** the account in every envelope and ARN */
export const LOCAL_ACCOUNT = '000000000000';
/** PutEvents takes 1 to 10 entries */
export const MAX_ENTRIES = 10;
/** and at most 256 KB of them, counted as AWS counts an entry (entrySize) */
export const MAX_ENTRIES_BYTES = 256 * 1024;
export const DEFAULT_RETRIES = 2;
const DEFAULT_RETRY_DELAY_MS = 10;
/** JSON escaping can make a request bigger than its entries; past this it is not worth reading */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const PUT_EVENTS = 'AWSEvents.PutEvents';
const AWS_JSON = 'application/x-amz-json-1.1';

export interface LocalEventBridgeOptions extends StandInOptions {
  /** default social-duty-events */
  busName?: string;
  /** default eu-west-2 */
  region?: string;
  /** when events arrive, and the envelope's time when an entry gives none (simulate passes its virtual clock) */
  clock?: () => Date;
  /** the first wait before a target is tried again; doubled after each try (default 10 ms) */
  retryDelayMs?: number;
}

/** an event as EventBridge hands it to a rule's target: bus-event.ts's BusEvent for any source */
export interface DeliveredEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  /** seconds and Z, e.g. 2026-12-26T02:05:09Z */
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

/** one accepted entry */
export interface RecordedEvent {
  /** the EventId PutEvents answered, and the envelope's id */
  id: string;
  /** when the bus received it, from the clock, to the millisecond */
  at: string;
  /** the envelope's time: the entry's Time, else `at`, in seconds */
  time: string;
  source: string;
  detailType: string;
  detail: Record<string, unknown>;
  resources: string[];
  /** this bus's name, or `default` */
  busName: string;
}

/**
 * A rule on this bus. `E` is what the target is written for (e.g. BusEvent): the pattern is what makes that
 * true, as on AWS, so choose one that lets nothing else through.
 */
export interface LocalRule<E extends DeliveredEvent = DeliveredEvent> {
  name: string;
  pattern: EventPattern;
  target: (event: E) => Promise<void>;
  /** tries after the first before the event is dead-lettered (default 2) */
  retries?: number;
}

export interface DeadLetter {
  rule: string;
  event: DeliveredEvent;
  /** tries made, the first included */
  attempts: number;
  /** the last error's message */
  error: string;
  at: string;
}

export interface LocalEventBridgeFaults {
  /** the next `count` entries that would have been accepted fail on their own with `errorCode` */
  failEntries(count: number, errorCode?: string): void;
  /** every PutEvents request is answered with this HTTP status and an AWS error, until `outage(null)` */
  outage(status: number | null): void;
}

export interface LocalEventBridgeHandle {
  /** the endpoint for the EventBridge client, e.g. `http://127.0.0.1:53121` */
  url: string;
  port: number;
  busName: string;
  busArn: string;
  region: string;
  /** throws LocalEventBridgeError for a name already taken, an invalid pattern or a bad `retries` */
  addRule<E extends DeliveredEvent = DeliveredEvent>(rule: LocalRule<E>): void;
  removeRule(name: string): void;
  /** the accepted events, oldest first */
  events(): RecordedEvent[];
  deadLetters(): DeadLetter[];
  /** resolves once every delivery begun so far has finished or been dead-lettered */
  settled(): Promise<void>;
  /** forgets the events and the dead letters (rules and faults stay) */
  clear(): void;
  faults: LocalEventBridgeFaults;
  /** stops answering; deliveries already begun carry on */
  close(): Promise<void>;
}

export class LocalEventBridgeError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, 'cause' in options ? { cause: options.cause } : undefined);
    this.name = 'LocalEventBridgeError';
  }
}

interface AwsError {
  status: number;
  code: string;
  message: string;
}

interface ResultEntry {
  EventId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
}

type Json = Record<string, unknown>;

export async function startLocalEventBridge(
  options: LocalEventBridgeOptions = {},
): Promise<LocalEventBridgeHandle> {
  const busName = options.busName ?? DEFAULT_BUS_NAME;
  const region = options.region ?? LOCAL_EVENTBRIDGE_REGION;
  const busArn = `arn:aws:events:${region}:${LOCAL_ACCOUNT}:event-bus/${busName}`;
  const clock = options.clock ?? (() => new Date());
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;

  const rules = new Map<string, LocalRule>();
  const recorded: RecordedEvent[] = [];
  const dead: DeadLetter[] = [];
  const pending = new Set<Promise<void>>();
  let entryFaults = { count: 0, errorCode: 'InternalFailure' };
  let outageStatus: number | null = null;

  function putEvents(input: unknown): { entries: ResultEntry[] } | AwsError {
    const entries = isObject(input) ? input.Entries : undefined;
    if (!Array.isArray(entries)) {
      return validation("Value null at 'entries' failed to satisfy constraint: Member must not be null");
    }
    if (entries.length < 1) {
      return validation(
        "Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
      );
    }
    if (entries.length > MAX_ENTRIES) {
      return validation(
        `Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}`,
      );
    }
    if (!entries.every(isObject)) {
      return { status: 400, code: 'SerializationException', message: 'Each entry must be a JSON object.' };
    }
    const buses: string[] = [];
    for (const entry of entries) {
      const bus = busOf(entry.EventBusName);
      if (bus === undefined) {
        return {
          status: 400,
          code: 'ResourceNotFoundException',
          message: `Event bus ${String(entry.EventBusName)} does not exist.`,
        };
      }
      buses.push(bus);
    }
    const total = entries.reduce((sum, entry) => sum + entrySize(entry), 0);
    if (total > MAX_ENTRIES_BYTES) {
      return {
        status: 400,
        code: 'ValidationException',
        message: 'Total size of the entries in the request is over the limit.',
      };
    }
    return { entries: entries.map((entry, i) => putEntry(entry, buses[i] as string)) };
  }

  /** the bus an entry names: this bus, `default`, or undefined for any other */
  function busOf(name: unknown): string | undefined {
    if (name === undefined || name === null || name === '' || name === 'default') return 'default';
    if (typeof name !== 'string') return undefined;
    const arn = /^arn:aws[a-z-]*:events:[^:]*:[^:]*:event-bus\/(.+)$/.exec(name);
    const named = arn ? arn[1] : name;
    if (named === busName) return busName;
    return named === 'default' ? 'default' : undefined;
  }

  function putEntry(entry: Json, bus: string): ResultEntry {
    const read = readEntry(entry);
    if ('ErrorCode' in read) return read;
    if (entryFaults.count > 0) {
      entryFaults.count -= 1;
      return {
        ErrorCode: entryFaults.errorCode,
        ErrorMessage: 'The local EventBridge failed this entry on purpose (faults.failEntries).',
      };
    }
    const now = clock();
    const event: RecordedEvent = {
      id: randomUUID(),
      at: now.toISOString(),
      time: inSeconds(entryTime(entry.Time) ?? now),
      source: entry.Source as string,
      detailType: entry.DetailType as string,
      detail: read.detail,
      resources: Array.isArray(entry.Resources)
        ? entry.Resources.filter((r): r is string => typeof r === 'string')
        : [],
      busName: bus,
    };
    recorded.push(event);
    if (bus === busName) deliverToRules(event);
    return { EventId: event.id };
  }

  function deliverToRules(event: RecordedEvent): void {
    const envelope: DeliveredEvent = {
      version: '0',
      id: event.id,
      'detail-type': event.detailType,
      source: event.source,
      account: LOCAL_ACCOUNT,
      time: event.time,
      region,
      resources: event.resources,
      detail: event.detail,
    };
    for (const rule of rules.values()) {
      if (!matchesPattern(rule.pattern, envelope)) continue;
      const delivery = deliver(rule, structuredClone(envelope)).finally(() => pending.delete(delivery));
      pending.add(delivery);
    }
  }

  /** never rejects: a target that keeps failing ends as a dead letter */
  async function deliver(rule: LocalRule, envelope: DeliveredEvent): Promise<void> {
    // after the PutEvents answer has been written: a target never holds up the publisher
    await new Promise<void>((resolve) => setImmediate(resolve));
    const attempts = (rule.retries ?? DEFAULT_RETRIES) + 1;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        // each try gets its own copy, as each EventBridge delivery is a fresh payload
        await rule.target(structuredClone(envelope));
        return;
      } catch (error) {
        lastError = error;
      }
      if (attempt < attempts) await sleep(retryDelayMs * 2 ** (attempt - 1));
    }
    dead.push({
      rule: rule.name,
      event: envelope,
      attempts,
      error: lastError instanceof Error ? lastError.message : String(lastError),
      at: clock().toISOString(),
    });
  }

  async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method === 'GET' && url.pathname === '/events') {
      return sendPage(response, renderEventsPage(busName, newestFirst(recorded), dead));
    }
    if (request.method === 'GET' && url.pathname === '/events.json') {
      return sendJson(response, 200, newestFirst(recorded));
    }
    if (request.method !== 'POST' || url.pathname !== '/') {
      return sendText(response, 404, 'Not found: the EventBridge API is POST /; the events are at /events');
    }
    const body = await readBody(request, MAX_BODY_BYTES);
    if (outageStatus !== null) {
      return sendAwsError(response, {
        status: outageStatus,
        code: outageErrorCode(outageStatus),
        message: 'The local EventBridge is failing on purpose (faults.outage).',
      });
    }
    if (body === 'too large') {
      return sendAwsError(response, {
        status: 413,
        code: 'RequestEntityTooLargeException',
        message: 'Request body too large',
      });
    }
    const operation = request.headers['x-amz-target'];
    if (operation !== PUT_EVENTS) {
      return sendAwsError(response, {
        status: 400,
        code: 'UnknownOperationException',
        message: `The local EventBridge answers ${PUT_EVENTS} only.`,
      });
    }
    let input: unknown;
    try {
      input = JSON.parse(body.toString('utf8'));
    } catch {
      return sendAwsError(response, {
        status: 400,
        code: 'SerializationException',
        message: 'The request body is not JSON.',
      });
    }
    const result = putEvents(input);
    if ('code' in result) return sendAwsError(response, result);
    const failed = result.entries.filter((entry) => entry.ErrorCode !== undefined).length;
    sendAwsJson(response, 200, { FailedEntryCount: failed, Entries: result.entries });
  }

  const started = await startStandIn(options, route, 'local EventBridge');

  return {
    url: started.url,
    port: started.port,
    busName,
    busArn,
    region,
    addRule<E extends DeliveredEvent>(rule: LocalRule<E>) {
      if (!rule.name) throw new LocalEventBridgeError('A rule needs a name.');
      if (rules.has(rule.name)) {
        throw new LocalEventBridgeError(`There is already a rule called ${rule.name} on the local bus.`);
      }
      const problems = patternProblems(rule.pattern);
      if (problems.length > 0) {
        throw new LocalEventBridgeError(
          `The pattern of rule ${rule.name} is not one EventBridge would accept: ${problems.join('; ')}`,
        );
      }
      if (rule.retries !== undefined && !(Number.isInteger(rule.retries) && rule.retries >= 0)) {
        throw new LocalEventBridgeError(`Rule ${rule.name}: retries must be a whole number, 0 or more.`);
      }
      // the pattern is what guarantees the target its E, as it is on AWS
      rules.set(rule.name, { ...rule, pattern: structuredClone(rule.pattern) } as unknown as LocalRule);
    },
    removeRule(name) {
      rules.delete(name);
    },
    events: () => structuredClone(recorded),
    deadLetters: () => structuredClone(dead),
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    clear() {
      recorded.length = 0;
      dead.length = 0;
    },
    faults: {
      failEntries(count, errorCode = 'InternalFailure') {
        if (!(Number.isInteger(count) && count >= 0)) {
          throw new LocalEventBridgeError('failEntries needs a whole number of entries, 0 or more.');
        }
        entryFaults = { count, errorCode };
      },
      outage(status) {
        if (status !== null && !(Number.isInteger(status) && status >= 400 && status <= 599)) {
          throw new LocalEventBridgeError(
            'An outage needs an HTTP error status from 400 to 599, or null to end it.',
          );
        }
        outageStatus = status;
      },
    },
    close: started.close,
  };
}

/** An entry's size as EventBridge counts it against the 256 KB ("Calculating PutEvents event entry size"). */
export function entrySize(entry: Json): number {
  const bytes = (value: unknown) => (typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0);
  const resources = Array.isArray(entry.Resources) ? entry.Resources : [];
  return (
    (entry.Time === undefined || entry.Time === null ? 0 : 14) +
    bytes(entry.Source) +
    bytes(entry.DetailType) +
    bytes(entry.Detail) +
    resources.reduce((sum: number, resource) => sum + bytes(resource), 0)
  );
}

/** the entry's detail, or what EventBridge answers for an entry it will not take, in its codes and words */
function readEntry(entry: Json): { detail: Json } | Required<Omit<ResultEntry, 'EventId'>> {
  for (const field of ['Source', 'DetailType', 'Detail'] as const) {
    const value = entry[field];
    if (typeof value !== 'string' || value === '') {
      return {
        ErrorCode: 'InvalidArgument',
        ErrorMessage: `Parameter ${field} is not valid. Reason: ${field} is a required argument.`,
      };
    }
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail as string);
  } catch {
    detail = undefined;
  }
  return isObject(detail)
    ? { detail }
    : { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
}

/** the SDK sends Time as epoch seconds; an ISO string is taken too */
function entryTime(value: unknown): Date | undefined {
  const ms = typeof value === 'number' ? value * 1000 : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

/** as EventBridge writes an envelope's time: whole seconds, Z */
function inSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

function outageErrorCode(status: number): string {
  if (status === 429) return 'ThrottlingException';
  if (status === 403) return 'AccessDeniedException';
  if (status === 503) return 'ServiceUnavailable';
  return status >= 500 ? 'InternalException' : 'ValidationException';
}

function validation(constraint: string): AwsError {
  return { status: 400, code: 'ValidationException', message: `1 validation error detected: ${constraint}` };
}

function sendAwsJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
) {
  send(response, status, JSON.stringify(value), AWS_JSON, { 'x-amzn-requestid': randomUUID(), ...headers });
}

/** AWS JSON 1.1's error: the code in x-amzn-ErrorType and in `__type`, which the SDK reads either way */
function sendAwsError(response: ServerResponse, error: AwsError): void {
  sendAwsJson(
    response,
    error.status,
    { __type: error.code, message: error.message },
    { 'x-amzn-errortype': error.code },
  );
}

function newestFirst(events: RecordedEvent[]): RecordedEvent[] {
  return structuredClone(events).reverse();
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
