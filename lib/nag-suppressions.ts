import type { Stack } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { NagSuppressions } from 'cdk-nag';
import type { DutyFunctions } from './functions';
import type { DutyNotify } from './notify';

/**
 * Each cdk-nag finding this stack accepts, on the resources it concerns, with the reason it is right here.
 * Nothing is suppressed stack-wide for every resource: a new finding on a new resource still fails the test.
 */
export function suppressWithReasons(
  stack: Stack,
  scoped: {
    functions: DutyFunctions;
    deadLetters: sqs.Queue;
    acknowledge: lambda.Function;
    ackSigningSecret: secretsmanager.Secret;
    notify?: DutyNotify | undefined;
  },
) {
  NagSuppressions.addResourceSuppressions(
    [...Object.values(scoped.functions), scoped.acknowledge, ...(scoped.notify ? [scoped.notify.fn] : [])],
    [
      {
        id: 'AwsSolutions-L1',
        reason:
          'nodejs22.x is the runtime the handlers are built (esbuild target node22) and tested for; moving to a newer runtime is a deliberate upgrade, not a side effect of a cdk-nag release.',
      },
    ],
  );
  NagSuppressions.addResourceSuppressions(scoped.deadLetters, [
    {
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of the schedules and functions; a dead-letter queue for it would only move the problem. Its depth alarm tells a person.',
    },
  ]);
  for (const route of scoped.notify?.routes ?? []) {
    NagSuppressions.addResourceSuppressions(route.deadLetters, [
      {
        id: 'AwsSolutions-SQS3',
        reason: `This queue is itself the dead-letter queue of the ${route.consumer.key} rule, holding the events it could not hand to the notify function; a dead-letter queue for it would only move the problem. Its depth alarm tells a person.`,
      },
    ]);
  }
  NagSuppressions.addResourceSuppressions(scoped.ackSigningSecret, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'The key signs the urgent emails\' "I\'m handling this" links: rotating it would make every link in an email already sent fail, perhaps mid-incident. The links live 24 hours and only the roles of the functions that sign or check them may read the key; should it ever leak, put a new value into the secret by hand (old links then stop working, as they should).',
    },
  ]);
  // The schedules' roles are made inside LambdaInvoke, so they are matched by the exact finding, not by path.
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: 'AwsSolutions-IAM5',
      reason:
        "LambdaInvoke grants lambda:InvokeFunction on the target function's ARN and ARN:* (its versions and aliases). The wildcard reaches only that one function of this stack, never another.",
      appliesTo: [{ regex: '/^Resource::<(Post|Sweep|Briefing)Function[0-9A-F]{8}\\.Arn>:\\*$/g' }],
    },
  ]);
}
