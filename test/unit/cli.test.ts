import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main';
import { SAMPLE_CONFIG_FILE, sampleConfigText } from '../support/example-config';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('social-duty CLI', () => {
  it('check prints a summary with the accounts, posts, sources and next closing', async () => {
    const result = await run(['check', '--config', SAMPLE_CONFIG_FILE, '--today', '2026-12-21']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/is valid \(version [0-9a-f]{12}\)/);
    expect(result.stdout).toContain('accounts      1: main (@LeedsandYorkPFT on X)');
    expect(result.stdout).toContain('posts         3: pals');
    expect(result.stdout).toContain(
      'sources       3: x-mentions (x-mentions); x-search (x-search); google-alert-trust (feed)',
    );
    expect(result.stdout).toContain('next closing  Wed 23 Dec 2026 16:00 (holiday, back 2026-12-29)');
  });

  it('check exits 1 with FILE:LINE:COL lines for a bad config', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-cli-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      sampleConfigText()
        .replace('at: "10:30"', 'at: "10.30"')
        .replace('fallback: comms.team@leedsandyorkpft.nhs.uk', 'fallback: nobody'),
    );
    const result = await run(['check', '--config', file]);
    expect(result.code).toBe(1);
    const lines = result.stderr.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/bad\.yaml:\d+:9 posts\[0\]\.at write the time as "10:30"/);
    expect(lines[1]).toMatch(/bad\.yaml:\d+:13 duty\.fallback is not a valid email address/);
  });

  it('preview --json prints the contract format', async () => {
    const result = await run([
      'preview',
      '--config',
      SAMPLE_CONFIG_FILE,
      '--from',
      '2026-12-21',
      '--to',
      '2027-01-05',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['from', 'to', 'timezone', 'actions']);
    expect(json.to).toBe('2027-01-05');
    for (const action of json.actions) {
      expect(['post', 'closing', 'reopening', 'briefing']).toContain(action.kind);
      expect(action.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      if (action.status === 'skipped')
        expect(['bank holiday', 'closure', 'non-working day']).toContain(action.reason);
    }
  });

  it('preview prints a readable table by default and rejects bad dates', async () => {
    const table = await run([
      'preview',
      '--config',
      SAMPLE_CONFIG_FILE,
      '--from',
      '2026-12-24',
      '--to',
      '2026-12-24',
    ]);
    expect(table.stdout).toContain('Thu 24 Dec 2026 10:30 post       pals            SKIPPED (closure)');
    const bad = await run(['preview', '--config', SAMPLE_CONFIG_FILE, '--from', '2026-13-01']);
    expect(bad).toMatchObject({ code: 1, stderr: '--from must be a date as YYYY-MM-DD (got "2026-13-01")' });
    expect((await run(['launch'])).code).toBe(1);
  });

  it('preview --html writes the calendar page', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sd-html-')), 'calendar.html');
    const result = await run([
      'preview',
      '--config',
      SAMPLE_CONFIG_FILE,
      '--from',
      '2026-12-21',
      '--to',
      '2026-12-27',
      '--html',
      file,
    ]);
    expect(result).toMatchObject({
      code: 0,
      stdout: `wrote the calendar page for 2026-12-21 to 2026-12-27 to ${file}`,
    });
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('<table');
    expect(html).toContain('Bank holiday: Christmas Day');
  });

  it('runs as `npx social-duty` through the bin entry, with no stack trace on bad input', () => {
    // npx runs the bin through a link named `social-duty`, not through the file's own name
    const bin = join(mkdtempSync(join(tmpdir(), 'sd-bin-')), 'social-duty');
    symlinkSync(join(__dirname, '..', '..', 'bin', 'social-duty.js'), bin);
    const ok = execFileSync(
      process.execPath,
      [
        bin,
        'preview',
        '--config',
        SAMPLE_CONFIG_FILE,
        '--from',
        '2026-12-23',
        '--to',
        '2026-12-23',
        '--json',
      ],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(ok).actions).toHaveLength(3);
    const missing = spawnSync(process.execPath, [bin, 'check', '--config', 'no/such.yaml'], {
      encoding: 'utf8',
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim()).toBe('no/such.yaml:1:1 cannot read the config file: it does not exist');
  });
});
