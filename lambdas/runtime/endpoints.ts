import type { XCredentials } from '../adapters/x-credentials';
import type { SourceOptions } from '../services/mention-sources';

/** Where the adapters connect: AWS by default, or the local stand-ins. No secrets in here. */
export interface RuntimeEndpoints {
  tableName: string;
  region?: string;
  dynamoEndpoint?: string;
  sesEndpoint?: string;
  xBaseUrl?: string;
  /** fixed X credentials per account (local runs): otherwise read from Secrets Manager */
  xCredentials?: Record<string, XCredentials>;
  /** fake AWS credentials for the local stand-ins, which check none */
  localAwsCredentials?: { accessKeyId: string; secretAccessKey: string };
  xTimeoutMs?: number;
  /** the local Graph API stand-in, in place of https://graph.facebook.com */
  facebookBaseUrl?: string;
  /** the local Bluesky XRPC stand-in, in place of each account's service (https://bsky.social) */
  blueskyServiceUrl?: string;
  /** how long Facebook and Bluesky requests may take */
  channelTimeoutMs?: number;
  /**
   * fixed Bluesky and Facebook secret values per account (local runs, whose stand-ins accept them): otherwise
   * each account's secret is read from Secrets Manager
   */
  accountSecrets?: Record<string, Record<string, unknown>>;
  /** where feeds are read from and how long to wait (local runs serve seeded feeds) */
  sourceOptions?: SourceOptions;
  /** where "I'm handling this" links point (local ack server): otherwise env ACK_URL (the function URL) */
  ackBaseUrl?: string;
  /** fixed key for those links (local runs only): otherwise the secret named by ACK_SIGNING_SECRET_ARN */
  ackSigningKey?: string;
  /** the bus duty events go to (a name, not a secret); none: events are not published */
  eventBusName?: string;
  /** the local EventBridge stand-in; otherwise EventBridge in `region` */
  eventBridgeEndpoint?: string;
}

/** The region and, for the local stand-ins, the fake credentials, as every AWS SDK client takes them. */
export function awsOptions(endpoints: Pick<RuntimeEndpoints, 'region' | 'localAwsCredentials'>) {
  return {
    ...(endpoints.region ? { region: endpoints.region } : {}),
    ...(endpoints.localAwsCredentials ? { credentials: endpoints.localAwsCredentials } : {}),
  };
}
