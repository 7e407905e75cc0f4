import { CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, type StackProps } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleGroup,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { schedulePlan, type ScheduleTarget } from '../lambdas/core/plan/schedule-plan';
import { PARTITION_KEY, SORT_KEY, TTL_ATTRIBUTE } from '../lambdas/adapters/state-table';
import { bundledConfigDefine } from '../lambdas/runtime/lambda-runtime';
import { suppressWithReasons } from './nag-suppressions';

export interface SocialDutyStackProps extends StackProps {
  loaded: LoadedConfig;
  /** `esbuild` bundles each handler with the local esbuild (synth, deploy); `stub` skips it (template tests) */
  bundling?: 'esbuild' | 'stub';
}

/** What each function may do in the table: exactly the calls its service makes, nothing else. */
const TABLE_ACTIONS: Record<ScheduleTarget, string[]> = {
  post: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  sweep: [
    'dynamodb:GetItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:BatchGetItem',
    'dynamodb:BatchWriteItem',
  ],
  briefing: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:Query'],
};

/** Long enough for a post's retries and for a duplicate delivery to wait out a claim's 60-second lease. */
const TIMEOUTS: Record<ScheduleTarget, Duration> = {
  post: Duration.seconds(150),
  sweep: Duration.seconds(120),
  briefing: Duration.seconds(60),
};

/** One stack from the YAML: the state table, three functions, a schedule per plan entry, alarms. */
export class SocialDutyStack extends Stack {
  readonly table: dynamodb.Table;
  readonly functions: Record<ScheduleTarget, lambda.Function>;

  constructor(scope: Construct, id: string, props: SocialDutyStackProps) {
    super(scope, id, props);
    const { config } = props.loaded;

    this.table = new dynamodb.Table(this, 'State', {
      partitionKey: { name: PARTITION_KEY, type: dynamodb.AttributeType.STRING },
      sortKey: { name: SORT_KEY, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // claims, audit and pauses outlive any one deployment: tearing the stack down keeps them
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const alarmTopic = new sns.Topic(this, 'Alarms', {
      displayName: 'social-duty alarms',
      masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    alarmTopic.addSubscription(new subscriptions.EmailSubscription(config.duty.fallback));

    const deadLetters = new sqs.Queue(this, 'ScheduleDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });

    const makeFunction = (target: ScheduleTarget) => this.makeFunction(target, props);
    this.functions = {
      post: makeFunction('post'),
      sweep: makeFunction('sweep'),
      briefing: makeFunction('briefing'),
    };
    this.grantFunctions(props.loaded);

    const group = new ScheduleGroup(this, 'Schedules', { scheduleGroupName: `${this.stackName}-schedules` });
    for (const entry of schedulePlan(config)) {
      new Schedule(this, `Schedule-${entry.name}`, {
        scheduleName: entry.name,
        scheduleGroup: group,
        description: `social-duty ${entry.target}: ${JSON.stringify(entry.payload)}`,
        schedule: ScheduleExpression.expression(`cron(${entry.cron})`, TimeZone.of(entry.timezone)),
        timeWindow: TimeWindow.off(),
        target: new LambdaInvoke(this.functions[entry.target], {
          input: ScheduleTargetInput.fromObject({
            ...entry.payload,
            scheduledTime: ContextAttribute.scheduledTime,
          }),
          // claims make a repeated delivery harmless; an event an hour late is no longer useful
          retryAttempts: 2,
          maxEventAge: Duration.hours(1),
          deadLetterQueue: deadLetters,
        }),
      });
    }

    this.addAlarms(alarmTopic, deadLetters);
    new CfnOutput(this, 'StateTableName', {
      value: this.table.tableName,
      description: 'for `social-duty pause|resume|status|audit --table`',
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
    suppressWithReasons(this);
  }

  private makeFunction(target: ScheduleTarget, props: SocialDutyStackProps): lambda.Function {
    const logGroup = new logs.LogGroup(this, `${capitalise(target)}Logs`, {
      retention: logs.RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // an explicit role: logging to this function's own log group, nothing else until granted below
    const role = new iam.Role(this, `${capitalise(target)}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `social-duty ${target} function`,
    });
    role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logGroup.logGroupArn],
      }),
    );
    const common = {
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: 256,
      timeout: TIMEOUTS[target],
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      environment: {
        TABLE_NAME: this.table.tableName,
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'social-duty',
      },
      description: `social-duty ${target}`,
    };
    if (props.bundling === 'stub') {
      return new lambda.Function(this, `${capitalise(target)}Function`, {
        ...common,
        code: lambda.Code.fromInline('exports.handler = async () => ({ stub: true });'),
        handler: 'index.handler',
      });
    }
    return new nodejs.NodejsFunction(this, `${capitalise(target)}Function`, {
      ...common,
      entry: join(__dirname, '..', 'lambdas', 'handlers', `${target}.ts`),
      handler: 'handler',
      bundling: {
        minify: true,
        sourceMap: true,
        target: 'node22',
        format: nodejs.OutputFormat.CJS,
        // the nodejs22.x runtime provides AWS SDK v3; ES module builds let esbuild drop unused code
        externalModules: ['@aws-sdk/*'],
        mainFields: ['module', 'main'],
        define: bundledConfigDefine(props.loaded),
        forceDockerBundling: false,
      },
    });
  }

  private grantFunctions(loaded: LoadedConfig): void {
    const { config } = loaded;
    for (const [target, fn] of Object.entries(this.functions) as Array<[ScheduleTarget, lambda.Function]>) {
      fn.addToRolePolicy(
        new iam.PolicyStatement({ actions: TABLE_ACTIONS[target], resources: [this.table.tableArn] }),
      );
      fn.addToRolePolicy(
        new iam.PolicyStatement({
          actions: ['ses:SendEmail', 'ses:SendRawEmail'],
          resources: sesIdentityArns(this, config.duty.from),
          conditions: { StringEquals: { 'ses:FromAddress': config.duty.from } },
        }),
      );
    }
    // only the functions that call X read its credentials, and only the secrets the config names
    const secretArns = Object.values(config.accounts).map(
      (account) =>
        `arn:${this.partition}:secretsmanager:${this.region}:${this.account}:secret:${account.secret}-??????`,
    );
    for (const target of ['post', 'sweep'] as const) {
      this.functions[target].addToRolePolicy(
        new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: secretArns }),
      );
    }
  }

  private addAlarms(topic: sns.Topic, deadLetters: sqs.Queue): void {
    const notify = new actions.SnsAction(topic);
    const alarm = (id: string, alarmDescription: string, metric: cloudwatch.IMetric) =>
      new cloudwatch.Alarm(this, id, {
        alarmDescription,
        metric,
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(notify);

    for (const [target, fn] of Object.entries(this.functions)) {
      alarm(
        `${capitalise(target)}Errors`,
        `social-duty ${target} function failed: check its logs`,
        fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      );
    }
    alarm(
      'DeadLetters',
      'a schedule could not invoke its function after retries',
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    );

    // The post handler knows when a day is a closing day: it logs every closing event it acts on. A closing event
    // that ended failed or stuck means no sign-off went out; a crash shows as a function error above.
    const signOffMissed = new logs.MetricFilter(this, 'SignOffMissedFilter', {
      logGroup: this.functions.post.logGroup,
      filterPattern: logs.FilterPattern.all(
        logs.FilterPattern.stringValue('$.message', '=', 'post event handled'),
        logs.FilterPattern.stringValue('$.kind', '=', 'closing'),
        logs.FilterPattern.any(
          logs.FilterPattern.stringValue('$.outcome', '=', 'failed'),
          logs.FilterPattern.stringValue('$.outcome', '=', 'stuck'),
        ),
      ),
      metricNamespace: 'SocialDuty',
      metricName: 'SignOffMissed',
      metricValue: '1',
    });
    alarm(
      'NoSignOff',
      'no successful sign-off on a closing day: post it by hand (the duty officer was emailed the text)',
      signOffMissed.metric({ period: Duration.hours(1), statistic: 'Sum' }),
    );
  }
}

/**
 * SES checks the sending identity: the address itself or its domain, whichever was verified. The condition on
 * the policy still pins the From address.
 */
function sesIdentityArns(stack: Stack, from: string): string[] {
  const domain = from.slice(from.indexOf('@') + 1);
  return [from, domain].map(
    (identity) => `arn:${stack.partition}:ses:${stack.region}:${stack.account}:identity/${identity}`,
  );
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
