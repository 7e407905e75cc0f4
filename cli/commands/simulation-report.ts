import type { SimulationResult, SimulationStats } from '../../local/simulate';
import { NETWORK_NAMES } from '../../lambdas/core/config/vocabulary';
import { shortLocal } from '../dates';

/** The human summary of `simulate`: every tweet, email, skip and notification in time order. */
export function formatSimulation(result: SimulationResult, stats: SimulationStats, zone: string): string {
  const rows = [
    ...result.tweets.map((t) => ({
      at: t.at,
      // a config beyond X says where each post went; its longer Facebook texts keep their lines, indented
      line: `${t.network ? 'post ' : 'tweet'}    ${t.source.padEnd(14)} ${t.network ? `[${NETWORK_NAMES[t.network]}] ` : ''}${t.text.replace(/\n(?=.)/g, `\n${' '.repeat(41)}`)}${t.deletedAt ? ` (deleted ${shortLocal(t.deletedAt, zone)})` : ''}`,
    })),
    ...result.emails.map((e) => ({
      at: e.at,
      line: `email    ${e.kind.padEnd(14)} to ${e.to.join(', ')}: ${e.subject}`,
    })),
    ...result.skipped.map((s) => ({ at: s.at, line: `skipped  ${s.source.padEnd(14)} ${s.reason}` })),
    ...result.notifications.map((n) => ({ at: n.at, line: `${n.channel.padEnd(8)} ${n.to}: ${n.summary}` })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return [
    `${result.tweets.length} ${result.tweets.some((t) => t.network) ? 'posts' : 'tweets'}, ${result.emails.length} emails, ${result.skipped.length} skipped (${stats.firings} schedule firings, ${stats.sweepsRun} sweeps run)`,
    '',
    ...rows.map((r) => `${shortLocal(r.at, zone)}  ${r.line}`),
    ...stats.unusedAcknowledgements.map((line) => `warning: seeded acknowledgement not used: ${line}`),
  ].join('\n');
}
