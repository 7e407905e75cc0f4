/**
 * How well the mention rules classify the evaluation sets in test/fixtures/classification/: urgent recall
 * and false-urgent rate per set, and every misclassified mention. Used by the unit test (which asserts the
 * targets) and by `npm run bench` (which reports them). Run alone with `npx tsx bench/classification-eval.ts`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compileCrisisLexicon,
  compileKeywords,
  CRISIS_LEXICON_VERSION,
  type MentionKeywords,
} from '../lambdas/core/classify';
import { exampleKeywords } from '../scripts/train-crisis-words';
import {
  evaluateSet,
  formatEvaluation,
  type EvaluationResult,
  type EvaluationSet,
} from '../lambdas/core/crisis/evaluate';

export type { EvaluationResult } from '../lambdas/core/crisis/evaluate';

const ROOT = join(__dirname, '..');
export const CLASSIFICATION_FIXTURES = join(ROOT, 'test', 'fixtures', 'classification');

/** the targets the unit test holds every set to */
export const TARGETS = { recall: 0.95, falseUrgentRate: 0.05 } as const;

/**
 * `training` sets teach the crisis words and shaped the rules; `holdout` sets were written by people who never
 * saw the classifier and are only ever measured, never learned from or tuned against.
 */
export type SetRole = 'training' | 'holdout';

export interface ClassificationSet extends EvaluationSet {
  role: SetRole;
}

/** Every evaluation set, named by its file name without `.json`: the hold-out sets first. */
export function loadClassificationSets(dir = CLASSIFICATION_FIXTURES): ClassificationSet[] {
  const load = (role: SetRole): ClassificationSet[] =>
    readdirSync(join(dir, role))
      .filter((f) => f.endsWith('.json'))
      .sort()
      .map((file) => {
        const data = JSON.parse(readFileSync(join(dir, role, file), 'utf8')) as Omit<EvaluationSet, 'name'>;
        return { ...data, name: file.replace(/\.json$/, ''), role };
      });
  return [...load('holdout'), ...load('training')];
}

export { exampleKeywords };

/** Per-set `{ name, urgent, notUrgent, recall, falseUrgentRate, misses }` with the given (default: example) keywords. */
export function evaluateClassificationSets(
  keywords: MentionKeywords = exampleKeywords(),
): Array<EvaluationResult & { role: SetRole }> {
  const matcher = compileKeywords(keywords);
  return loadClassificationSets().map((set) => ({ ...evaluateSet(set, matcher), role: set.role }));
}

/** The table `npm run bench` prints, with the lexicon version the numbers belong to. */
export function classificationReport(results = evaluateClassificationSets()): string {
  const part = (role: SetRole) => formatEvaluation(results.filter((r) => r.role === role));
  return [
    `mention classification (crisis lexicon ${CRISIS_LEXICON_VERSION})`,
    'hold-out sets (never learned from):',
    part('holdout'),
    'training sets (the crisis words were learned from these, so they fit them):',
    part('training'),
  ].join('\n');
}

/**
 * Milliseconds to classify `count` mentions like a sweep's (mostly everyday, one in ten from the sets): the
 * first pass (as in a fresh Lambda container) and a warm one, plus one compile of the lexicon.
 */
export function classificationSpeed(count = 1000): {
  mentions: number;
  compileMs: number;
  firstMs: number;
  warmMs: number;
} {
  const started = performance.now();
  compileCrisisLexicon();
  const compileMs = performance.now() - started;
  const matcher = compileKeywords(exampleKeywords());
  const texts = loadClassificationSets().flatMap((s) => s.mentions.map((m) => m.text));
  const batch = Array.from({ length: count }, (_, i) =>
    i % 10 === 0 ? (texts[i % texts.length] as string) : `${EVERYDAY[i % EVERYDAY.length]} #${i}`,
  );
  const pass = () => {
    const t = performance.now();
    for (const text of batch) matcher(text);
    return performance.now() - t;
  };
  const firstMs = pass();
  return { mentions: count, compileMs, firstMs, warmMs: pass() };
}

const EVERYDAY = [
  '@LeedsandYorkPFT thank you to the staff on the ward, they were brilliant with my dad this week',
  "Any idea when the new cafe at St Mary's House opens? https://t.co/abc123",
  'Booked onto two recovery college courses for spring, really looking forward to them',
  'Still waiting for my appointment letter, been six weeks now',
  'Leeds and York Partnership NHS Foundation Trust ... the board meets on Thursday to discuss the annual plan ...',
];

if (require.main === module) {
  console.log(classificationReport());
  const speed = classificationSpeed();
  console.log(
    `classify ${speed.mentions} mentions: ${speed.firstMs.toFixed(1)} ms first pass, ${speed.warmMs.toFixed(1)} ms warm ` +
      `(lexicon compile ${speed.compileMs.toFixed(0)} ms, once per process)`,
  );
}
