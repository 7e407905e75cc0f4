import type { AckLinks } from '../../ports/ack-links';
import type { SigningKeyProvider } from '../../ports/signing-key';
import { signAckToken } from './ack-token';

/** How long a link works: the urgent email's day. After that the briefing and the audit tell the story. */
export const ACK_LINK_TTL_HOURS = 24;

export interface SignedAckLinksOptions {
  /** the acknowledge endpoint: the function URL on AWS (ends with `/`), `http://127.0.0.1:<port>/ack` locally */
  baseUrl: string;
  key: SigningKeyProvider;
  ttlHours?: number;
}

/** Links holding a signed token (./ack-token.ts) for one recipient and one alert. */
export class SignedAckLinks implements AckLinks {
  private readonly baseUrl: string;
  private readonly key: SigningKeyProvider;
  private readonly ttlSeconds: number;

  constructor(options: SignedAckLinksOptions) {
    this.baseUrl = checkedBaseUrl(options.baseUrl);
    this.key = options.key;
    const ttlHours = options.ttlHours ?? ACK_LINK_TTL_HOURS;
    if (!(ttlHours > 0) || !Number.isFinite(ttlHours)) {
      throw new RangeError(`ttlHours must be a positive number of hours, not ${ttlHours}`);
    }
    this.ttlSeconds = Math.round(ttlHours * 3600);
  }

  async linkFor(alertKey: string, recipient: string, now: Date): Promise<string> {
    const expiresAt = Math.floor(now.getTime() / 1000) + this.ttlSeconds;
    const token = signAckToken({ alertKey, recipient, expiresAt }, await this.key());
    // base64url and `.` need no escaping in a query string
    return `${this.baseUrl}?t=${token}`;
  }
}

function checkedBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError(`the acknowledge base URL is not a URL: ${baseUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`the acknowledge base URL must be http(s): ${baseUrl}`);
  }
  // the token is appended as the query string
  if (url.search || url.hash || baseUrl.includes('?') || baseUrl.includes('#')) {
    throw new TypeError(`the acknowledge base URL must have no query or fragment: ${baseUrl}`);
  }
  return baseUrl;
}
