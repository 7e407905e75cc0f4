/**
 * Learns the weighted crisis words (lambdas/core/crisis/crisis-words.json) from the training sets in
 * test/fixtures/classification/training/: logistic regression on words, classes of words and word pairs, the
 * two classes weighted equally, with a fixed seed so the same sets give the same weights. It trains twice: the
 * second time only on the features that mattered the first time, so the file stays small without the scores
 * shifting. The hold-out sets (test/fixtures/classification/holdout/) are never read here.
 *
 *   npm run gen:crisis-words           writes the weights
 *   npm run gen:crisis-words -- --cv   leaves each training set out in turn and reports how the whole
 *                                      classifier does on it: what tells whether a change generalises
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileAnalyser, CRISIS_LEXICON_VERSION, type MentionKeywords } from '../lambdas/core/classify';
import { parseConfig } from '../lambdas/core/config/parse-config';
import { crisisFeatures, crisisTokens, type CrisisWords } from '../lambdas/core/crisis/crisis-words';

const ROOT = join(__dirname, '..');
export const TRAINING_DIR = join(ROOT, 'test', 'fixtures', 'classification', 'training');
export const WORDS_FILE = join(ROOT, 'lambdas', 'core', 'crisis', 'crisis-words.json');

/** passes over the data, step size, and how hard weights are pulled back to 0 (so rare words cannot dominate) */
const EPOCHS = 60;
const LEARNING_RATE = 0.1;
const L2 = 0.003;
/** a feature seen in fewer training mentions than this is not learned: it would only memorise them */
const MIN_MENTIONS = 3;
/** after the first pass, features weighing less than this are dropped and the rest learned again */
const KEEP_WEIGHT = 0.15;

export interface LabelledMention {
  text: string;
  expected: 'urgent' | 'not-urgent';
}

export function readSet(file: string): LabelledMention[] {
  return (JSON.parse(readFileSync(file, 'utf8')) as { mentions: LabelledMention[] }).mentions;
}

export function trainingFiles(dir = TRAINING_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(dir, f));
}

/** what the weights were learned from: the training files' names and contents */
export function trainingHash(files: string[]): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.split(/[\\/]/).pop() as string).update(readFileSync(file));
  return hash.digest('hex');
}

export function trainCrisisWords(files = trainingFiles()): CrisisWords {
  const rows = files.flatMap(readSet).map((m) => ({
    features: crisisFeatures(crisisTokens(m.text), m.text),
    urgent: m.expected === 'urgent',
  }));
  const seenIn = new Map<string, number>();
  for (const row of rows) for (const f of row.features) seenIn.set(f, (seenIn.get(f) ?? 0) + 1);
  const first = fit(rows, (f) => (seenIn.get(f) ?? 0) >= MIN_MENTIONS);
  const second = fit(rows, (f) => Math.abs(first.weights.get(f) ?? 0) >= KEEP_WEIGHT);
  const weights: Record<string, number> = {};
  for (const [feature, weight] of [...second.weights].sort((a, b) => a[0].localeCompare(b[0])))
    weights[feature] = Math.round(weight * 1000) / 1000;
  return {
    version: CRISIS_LEXICON_VERSION,
    trainedOn: trainingHash(files),
    bias: Math.round(second.bias * 1000) / 1000,
    weights,
  };
}

function fit(
  rows: { features: string[]; urgent: boolean }[],
  learn: (feature: string) => boolean,
): { weights: Map<string, number>; bias: number } {
  const index = new Map<string, number>();
  const matrix = rows.map((row) => ({
    urgent: row.urgent,
    columns: row.features.filter(learn).map((f) => {
      let i = index.get(f);
      if (i === undefined) index.set(f, (i = index.size));
      return i;
    }),
  }));
  const urgent = matrix.filter((r) => r.urgent).length;
  const balance = {
    urgent: matrix.length / (2 * urgent),
    other: matrix.length / (2 * (matrix.length - urgent)),
  };
  const w = new Float64Array(index.size);
  let bias = 0;
  const random = seededRandom(20261203);
  const order = matrix.map((_, i) => i);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    shuffle(order, random);
    for (const i of order) {
      const row = matrix[i] as (typeof matrix)[number];
      let z = bias;
      for (const c of row.columns) z += w[c] as number;
      const error =
        (1 / (1 + Math.exp(-z)) - (row.urgent ? 1 : 0)) * (row.urgent ? balance.urgent : balance.other);
      for (const c of row.columns) w[c] = (w[c] as number) - LEARNING_RATE * (error + L2 * (w[c] as number));
      bias -= LEARNING_RATE * error;
    }
  }
  return { weights: new Map([...index].map(([f, i]) => [f, w[i] as number])), bias };
}

export interface SetScore {
  name: string;
  urgent: number;
  notUrgent: number;
  recall: number;
  falseUrgentRate: number;
}

/** how the whole classifier (rules, signals and these weights) does on one set, with the example keywords */
export function scoreSet(file: string, words: CrisisWords, keywords = exampleKeywords()): SetScore {
  const analyse = compileAnalyser(keywords, words);
  let urgent = 0;
  let found = 0;
  let notUrgent = 0;
  let falseUrgent = 0;
  for (const m of readSet(file)) {
    const isUrgent = analyse(m.text).classification.category === 'urgent';
    if (m.expected === 'urgent') {
      urgent++;
      if (isUrgent) found++;
    } else {
      notUrgent++;
      if (isUrgent) falseUrgent++;
    }
  }
  return {
    name:
      file
        .split(/[\\/]/)
        .pop()
        ?.replace(/\.json$/, '') ?? file,
    urgent,
    notUrgent,
    recall: urgent ? found / urgent : 1,
    falseUrgentRate: notUrgent ? falseUrgent / notUrgent : 0,
  };
}

/** each training set scored by weights learned from all the others */
export function leaveOneSetOut(files = trainingFiles()): SetScore[] {
  return files.map((left) => scoreSet(left, trainCrisisWords(files.filter((f) => f !== left))));
}

export function exampleKeywords(): MentionKeywords {
  const file = join(ROOT, 'config', 'social-duty.yaml');
  return parseConfig(readFileSync(file, 'utf8'), file).config.sweeps?.keywords ?? { urgent: [], concern: [] };
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}

function shuffle<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

const percent = (n: number) => `${(n * 100).toFixed(1)} %`;

if (require.main === module) {
  if (process.argv.includes('--cv')) {
    const scores = leaveOneSetOut();
    for (const s of scores)
      console.log(
        `${s.name.padEnd(16)} recall ${percent(s.recall).padStart(7)}  false-urgent ${percent(s.falseUrgentRate).padStart(7)}`,
      );
    const mean = (f: (s: SetScore) => number) => scores.reduce((t, s) => t + f(s), 0) / scores.length;
    console.log(
      `mean             recall ${percent(mean((s) => s.recall)).padStart(7)}  false-urgent ${percent(mean((s) => s.falseUrgentRate)).padStart(7)}`,
    );
  } else {
    const words = trainCrisisWords();
    writeFileSync(WORDS_FILE, `${JSON.stringify(words, null, 1)}\n`);
    console.log(`wrote ${WORDS_FILE}: ${Object.keys(words.weights).length} weights`);
  }
}
