import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../lambdas/adapters/state-table';

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
