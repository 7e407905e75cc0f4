import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, EXIT } from '../../cli/main';
import { COMMANDS } from '../../cli/command-registry';
import packageJson from '../../package.json';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';

async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const withConfig = (...args: string[]) => run(...args, '--config', SAMPLE_CONFIG_FILE);

describe('help and version', () => {
  it('--help, -h and help list every command with its summary, exit 0', async () => {
    for (const flag of ['--help', '-h', 'help']) {
      const result = await run(flag);
      expect(result.code).toBe(EXIT.ok);
      expect(result.stdout).toMatch(/^usage: social-duty COMMAND \[options\]/);
      for (const command of COMMANDS) expect(result.stdout).toContain(`  ${command.name} `);
    }
  });

  it('no command at all prints the overview to stderr and exits 1', async () => {
    const result = await run();
    expect(result.code).toBe(EXIT.userError);
    expect(result.stderr).toContain('usage: social-duty COMMAND');
    expect(result.stdout).toBe('');
  });

  it.each(COMMANDS.map((c) => c.name))(
    '%s --help and -h show usage, options and an example',
    async (name) => {
      const long = await run(name, '--help');
      const short = await run(name, '-h');
      const topic = await run('help', name);
      expect(long.code).toBe(EXIT.ok);
      expect(short).toEqual(long);
      expect(topic).toEqual(long);
      expect(long.stdout).toMatch(new RegExp(`^usage: social-duty ${name}\\b`));
      expect(long.stdout).toContain('\noptions:\n');
      expect(long.stdout).toContain('--config FILE');
      expect(long.stdout).toContain('-h, --help');
      expect(long.stdout).toMatch(/\nexamples?:\n {2}social-duty /);
      const command = COMMANDS.find((c) => c.name === name)!;
      for (const option of Object.keys(command.options)) expect(long.stdout).toContain(`--${option}`);
    },
  );

  it('help comes before anything else on the line, even a config that does not exist', async () => {
    const result = await run('check', '--config', 'no/such.yaml', '--help');
    expect(result.code).toBe(EXIT.ok);
    expect(result.stdout).toMatch(/^usage: social-duty check/);
  });

  it('--version prints the package version', async () => {
    for (const flag of ['--version', '-V']) {
      const result = await run(flag);
      expect(result).toEqual({ code: EXIT.ok, stdout: `social-duty ${packageJson.version}`, stderr: '' });
    }
  });
});

describe('user errors exit 1 with one line', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown command', ['chek'], /^unknown command "chek"; the commands are check, preview, /],
    ['an option before the command', ['--config', 'x.yaml'], /^--config is not an option here/],
    ['help on no command', ['help', 'nope'], /^no help for "nope"/],
    ['an unknown option', ['check', '--stirct'], /^check: --stirct is not an option of this command/],
    ['a value missing', ['preview', '--from'], /^preview: --from needs a value/],
    ['a value given to a flag', ['preview', '--json=yes'], /^preview: --json takes no value/],
    [
      'a bare word',
      ['preview', 'tomorrow'],
      /^preview: unexpected "tomorrow"; this command takes no bare words/,
    ],
    [
      'a date that is not a date',
      ['preview', '--from', '24/12/2026'],
      /^--from must be a date as YYYY-MM-DD/,
    ],
    ['--to before --from', ['preview', '--from', '2027-01-02', '--to', '2027-01-01'], /is before --from/],
    [
      'a year before the bank-holiday table',
      ['preview', '--from', '2019-12-30', '--to', '2020-01-02'],
      /^--from 2019-12-30 is outside 2020–2050, the years whose bank holidays this version knows$/,
    ],
    [
      'a year after it',
      ['simulate', '--from', '2050-12-30', '--to', '2051-01-02'],
      /^--to 2051-01-02 is outside 2020–2050/,
    ],
    [
      'an --html file in a folder that does not exist',
      ['preview', '--html', '/no/such/dir/x.html'],
      /^--html \/no\/such\/dir\/x\.html: cannot write the calendar page: the folder \/no\/such\/dir does not exist$/,
    ],
    [
      '--json and --html together',
      ['preview', '--json', '--html', 'x.html'],
      /^give --json or --html FILE, not both$/,
    ],
    [
      'a blank pause reason',
      ['pause', '--until', '2099-01-01', '--reason', '   '],
      /^--reason is blank; say why/,
    ],
    [
      'a pause without a reason',
      ['pause', '--until', '2099-01-01'],
      /^pause needs --until YYYY-MM-DD and --reason TEXT$/,
    ],
    ['simulate without dates', ['simulate'], /^simulate needs --from YYYY-MM-DD and --to YYYY-MM-DD$/],
    [
      'a seed file that does not exist',
      ['simulate', '--from', '2027-01-04', '--to', '2027-01-04', '--seed', 'no/seed.json'],
      /^no\/seed\.json: cannot read the seed file \(it does not exist\)$/,
    ],
    [
      'a port that is not a number',
      ['start', '--x-port', 'eighty'],
      /^--x-port must be a port number \(got "eighty"\)$/,
    ],
    ['classify with nothing to classify', ['classify'], /^classify needs a TEXT/],
  ];

  it.each(cases)('%s', async (_what, args, message) => {
    const result = await withConfig(...args);
    expect(result.code).toBe(EXIT.userError);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('--html FILE that is a folder says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-html-'));
    const result = await withConfig('preview', '--html', dir);
    expect(result.code).toBe(EXIT.userError);
    expect(result.stderr).toBe(
      `--html ${dir}: cannot write the calendar page: it is a folder; give a file name such as calendar.html`,
    );
  });

  it('a range that runs past the table only in the cost estimate is still one line', async () => {
    const result = await withConfig('preview', '--from', '2050-12-20', '--to', '2050-12-31');
    expect(result.code).toBe(EXIT.userError);
    expect(result.stderr).toMatch(/^bank holidays are known for 2020–2050 only \(asked about 2051-/);
  });
});
