/**
 * Local AWS for integration tests: dynalite with the state table, and aws-ses-v2-local.
 *
 *   const aws = await startLocalAws();   // in beforeAll
 *   await aws.close();                   // in afterAll
 */
import { dynamoDbStateStores } from '../../lambdas/adapters/dynamodb';
import type { StateStores } from '../../lambdas/ports/state';
import { SesMailer } from '../../lambdas/adapters/ses-mailer';
import { startDynalite, type DynaliteHandle, type StartDynaliteOptions } from '../../local/dynalite-server';
import {
  LOCAL_SES_CREDENTIALS,
  LOCAL_SES_REGION,
  startSesServer,
  type SesServerHandle,
} from '../../local/ses-server';

export const TEST_MAIL_FROM = 'Social duty <social-duty@example.nhs.uk>';

export interface LocalAws {
  dynamo: DynaliteHandle;
  ses: SesServerHandle;
  /** the state stores on the dynalite table */
  state: StateStores;
  /** MailerPort on the local SES server, sending from TEST_MAIL_FROM */
  mailer: SesMailer;
  close(): Promise<void>;
}

export interface StartLocalAwsOptions {
  dynamo?: StartDynaliteOptions;
  mailFrom?: string;
}

export async function startLocalAws(options: StartLocalAwsOptions = {}): Promise<LocalAws> {
  const [dynamo, ses] = await Promise.all([startDynalite(options.dynamo), startSesServer()]);
  const mailer = localSesMailer(ses, options.mailFrom);
  return {
    dynamo,
    ses,
    state: dynamoDbStateStores({ client: dynamo.client, tableName: dynamo.tableName }),
    mailer,
    async close() {
      mailer.destroy();
      await Promise.all([dynamo.close(), ses.close()]);
    },
  };
}

/** a SesMailer for a local SES server; call `destroy()` when done */
export function localSesMailer(
  ses: Pick<SesServerHandle, 'endpoint'>,
  from: string = TEST_MAIL_FROM,
  maxAttempts?: number,
): SesMailer {
  return new SesMailer({
    from,
    endpoint: ses.endpoint,
    region: LOCAL_SES_REGION,
    credentials: LOCAL_SES_CREDENTIALS,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
}
