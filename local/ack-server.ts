/**
 * The acknowledge function's URL on a laptop: a node:http server on 127.0.0.1 that turns each request into the
 * event a Lambda function URL sends (payload format 2.0) and calls the same handler, so `npm start`,
 * `simulate` and the integration tests click through the real code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { AcknowledgeHandler } from '../lambdas/handlers/acknowledge';
import type { LocalIdentity } from './local-identity';
import { readBody, sendText, startStandIn } from './stand-in-server';

export const ACK_PATH = '/ack';
/** Our page's form posts one token; a bigger body is refused before the handler sees it. */
export const MAX_ACK_BODY_BYTES = 8 * 1024;

export interface AckServerOptions {
  /** 0 (default) picks a free port */
  port?: number;
  handler: AcknowledgeHandler;
  /** answer `GET /_social-duty` with this (the local runtime's servers say who they are) */
  identity?: () => LocalIdentity;
}

export interface AckServer {
  /** the base of the links, e.g. `http://127.0.0.1:PORT/ack` (SignedAckLinks appends `?t=…`) */
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startAckServer(options: AckServerOptions): Promise<AckServer> {
  const server = await startStandIn(
    options,
    (request, response, url) => serve(options.handler, request, response, url),
    'local ack server',
  );
  return { ...server, url: `${server.url}${ACK_PATH}` };
}

async function serve(
  handler: AcknowledgeHandler,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  if (url.pathname !== ACK_PATH && url.pathname !== `${ACK_PATH}/`) {
    return sendText(response, 404, `Not found: the acknowledge page is at ${ACK_PATH}`);
  }
  const body = await readBody(request, MAX_ACK_BODY_BYTES);
  if (body === 'too large') return sendText(response, 413, 'Request body too large');
  const result = await handler(functionUrlEvent(request, url, body), localContext());
  response.writeHead(result.statusCode, {
    ...result.headers,
    'content-length': String(Buffer.byteLength(result.body)),
  });
  response.end(result.body);
}

/** The event a function URL would send for this request. */
export function functionUrlEvent(request: IncomingMessage, url: URL, body: Buffer): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  // as the function URL does: repeated parameters arrive joined by commas
  for (const [name, value] of url.searchParams)
    query[name] = name in query ? `${query[name]},${value}` : value;
  const method = (request.method ?? 'GET').toUpperCase();
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: 'anonymous',
      apiId: 'local-ack',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local-ack',
      http: {
        method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion}`,
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: `local-${now.getTime()}-${Math.random().toString(36).slice(2, 10)}`,
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    // function URLs base64-encode form posts; doing the same runs the handler's decoding path
    ...(body.length ? { body: body.toString('base64'), isBase64Encoded: true } : { isBase64Encoded: false }),
  };
}

/** The body, or `too large` once past the limit (the rest is read and dropped, so the answer still arrives). */
function localContext(): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'acknowledge',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:local:000000000000:function:acknowledge',
    memoryLimitInMB: '256',
    awsRequestId: 'local',
    logGroupName: 'local',
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Presses the button on the page behind `link` (what simulate's seeded acknowledgements do): a POST of the
 * link's token, as the page's form sends it.
 */
export async function pressAckButton(link: string): Promise<{ status: number; html: string }> {
  const url = new URL(link);
  const token = url.searchParams.get('t') ?? '';
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ t: token }).toString(),
  });
  return { status: response.status, html: await response.text() };
}
