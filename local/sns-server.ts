/**
 * A local Amazon SNS for text messages: the Query protocol's `Action=Publish` with `PhoneNumber` and `Message`
 * (form-encoded POST, XML answer), so the real @aws-sdk/client-sns talks to it when given its `endpoint`.
 * Numbers that are not E.164 are refused with SNS's InvalidParameter. Nothing is sent anywhere: each message
 * goes to an outbox, shown at `GET /sms` and as JSON at `GET /sms.json`.
 *
 * Topics, platform endpoints and every other action are not here; they answer InvalidAction. Signatures are
 * not checked (any credentials will do).
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../lambdas/core/template';
import {
  pageShell,
  readBody,
  send,
  sendJson,
  sendPage,
  sendText,
  startStandIn,
  type StandInOptions,
} from './stand-in-server';

const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** the plus sign, a country code and at most 15 digits in all */
export const E164 = /^\+[1-9]\d{1,14}$/;
const MAX_REQUEST_BYTES = 300 * 1024;

export interface SnsServerOptions extends StandInOptions {
  /** when a message is received (simulate passes its virtual clock) */
  clock?: () => Date;
}

/** one text message as SNS took it */
export interface SentSms {
  messageId: string;
  at: string;
  /** E.164 */
  to: string;
  text: string;
  /** `AWS.SNS.SMS.SMSType`, when given */
  smsType?: string;
  /** `AWS.SNS.SMS.SenderID`, when given */
  senderId?: string;
  /** every message attribute by name, as its StringValue */
  attributes: Record<string, string>;
}

export interface SnsServerHandle {
  /** the endpoint for the SNS client, e.g. `http://127.0.0.1:53121` */
  url: string;
  port: number;
  outbox(): SentSms[];
  clear(): void;
  close(): Promise<void>;
}

export async function startSnsServer(options: SnsServerOptions = {}): Promise<SnsServerHandle> {
  const clock = options.clock ?? (() => new Date());
  const outbox: SentSms[] = [];
  const started = await startStandIn(
    options,
    async (request, response, url) => {
      if (request.method === 'GET' && url.pathname === '/sms')
        return sendPage(response, renderSmsPage(outbox));
      if (request.method === 'GET' && url.pathname === '/sms.json') return sendJson(response, 200, outbox);
      if (request.method !== 'POST' || url.pathname !== '/') {
        return sendText(response, 404, 'Not found: the SNS API is POST /; the outbox is at /sms');
      }
      const body = await readBody(request, MAX_REQUEST_BYTES);
      if (body === 'too large') return snsError(response, 413, 'RequestEntityTooLarge', 'Request too large');
      const params = new URLSearchParams(body.toString('utf8'));
      const action = params.get('Action');
      if (action !== 'Publish') {
        return snsError(
          response,
          400,
          'InvalidAction',
          `The action ${action ?? '(none)'} is not valid for this endpoint.`,
        );
      }
      const result = publish(params, clock());
      if ('error' in result) return snsError(response, 400, 'InvalidParameter', result.error);
      outbox.push(result);
      send(
        response,
        200,
        `<PublishResponse xmlns="${SNS_XMLNS}">
  <PublishResult>
    <MessageId>${result.messageId}</MessageId>
  </PublishResult>
  <ResponseMetadata>
    <RequestId>${randomUUID()}</RequestId>
  </ResponseMetadata>
</PublishResponse>
`,
        'text/xml',
      );
    },
    'local SNS server',
  );
  return {
    url: started.url,
    port: started.port,
    outbox: () => outbox.map((sms) => ({ ...sms, attributes: { ...sms.attributes } })),
    clear() {
      outbox.length = 0;
    },
    close: started.close,
  };
}

function publish(params: URLSearchParams, now: Date): SentSms | { error: string } {
  if (params.has('TopicArn') || params.has('TargetArn')) {
    return { error: 'Invalid parameter: the local SNS sends text messages to a PhoneNumber only' };
  }
  const to = params.get('PhoneNumber');
  if (to === null || to === '') {
    return { error: 'Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter' };
  }
  if (!E164.test(to))
    return { error: `Invalid parameter: PhoneNumber Reason: ${to} is not valid to publish to` };
  const text = params.get('Message');
  if (text === null || text === '') return { error: 'Invalid parameter: Empty message' };
  const attributes = messageAttributes(params);
  return {
    messageId: randomUUID(),
    at: now.toISOString(),
    to,
    text,
    ...(attributes['AWS.SNS.SMS.SMSType'] === undefined
      ? {}
      : { smsType: attributes['AWS.SNS.SMS.SMSType'] }),
    ...(attributes['AWS.SNS.SMS.SenderID'] === undefined
      ? {}
      : { senderId: attributes['AWS.SNS.SMS.SenderID'] }),
    attributes,
  };
}

/** `MessageAttributes.entry.N.Name` and `.Value.StringValue`, N from 1 */
function messageAttributes(params: URLSearchParams): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (let n = 1; params.has(`MessageAttributes.entry.${n}.Name`); n += 1) {
    const name = params.get(`MessageAttributes.entry.${n}.Name`) as string;
    attributes[name] = params.get(`MessageAttributes.entry.${n}.Value.StringValue`) ?? '';
  }
  return attributes;
}

function snsError(response: ServerResponse, status: number, code: string, message: string): void {
  send(
    response,
    status,
    `<ErrorResponse xmlns="${SNS_XMLNS}">
  <Error>
    <Type>Sender</Type>
    <Code>${escapeHtml(code)}</Code>
    <Message>${escapeHtml(message)}</Message>
  </Error>
  <RequestId>${randomUUID()}</RequestId>
</ErrorResponse>
`,
    'text/xml',
  );
}

/** The outbox, newest first, as the phones would show it. Every value is escaped. */
export function renderSmsPage(outbox: SentSms[]): string {
  const items = [...outbox]
    .reverse()
    .map(
      (sms) => `<li>
<p class="meta">To <strong>${escapeHtml(sms.to)}</strong> · <time datetime="${escapeHtml(sms.at)}">${escapeHtml(sms.at)}</time>${sms.smsType ? ` · ${escapeHtml(sms.smsType)}` : ''}${sms.senderId ? ` · from ${escapeHtml(sms.senderId)}` : ''}</p>
<p class="text">${escapeHtml(sms.text)}</p>
</li>`,
    )
    .join('\n');
  return pageShell(
    'Local SMS',
    `<h1>Local SMS</h1>
<p>Text messages the notify function published through the local SNS, newest first (${outbox.length}).</p>
${outbox.length === 0 ? '<p>No text messages yet.</p>' : `<ol class="items">\n${items}\n</ol>`}`,
  );
}
