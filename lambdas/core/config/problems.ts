/** One thing wrong with the config, pointing at the place in the file where it is. */
export interface ConfigProblem {
  line: number;
  col: number;
  message: string;
}

export function formatProblem(file: string, problem: ConfigProblem): string {
  return `${file}:${problem.line}:${problem.col} ${problem.message}`;
}

/** A warning: the config is valid, but probably does not do what was meant. */
export function formatWarning(file: string, problem: ConfigProblem): string {
  return `${file}:${problem.line}:${problem.col} warning: ${problem.message}`;
}

/**
 * About the file as a whole (missing, a directory, not text). It still points at 1:1, so editors and CI problem
 * matchers that read FILE:LINE:COL take it like any other problem.
 */
export function wholeFileProblem(message: string): ConfigProblem {
  return { line: 1, col: 1, message };
}

export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(problems.map((p) => formatProblem(file, p)).join('\n'));
    this.name = 'ConfigError';
  }
}
