// zod/mini: the same validation as zod with a fraction of the bundle, which matters for cold starts
import * as z from 'zod/mini';

const scheduledTime = z.iso.datetime({ offset: true, error: 'scheduledTime must be an ISO 8601 instant' });

/** What a posting schedule sends (EventBridge Scheduler fills scheduledTime with <aws.scheduler.scheduled-time>). */
export const postEventSchema = z.object({
  kind: z.enum(['post', 'closing', 'reopening']),
  id: z.string().check(z.minLength(1)),
  scheduledTime,
});

export const sweepEventSchema = z.object({ kind: z.optional(z.literal('sweep')), scheduledTime });
export const briefingEventSchema = z.object({ kind: z.optional(z.literal('briefing')), scheduledTime });

/** Turns a zod failure into one short line: the event came from our own schedules, so this is a bug. */
export function parseEvent<T>(schema: z.ZodMiniType<T>, event: unknown): T {
  const result = schema.safeParse(event);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || 'event'} ${i.message}`);
    throw new Error(`invalid event: ${problems.join('; ')}`);
  }
  return result.data;
}
