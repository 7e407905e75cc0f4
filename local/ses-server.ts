/**
 * aws-ses-v2-local (SES query API v1 and v2, with a web viewer) in this process.
 *
 * Its mail store is module state of the package, so every server started in one process (one jest
 * test file) shares the same store: start one per process and use `clear()` between cases.
 *
 * aws-ses-v2-local 2.10 keeps only the first To/Cc/Bcc address of a v1 SendEmail (its request schema
 * names `member.1` only and zod strips the rest). Real SES delivers to all of them, and urgent mails go
 * to several people, so `keepAllSendEmailRecipients` corrects the stored record.
 */
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerIdentityFirst, type LocalIdentity } from './local-identity';

/** one sent email as read back from the server */
export interface StoredEmail {
  messageId: string;
  /** ISO instant the server received it (second precision) */
  at: string;
  from: string;
  to: string[];
  cc: string[];
  subject: string;
  /** '' when the mail had no text part */
  text: string;
  /** '' when the mail had no HTML part */
  html: string;
}

export interface StartSesServerOptions {
  /** 0 (default) picks a free port */
  port?: number;
  /** answer `GET /_social-duty` with this (the local runtime's servers say who they are) */
  identity?: () => LocalIdentity;
}

export interface SesServerHandle {
  endpoint: string;
  /** the package's web page listing sent mail */
  viewerUrl: string;
  port: number;
  sentEmails(): Promise<StoredEmail[]>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/** credentials the server insists on seeing (any AWS-signed request passes) */
export const LOCAL_SES_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' } as const;
export const LOCAL_SES_REGION = 'eu-west-2';

/** the shape of `GET /store` items (aws-ses-v2-local dist/store.d.ts) */
interface RawStoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  /** epoch seconds */
  at: number;
}

type StartServer = (config: { host: string; port: number }) => Promise<Server>;
type ExpressHandler = (req: { body?: unknown }, res: unknown, next: unknown) => unknown;
interface SendEmailModule {
  default: ExpressHandler;
  keepsAllRecipients?: true;
}
interface StoreModule {
  saveEmail: (email: RawStoredEmail) => void;
}

export async function startSesServer(options: StartSesServerOptions = {}): Promise<SesServerHandle> {
  // required lazily: the package pulls in express, which Lambda bundles must never contain
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const startServer = (require('aws-ses-v2-local') as { default: StartServer }).default;
  keepAllSendEmailRecipients();
  const server = await startServer({ host: '127.0.0.1', port: options.port ?? 0 });
  // the package resolves with a server that is not listening when listen fails, and drops the error; asking
  // again brings the real one (EADDRINUSE for a port in use) to the caller
  if (!server.listening) await listenAgain(server, options.port ?? 0);
  if (options.identity) answerIdentityFirst(server, options.identity);
  const port = (server.address() as AddressInfo).port;
  const endpoint = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  return {
    endpoint,
    viewerUrl: `${endpoint}/`,
    port,
    async sentEmails() {
      const store = JSON.parse(await call('GET', `${endpoint}/store`)) as { emails: RawStoredEmail[] };
      return store.emails.map(normaliseEmail);
    },
    async clear() {
      await call('POST', `${endpoint}/clear-store`);
    },
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error?: Error) => (error ? reject(error) : resolve()));
        // SDK clients keep sockets alive; without this close() waits for them to time out
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

function listenAgain(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * The package's router looks its v1 SendEmail handler up on the module at each request, and that handler
 * saves the mail synchronously before its first await; so a wrapper can swap in a `saveEmail` that
 * restores the recipients from the parsed form body for exactly that one call.
 */
function keepAllSendEmailRecipients(): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const sendEmail = require('aws-ses-v2-local/dist/v1/sendEmail') as SendEmailModule;
  const store = require('aws-ses-v2-local/dist/store') as StoreModule;
  /* eslint-enable @typescript-eslint/no-require-imports */
  if (sendEmail.keepsAllRecipients || typeof sendEmail.default !== 'function') return;
  const original = sendEmail.default;
  sendEmail.default = (req, res, next) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const save = store.saveEmail;
    store.saveEmail = (email) =>
      save({
        ...email,
        destination: {
          to: formList(form, 'Destination.ToAddresses.member.'),
          cc: formList(form, 'Destination.CcAddresses.member.'),
          bcc: formList(form, 'Destination.BccAddresses.member.'),
        },
      });
    try {
      return original(req, res, next);
    } finally {
      store.saveEmail = save;
    }
  };
  sendEmail.keepsAllRecipients = true;
}

/** query-API list members `prefix1`, `prefix2`, … in member order */
function formList(form: Record<string, unknown>, prefix: string): string[] {
  const values: string[] = [];
  for (let n = 1; typeof form[`${prefix}${n}`] === 'string'; n += 1)
    values.push(form[`${prefix}${n}`] as string);
  return values;
}

function normaliseEmail(raw: RawStoredEmail): StoredEmail {
  return {
    messageId: raw.messageId,
    at: new Date(raw.at * 1000).toISOString(),
    from: raw.from,
    to: raw.destination.to,
    cc: raw.destination.cc,
    subject: raw.subject,
    text: raw.body.text ?? '',
    html: raw.body.html ?? '',
  };
}

/** plain node:http without keep-alive, so reading the store leaves no pooled socket behind */
function call(method: 'GET' | 'POST', url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 400) reject(new Error(`${method} ${url}: HTTP ${res.statusCode}`));
        else resolve(body);
      });
    });
    req.on('error', reject);
    req.end();
  });
}
