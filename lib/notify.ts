import { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { EVENT_SOURCE } from '../lambdas/core/events/detail-types';
import type { NotifyConsumer, NotifyInput } from '../lambdas/core/notify/consumers';
import { ACK_SIGNING_SECRET_ENV, ACK_URL_ENV } from '../lambdas/runtime/ack-links-runtime';
import { createHandlerFunction, type FunctionBundling } from './functions';
import { grantNotify } from './permissions';
import { SCHEDULE_MAX_EVENT_AGE, SCHEDULE_RETRY_ATTEMPTS } from './schedules';

/**
 * One delivery: a cold start, the consumer's secret, the urgent alert, then a Teams post (5 s at most), a text,
 * or a webhook's retries (8 s at most in all). Thirty seconds leaves room for the slowest of them.
 */
export const NOTIFY_TIMEOUT = Duration.seconds(30);

/**
 * EventBridge retries a delivery it could not hand to Lambda (throttled, or Lambda unavailable) as the schedules
 * do theirs: twice, within the hour. Past that an urgent text is news to nobody; the event waits in the
 * consumer's dead-letter queue and its alarm tells a person.
 */
export const NOTIFY_RETRY_ATTEMPTS = SCHEDULE_RETRY_ATTEMPTS;
export const NOTIFY_MAX_EVENT_AGE = SCHEDULE_MAX_EVENT_AGE;

export interface DutyNotifyProps {
  loaded: LoadedConfig;
  consumers: readonly NotifyConsumer[];
  bus: events.IEventBus;
  table: dynamodb.ITable;
  bundling: FunctionBundling;
  /** the acknowledge endpoint: each card and text carries its own "I'm handling this" link */
  ackUrl: string;
  ackSigningSecret: secretsmanager.ISecret;
  /** where an event goes when the function failed on it and Lambda's own retries are used up */
  deadLetters: sqs.IQueue;
}

/** One consumer's way in: its rule on the bus and the queue of what the rule could not deliver. */
export interface NotifyRoute {
  consumer: NotifyConsumer;
  rule: events.Rule;
  deadLetters: sqs.Queue;
}

export interface DutyNotify {
  fn: lambda.Function;
  routes: NotifyRoute[];
}

/**
 * The notify function and one rule per consumer the config's `notify:` section declares; nothing at all when
 * it declares none, so a trust that only uses email pays for nothing and grants nothing.
 */
export function createDutyNotify(scope: Construct, props: DutyNotifyProps): DutyNotify | undefined {
  if (props.consumers.length === 0) return undefined;
  const fn = createHandlerFunction(scope, {
    handler: 'notify',
    loaded: props.loaded,
    table: props.table,
    bundling: props.bundling,
    timeout: NOTIFY_TIMEOUT,
    // where the links point and the ARN of the key that signs them, not the key
    environment: { [ACK_URL_ENV]: props.ackUrl, [ACK_SIGNING_SECRET_ENV]: props.ackSigningSecret.secretArn },
    options: {
      // EventBridge hands the event to Lambda asynchronously and is done: a handler that throws is retried by
      // Lambda, and what still fails goes to the stack's dead-letter queue (the record names the consumer)
      retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
      maxEventAge: SCHEDULE_MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(props.deadLetters),
    },
  });
  grantNotify(fn, props.table, props.consumers, props.ackSigningSecret);
  const routes = props.consumers.map((consumer) => createRoute(scope, fn, props.bus, consumer));
  return { fn, routes };
}

function createRoute(
  scope: Construct,
  fn: lambda.IFunction,
  bus: events.IEventBus,
  consumer: NotifyConsumer,
): NotifyRoute {
  const route = new Construct(scope, `Notify-${consumer.key}`);
  const deadLetters = new sqs.Queue(route, 'DeadLetters', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const rule = new events.Rule(route, 'Rule', {
    eventBus: bus,
    description: `social-duty: duty events for ${consumer.key}`,
    // only to satisfy the L2's check that a rule has a pattern: the consumer's own pattern replaces it below
    eventPattern: { source: [EVENT_SOURCE] },
  });
  // The consumer's pattern verbatim, so the rule matches exactly what the local EventBridge stand-in matches.
  // The L2 EventPattern type has no `$or`, and CDK would merge rather than replace a property override.
  (rule.node.defaultChild as events.CfnRule).eventPattern = consumer.pattern;
  const input: { [K in keyof NotifyInput]: unknown } = {
    consumer: consumer.key,
    event: events.EventField.fromPath('$'),
  };
  rule.addTarget(
    new targets.LambdaFunction(fn, {
      event: events.RuleTargetInput.fromObject(input),
      retryAttempts: NOTIFY_RETRY_ATTEMPTS,
      maxEventAge: NOTIFY_MAX_EVENT_AGE,
      // the target adds the queue policy: events.amazonaws.com may send, and only for this rule
      deadLetterQueue: deadLetters,
    }),
  );
  return { consumer, rule, deadLetters };
}
