import type { MentionSource, SourceBatch } from '../ports/mention-source';
import { decodeFeedBytes } from './feed-charset';
import { FeedError, parseFeed } from './feed-parser';

export interface FeedSourceOptions {
  id: string;
  url: string;
  timeoutMs?: number;
  maxBytes?: number;
  fetchImpl?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

/** An RSS or Atom feed (Google Alerts). No cursor: items are deduped by their id downstream. */
export class FeedSource implements MentionSource {
  readonly id: string;
  private readonly url: URL;

  constructor(private readonly options: FeedSourceOptions) {
    this.id = options.id;
    this.url = new URL(options.url);
    if (this.url.protocol !== 'https:' && this.url.protocol !== 'http:')
      throw new FeedError(`feed ${options.id}: only http(s) URLs`);
  }

  /** `now` is when the sweep first sees an item: the time shown for items whose feed gives none */
  async fetchNew(_cursor?: string, now: Date = new Date()): Promise<SourceBatch> {
    const xml = await this.download();
    try {
      return { mentions: parseFeed(xml, this.id, now) };
    } catch (error) {
      throw error instanceof FeedError ? new FeedError(`feed ${this.id}: ${error.message}`) : error;
    }
  }

  /** the body as text, refusing anything over maxBytes however the server labels it */
  private async download(): Promise<string> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const maxBytes = this.options.maxBytes ?? DEFAULT_MAX_BYTES;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      const response = await (this.options.fetchImpl ?? fetch)(this.url, {
        signal: controller.signal,
        headers: { accept: 'application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5' },
        redirect: 'follow',
      });
      if (!response.ok) {
        // an unread error body would hold the connection open until garbage collection
        await response.body?.cancel().catch(() => undefined);
        throw new FeedError(`feed ${this.id}: HTTP ${response.status}`, response.status);
      }
      if (!response.body) return '';
      const chunks: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        size += chunk.byteLength;
        if (size > maxBytes) {
          controller.abort();
          throw new FeedError(`feed ${this.id}: larger than ${megabytes(maxBytes)} MB (refused)`);
        }
        chunks.push(chunk);
      }
      return decodeFeedBytes(Buffer.concat(chunks), response.headers.get('content-type'));
    } catch (error) {
      if (error instanceof FeedError) throw error;
      if (controller.signal.aborted)
        throw new FeedError(`feed ${this.id}: no answer within ${timeoutMs / 1000} s`);
      throw new FeedError(`feed ${this.id}: ${networkReason(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * Node's fetch says only "fetch failed" and keeps the reason in `cause`; a comms lead who pasted a URL with a
 * typo needs to read "no such host", not that.
 */
export function networkReason(error: unknown): string {
  // duck-typed: an error from another realm (a test VM, a worker) is not `instanceof Error` here
  const { message, cause } = (error ?? {}) as {
    message?: unknown;
    cause?: { code?: string; message?: string };
  };
  const text = typeof message === 'string' ? message : String(error);
  const code = cause?.code;
  const plain: Record<string, string> = {
    ENOTFOUND: 'no such host (check the address in the URL)',
    EAI_AGAIN: 'the host name could not be looked up just now (DNS)',
    ECONNREFUSED: 'connection refused by the server',
    ECONNRESET: 'the server closed the connection',
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'the host cannot be reached',
    CERT_HAS_EXPIRED: "the server's certificate has expired",
    DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate cannot be verified",
    ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another name",
  };
  if (code !== undefined && plain[code] !== undefined) return `${plain[code]} (${code})`;
  if (cause?.message) return `${text}: ${cause.message}`;
  return text;
}

/** `1`, `0.5`, `5`: the limit as configured, not rounded to a number that would contradict it */
function megabytes(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 100) / 100);
}
