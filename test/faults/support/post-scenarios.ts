import {
  handlePostEvent,
  type PostEvent,
  type PostEventOutcome,
} from '../../../lambdas/services/post-service';
import type { RuntimeDeps } from '../../../lambdas/runtime/runtime-deps';
import type { FaultStack } from './fault-stack';
import { assertPostsConsistent, tweetIds, type OccurrenceReport } from './post-invariants';

/** what one delivery of a post event came to: an outcome, or the error the function failed with */
export interface PostRun {
  outcome?: PostEventOutcome;
  error?: Error;
}

export async function deliverPost(deps: RuntimeDeps, event: PostEvent): Promise<PostRun> {
  try {
    return { outcome: await handlePostEvent(deps, event) };
  } catch (error) {
    return { error: error as Error };
  }
}

export interface PostScenarioResult {
  first: PostRun;
  /** the scheduler's retry, made only when the first delivery failed */
  retry?: PostRun;
  report: OccurrenceReport;
}

/** how long after a failed invocation the scheduler's retry comes, in the tests: past any claim lease */
export const SCHEDULER_RETRY_AFTER_MS = 3 * 60_000;

export function plusMs(iso: string | Date, ms: number): string {
  return new Date(new Date(iso).getTime() + ms).toISOString();
}

/**
 * One occurrence under a fault: `inject` arms it, the event is delivered through the faulty adapters a second
 * after its time, the fault is cleared, and if the function failed the scheduler delivers the event again (as
 * EventBridge Scheduler retries a failed invocation). Then the posting invariants are checked.
 */
export async function runPostScenario(
  faults: FaultStack,
  event: PostEvent,
  inject: () => void,
  options: { xTimeoutMs?: number } = {},
): Promise<PostScenarioResult> {
  const { stack } = faults;
  await stack.ses.clear();
  const before = tweetIds(stack);
  inject();
  stack.clock.set(plusMs(event.scheduledTime, 1000));
  const first = await deliverPost(faults.faulty(options.xTimeoutMs), event);
  faults.clearFaults();
  let retry: PostRun | undefined;
  if (first.error) {
    stack.clock.set(plusMs(stack.clock.now(), SCHEDULER_RETRY_AFTER_MS));
    retry = await deliverPost(stack.deps, event);
    if (retry.error) throw retry.error;
  }
  const [report] = await assertPostsConsistent(stack, [event], before);
  if (!report) throw new Error('no report for the occurrence');
  return { first, ...(retry ? { retry } : {}), report };
}
