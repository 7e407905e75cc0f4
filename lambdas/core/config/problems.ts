/** One thing wrong with the config, pointing at the place in the file where it is. */
export interface ConfigProblem {
  line: number;
  col: number;
  message: string;
}

export function formatProblem(file: string, problem: ConfigProblem): string {
  return `${file}:${problem.line}:${problem.col} ${problem.message}`;
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
