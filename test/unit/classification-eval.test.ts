import { evaluateClassificationSets, loadClassificationSets, TARGETS } from '../../bench/classification-eval';
import { formatEvaluation } from '../../lambdas/core/crisis/evaluate';
import { sampleConfig } from '../support/example-config';

/**
 * The evaluation sets (test/fixtures/classification/, see its README) with the example config's keywords.
 * The hold-out sets were written before the rules they measure and are never tuned against.
 */
describe('mention classification on the evaluation sets', () => {
  const keywords = sampleConfig().sweeps?.keywords ?? { urgent: [], concern: [] };
  const results = evaluateClassificationSets(keywords);

  beforeAll(() => {
    console.log(formatEvaluation(results));
  });

  it('has a tuning set and a hold-out set of the agreed size', () => {
    const sets = loadClassificationSets();
    const count = (name: string, expected: string) =>
      sets.find((s) => s.name === name)?.mentions.filter((m) => m.expected === expected).length ?? 0;
    expect(count('tuning', 'urgent')).toBeGreaterThanOrEqual(60);
    expect(count('tuning', 'not-urgent')).toBeGreaterThanOrEqual(60);
    expect(count('holdout', 'urgent')).toBeGreaterThanOrEqual(30);
    expect(count('holdout', 'not-urgent')).toBeGreaterThanOrEqual(30);
    for (const set of sets)
      for (const m of set.mentions) expect(['urgent', 'not-urgent']).toContain(m.expected);
  });

  it('never shares a mention between sets, so a hold-out set measures phrasing the rules were not tuned on', () => {
    const seen = new Map<string, string>();
    for (const set of loadClassificationSets())
      for (const m of set.mentions) {
        const key = m.text.toLowerCase().replace(/\s+/g, ' ').trim();
        expect({ text: m.text, alsoIn: seen.get(key) }).toEqual({ text: m.text, alsoIn: undefined });
        seen.set(key, set.name);
      }
  });

  it.each(results.map((r) => [r.name, r] as const))(
    '%s: urgent recall ≥ 95 % and false-urgent rate ≤ 5 %',
    (_name, result) => {
      expect(result.recall).toBeGreaterThanOrEqual(TARGETS.recall);
      expect(result.falseUrgentRate).toBeLessThanOrEqual(TARGETS.falseUrgentRate);
    },
  );
});
