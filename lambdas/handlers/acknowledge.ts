import middy from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { handleAcknowledge, type AcknowledgeResponse } from '../services/acknowledge/acknowledge-service';
import { lambdaAcknowledgeDeps, type AcknowledgeHandlerDeps } from '../runtime/ack-runtime';
import { logger } from '../runtime/logger';
import { flushEvents } from './flush-events';

/** What the function URL sends back (payload format 2.0, structured). */
export interface FunctionUrlResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type AcknowledgeHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<FunctionUrlResponse>;

/** Nothing on these pages is to be kept, indexed, framed, sent on as a referrer or run. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'content-security-policy':
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

/** A form body holds one short token; anything much longer is not from our page. */
const MAX_FORM_BODY_CHARS = 8192;

/** The `acknowledge` function, behind a public function URL: the token in the link is the credential. */
export function createAcknowledgeHandler(deps: () => Promise<AcknowledgeHandlerDeps>) {
  return middy<APIGatewayProxyEventV2, FunctionUrlResponse>()
    .use(flushEvents(deps))
    .handler(async (event) => {
      const method = requestMethod(event);
      let response: AcknowledgeResponse;
      try {
        response = await handleAcknowledge(await deps(), { method, token: tokenOf(event, method) });
      } catch (error) {
        // a page, not Lambda's bare 502: the person must know their press did not count. The message is safe to
        // log: our errors name no secret, and nothing sent to AWS here holds a token or mention text.
        logger.error('acknowledge failed', { method, error: describe(error) });
        return respond(500, serverErrorPage());
      }
      // method, status and outcome only: tokens and mention text stay out of the logs
      logger.info('acknowledge handled', { method, status: response.status, outcome: response.outcome });
      if (response.problem) logger.error('acknowledge problem', { problem: response.problem });
      return respond(response.status, response.html);
    });
}

function requestMethod(event: APIGatewayProxyEventV2): string {
  const method: unknown = (event as Partial<APIGatewayProxyEventV2>).requestContext?.http?.method;
  // a scheduler or test invoking the function directly: a bug to report, not a page to render
  if (typeof method !== 'string') {
    throw new Error('invalid event: expected a Lambda function URL request (payload format 2.0)');
  }
  return method.toUpperCase();
}

function tokenOf(event: APIGatewayProxyEventV2, method: string): string | undefined {
  if (method === 'GET') return event.queryStringParameters?.t;
  if (method !== 'POST' || event.body === undefined) return undefined;
  const body = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  if (body.length > MAX_FORM_BODY_CHARS) return undefined;
  const tokens = new URLSearchParams(body).getAll('t');
  // two tokens in one form: not our page's form
  return tokens.length === 1 ? tokens[0] : undefined;
}

function respond(statusCode: number, body: string): FunctionUrlResponse {
  const headers = { ...PAGE_HEADERS, ...(statusCode === 405 ? { allow: 'GET, POST' } : {}) };
  return { statusCode, headers, body };
}

function serverErrorPage(): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not recorded – social-duty</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;margin:1rem">
<main>
<h1>Not recorded</h1>
<p>Something went wrong, and your press has not been recorded: the alert may still escalate.</p>
<p>Try again in a minute. If it keeps failing, tell the duty team yourself that you are handling this.</p>
</main>
</body>
</html>
`;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : typeof error;
}

export const handler: AcknowledgeHandler = createAcknowledgeHandler(lambdaAcknowledgeDeps);
