import { z } from 'zod';

const scheduledTime = z.iso.datetime({ offset: true, error: 'scheduledTime must be an ISO 8601 instant' });

/** What a posting schedule sends (EventBridge Scheduler fills scheduledTime with <aws.scheduler.scheduled-time>). */
export const postEventSchema = z.object({
  kind: z.enum(['post', 'closing', 'reopening']),
  id: z.string().min(1),
  scheduledTime,
});

export const sweepEventSchema = z.object({ kind: z.literal('sweep').optional(), scheduledTime });
export const briefingEventSchema = z.object({ kind: z.literal('briefing').optional(), scheduledTime });

/** Turns a zod failure into one short line: the event came from our own schedules, so this is a bug. */
export function parseEvent<T>(schema: z.ZodType<T>, event: unknown): T {
  const result = schema.safeParse(event);
  if (!result.success) {
    throw new Error(
      `invalid event: ${result.error.issues.map((i) => `${i.path.join('.') || 'event'} ${i.message}`).join('; ')}`,
    );
  }
  return result.data;
}
