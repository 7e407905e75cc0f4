import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SesMailer } from '../../lambdas/adapters/ses-mailer';
import { MailerError, type Email } from '../../lambdas/ports/mailer';
import {
  LOCAL_SES_CREDENTIALS,
  LOCAL_SES_REGION,
  startSesServer,
  type SesServerHandle,
} from '../../local/ses-server';
import { TEST_MAIL_FROM, localSesMailer, startLocalAws } from '../support/local-aws';

const email: Email = {
  kind: 'briefing',
  to: ['sam.duty@example.nhs.uk'],
  subject: 'Briefing — Tuesday 29 December',
  text: 'Two mentions since Thursday — one asks about the £4 parking charge.',
  html: '<p>Two mentions since Thursday — one asks about the <b>£4</b> parking charge.</p>',
};

describe('SesMailer against aws-ses-v2-local', () => {
  let ses: SesServerHandle;
  let mailer: SesMailer;

  beforeAll(async () => {
    ses = await startSesServer();
    mailer = localSesMailer(ses);
  });

  beforeEach(async () => {
    await ses.clear();
  });

  afterAll(async () => {
    mailer?.destroy();
    await ses?.close();
  });

  it('delivers subject, text and HTML intact, non-ASCII included', async () => {
    const { messageId } = await mailer.send(email);

    const sent = await ses.sentEmails();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      messageId,
      from: TEST_MAIL_FROM,
      to: ['sam.duty@example.nhs.uk'],
      subject: email.subject,
      text: email.text,
      html: email.html,
    });
    expect(Math.abs(Date.parse(sent[0]!.at) - Date.now())).toBeLessThan(60_000);
  });

  it('keeps every recipient, in order', async () => {
    await mailer.send({
      ...email,
      to: ['sam.duty@example.nhs.uk', 'comms.lead@example.nhs.uk', 'ceo@example.nhs.uk'],
    });
    const [sent] = await ses.sentEmails();
    expect(sent?.to).toEqual(['sam.duty@example.nhs.uk', 'comms.lead@example.nhs.uk', 'ceo@example.nhs.uk']);
  });

  it('clears the store', async () => {
    await mailer.send(email);
    await ses.clear();
    expect(await ses.sentEmails()).toEqual([]);
  });

  it('serves the web viewer', async () => {
    const response = await fetch(ses.viewerUrl, { headers: { connection: 'close' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<html');
  });

  it('maps a request the server refuses to a non-retryable MailerError', async () => {
    // the local server answers 400 to a mail without a subject, as SES does
    const error = await mailer.send({ ...email, subject: '' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailerError);
    expect(error).toMatchObject({ retryable: false });
    expect(await ses.sentEmails()).toEqual([]);
  });

  it('refuses an email with no recipients without calling SES', async () => {
    await expect(mailer.send({ ...email, to: [] })).rejects.toMatchObject({
      name: 'MailerError',
      retryable: false,
    });
  });
});

/** answers every request with a canned SES query-API error, as real SES does */
describe('SesMailer error mapping against SES error responses', () => {
  let server: Server;
  let reply: { status: number; code: string; message: string };
  let mailer: SesMailer;

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(reply.status, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse xmlns="http://ses.amazonaws.com/doc/2010-12-01/">` +
            `<Error><Type>Sender</Type><Code>${reply.code}</Code><Message>${reply.message}</Message></Error>` +
            `<RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
        );
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    mailer = mailerFor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  });

  afterAll(async () => {
    mailer?.destroy();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it.each([
    [400, 'MessageRejected', 'Email address is not verified.', false],
    [400, 'MailFromDomainNotVerifiedException', 'Domain not verified.', false],
    [400, 'ConfigurationSetDoesNotExist', 'Configuration set does not exist.', false],
    [400, 'AccountSendingPausedException', 'Sending paused for this account.', false],
    [400, 'InvalidParameterValue', 'Missing final @domain', false],
    [400, 'Throttling', 'Maximum sending rate exceeded.', true],
    [400, 'Throttling', 'Daily message quota exceeded.', false],
    [503, 'ServiceUnavailable', 'Service is unavailable.', true],
    [500, 'InternalFailure', 'Internal failure.', true],
  ])('HTTP %i %s (%s) → retryable %s', async (status, code, message, retryable) => {
    reply = { status, code, message };
    const error = await mailer.send(email).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailerError);
    expect(error).toMatchObject({ retryable });
    expect((error as MailerError).message).toContain(message);
    // the body of a mail may quote a mention; it must not travel in the error
    expect((error as MailerError).message).not.toContain('parking');
  });

  it('maps a refused connection to a retryable MailerError', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const unreachable = mailerFor(`http://127.0.0.1:${port}`);
    try {
      const error = await unreachable.send(email).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailerError);
      expect(error).toMatchObject({ retryable: true });
    } finally {
      unreachable.destroy();
    }
  });

  function mailerFor(endpoint: string): SesMailer {
    // one attempt: the SDK's own retries would only slow the test down
    return new SesMailer({
      from: TEST_MAIL_FROM,
      endpoint,
      region: LOCAL_SES_REGION,
      credentials: LOCAL_SES_CREDENTIALS,
      maxAttempts: 1,
    });
  }
});

describe('startLocalAws', () => {
  it('starts dynalite and SES together, with a state port and a mailer wired to them', async () => {
    const aws = await startLocalAws();
    try {
      await aws.state.ledger.setCursor('x-mentions', '1');
      expect(await aws.state.ledger.getCursor('x-mentions')).toBe('1');
      await aws.ses.clear();
      await aws.mailer.send(email);
      expect((await aws.ses.sentEmails()).map((sent) => sent.subject)).toEqual([email.subject]);
    } finally {
      await aws.close();
    }
  });
});
