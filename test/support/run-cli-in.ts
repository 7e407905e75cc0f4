import { runCli } from '../../cli/main';

/** One run of the CLI in this process, in working directory `cwd`, with what it printed. */
export async function runCliIn(cwd: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const before = process.cwd();
  process.chdir(cwd);
  try {
    const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.chdir(before);
  }
}
