import { z } from 'zod';

const instant = z.iso.datetime({
  offset: true,
  error: 'must be an ISO 8601 instant, e.g. 2026-12-26T22:10:00Z',
});

const seedMention = z.strictObject({
  at: instant,
  source: z.string().min(1),
  id: z.string().min(1),
  /** feed mentions may leave it empty or out, as real Google Alerts items do: the site's domain is used */
  author: z.string().default(''),
  text: z.string().min(1),
  url: z.url().optional(),
  title: z.string().optional(),
});

const seedFailure = z.strictObject({
  from: instant,
  until: instant,
  service: z.enum(['x', 'bluesky', 'facebook', 'feed']),
  status: z.union([
    z.literal(429),
    z.literal(500),
    z.literal(503),
    z.literal('timeout'),
    z.literal('reset'),
    z.literal('malformed'),
  ]),
});

const seedAcknowledgement = z.strictObject({
  at: instant,
  /** the seeded mention whose urgent alert is acknowledged, as if its first recipient pressed the button */
  mentionId: z.string().min(1),
});

/**
 * What `simulate --seed FILE` reads (docs/simulate.md): mentions appearing at their time, outages, and presses of
 * urgent alerts' "I'm handling this" buttons.
 */
export const simulationSeedSchema = z.strictObject({
  mentions: z.array(seedMention).default([]),
  failures: z.array(seedFailure).default([]),
  acknowledgements: z.array(seedAcknowledgement).default([]),
});

export type SimulationSeed = z.output<typeof simulationSeedSchema>;
export type SeedMention = SimulationSeed['mentions'][number];

/** Parses seed JSON; every problem as one line naming where it is. */
export function parseSeed(text: string, sources: Array<{ id: string; type: string }>): SimulationSeed {
  const sourceIds = sources.map((s) => s.id);
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
  const mentionIds = new Set(parsed.data.mentions.map((m) => m.id));
  const problems = [
    ...parsed.data.mentions.map((m, i) => {
      const source = sources.find((s) => s.id === m.source);
      if (!source)
        return `mentions.${i}.source: "${m.source}" is not a source in the config (${sourceIds.join(', ')})`;
      // a post on a network always has an author; a web page may not
      if (source.type !== 'feed' && m.author.replace(/^@/, '').trim() === '')
        return source.type === 'facebook-comments'
          ? `mentions.${i}.author: a Facebook mention needs the author's name`
          : `mentions.${i}.author: ${source.type.startsWith('bluesky') ? 'a Bluesky' : 'an X'} mention needs the author's @handle`;
      return undefined;
    }),
    ...parsed.data.acknowledgements.map((a, i) =>
      mentionIds.has(a.mentionId)
        ? undefined
        : `acknowledgements.${i}.mentionId: "${a.mentionId}" is not the id of a seeded mention`,
    ),
  ].filter((line): line is string => line !== undefined);
  if (problems.length > 0) throw new SeedError(problems);
  return parsed.data;
}

export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SeedError';
  }
}
