import type { KeywordMatcher, MentionCategory } from '../classify';

/** One evaluation set, as stored in test/fixtures/classification/*.json. */
export interface EvaluationSet {
  name: string;
  description?: string;
  mentions: { text: string; expected: 'urgent' | 'not-urgent'; note?: string }[];
}

export interface EvaluationMiss {
  text: string;
  expected: 'urgent' | 'not-urgent';
  got: MentionCategory;
  matched: string[];
  note?: string;
}

export interface EvaluationResult {
  name: string;
  /** how many mentions should page the duty officer, and how many should not */
  urgent: number;
  notUrgent: number;
  /** urgent mentions classified urgent / urgent mentions (1 when there are none) */
  recall: number;
  /** not-urgent mentions classified urgent / not-urgent mentions (0 when there are none) */
  falseUrgentRate: number;
  /** every mention classified the wrong side of urgent */
  misses: EvaluationMiss[];
}

/** Classifies every mention of a set and counts what pages the duty officer that should not, and the reverse. */
export function evaluateSet(set: EvaluationSet, matcher: KeywordMatcher): EvaluationResult {
  let urgent = 0;
  let found = 0;
  let notUrgent = 0;
  let falseUrgent = 0;
  const misses: EvaluationMiss[] = [];
  for (const mention of set.mentions) {
    const { category, matched } = matcher(mention.text);
    const isUrgent = category === 'urgent';
    if (mention.expected === 'urgent') {
      urgent++;
      if (isUrgent) found++;
    } else {
      notUrgent++;
      if (isUrgent) falseUrgent++;
    }
    if (isUrgent !== (mention.expected === 'urgent'))
      misses.push({
        text: mention.text,
        expected: mention.expected,
        got: category,
        matched,
        ...(mention.note ? { note: mention.note } : {}),
      });
  }
  return {
    name: set.name,
    urgent,
    notUrgent,
    recall: urgent === 0 ? 1 : found / urgent,
    falseUrgentRate: notUrgent === 0 ? 0 : falseUrgent / notUrgent,
    misses,
  };
}

/** A few lines for a terminal: the rates per set, then every miss. */
export function formatEvaluation(results: EvaluationResult[]): string {
  const percent = (n: number) => `${(n * 100).toFixed(1)} %`;
  const lines = results.map(
    (r) =>
      `${r.name.padEnd(12)} urgent recall ${percent(r.recall).padStart(7)} (${r.urgent} urgent)   ` +
      `false-urgent ${percent(r.falseUrgentRate).padStart(7)} (${r.notUrgent} not urgent)`,
  );
  for (const r of results)
    for (const m of r.misses)
      lines.push(
        `  ${r.name}: expected ${m.expected}, got ${m.got}${m.matched.length ? ` (${m.matched.join(', ')})` : ''}: ${m.text}`,
      );
  return lines.join('\n');
}
