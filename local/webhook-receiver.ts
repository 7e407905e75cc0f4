/**
 * A webhook receiver for tests and local runs, doing what a subscriber's should: it checks each delivery's
 * signature over the raw body with the key it was given (verifySignature, so a replay with an old timestamp
 * is refused), records every delivery with the outcome, and answers 204 when it verified, 401 when not. It can
 * be told to fail the next few deliveries, to drive the sender's retries.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  EVENT_ID_HEADER,
  SIGNATURE_HEADER,
  verifySignature,
  type SignatureCheck,
} from '../lambdas/adapters/webhook-signature';
import { readBody, sendJson, sendText, startStandIn, type StandInOptions } from './stand-in-server';

const MAX_DELIVERY_BYTES = 256 * 1024;

export interface WebhookReceiverOptions extends StandInOptions {
  /** the HMAC key the sender signs with (the value of the consumer's secret) */
  key: string;
  /** the receiver's own clock, which a signature's time is checked against */
  clock?: () => Date;
}

export interface WebhookDelivery {
  at: string;
  path: string;
  /** the answer it got */
  status: number;
  /** whether the signature checked out (false also for deliveries failed on request, which are not checked) */
  verified: boolean;
  /** why not, when it was checked and did not verify */
  reason?: Exclude<SignatureCheck, { ok: true }>['reason'];
  eventId?: string;
  signature?: string;
  contentType?: string;
  /** the raw body, as signed */
  body: string;
}

export interface WebhookReceiverHandle {
  /** e.g. `http://127.0.0.1:53121`; any path under it receives */
  url: string;
  port: number;
  deliveries(): WebhookDelivery[];
  /** the next `count` deliveries are answered `status`, with Retry-After when given */
  failNext(count: number, status: 500 | 503 | 429 | 408 | 400 | 404, retryAfterSeconds?: number): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: WebhookReceiverOptions): Promise<WebhookReceiverHandle> {
  const clock = options.clock ?? (() => new Date());
  const deliveries: WebhookDelivery[] = [];
  const faults: { status: number; retryAfterSeconds?: number }[] = [];
  const started = await startStandIn(
    options,
    async (request, response, url) => {
      if (request.method === 'GET' && url.pathname === '/deliveries.json')
        return sendJson(response, 200, deliveries);
      if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed', { allow: 'POST' });
      const raw = await readBody(request, MAX_DELIVERY_BYTES);
      if (raw === 'too large') return sendText(response, 413, 'Delivery too large');
      const body = raw.toString('utf8');
      const seen = {
        at: clock().toISOString(),
        path: url.pathname,
        body,
        ...headersOf(request.headers),
      };
      const fault = faults.shift();
      if (fault) {
        deliveries.push({ ...seen, status: fault.status, verified: false });
        const retryAfter: Record<string, string> =
          fault.retryAfterSeconds === undefined ? {} : { 'retry-after': String(fault.retryAfterSeconds) };
        return sendText(response, fault.status, 'Failing on request (failNext)', retryAfter);
      }
      const check = verifySignature(seen.signature, body, options.key, clock());
      if (check.ok) {
        deliveries.push({ ...seen, status: 204, verified: true });
        response.writeHead(204);
        response.end();
        return;
      }
      deliveries.push({ ...seen, status: 401, verified: false, reason: check.reason });
      sendText(response, 401, `Signature ${check.reason}`);
    },
    'local webhook receiver',
  );
  return {
    url: started.url,
    port: started.port,
    deliveries: () => deliveries.map((delivery) => ({ ...delivery })),
    failNext(count, status, retryAfterSeconds) {
      for (let i = 0; i < count; i += 1) {
        faults.push({ status, ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) });
      }
    },
    clear() {
      deliveries.length = 0;
      faults.length = 0;
    },
    close: started.close,
  };
}

function headersOf(
  headers: IncomingHttpHeaders,
): Pick<WebhookDelivery, 'eventId' | 'signature' | 'contentType'> {
  const one = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(',') : value;
  };
  const signature = one(SIGNATURE_HEADER);
  const eventId = one(EVENT_ID_HEADER);
  const contentType = one('content-type');
  return {
    ...(signature === undefined ? {} : { signature }),
    ...(eventId === undefined ? {} : { eventId }),
    ...(contentType === undefined ? {} : { contentType }),
  };
}
