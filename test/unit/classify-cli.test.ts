import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { runCli } from '../../cli/main';
import { CRISIS_LEXICON_VERSION } from '../../lambdas/core/classify';
import { SAMPLE_CONFIG_FILE, sampleConfigText } from '../support/example-config';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

function tempFile(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'sd-classify-')), name);
  writeFileSync(file, text);
  return file;
}

describe('social-duty classify', () => {
  it('prints each text with its category and the rules that matched', async () => {
    const result = await run([
      'classify',
      '--config',
      SAMPLE_CONFIG_FILE,
      '@LeedsandYorkPFT I want to end it all tonight',
      'Still waiting for my appointment',
      'lovely open day',
    ]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain(
      'urgent   @LeedsandYorkPFT I want to end it all tonight\n         matched: end it all\n',
    );
    expect(result.stdout).toContain(
      'concern  Still waiting for my appointment\n         matched: waiting, appointment\n',
    );
    expect(result.stdout).toContain('general  lovely open day\n');
    expect(result.stdout).toContain(`3 texts: 1 urgent, 1 concern, 1 general`);
    expect(result.stdout).toContain(`crisis lexicon ${CRISIS_LEXICON_VERSION}`);
  });

  it('says which exclusion explained a match away', async () => {
    const result = await run([
      'classify',
      '--config',
      SAMPLE_CONFIG_FILE,
      'Our staff completed suicide prevention training',
    ]);
    expect(result.stdout).toMatch(
      /^general {2}Our staff completed suicide prevention training\n {9}not urgent: suicide \("suicide"\), explained by awareness: /,
    );
  });

  it('--json prints exactly the contract format', async () => {
    const texts = ['I want to die', 'the queue is killing me', 'my appointment was cancelled'];
    const result = await run(['classify', '--config', SAMPLE_CONFIG_FILE, '--json', ...texts]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      results: [
        { text: 'I want to die', category: 'urgent', matched: ['want to die'] },
        { text: 'the queue is killing me', category: 'general', matched: [] },
        { text: 'my appointment was cancelled', category: 'concern', matched: ['appointment', 'cancelled'] },
      ],
    });
    // key order too: scripts may compare the text
    expect(Object.keys(JSON.parse(result.stdout).results[0])).toEqual(['text', 'category', 'matched']);
  });

  it('--file classifies one mention per line and skips blank lines', async () => {
    const file = tempFile('mentions.txt', "i cant go on\r\n\n   \nthanks for today's session\n");
    const result = await run(['classify', '--config', SAMPLE_CONFIG_FILE, '--json', '--file', file]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      results: [
        { text: 'i cant go on', category: 'urgent', matched: ["can't go on"] },
        { text: "thanks for today's session", category: 'general', matched: [] },
      ],
    });
  });

  it('keeps the built-in lexicon for a config without sweeps', async () => {
    const input = parse(sampleConfigText()) as Record<string, unknown>;
    delete input.sweeps;
    const config = tempFile('no-sweeps.yaml', stringify(input));
    const result = await run(['classify', '--config', config, '--json', 'I want to die', 'suicide', 'rude']);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).results.map((r: { category: string }) => r.category)).toEqual([
      'urgent',
      'general',
      'general',
    ]);
  });

  it('follows crisisLexicon: false in the config', async () => {
    const config = tempFile(
      'off.yaml',
      sampleConfigText().replace('crisisLexicon: true', 'crisisLexicon: false'),
    );
    const result = await run(['classify', '--config', config, 'I want to end it all tonight', 'an overdose']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('general  I want to end it all tonight');
    expect(result.stdout).toContain('urgent   an overdose\n         matched: overdose');
    expect(result.stdout).toContain('crisis lexicon off');
  });

  it.each([
    ['no text', [], /^classify needs a TEXT/],
    ['only blank text', ['   '], /^classify needs a TEXT/],
    [
      'a file it cannot read',
      ['--file', '/no/such/file.txt'],
      /^\/no\/such\/file\.txt: cannot read the file$/,
    ],
    [
      'both texts and --file',
      ['--file', 'x.txt', 'some text'],
      /^classify takes TEXT arguments or --file F, not both$/,
    ],
    [
      'an unknown option',
      ['--shout', 'some text'],
      /^classify: --shout is not an option of this command \(social-duty classify --help\)$/,
    ],
  ])('exits 1 with one line for %s', async (_what, args, message) => {
    const result = await run(['classify', '--config', SAMPLE_CONFIG_FILE, ...args]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
  });

  it('exits 1 with FILE:LINE:COL for a config it cannot read', async () => {
    const result = await run(['classify', '--config', '/no/such/config.yaml', 'some text']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/config\.yaml:1:1 cannot read the config file/);
  });

  it('exits 1 for a file with no mentions in it', async () => {
    const file = tempFile('empty.txt', '\n  \n');
    const result = await run(['classify', '--config', SAMPLE_CONFIG_FILE, '--file', file]);
    expect(result).toMatchObject({
      code: 1,
      stderr: `${file}: no mentions in the file (one mention per line)`,
    });
  });

  it('is listed in the overview, and its help shows how to call it', async () => {
    expect((await run(['help'])).stdout).toMatch(/^ {2}classify +how the mention rules classify each text$/m);
    expect((await run(['classify', '--help'])).stdout).toMatch(
      /^usage: social-duty classify \[--json\] "TEXT"… \| --file F \[--config FILE\]$/m,
    );
  });
});
