import { COMMON_OPTIONS, type CommandSpec, type OptionSpec } from './command-registry';

const WIDTH = 104;

/** `social-duty --help`: every command with its one-line summary. */
export function overview(commands: readonly CommandSpec[]): string {
  const nameWidth = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    'usage: social-duty COMMAND [options]',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(nameWidth)}${c.summary}`),
    '',
    'Every command takes --config FILE (default config/social-duty.yaml).',
    '`social-duty COMMAND --help` shows its options and an example; `social-duty --version` the version.',
    'Exit codes: 0 done, 1 a problem with the input (one line per problem), 2 an unexpected error.',
  ].join('\n');
}

/** `social-duty COMMAND --help`: usage, what it does, every option and an example. */
export function commandHelp(command: CommandSpec): string {
  const options = { ...command.options, ...COMMON_OPTIONS };
  const rows = Object.entries(options).map(([long, option]) => [flag(long, option), option.help] as const);
  const flagWidth = Math.max(...rows.map(([f]) => f.length)) + 2;
  return [
    `usage: social-duty ${command.name}${command.synopsis ? ` ${command.synopsis}` : ''} [--config FILE]`,
    '',
    ...wrap(command.description, WIDTH),
    '',
    'options:',
    ...rows.map(([f, text]) => `  ${f.padEnd(flagWidth)}${text}`),
    '',
    command.examples.length === 1 ? 'example:' : 'examples:',
    ...command.examples.map((example) => `  ${example}`),
  ].join('\n');
}

function flag(long: string, option: OptionSpec): string {
  const value = option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : '';
  return option.short ? `-${option.short}, --${long}${value}` : `--${long}${value}`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
