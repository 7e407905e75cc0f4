import { z } from 'zod';

/**
 * What every stand-in's `/_local/` control routes share: the fault window a test or `simulate` schedules, and
 * JSON bodies checked against a schema with one plain message per problem.
 */
const isoInstant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant')
  .transform((value) => new Date(value));

export const failureBody = z.object({
  from: isoInstant,
  until: isoInstant,
  status: z.union([
    z.literal(204),
    z.literal(429),
    z.literal(500),
    z.literal(503),
    z.enum(['timeout', 'malformed', 'reset']),
  ]),
  paths: z.array(z.string().min(1)).optional(),
});

export class BadControlRequest extends Error {}

export function parseJson<T>(raw: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new BadControlRequest('body must be JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new BadControlRequest(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  return result.data;
}
