import { z } from 'zod';

const instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 instant, e.g. 2026-12-26T22:10:00Z',
});

const seedMention = z.strictObject({
  at: instant,
  source: z.string().min(1),
  id: z.string().min(1),
  author: z.string().min(1),
  text: z.string().min(1),
  url: z.url().optional(),
  title: z.string().optional(),
});

const seedFailure = z.strictObject({
  from: instant,
  until: instant,
  service: z.enum(['x', 'feed']),
  status: z.union([
    z.literal(429),
    z.literal(500),
    z.literal(503),
    z.literal('timeout'),
    z.literal('reset'),
    z.literal('malformed'),
  ]),
});

/** What `simulate --seed FILE` reads (CONTRACT.md): mentions appearing at their time, and outages. */
export const simulationSeedSchema = z.strictObject({
  mentions: z.array(seedMention).default([]),
  failures: z.array(seedFailure).default([]),
});

export type SimulationSeed = z.output<typeof simulationSeedSchema>;
export type SeedMention = SimulationSeed['mentions'][number];

/** Parses seed JSON; every problem as one line naming where it is. */
export function parseSeed(text: string, sourceIds: string[]): SimulationSeed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new SeedError([`not valid JSON: ${(error as Error).message}`]);
  }
  const parsed = simulationSeedSchema.safeParse(raw);
  if (!parsed.success) {
    throw new SeedError(
      parsed.error.issues.map((i) => `${i.path.map(String).join('.') || 'seed'}: ${i.message}`),
    );
  }
  const unknown = parsed.data.mentions
    .map((m, i) =>
      sourceIds.includes(m.source)
        ? undefined
        : `mentions.${i}.source: "${m.source}" is not a source in the config (${sourceIds.join(', ')})`,
    )
    .filter((line): line is string => line !== undefined);
  if (unknown.length > 0) throw new SeedError(unknown);
  return parsed.data;
}

export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SeedError';
  }
}
