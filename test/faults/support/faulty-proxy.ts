import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the proxy does to a request a rule picks instead of (or on top of) forwarding it. */
export type ProxyFault =
  /** DynamoDB's JSON error, status 400, without forwarding */
  | { kind: 'dynamo-error'; type: 'ProvisionedThroughputExceededException' | 'ThrottlingException' }
  /** SES query API's XML error, status 400, without forwarding */
  | { kind: 'ses-error'; code: 'Throttling' | 'MessageRejected' }
  /** the connection dies before the request reaches the service */
  | { kind: 'drop' }
  /** the service does the work, then the connection dies before its answer gets back */
  | { kind: 'drop-after' }
  /** the service does the work; its answer comes back only after the client has given up */
  | { kind: 'late-answer'; delayMs: number }
  /** the service does the work, but the client gets this answer instead of the service's */
  | { kind: 'swap-answer'; status: number; body: string; contentType: string };

export type Service = 'dynamodb' | 'ses' | 'x';

export interface ProxiedRequest {
  service: Service;
  /** `PutItem`, `SendEmail`, `POST /2/tweets` */
  operation: string;
  body: string;
}

/** One request as it went through a proxy, in the order requests arrived across all proxies of a journal. */
export interface JournalEntry extends ProxiedRequest {
  seq: number;
  outcome: 'forwarded' | ProxyFault['kind'];
  /** the service's status, when the request reached it */
  upstreamStatus?: number;
  /** the service's answer (kept for small answers only) */
  upstreamBody?: string;
}

/** Every request through a set of proxies, in arrival order: lets a test say what happened before a fault. */
export class Journal {
  readonly entries: JournalEntry[] = [];
  private seq = 0;

  record(request: ProxiedRequest): JournalEntry {
    const entry: JournalEntry = { ...request, seq: ++this.seq, outcome: 'forwarded' };
    this.entries.push(entry);
    return entry;
  }

  /** a bookmark: `since(mark)` lists what came after it */
  mark(): number {
    return this.seq;
  }

  since(mark: number): JournalEntry[] {
    return this.entries.filter((entry) => entry.seq > mark);
  }
}

/**
 * Aims a fault at requests: lets `after` matching requests through, then faults the next `times` ones. After
 * its first hit a rule sticks to that request's operation, so `times: 3` is one call and the SDK's retries of it.
 */
export interface FaultRule {
  match?: (request: ProxiedRequest) => boolean;
  after?: number;
  times: number;
  fault: ProxyFault;
}

interface ArmedRule extends FaultRule {
  letThrough: number;
  hits: number;
  operation?: string;
}

const MAX_JOURNAL_BODY = 64 * 1024;

/**
 * An HTTP proxy in front of a local stand-in (dynalite, aws-ses-v2-local, the local X API) that forwards
 * every request and, for the ones its rules pick, answers an error, drops the connection, or loses the answer.
 */
export class FaultyProxy {
  url = '';
  private server: Server | undefined;
  private rules: ArmedRule[] = [];

  constructor(
    private readonly service: Service,
    private readonly target: string,
    private readonly journal: Journal,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      this.handle(request, response).catch(() => {
        if (!response.headersSent) response.writeHead(502).end();
        else response.destroy();
      });
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    this.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  arm(rule: FaultRule): void {
    this.rules.push({ ...rule, letThrough: 0, hits: 0 });
  }

  disarm(): void {
    this.rules = [];
  }

  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.disarm();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const proxied: ProxiedRequest = {
      service: this.service,
      operation: operationOf(this.service, request, body),
      body: body.toString('utf8'),
    };
    const entry = this.journal.record(proxied);
    const fault = this.faultFor(proxied);
    if (fault) entry.outcome = fault.kind;

    switch (fault?.kind) {
      case 'dynamo-error':
        return sendError(response, 'application/x-amz-json-1.0', dynamoErrorBody(fault.type));
      case 'ses-error':
        return sendError(response, 'text/xml', sesErrorBody(fault.code));
      case 'drop':
        request.socket.destroy();
        return;
      default:
        break;
    }

    const upstream = await forward(this.target, request, body);
    entry.upstreamStatus = upstream.status;
    if (upstream.body.length <= MAX_JOURNAL_BODY) entry.upstreamBody = upstream.body.toString('utf8');

    switch (fault?.kind) {
      case 'drop-after':
        request.socket.destroy();
        return;
      case 'late-answer':
        await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
        if (request.socket.destroyed) return;
        break;
      case 'swap-answer':
        response.writeHead(fault.status, { 'content-type': fault.contentType });
        response.end(fault.body);
        return;
      default:
        break;
    }
    response.writeHead(upstream.status, upstream.headers);
    response.end(upstream.body);
  }

  private faultFor(request: ProxiedRequest): ProxyFault | undefined {
    for (const rule of this.rules) {
      if (rule.hits >= rule.times) continue;
      if (rule.operation !== undefined && rule.operation !== request.operation) continue;
      if (rule.match && !rule.match(request)) continue;
      if (rule.letThrough < (rule.after ?? 0)) {
        rule.letThrough += 1;
        continue;
      }
      rule.operation ??= request.operation;
      rule.hits += 1;
      return rule.fault;
    }
    return undefined;
  }
}

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function operationOf(service: Service, request: IncomingMessage, body: Buffer): string {
  if (service === 'dynamodb') {
    const target = String(request.headers['x-amz-target'] ?? '');
    return target.slice(target.indexOf('.') + 1);
  }
  if (service === 'ses') {
    const action = new URLSearchParams(body.toString('utf8')).get('Action');
    return action ?? `${request.method} ${request.url}`;
  }
  const path = new URL(request.url ?? '/', 'http://proxy').pathname;
  return `${request.method} ${path}`;
}

interface UpstreamAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** one request to the stand-in on a fresh connection, so closing the proxy leaves no pooled socket behind */
function forward(target: string, request: IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
  return new Promise((resolve, reject) => {
    const headers = { ...request.headers };
    delete headers.connection;
    const upstream = httpRequest(
      new URL(request.url ?? '/', target),
      { method: request.method, headers, agent: false },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('error', reject);
        answer.on('end', () => {
          const answerHeaders = { ...answer.headers };
          // the body is re-sent whole: the stand-in's framing and connection headers no longer apply
          delete answerHeaders['transfer-encoding'];
          delete answerHeaders.connection;
          delete answerHeaders['content-length'];
          resolve({ status: answer.statusCode ?? 502, headers: answerHeaders, body: Buffer.concat(chunks) });
        });
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

function sendError(response: ServerResponse, contentType: string, body: string): void {
  response.writeHead(400, { 'content-type': contentType, 'x-amzn-requestid': requestId() });
  response.end(body);
}

function dynamoErrorBody(type: 'ProvisionedThroughputExceededException' | 'ThrottlingException'): string {
  const message =
    type === 'ThrottlingException'
      ? 'Rate of requests exceeds the allowed throughput.'
      : 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.';
  return JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message });
}

function sesErrorBody(code: 'Throttling' | 'MessageRejected'): string {
  const message =
    code === 'Throttling'
      ? 'Maximum sending rate exceeded.'
      : 'Email address is not verified. The following identities failed the check in region EU-WEST-2: socialmedia@leedsandyorkpft.nhs.uk';
  return `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${requestId()}</RequestId></ErrorResponse>`;
}

let requestCounter = 0;
function requestId(): string {
  requestCounter += 1;
  return `00000000-0000-4000-8000-${String(requestCounter).padStart(12, '0')}`;
}
