import { evaluateClassificationSets, loadClassificationSets, TARGETS } from '../../bench/classification-eval';
import { formatEvaluation } from '../../lambdas/core/crisis/evaluate';
import CRISIS_WORDS from '../../lambdas/core/crisis/crisis-words.json';
import { trainingFiles, trainingHash } from '../../scripts/train-crisis-words';
import { sampleConfig } from '../support/example-config';

/**
 * The evaluation sets (test/fixtures/classification/, see its README) with the example config's keywords. The
 * hold-out sets were written by people who never saw the classifier, and nothing is learned from or tuned on
 * them: they are the honest measure. The training sets fit, as the crisis words were learned from them.
 */
describe('mention classification on the evaluation sets', () => {
  const keywords = sampleConfig().sweeps?.keywords ?? { urgent: [], concern: [] };
  const results = evaluateClassificationSets(keywords);
  const sets = loadClassificationSets();

  beforeAll(() => {
    for (const role of ['holdout', 'training'] as const)
      console.log(`${role}\n${formatEvaluation(results.filter((r) => r.role === role))}`);
  });

  it('has hold-out sets of at least 60 urgent and 60 not-urgent mentions each, apart from the training sets', () => {
    const holdouts = sets.filter((s) => s.role === 'holdout');
    expect(holdouts.length).toBeGreaterThanOrEqual(2);
    for (const set of holdouts) {
      expect(set.mentions.filter((m) => m.expected === 'urgent').length).toBeGreaterThanOrEqual(60);
      expect(set.mentions.filter((m) => m.expected === 'not-urgent').length).toBeGreaterThanOrEqual(60);
    }
    for (const set of sets)
      for (const m of set.mentions) expect(['urgent', 'not-urgent']).toContain(m.expected);
  });

  it('never has a hold-out mention among the training ones, so the hold-out measures unseen phrasing', () => {
    const key = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();
    const trained = new Set(
      sets.filter((s) => s.role === 'training').flatMap((s) => s.mentions.map((m) => key(m.text))),
    );
    const shared = sets
      .filter((s) => s.role === 'holdout')
      .flatMap((s) => s.mentions.map((m) => m.text))
      .filter((text) => trained.has(key(text)));
    expect(shared).toEqual([]);
  });

  it('has crisis words learned from the training sets as they are now (run `npm run gen:crisis-words`)', () => {
    expect(CRISIS_WORDS.trainedOn).toBe(trainingHash(trainingFiles()));
  });

  it.each(results.filter((r) => r.role === 'holdout').map((r) => [r.name, r] as const))(
    'hold-out %s: urgent recall ≥ 95 % and false-urgent rate ≤ 5 %',
    (_name, result) => {
      expect(result.recall).toBeGreaterThanOrEqual(TARGETS.recall);
      expect(result.falseUrgentRate).toBeLessThanOrEqual(TARGETS.falseUrgentRate);
    },
  );

  it.each(results.filter((r) => r.role === 'training').map((r) => [r.name, r] as const))(
    'training %s: fits them (urgent recall ≥ 95 % and false-urgent rate ≤ 5 %)',
    (_name, result) => {
      expect(result.recall).toBeGreaterThanOrEqual(TARGETS.recall);
      expect(result.falseUrgentRate).toBeLessThanOrEqual(TARGETS.falseUrgentRate);
    },
  );
});
