import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { ACK_SIGNING_SECRET_ENV } from '../lambdas/runtime/ack-links-runtime';
import { createHandlerFunction, type FunctionBundling } from './functions';
import { grantAcknowledge } from './permissions';

/**
 * At most this many pages are served at once, and this many are always available. A handful of people press the
 * button on a bad night; the cap keeps a flood of requests to this unauthenticated URL from running up costs or
 * taking the account's concurrency from the scheduled functions, and the reservation keeps capacity for the
 * button whatever else runs. Lambda keeps 100 units unreserved, or all of them when the account's quota is lower
 * (new accounts may start at 10 or 50): there the deploy fails with "decreases account's
 * UnreservedConcurrentExecution below its minimum value" until Service Quotas raises the quota (default 1000).
 */
export const ACKNOWLEDGE_RESERVED_CONCURRENCY = 5;

/** A page is one read and one conditional write: ten seconds leaves room for a cold start and the secret. */
export const ACKNOWLEDGE_TIMEOUT = Duration.seconds(10);

export interface AcknowledgeEndpointProps {
  loaded: LoadedConfig;
  table: dynamodb.ITable;
  bundling: FunctionBundling;
}

export interface AcknowledgeEndpoint {
  fn: lambda.Function;
  url: lambda.FunctionUrl;
  signingSecret: secretsmanager.Secret;
}

/**
 * The "I'm handling this" endpoint: the acknowledge function behind a public function URL, and the key its
 * links are signed with. The URL needs no AWS sign-in: the signed token in each link is the credential.
 */
export function createAcknowledgeEndpoint(
  scope: Construct,
  props: AcknowledgeEndpointProps,
): AcknowledgeEndpoint {
  const signingSecret = new secretsmanager.Secret(scope, 'AckSigningKey', {
    description: 'social-duty: HMAC key of the urgent emails\' "I\'m handling this" links',
    generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
    // Deleted with the stack: it only signs links that live 24 hours, and the function that checks them goes
    // too. Retained, it would be an orphan signing nothing, and a new stack generates its own.
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const fn = createHandlerFunction(scope, {
    handler: 'acknowledge',
    loaded: props.loaded,
    table: props.table,
    bundling: props.bundling,
    timeout: ACKNOWLEDGE_TIMEOUT,
    // the secret's ARN, not its value: the function reads the key from Secrets Manager
    environment: { [ACK_SIGNING_SECRET_ENV]: signingSecret.secretArn },
    options: { reservedConcurrentExecutions: ACKNOWLEDGE_RESERVED_CONCURRENCY },
  });
  grantAcknowledge(fn, props.table, signingSecret);
  const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
  return { fn, url, signingSecret };
}
