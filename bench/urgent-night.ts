import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { simulate } from '../local/simulate';
import type { SimulationSeed } from '../local/simulation-seed';

export interface UrgentNight {
  mentions: number;
  /** minutes from each urgent mention appearing to its urgent email */
  emailMinutes: { median: number; max: number };
  /** minutes from the urgent email to the first escalation, for the alerts nobody acknowledged */
  escalationMinutes: { median: number; max: number };
  acknowledged: number;
  escalationsAfterAcknowledgement: number;
}

const TEXTS = [
  'I want to end it all tonight',
  'cant do this anymore, im going to kill myself',
  'I have taken all my tablets',
  "my sister says she won't be here tomorrow, please help",
  "everyone would be better off without me, I can't go on",
];

/**
 * A Saturday night (22:00 to 06:00) with an urgent mention every 25 to 45 minutes at odd minutes, every third one
 * acknowledged by its first recipient two minutes after its email: simulated with the real handlers, the local X
 * API and the acknowledge server, then measured from the emails.
 */
export async function benchUrgentNight(loaded: LoadedConfig): Promise<UrgentNight> {
  const mentions: SimulationSeed['mentions'] = [];
  let at = Date.parse('2027-01-16T22:00:00Z');
  let seed = 7;
  const next = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
  for (let i = 0; at < Date.parse('2027-01-17T06:00:00Z'); i++) {
    at += Math.round((25 + next() * 20) * 60_000) + 60_000 * (1 + Math.floor(next() * 3));
    mentions.push({
      at: new Date(at).toISOString(),
      source: 'x-mentions',
      id: String(1880000000000000000n + BigInt(i)),
      author: `@night${i}`,
      text: `@LeedsandYorkPFT ${TEXTS[i % TEXTS.length]}`,
    });
  }
  const acknowledged = mentions.filter((_, i) => i % 3 === 0);
  const result = await simulate(loaded, '2027-01-16', '2027-01-17', {
    mentions,
    failures: [],
    // the urgent email goes at the next 5-minute tick; pressed 2 minutes after that
    acknowledgements: acknowledged.map((m) => ({
      at: new Date(Math.ceil(Date.parse(m.at) / 300_000) * 300_000 + 120_000).toISOString(),
      mentionId: m.id,
    })),
  });
  const emailed: number[] = [];
  const escalated: number[] = [];
  let escalationsAfterAcknowledgement = 0;
  for (const mention of mentions) {
    const about = result.emails.filter((e) => e.mentionIds?.includes(mention.id));
    const urgent = about.find((e) => e.kind === 'urgent');
    if (!urgent) throw new Error(`no urgent email for ${mention.text}`);
    emailed.push((Date.parse(urgent.at) - Date.parse(mention.at)) / 60_000);
    const escalations = about.filter((e) => e.kind === 'escalation');
    if (acknowledged.includes(mention)) escalationsAfterAcknowledgement += escalations.length;
    else if (escalations[0]) escalated.push((Date.parse(escalations[0].at) - Date.parse(urgent.at)) / 60_000);
  }
  return {
    mentions: mentions.length,
    emailMinutes: summary(emailed),
    escalationMinutes: summary(escalated),
    acknowledged: acknowledged.length,
    escalationsAfterAcknowledgement,
  };
}

function summary(values: number[]): { median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted[sorted.length - 1] ?? 0 };
}
