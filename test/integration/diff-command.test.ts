import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../cli/main';
import { runCliIn } from '../support/run-cli-in';
import { sampleWith } from '../support/config-text';
import { sampleConfigText } from '../support/example-config';

const run = runCliIn;

describe('diff --base with a git ref, in a repository of its own', () => {
  let repo: string;
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' });
  const configPath = join('config', 'social-duty.yaml');

  beforeAll(() => {
    repo = mkdtempSync(join(tmpdir(), 'sd-diff-repo-'));
    mkdirSync(join(repo, 'config'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Comms Lead');
    git('config', 'user.email', 'comms@example.nhs.uk');
    writeFileSync(join(repo, configPath), sampleConfigText());
    git('add', '.');
    git('commit', '-q', '-m', 'the schedule as approved');
    writeFileSync(join(repo, configPath), sampleWith(['thu: jo.duty@', 'thu: alex.duty@']));
    git('commit', '-q', '-am', 'Alex covers Thursdays');
    // the working copy has a change on top, not yet committed
    writeFileSync(
      join(repo, configPath),
      sampleWith(['thu: jo.duty@', 'thu: alex.duty@'], ['at: "10:30"', 'at: "11:00"']),
    );
  });

  afterAll(() => rmSync(repo, { recursive: true, force: true }));

  it('--base HEAD~1 compares with the config as it was a commit ago', async () => {
    const result = await run(
      repo,
      'diff',
      '--base',
      'HEAD~1',
      '--today',
      '2026-12-03',
      '--weeks',
      '1',
      '--json',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(EXIT.ok);
    const json = JSON.parse(result.stdout) as {
      base: string;
      changes: Array<{ kind: string; date?: string }>;
    };
    expect(json.base).toBe('HEAD~1');
    expect(json.changes.map((c) => `${c.kind} ${c.date ?? ''}`)).toEqual([
      'duty-changed 2026-12-03',
      'action-moved 2026-12-03',
      'action-moved 2026-12-08',
    ]);
  });

  it('--base main compares only the uncommitted change, as Markdown for the pull request', async () => {
    const result = await run(
      repo,
      'diff',
      '--base',
      'main',
      '--today',
      '2026-12-03',
      '--weeks',
      '1',
      '--markdown',
    );
    expect(result.code).toBe(EXIT.ok);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('<!-- social-duty-diff -->');
    expect(result.stdout).toContain('2026-12-03 pals moves from 10:30 to 11:00');
    expect(result.stdout).not.toContain('on duty');
  });

  it('an unknown ref, or an invalid base, is one line and exit 1; the base names itself in FILE:LINE:COL', async () => {
    const unknown = await run(repo, 'diff', '--base', 'no-such-branch');
    expect(unknown).toMatchObject({ code: EXIT.userError, stdout: '' });
    expect(unknown.stderr).toBe('--base no-such-branch: no such file, and no such git ref');
    writeFileSync(join(repo, 'broken.yaml'), sampleConfigText().replace('at: "10:30"', 'at: "25:00"'));
    git('add', 'broken.yaml');
    git('commit', '-q', '-m', 'a broken copy');
    git('mv', 'broken.yaml', 'old.yaml');
    const broken = await run(repo, 'diff', '--base', join(repo, 'old.yaml'));
    expect(broken.code).toBe(EXIT.userError);
    expect(broken.stderr).toMatch(/old\.yaml:\d+:\d+ posts\[0\]\.at must be a 24-hour time/);
  });
});
