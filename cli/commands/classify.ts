import { readFileSync } from 'node:fs';
import {
  compileAnalyser,
  CRISIS_LEXICON_VERSION,
  type MentionAnalysis,
  type MentionCategory,
  type MentionKeywords,
} from '../../lambdas/core/classify';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import type { OptionValues } from '../command-registry';
import { UsageError } from '../errors';
import type { Output } from '../output';

/** the `classify --json` shape, exactly as the contract gives it */
export interface ClassifyJson {
  results: { text: string; category: MentionCategory; matched: string[] }[];
}

/**
 * `classify [--config F] [--json] TEXT…` or `classify --file F`: how the mention rules classify each text,
 * so the comms lead can try a phrase, or a file of real mentions, before and after changing the keywords.
 */
export function classifyCommand(values: OptionValues, positionals: string[], out: Output): number {
  const given = positionals.filter((t) => t.trim() !== '');
  if (values.file !== undefined && given.length > 0)
    throw new UsageError('classify takes TEXT arguments or --file F, not both');
  const texts = values.file !== undefined ? readMentions(values.file as string) : given;
  if (texts.length === 0)
    throw new UsageError(
      values.file !== undefined
        ? `${values.file}: no mentions in the file (one mention per line)`
        : 'classify needs a TEXT (in quotes) or --file F with one mention per line',
    );

  const { config, file } = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  // a config without sweeps: still has the built-in lexicon, as a sweep would
  const keywords: MentionKeywords = config.sweeps?.keywords ?? { urgent: [], concern: [] };
  const analyse = compileAnalyser(keywords);
  const analyses = texts.map((text) => ({ text, analysis: analyse(text) }));

  if (values.json) {
    const json: ClassifyJson = {
      results: analyses.map(({ text, analysis }) => ({ text, ...analysis.classification })),
    };
    out.stdout(JSON.stringify(json, null, 2));
  } else {
    out.stdout(formatClassifications(analyses, file, keywords));
  }
  return 0;
}

function readMentions(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the file`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const INDENT = ' '.repeat(9);

/**
 * One block per text: the category, the text, then why, including the matches an exclusion explained away,
 * which is what the comms lead needs to tune `notUrgent` or report a missing exclusion.
 */
export function formatClassifications(
  analyses: { text: string; analysis: MentionAnalysis }[],
  configFile: string,
  keywords: MentionKeywords,
): string {
  const blocks = analyses.map(({ text, analysis }) => {
    const { category, matched } = analysis.classification;
    const lines = [`${category.padEnd(8)} ${text.replace(/\s+/g, ' ').trim()}`];
    if (matched.length > 0) lines.push(`${INDENT}matched: ${matched.join(', ')}`);
    for (const m of analysis.urgent.filter((u) => u.explainedBy !== undefined))
      lines.push(`${INDENT}not urgent: ${m.label} ("${m.text}"), explained by ${m.explainedBy}`);
    if (analysis.crisisWords)
      lines.push(`${INDENT}crisis-word score ${analysis.crisisWords.score.toFixed(2)}`);
    return lines.join('\n');
  });
  const counts = (['urgent', 'concern', 'general'] as const).map(
    (c) => `${analyses.filter((a) => a.analysis.classification.category === c).length} ${c}`,
  );
  const lexicon =
    keywords.crisisLexicon === false ? 'crisis lexicon off' : `crisis lexicon ${CRISIS_LEXICON_VERSION}`;
  return [
    ...blocks,
    '',
    `${analyses.length} text${analyses.length === 1 ? '' : 's'}: ${counts.join(', ')} (keywords from ${configFile}, ${lexicon})`,
  ].join('\n');
}
