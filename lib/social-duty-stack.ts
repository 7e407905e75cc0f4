import { CfnOutput, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { notifyConsumers } from '../lambdas/core/notify/consumers';
import { schedulePlan } from '../lambdas/core/plan/schedule-plan';
import { ACK_SIGNING_SECRET_ENV, ACK_URL_ENV } from '../lambdas/runtime/ack-links-runtime';
import { createAcknowledgeEndpoint } from './acknowledge';
import { createAlarms } from './alarms';
import { createDutyEventBus, grantDutyEventPublishing } from './events';
import { createDutyFunctions, type DutyFunctions, type FunctionBundling } from './functions';
import { suppressWithReasons } from './nag-suppressions';
import { createDutyNotify, type DutyNotify } from './notify';
import { grantAckLinkSigning, grantLeastPrivilege } from './permissions';
import { createDeadLetterQueue, createPlanSchedules } from './schedules';
import { createStateTable, recordDeployedRelease } from './state-table';

export interface SocialDutyStackProps extends StackProps {
  /** the validated config, as `parseConfig` or `loadConfigFile` returned it */
  loaded: LoadedConfig;
  /** default `esbuild`; template tests pass `stub` so they do not pay for bundling */
  bundling?: FunctionBundling;
  /** written into the table's `DEPLOYED` item; default now, which under `cdk deploy` is just before the deploy */
  deployedAt?: string;
}

/**
 * One stack from the YAML: the state table, three scheduled functions, a schedule per plan entry, the public
 * acknowledge endpoint for urgent alerts, the bus the functions publish duty events to (with its archive), the
 * notify function and a rule per `notify:` consumer, alarms, and the table's `DEPLOYED` item saying what this
 * deploy put live.
 */
export class SocialDutyStack extends Stack {
  readonly table: dynamodb.Table;
  readonly functions: DutyFunctions;
  readonly acknowledge: lambda.Function;
  readonly ackSigningSecret: secretsmanager.Secret;
  readonly deadLetters: sqs.Queue;
  readonly alarmTopic: sns.Topic;
  readonly eventBus: events.EventBus;
  /** undefined when the config declares no `notify:` consumers */
  readonly notify: DutyNotify | undefined;

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

    const ack = createAcknowledgeEndpoint(this, {
      loaded,
      table: this.table,
      bundling: props.bundling ?? 'esbuild',
    });
    this.acknowledge = ack.fn;
    this.ackSigningSecret = ack.signingSecret;
    // the sweep puts a signed link to the endpoint in each urgent email
    this.functions.sweep.addEnvironment(ACK_URL_ENV, ack.url.url);
    this.functions.sweep.addEnvironment(ACK_SIGNING_SECRET_ENV, ack.signingSecret.secretArn);
    grantAckLinkSigning(this.functions, ack.signingSecret);
    createPlanSchedules(this, schedulePlan(config), this.functions, this.deadLetters);

    this.eventBus = createDutyEventBus(this);
    grantDutyEventPublishing(this.eventBus, [...Object.values(this.functions), ack.fn]);
    this.notify = createDutyNotify(this, {
      loaded,
      consumers: notifyConsumers(config),
      bus: this.eventBus,
      table: this.table,
      bundling: props.bundling ?? 'esbuild',
      ackUrl: ack.url.url,
      ackSigningSecret: ack.signingSecret,
      deadLetters: this.deadLetters,
    });
    this.alarmTopic = createAlarms(this, {
      functions: this.functions,
      acknowledge: ack.fn,
      deadLetters: this.deadLetters,
      email: config.duty.fallback,
      bus: this.eventBus,
      notify: this.notify,
    });
    recordDeployedRelease(this, {
      table: this.table,
      release: {
        configVersion: props.loaded.version,
        ...(props.loaded.commit ? { commit: props.loaded.commit } : {}),
        deployedAt: props.deployedAt ?? new Date().toISOString(),
      },
      after: [...Object.values(this.functions), ack.fn, ...(this.notify ? [this.notify.fn] : [])],
    });

    new CfnOutput(this, 'ConfigVersion', {
      value: props.loaded.version,
      description: 'the config version the functions run (social-duty check prints the local one)',
    });
    new CfnOutput(this, 'DeployedCommit', {
      value: props.loaded.commit ?? 'none',
      description: 'the git commit deployed (cdk deploy -c commit=SHA)',
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
    new CfnOutput(this, 'EventBusName', {
      value: this.eventBus.eventBusName,
      description: 'the bus the duty events are published to; add a rule here to subscribe to them',
    });
    new CfnOutput(this, 'AcknowledgeUrl', {
      value: ack.url.url,
      description:
        'the "I\'m handling this" endpoint the urgent emails link to (a link needs its signed token)',
    });
    suppressWithReasons(this, {
      functions: this.functions,
      deadLetters: this.deadLetters,
      acknowledge: ack.fn,
      ackSigningSecret: ack.signingSecret,
      notify: this.notify,
    });
  }
}
