import { parseArgs } from 'node:util';
import packageJson from '../package.json';
import { OutsideKnownYearsError } from '../lambdas/core/calendar/bank-holidays';
import { ConfigError } from '../lambdas/core/config/problems';
import {
  COMMANDS,
  COMMON_OPTIONS,
  findCommand,
  type CommandSpec,
  type OptionValues,
} from './command-registry';
import { UsageError } from './errors';
import { commandHelp, overview } from './help';
import { processOutput, type Output } from './output';

/** Exit codes: 0 done, 1 the user's input was wrong (one line each), 2 a bug or an outage (please report). */
export const EXIT = { ok: 0, userError: 1, unexpected: 2 } as const;

/** Runs one CLI command; returns the exit code. Never throws for bad input. */
export async function runCli(argv: string[], out: Output = processOutput): Promise<number> {
  try {
    const [name, ...rest] = argv;
    if (name === undefined) {
      out.stderr(overview(COMMANDS));
      return EXIT.userError;
    }
    if (name === '--help' || name === '-h' || name === 'help') return help(rest, out);
    if (name === '--version' || name === '-V') {
      out.stdout(`social-duty ${packageJson.version}`);
      return EXIT.ok;
    }
    const found = resolveCommand([name, ...rest]);
    if (!found) {
      const subcommands = COMMANDS.filter((c) => c.name.startsWith(`${name} `)).map((c) => c.name);
      throw new UsageError(
        name.startsWith('-')
          ? `${name} is not an option here; options go after the command (social-duty --help lists them)`
          : subcommands.length > 0
            ? `${[name, ...rest.slice(0, 1)].join(' ')} is not a command; did you mean ${subcommands.join(', ')}? (social-duty --help)`
            : `unknown command "${name}"; the commands are ${COMMANDS.map((c) => c.name).join(', ')} (social-duty --help)`,
      );
    }
    const { command, args } = found;
    // help wins over everything else on the line, so `check --config nope --help` still shows help
    if (args.includes('--help') || args.includes('-h')) {
      out.stdout(commandHelp(command));
      return EXIT.ok;
    }
    const { values, positionals } = parseOptions(command, args);
    const module = await command.load();
    return await module.run(values, positionals, out);
  } catch (error) {
    const message = userErrorMessage(error);
    if (message === undefined) throw error;
    out.stderr(message);
    return EXIT.userError;
  }
}

function help(words: string[], out: Output): number {
  if (words[0] === undefined) {
    out.stdout(overview(COMMANDS));
    return EXIT.ok;
  }
  const found = resolveCommand(words);
  if (!found) throw new UsageError(`no help for "${words[0]}": it is not a command (social-duty --help)`);
  out.stdout(commandHelp(found.command));
  return EXIT.ok;
}

/**
 * The command the line names and the words after it. A command's name may be two words (`sources check`):
 * given as two arguments, as typed, or as one (`help "sources check"`).
 */
function resolveCommand(words: string[]): { command: CommandSpec; args: string[] } | undefined {
  const [first, second, ...others] = words;
  if (first === undefined) return undefined;
  const one = findCommand(first);
  if (one) return { command: one, args: words.slice(1) };
  const two = second === undefined ? undefined : findCommand(`${first} ${second}`);
  return two ? { command: two, args: others } : undefined;
}

function parseOptions(command: CommandSpec, args: string[]): { values: OptionValues; positionals: string[] } {
  const spec = { ...COMMON_OPTIONS, ...command.options };
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: Object.fromEntries(
        Object.entries(spec).map(([long, option]) => [
          long,
          { type: option.type, ...(option.short ? { short: option.short } : {}) },
        ]),
      ),
      allowPositionals: command.positionals !== undefined,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(
      `${command.name}: ${optionProblem(error as Error)} (social-duty ${command.name} --help)`,
    );
  }
  return { values: parsed.values as OptionValues, positionals: parsed.positionals };
}

/** node's parseArgs messages, in the words of this CLI: the first line only, without its advice about `--`. */
function optionProblem(error: Error): string {
  const code = (error as { code?: string }).code;
  const option = /'(-[^']*)'/.exec(error.message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `${option} is not an option of this command`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    return /argument missing|ambiguous/.test(error.message)
      ? `${option.split(' ')[0]} needs a value`
      : `${option} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const word = /'([^']*)'/.exec(error.message)?.[1];
    return `unexpected "${word ?? '?'}"; this command takes no bare words`;
  }
  return (error.message.split('\n')[0] ?? error.message).replace(/\. To specify.*$/, '');
}

/**
 * The errors that are the user's to fix. Known by name, not `instanceof`: each built command file carries its
 * own copy of the classes, so an error from one is not an instance of the dispatcher's.
 */
const USER_ERRORS = new Set([ConfigError.name, UsageError.name, OutsideKnownYearsError.name]);

/** The message for a mistake the user can fix, or undefined for a bug. */
function userErrorMessage(error: unknown): string | undefined {
  return error instanceof Error && USER_ERRORS.has(error.name) ? error.message : undefined;
}

/** Entry point of the `social-duty` bin: sets the exit code, never prints a stack trace for bad input. */
export function main(argv: string[] = process.argv.slice(2)): void {
  // Node 20 is supported until its end of life; the SDK's nine-line warning about it helps nobody here
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  // `preview | head` closes the pipe early: that is the reader being done, not an error
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  runCli(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `social-duty: unexpected error: ${(error as Error).message}\n(this is a bug or an outage, not your input; please report it with the command you ran)\n`,
      );
      process.exitCode = EXIT.unexpected;
    },
  );
}
