import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { runCli } from '../../cli/main';
import { positionOf, sampleWith } from '../support/config-text';
import { sampleConfigText } from '../support/example-config';

interface Run {
  code: number;
  stdout: string[];
  stderr: string[];
}

async function check(
  text: string | Buffer,
  extra: string[] = [],
  name = 'social-duty.yaml',
): Promise<Run & { file: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'sd-check-'));
  const file = join(dir, name);
  writeFileSync(file, text);
  return { ...(await cli(['check', '--config', file, '--today', '2026-12-03', ...extra])), file };
}

async function cli(args: string[]): Promise<Run> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runCli(args, { stdout: (t) => stdout.push(t), stderr: (t) => stderr.push(t) });
  return { code, stdout, stderr: stderr.join('\n').split('\n').filter(Boolean) };
}

describe('check: warnings for a valid config that probably does not do what was meant', () => {
  it('the sample config has none', async () => {
    const run = await check(sampleConfigText());
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    expect(run.stdout.join('\n')).toContain('is valid (version ');
  });

  it('a day listed twice', async () => {
    const text = sampleWith(['days: [tue, thu]', 'days: [tue, thu, tue]']);
    const run = await check(text);
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([
      `${run.file}:${positionOf(text, 'tue]')} warning: posts[0].days[2] tue is listed twice; once is enough`,
    ]);
    expect(run.stdout.join('\n')).toContain('warnings      1 (printed above)');
  });

  it('two variants with the same text, even with different spacing', async () => {
    const text = sampleWith([
      '      - "What\'s your goal? Share it with us using #WYG"',
      '      - "What\'s your goal? Share it with us using #WYG"\n      - "What\'s your goal?  Share it with us using #WYG "',
    ]);
    const run = await check(text);
    expect(run.stderr).toEqual([
      `${run.file}:${positionOf(text, '"What\'s your goal?  Share')} warning: posts[2].variants[1] is the same text as variant 1, so that text goes out twice as often; change one or remove it`,
    ]);
  });

  it.each([
    [
      'an override',
      'to: jo.duty@leedsandyorkpft.nhs.uk',
      'to: jo.duty@leedsandyorkpft.nsh.uk',
      'jo.duty@leedsandyorkpft.nsh.uk',
      'duty.overrides[0].to',
      "that day's briefing and urgent alerts go to it",
    ],
    [
      'urgentAlso',
      'urgentAlso: [oncall.manager@leedsandyorkpft.nhs.uk]',
      'urgentAlso: [on.call@gmial.com]',
      'on.call@gmial.com',
      'duty.urgentAlso[0]',
      'every urgent alert goes to it',
    ],
    [
      'escalation',
      'director.oncall@leedsandyorkpft.nhs.uk]',
      'director.oncall@leedsandyork.nhs.uk]',
      'director.oncall@leedsandyork.nhs.uk',
      'duty.escalation.to[1]',
      'unacknowledged urgent alerts go to it',
    ],
  ])(
    'an address in %s that is off the domain and nowhere else',
    async (_name, find, replace, address, path, receives) => {
      const text = sampleWith([find, replace]);
      const run = await check(text);
      expect(run.code).toBe(0);
      expect(run.stderr).toEqual([
        `${run.file}:${positionOf(text, address)} warning: ${path} ${address} is not on leedsandyorkpft.nhs.uk and is in no other duty field; check it for a typo (${receives})`,
      ]);
    },
  );

  it('an outside address used in two duty fields is deliberate: no warning', async () => {
    const text = sampleWith(
      ['urgentAlso: [oncall.manager@leedsandyorkpft.nhs.uk]', 'urgentAlso: [crisis.team@partner.org.uk]'],
      ['to: [oncall.manager@leedsandyorkpft.nhs.uk,', 'to: [crisis.team@partner.org.uk,'],
    );
    expect((await check(text)).stderr).toEqual([]);
  });

  it('a post on a day that is never worked, with onClosedDays: skip', async () => {
    const text = sampleWith(['days: [mon]\n    at: "11:00"', 'days: [sat]\n    at: "11:00"']);
    const run = await check(text);
    expect(run.stderr).toEqual([
      `${run.file}:${positionOf(text, '[sat]')} warning: posts[2].days sat is not a working day and onClosedDays is skip, so "wyg" never posts in the next 12 months; add onClosedDays: post, or choose working days`,
    ]);
  });

  it('a campaign whose until is in the past, judged against --today', async () => {
    const text = sampleWith(['until: 2027-01-31', 'until: 2026-11-30']);
    const run = await check(text);
    expect(run.stderr).toEqual([
      `${run.file}:${positionOf(text, '2026-11-30')} warning: posts[1].until 2026-11-30 is in the past: the campaign has ended and "staff-awards" will not post again; remove the post or change its dates`,
    ]);
    // the same config, checked on a day the campaign still runs
    const earlier = await cli(['check', '--config', run.file, '--today', '2026-11-15']);
    expect(earlier.stderr).toEqual([]);
  });

  it('--strict: the warnings are errors, printed as such, exit 1 and no summary', async () => {
    const text = sampleWith(
      ['days: [tue, thu]', 'days: [tue, thu, tue]'],
      ['until: 2027-01-31', 'until: 2026-11-30'],
    );
    const run = await check(text, ['--strict']);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toEqual([
      `${run.file}:${positionOf(text, 'tue]')} posts[0].days[2] tue is listed twice; once is enough`,
      `${run.file}:${positionOf(text, '2026-11-30')} posts[1].until 2026-11-30 is in the past: the campaign has ended and "staff-awards" will not post again; remove the post or change its dates`,
    ]);
    // a config without warnings passes --strict
    expect((await check(sampleConfigText(), ['--strict'])).code).toBe(0);
  });
});

describe('check: the file itself', () => {
  it('schema and cross-field problems come in one run', async () => {
    const text = sampleWith(['account: main\n    days: [wed]', 'account: mian\n    days: [Wed]']);
    const run = await check(text);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([
      `${run.file}:${positionOf(text, 'mian')} posts[1].account refers to account "mian", which is not under accounts: (known: main)`,
      `${run.file}:${positionOf(text, 'Wed')} posts[1].days[0] write days in lower case: wed`,
    ]);
  });

  it('paths are printed as given: absolute stays absolute, relative stays relative', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-path-'));
    const absolute = join(dir, 'nonexistent.yaml');
    expect((await cli(['check', '--config', absolute])).stderr).toEqual([
      `${absolute}:1:1 cannot read the config file: it does not exist`,
    ]);
    const given = relative(process.cwd(), absolute);
    expect((await cli(['check', '--config', given])).stderr).toEqual([
      `${given}:1:1 cannot read the config file: it does not exist`,
    ]);
  });

  it('a folder given as the config: exit 1, naming the file inside it to give', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-dir-'));
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'trust.yaml'), sampleConfigText());
    const run = await cli(['check', '--config', join(dir, 'config')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([
      `${join(dir, 'config')}:1:1 this is a folder, not the config file; give the file, e.g. ${join(dir, 'config', 'trust.yaml')}`,
    ]);
  });

  it.each([
    ['empty', Buffer.alloc(0), 'the file is empty'],
    [
      'UTF-16',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sampleConfigText(), 'utf16le')]),
      'the file is saved as UTF-16; save it as UTF-8',
    ],
    [
      'binary',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'the file looks like a binary file, not YAML (is it the right file?)',
    ],
  ])('a file that is %s is named as such', async (_name, bytes, message) => {
    const run = await check(bytes);
    expect(run.code).toBe(1);
    expect(run.stderr).toEqual([`${run.file}:1:1 ${message}`]);
  });

  it('a UTF-8 file with a byte order mark is valid', async () => {
    const run = await check(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sampleConfigText())]),
    );
    expect(run.code).toBe(0);
  });
});
