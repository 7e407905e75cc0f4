import { ArnFormat, Stack } from 'aws-cdk-lib';
import { accountsUsedBy, type NetworkCaller } from '../lambdas/core/account-usage';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import type { Config } from '../lambdas/core/config/schema';
import type { NotifyConsumer } from '../lambdas/core/notify/consumers';
import type { ScheduleTarget } from '../lambdas/core/plan/schedule-plan';
import { FUNCTION_TARGETS, type DutyFunctions } from './functions';

/**
 * Exactly the table calls each function's service makes (lambdas/adapters/dynamodb/), nothing else; a test runs
 * each service on dynalite and checks its calls against these lists:
 * - post: reads the pause and rotation, claims with a conditional Put, completes and rotates with Updates.
 * - sweep: claims its tick (Put/Update), cursors and source health (Get/Put), seen marks and found mentions in
 *   batches (BatchGet/BatchWrite), the mentions awaiting an alert email and the urgent alerts due (Query),
 *   urgent alerts opened (Put) and escalated (Update).
 * - briefing: claims its run (Put/Update), lists found mentions and the audit trail (Query), reads their urgent
 *   alerts in a batch (BatchGet).
 * Every function writes audit records (Put). No function may Scan, Delete or change the table itself:
 * only `social-duty resume`, run with a person's own credentials, deletes the pause item.
 */
export const TABLE_ACTIONS: Record<ScheduleTarget, readonly string[]> = {
  post: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  sweep: [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
    'dynamodb:Query',
  ],
  briefing: [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:Query',
    'dynamodb:BatchGetItem',
  ],
};

/**
 * The acknowledge function reads an urgent alert (Get), acknowledges it with a conditional Update and writes the
 * audit record (Put). It is the one public endpoint, so it gets nothing more: no Query, no batch reads.
 */
export const ACKNOWLEDGE_TABLE_ACTIONS: readonly string[] = [
  'dynamodb:GetItem',
  'dynamodb:UpdateItem',
  'dynamodb:PutItem',
];

/**
 * The notify function reads the urgent alert an event names (Get, lambdas/adapters/dynamodb/urgent-alerts.ts),
 * for the mention a Teams card shows and to see whether someone already has it in hand. It writes nothing.
 */
export const NOTIFY_TABLE_ACTIONS: readonly string[] = ['dynamodb:GetItem'];

/** The sweep signs the "I'm handling this" links it puts in urgent emails. */
export const ACK_LINK_SIGNERS: readonly ScheduleTarget[] = ['sweep'];

/**
 * Only the functions that call a network read account credentials (the briefing is an email built from the
 * table), and each only the accounts it uses: the sweep never holds a posting-only account's keys.
 */
export const NETWORK_CALLERS: readonly NetworkCaller[] = ['post', 'sweep'];

/** Every function emails the duty officer: failures (post), alerts (sweep), the briefing itself. */
export const MAILERS: readonly ScheduleTarget[] = FUNCTION_TARGETS;

export function grantLeastPrivilege(
  scope: Construct,
  functions: DutyFunctions,
  table: dynamodb.ITable,
  config: Config,
): void {
  const stack = Stack.of(scope);
  for (const target of FUNCTION_TARGETS) {
    functions[target].addToRolePolicy(
      new iam.PolicyStatement({ actions: [...TABLE_ACTIONS[target]], resources: [table.tableArn] }),
    );
  }
  const sendFromDutyAddress = new iam.PolicyStatement({
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resources: sesIdentityArns(stack, config.duty.from),
    conditions: { StringEquals: { 'ses:FromAddress': config.duty.from } },
  });
  for (const target of MAILERS) functions[target].addToRolePolicy(sendFromDutyAddress);

  for (const target of NETWORK_CALLERS) {
    const secrets = accountSecretArns(stack, config, accountsUsedBy(config, target));
    if (secrets.length === 0) continue;
    functions[target].addToRolePolicy(
      new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: secrets }),
    );
  }
}

/**
 * The acknowledge function: its table calls, and the signing key's value (GetSecretValue only: it has no use
 * for the secret's metadata, which `grantRead` would add).
 */
export function grantAcknowledge(
  fn: lambda.IFunction,
  table: dynamodb.ITable,
  signingSecret: secretsmanager.ISecret,
): void {
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: [...ACKNOWLEDGE_TABLE_ACTIONS], resources: [table.tableArn] }),
  );
  fn.addToRolePolicy(readSigningKey(signingSecret));
}

/** The functions that sign links read the same key, and nothing else of it. */
export function grantAckLinkSigning(functions: DutyFunctions, signingSecret: secretsmanager.ISecret): void {
  for (const target of ACK_LINK_SIGNERS) functions[target].addToRolePolicy(readSigningKey(signingSecret));
}

/**
 * The notify function: its table read, the secrets of the consumers the config names (a Teams Workflows URL is a
 * credential, a webhook key signs), the signing key (a card and a text carry their own acknowledge link), and
 * texts when the config has phones to send to. Nothing it does not use: no secret of another consumer, no topic.
 */
export function grantNotify(
  fn: lambda.IFunction,
  table: dynamodb.ITable,
  consumers: readonly NotifyConsumer[],
  signingSecret: secretsmanager.ISecret,
): void {
  const stack = Stack.of(fn);
  fn.addToRolePolicy(
    new iam.PolicyStatement({ actions: [...NOTIFY_TABLE_ACTIONS], resources: [table.tableArn] }),
  );
  const secretNames = consumers.flatMap((consumer) => (consumer.channel === 'sms' ? [] : [consumer.secret]));
  if (secretNames.length > 0) {
    fn.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: secretArnsByName(stack, secretNames),
      }),
    );
  }
  fn.addToRolePolicy(readSigningKey(signingSecret));
  if (consumers.some((consumer) => consumer.channel === 'sms')) fn.addToRolePolicy(sendTextsOnly(stack));
}

/**
 * A text to a phone number is a Publish with no resource to name, so it cannot be granted by ARN. AWS's way
 * to allow it and nothing more is NotResource every SNS ARN: the grant then covers phone numbers only, and no
 * topic or platform endpoint of any account. The partition is the stack's, so the exclusion holds outside
 * `aws` too.
 */
function sendTextsOnly(stack: Stack): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['sns:Publish'],
    notResources: [`arn:${stack.partition}:sns:*:*:*`],
  });
}

function readSigningKey(signingSecret: secretsmanager.ISecret): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['secretsmanager:GetSecretValue'],
    resources: [signingSecret.secretArn],
  });
}

/**
 * SES authorises against the identity that was verified: the address itself or its domain, whichever the
 * trust verified. Both are listed; the condition pins the From address whichever it is.
 */
function sesIdentityArns(stack: Stack, from: string): string[] {
  const domain = from.slice(from.indexOf('@') + 1);
  return [from, domain].map((identity) =>
    stack.formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: identity,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    }),
  );
}

function accountSecretArns(stack: Stack, config: Config, accounts: readonly string[]): string[] {
  return secretArnsByName(
    stack,
    accounts.flatMap((account) => {
      const secret = config.accounts[account]?.secret;
      return secret ? [secret] : [];
    }),
  );
}

/**
 * A secret's ARN ends in `-` and six random characters that are unknown until it is created, so a grant by
 * name needs `-??????` (exactly six characters: `social-duty/x/main` cannot match `social-duty/x/main-old`).
 */
function secretArnsByName(stack: Stack, names: readonly string[]): string[] {
  return [...new Set(names)].map((name) =>
    stack.formatArn({
      service: 'secretsmanager',
      resource: 'secret',
      resourceName: `${name}-??????`,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    }),
  );
}
