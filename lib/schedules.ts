import { Duration, RemovalPolicy, Stack, TimeZone } from 'aws-cdk-lib';
import {
  ContextAttribute,
  Schedule,
  ScheduleExpression,
  ScheduleGroup,
  ScheduleTargetInput,
  TimeWindow,
} from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { ScheduleEntry } from '../lambdas/core/plan/schedule-plan';
import type { DutyFunctions } from './functions';

/** Schedules (and functions) retry at most this often; claims make a repeated delivery harmless. */
export const SCHEDULE_RETRY_ATTEMPTS = 2;
/** A delivery older than this is dropped into the dead-letter queue instead of acting late. */
export const SCHEDULE_MAX_EVENT_AGE = Duration.hours(1);

/**
 * Where an event ends up when it could not be acted on: a schedule that could not invoke its function, or a
 * function that failed on the event after Lambda's retries. Its alarm tells a human; messages are kept two
 * weeks so there is time to read what failed.
 */
export function createDeadLetterQueue(scope: Construct): sqs.Queue {
  return new sqs.Queue(scope, 'ScheduleDeadLetters', {
    encryption: sqs.QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
}

/**
 * One Scheduler schedule per entry of the core's plan, nothing more: the same plan drives `preview` and the
 * local runner, and a test compares the template with it. Cron only says "maybe now"; the handler decides from
 * the calendar with the scheduled time the event carries.
 */
export function createPlanSchedules(
  scope: Construct,
  plan: readonly ScheduleEntry[],
  functions: DutyFunctions,
  deadLetters: sqs.IQueue,
): ScheduleGroup {
  const group = new ScheduleGroup(scope, 'Schedules', {
    scheduleGroupName: `${Stack.of(scope).stackName}-schedules`,
    // the group is named, so a retained one would make the next deploy of this stack fail
    removalPolicy: RemovalPolicy.DESTROY,
  });
  for (const entry of plan) {
    new Schedule(scope, `Schedule-${entry.name}`, {
      scheduleName: entry.name,
      scheduleGroup: group,
      description: `social-duty ${entry.target}: ${JSON.stringify(entry.payload)}`,
      // the plan's cron verbatim, evaluated in the organisation's zone (Europe/London keeps 16:00 at 16:00
      // through the clock changes)
      schedule: ScheduleExpression.expression(`cron(${entry.cron})`, TimeZone.of(entry.timezone)),
      timeWindow: TimeWindow.off(),
      target: new LambdaInvoke(functions[entry.target], {
        input: ScheduleTargetInput.fromObject({
          ...entry.payload,
          scheduledTime: ContextAttribute.scheduledTime,
        }),
        retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
        maxEventAge: SCHEDULE_MAX_EVENT_AGE,
        deadLetterQueue: deadLetters,
      }),
    });
  }
  return group;
}
