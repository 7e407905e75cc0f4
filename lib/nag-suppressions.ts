import type { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';

/** Each cdk-nag finding this stack accepts, with the reason it is right here. */
export function suppressWithReasons(stack: Stack): void {
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: 'AwsSolutions-IAM5',
      reason:
        'Secrets Manager ARNs end in a random 6-character suffix, so a grant by secret name needs the -?????? wildcard; the SES identity ARNs and table ARN are exact.',
    },
    {
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is the dead-letter queue of the schedules; a dead-letter queue of its own would only move the problem.',
    },
    {
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the runtime the code is built and tested for; moving to a newer one is a deliberate upgrade.',
    },
  ]);
}
