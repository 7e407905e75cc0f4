import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { schedulePlan } from '../lambdas/core/plan/schedule-plan';
import { createAlarms } from './alarms';
import { createDutyFunctions, type DutyFunctions, type FunctionBundling } from './functions';
import { suppressWithReasons } from './nag-suppressions';
import { grantLeastPrivilege } from './permissions';
import { createDeadLetterQueue, createPlanSchedules } from './schedules';
import { createStateTable } from './state-table';

export interface SocialDutyStackProps extends StackProps {
  /** the validated config, as `parseConfig` or `loadConfigFile` returned it */
  loaded: LoadedConfig;
  /** default `esbuild`; template tests pass `stub` so they do not pay for bundling */
  bundling?: FunctionBundling;
}

/** One stack from the YAML: the state table, three functions, a schedule per plan entry, alarms. */
export class SocialDutyStack extends Stack {
  readonly table: dynamodb.Table;
  readonly functions: DutyFunctions;
  readonly deadLetters: sqs.Queue;
  readonly alarmTopic: sns.Topic;

  constructor(scope: Construct, id: string, props: SocialDutyStackProps) {
    super(scope, id, props);
    // only what the handlers read is bundled: extra fields (such as the file's local path) stay out
    const loaded: LoadedConfig = { config: props.loaded.config, version: props.loaded.version };
    const { config } = loaded;
    Tags.of(this).add('application', 'social-duty');

    this.table = createStateTable(this);
    this.deadLetters = createDeadLetterQueue(this);
    this.functions = createDutyFunctions(this, {
      loaded,
      table: this.table,
      deadLetters: this.deadLetters,
      bundling: props.bundling ?? 'esbuild',
    });
    grantLeastPrivilege(this, this.functions, this.table, config);
    createPlanSchedules(this, schedulePlan(config), this.functions, this.deadLetters);
    this.alarmTopic = createAlarms(this, {
      functions: this.functions,
      deadLetters: this.deadLetters,
      email: config.duty.fallback,
    });

    new CfnOutput(this, 'StateTableName', {
      value: this.table.tableName,
      description: 'the --table of social-duty pause, resume, status and audit',
    });
    new CfnOutput(this, 'DeadLetterQueueUrl', {
      value: this.deadLetters.queueUrl,
      description: 'events given up on; read them when the DeadLetters alarm fires',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarmTopic.topicArn });
    suppressWithReasons(this, { functions: this.functions, deadLetters: this.deadLetters });
  }
}
