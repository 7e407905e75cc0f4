import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';
import type { Construct, IDependable } from 'constructs';
import { deployedItem } from '../lambdas/adapters/dynamodb/deployment';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../lambdas/adapters/state-table';
import type { DeployedRelease } from '../lambdas/ports/state';

/**
 * The one table of claims, rotations, cursors, held mentions, pauses and the audit trail. Key names and the TTL
 * attribute come from the adapter, so the deployed table and the local one cannot drift.
 *
 * Created straight in the stack (id `State`) rather than inside a wrapper construct: the table is retained, so
 * its logical id must never change, or a deploy would create a second, empty table beside the first.
 */
export function createStateTable(scope: Construct): dynamodb.Table {
  return new dynamodb.Table(scope, 'State', {
    partitionKey: { name: PARTITION_KEY, type: dynamodb.AttributeType.STRING },
    sortKey: { name: SORT_KEY, type: dynamodb.AttributeType.STRING },
    // a few thousand requests a month: on-demand costs pennies where provisioned capacity would cost dollars
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: TTL_ATTRIBUTE,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: dynamodb.TableEncryption.AWS_MANAGED,
    // claims and the audit trail are the record of what went out: tearing the stack down keeps them
    removalPolicy: RemovalPolicy.RETAIN,
  });
}

/**
 * At each deploy, once the functions are in place, puts what they run into the table as the `DEPLOYED` item, so
 * `social-duty status` can compare the local config with it using only the table it already reads. On a
 * rollback CloudFormation updates the resource back to its old properties, which writes the old release again.
 */
export function recordDeployedRelease(
  scope: Construct,
  props: { table: dynamodb.Table; release: DeployedRelease; after: IDependable[] },
): cr.AwsCustomResource {
  const logGroup = new logs.LogGroup(scope, 'DeployRecordLogs', {
    retention: logs.RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group
  const role = new iam.Role(scope, 'DeployRecordRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: 'social-duty: writes the DEPLOYED item at deploy time',
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  const put: cr.AwsSdkCall = {
    service: 'DynamoDB',
    action: 'PutItem',
    parameters: { TableName: props.table.tableName, Item: deployedItem(props.release) },
    physicalResourceId: cr.PhysicalResourceId.of('social-duty-deployed-release'),
  };
  const record = new cr.AwsCustomResource(scope, 'DeployRecord', {
    onCreate: put,
    onUpdate: put,
    policy: cr.AwsCustomResourcePolicy.fromStatements([
      new iam.PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [props.table.tableArn] }),
    ]),
    role,
    logGroup,
    // the runtime's own SDK has PutItem; fetching the latest from npm would make a deploy need the internet
    installLatestAwsSdk: false,
    timeout: Duration.minutes(1),
  });
  record.node.addDependency(...props.after);
  return record;
}
