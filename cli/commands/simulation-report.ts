import type { SimulationResult, SimulationStats } from '../../local/simulate';
import { shortLocal } from '../dates';

/** The human summary of `simulate`: every tweet, email, skip and notification in time order. */
export function formatSimulation(result: SimulationResult, stats: SimulationStats, zone: string): string {
  const rows = [
    ...result.tweets.map((t) => ({
      at: t.at,
      line: `tweet    ${t.source.padEnd(14)} ${t.text}${t.deletedAt ? ` (deleted ${shortLocal(t.deletedAt, zone)})` : ''}`,
    })),
    ...result.emails.map((e) => ({
      at: e.at,
      line: `email    ${e.kind.padEnd(14)} to ${e.to.join(', ')}: ${e.subject}`,
    })),
    ...result.skipped.map((s) => ({ at: s.at, line: `skipped  ${s.source.padEnd(14)} ${s.reason}` })),
    ...result.notifications.map((n) => ({ at: n.at, line: `${n.channel.padEnd(8)} ${n.to}: ${n.summary}` })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return [
    `${result.tweets.length} tweets, ${result.emails.length} emails, ${result.skipped.length} skipped (${stats.firings} schedule firings, ${stats.sweepsRun} sweeps run)`,
    '',
    ...rows.map((r) => `${shortLocal(r.at, zone)}  ${r.line}`),
    ...stats.unusedAcknowledgements.map((line) => `warning: seeded acknowledgement not used: ${line}`),
  ].join('\n');
}
