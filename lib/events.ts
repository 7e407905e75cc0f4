import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { EVENT_SOURCE } from '../lambdas/core/events/detail-types';
import { EVENT_BUS_NAME_ENV } from '../lambdas/runtime/lambda-runtime';

/** a month: time to notice a subscriber that was down or wrong, and replay to it what it missed */
export const EVENT_ARCHIVE_RETENTION = Duration.days(30);

/**
 * The stack's own bus for duty events, named after the stack so a person finds it in the console, and an
 * archive of what the functions published.
 *
 * The archive may keep them: a detail holds ids, times, counts, outcomes and the staff addresses mail went to,
 * never a mention's text or its author (lambdas/core/events/event-schemas.ts). A Teams card that shows the
 * mention reads it from the table at delivery time, where it expires with the alert.
 */
export function createDutyEventBus(scope: Construct): events.EventBus {
  const stackName = Stack.of(scope).stackName;
  const bus = new events.EventBus(scope, 'DutyEvents', {
    eventBusName: `${stackName}-duty-events`,
    description: `${stackName}: what the duty functions did (posts, alerts, briefings, sources, pauses)`,
  });
  bus.archive('DutyEventsArchive', {
    description: `${stackName}: the last 30 days of duty events, for replaying to a subscriber`,
    // ours only: should anything else ever publish to this bus, it is not kept
    eventPattern: { source: [EVENT_SOURCE] },
    retention: EVENT_ARCHIVE_RETENTION,
  });
  return bus;
}

/**
 * Each function that records outcomes publishes them: it learns the bus's name (not a secret) from its
 * environment and may put events on this bus and no other.
 */
export function grantDutyEventPublishing(
  bus: events.IEventBus,
  publishers: readonly lambda.Function[],
): void {
  for (const fn of publishers) {
    fn.addEnvironment(EVENT_BUS_NAME_ENV, bus.eventBusName);
    bus.grantPutEventsTo(fn);
  }
}
