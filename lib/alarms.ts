import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { FAILED_METRIC, METRIC_NAMESPACE } from '../lambdas/adapters/eventbridge-publisher';
import { FUNCTION_TARGETS, capitalise, type DutyFunctions } from './functions';
import type { DutyNotify } from './notify';

/** What the post handler logs once per event (lambdas/handlers/post.ts); the sign-off alarm reads it. */
export const POST_LOG_MESSAGE = 'post event handled';
/** Post outcomes that mean nothing went out although the sign-off was due (lambdas/services/post-service.ts). */
export const MISSED_OUTCOMES = ['failed', 'stuck'] as const;
/** What the acknowledge handler logs when a press could not be recorded (lambdas/handlers/acknowledge.ts). */
export const ACK_FAILED_LOG_MESSAGE = 'acknowledge failed';

const ALARM_PERIOD = Duration.minutes(5);

export interface DutyAlarmsProps {
  functions: DutyFunctions;
  acknowledge: lambda.Function;
  deadLetters: sqs.IQueue;
  /** duty.fallback: the comms team's shared mailbox */
  email: string;
  bus: events.IEventBus;
  /** absent when the config has no `notify:` consumers */
  notify?: DutyNotify | undefined;
}

/** Alarms for everything that needs a person, to an encrypted topic with an email subscription. */
export function createAlarms(scope: Construct, props: DutyAlarmsProps): sns.Topic {
  const topic = createAlarmTopic(scope, props.email);
  const notify = new actions.SnsAction(topic);
  const stackName = Stack.of(scope).stackName;
  const alarmWhenAny = (id: string, description: string, metric: cloudwatch.IMetric) =>
    new cloudwatch.Alarm(scope, id, {
      alarmDescription: `${stackName}: ${description}`,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // no invocations, no messages: nothing is wrong
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(notify);

  for (const target of FUNCTION_TARGETS) {
    alarmWhenAny(
      `${capitalise(target)}Errors`,
      `the ${target} function failed (crash or timeout); Lambda retries it twice. Check its log group.`,
      props.functions[target].metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
    );
  }
  alarmWhenAny(
    'DeadLetters',
    'an event was given up on (a schedule could not invoke its function, or a function kept failing): read the dead-letter queue',
    props.deadLetters.metricApproximateNumberOfMessagesVisible({
      period: ALARM_PERIOD,
      statistic: 'Maximum',
    }),
  );
  // the handler answers a failed press with a page, not an error, so Lambda's Errors metric misses it: its log
  // line is counted instead. Errors still catches a crash before the handler runs.
  alarmWhenAny(
    'AcknowledgeFailed',
    'an "I\'m handling this" press could not be recorded: the person was told, but the alert may escalate. Check the acknowledge log group.',
    loggedMessageMetric(scope, 'AcknowledgeFailed', props.acknowledge, ACK_FAILED_LOG_MESSAGE),
  );
  alarmWhenAny(
    'AcknowledgeErrors',
    'the acknowledge function failed (crash or timeout): presses of "I\'m handling this" are not being recorded',
    props.acknowledge.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
  );
  alarmWhenAny(
    'NoSignOff',
    'no sign-off went out on a closing day: post it by hand (the duty officer was emailed the text)',
    signOffMissedMetric(scope, props.functions.post),
  );
  // the functions count the events they gave up publishing in an EMF line (lambdas/adapters/eventbridge-publisher.ts)
  alarmWhenAny(
    'EventsFailedToPublish',
    'a function could not publish a duty event: the duty work was done and emailed, but Teams, texts and webhooks missed it. The function logs say which (by eventId).',
    new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName: FAILED_METRIC,
      period: ALARM_PERIOD,
      statistic: 'Sum',
    }),
  );
  if (props.notify) createNotifyAlarms(props.notify, props.bus, alarmWhenAny);
  return topic;
}

type AlarmWhenAny = (id: string, description: string, metric: cloudwatch.IMetric) => void;

/**
 * The notify function's crashes, and per consumer: events its rule could not hand to the function (its
 * dead-letter queue) and invocations that failed for good. A handler that throws is retried by Lambda and
 * then lands in the stack's dead-letter queue, whose alarm is above.
 */
function createNotifyAlarms(notify: DutyNotify, bus: events.IEventBus, alarmWhenAny: AlarmWhenAny): void {
  alarmWhenAny(
    'NotifyErrors',
    'the notify function failed on a duty event (crash, timeout or a channel refusing); Lambda retries it twice. Check its log group.',
    notify.fn.metricErrors({ period: ALARM_PERIOD, statistic: 'Sum' }),
  );
  for (const { consumer, rule, deadLetters } of notify.routes) {
    alarmWhenAny(
      `NotifyDeadLetters-${consumer.key}`,
      `a duty event for ${consumer.key} could not be handed to the notify function: read its dead-letter queue`,
      deadLetters.metricApproximateNumberOfMessagesVisible({ period: ALARM_PERIOD, statistic: 'Maximum' }),
    );
    alarmWhenAny(
      `NotifyFailedInvocations-${consumer.key}`,
      `the rule for ${consumer.key} failed to invoke the notify function for good`,
      new cloudwatch.Metric({
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        // a rule on a custom bus reports under both names; RuleName alone means the default bus
        dimensionsMap: { EventBusName: bus.eventBusName, RuleName: rule.ruleName },
        period: ALARM_PERIOD,
        statistic: 'Sum',
      }),
    );
  }
}

/**
 * "No successful sign-off on a closing day". CloudWatch cannot know which days are closing days, and an alarm on
 * "fewer than one sign-off a day" would fire on every ordinary weekday. The post handler does know: every closing
 * event it acts on ends in a logged outcome. So this counts the closing events that ended without a sign-off:
 * `failed` (X refused after retries) or `stuck` (a delivery died mid-post). A day with nothing due logs
 * `not-due`, a pause logs `skipped`: neither is counted. The other ways to miss a sign-off have their own alarm:
 * a crash or timeout (Errors) and an event that never reached the handler or outlived its retries (DeadLetters).
 */
function signOffMissedMetric(scope: Construct, post: { logGroup: logs.ILogGroup }): cloudwatch.IMetric {
  const filter = new logs.MetricFilter(scope, 'SignOffMissedFilter', {
    logGroup: post.logGroup,
    filterPattern: logs.FilterPattern.all(
      logs.FilterPattern.stringValue('$.message', '=', POST_LOG_MESSAGE),
      logs.FilterPattern.stringValue('$.kind', '=', 'closing'),
      logs.FilterPattern.any(
        ...MISSED_OUTCOMES.map((outcome) => logs.FilterPattern.stringValue('$.outcome', '=', outcome)),
      ),
    ),
    metricNamespace: 'SocialDuty',
    metricName: 'SignOffMissed',
    metricValue: '1',
  });
  return filter.metric({ period: ALARM_PERIOD, statistic: 'Sum' });
}

function loggedMessageMetric(
  scope: Construct,
  name: string,
  fn: { logGroup: logs.ILogGroup },
  message: string,
): cloudwatch.IMetric {
  const filter = new logs.MetricFilter(scope, `${name}Filter`, {
    logGroup: fn.logGroup,
    filterPattern: logs.FilterPattern.stringValue('$.message', '=', message),
    metricNamespace: 'SocialDuty',
    metricName: name,
    metricValue: '1',
  });
  return filter.metric({ period: ALARM_PERIOD, statistic: 'Sum' });
}

/**
 * Encrypted with a key of our own, not alias/aws/sns: CloudWatch alarms cannot publish to a topic under the
 * AWS-managed SNS key (its key policy does not let CloudWatch use it, and cannot be changed), so alarms would
 * fail silently. The key costs $1 a month; messages hold alarm names and states, no personal data.
 */
function createAlarmTopic(scope: Construct, email: string): sns.Topic {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, 'AlarmsKey', {
    description: `${stack.stackName} alarm topic`,
    enableKeyRotation: true,
    // SNS does not store messages, so nothing is lost when the key goes with the stack
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  const cloudwatchService = new iam.ServicePrincipal('cloudwatch.amazonaws.com');
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [cloudwatchService],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      // in a key policy `*` means this key and no other
      resources: ['*'],
    }),
  );
  const topic = new sns.Topic(scope, 'Alarms', {
    displayName: 'social-duty alarms',
    masterKey: key,
    enforceSSL: true,
  });
  // the topic policy replaces SNS's default one, so CloudWatch is let in by name: this account's alarms only
  topic.addToResourcePolicy(
    new iam.PolicyStatement({
      principals: [cloudwatchService],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: {
        ArnLike: {
          'aws:SourceArn': stack.formatArn({
            service: 'cloudwatch',
            resource: 'alarm',
            resourceName: '*',
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        },
        StringEquals: { 'aws:SourceAccount': stack.account },
      },
    }),
  );
  topic.addSubscription(new subscriptions.EmailSubscription(email));
  return topic;
}
