import { parseConfig } from '../../lambdas/core/config/parse-config';
import { ConfigError } from '../../lambdas/core/config/problems';
import { positionOf } from '../support/config-text';
import { sampleConfigText } from '../support/example-config';

/** Parses text and returns the `FILE:LINE:COL message` lines it was refused with. */
function problems(text: string): string[] {
  try {
    parseConfig(text, 'cfg.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the config was accepted');
}

/** The sample config with one line replaced (the test names the line it breaks). */
function sampleWith(find: string, replace: string): string {
  const text = sampleConfigText();
  if (!text.includes(find)) throw new Error(`sample config has no "${find}"`);
  return text.replace(find, replace);
}

function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex((line) => line.includes(fragment)) + 1;
}

describe('config errors are reported as FILE:LINE:COL message', () => {
  it('accepts the sample config', () => {
    expect(parseConfig(sampleConfigText(), 'x.yaml').config.organisation.timezone).toBe('Europe/London');
  });

  it('reports an unknown key at the key', () => {
    const text = sampleWith('  timezone: Europe/London', '  timezone: Europe/London\n  colour: blue');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, 'colour: blue')}:3 organisation.colour is not a known key`,
    ]);
  });

  it('reports a bad day inside a flow list at the item', () => {
    const text = sampleWith('days: [tue, thu]', 'days: [tue, thursday]');
    const line = lineOf(text, 'thursday');
    expect(problems(text)).toEqual([
      `cfg.yaml:${line}:17 posts[0].days[1] write days as three lower-case letters: thu`,
    ]);
    const unknown = sampleWith('days: [tue, thu]', 'days: [tue, someday]');
    expect(problems(unknown)).toEqual([
      `cfg.yaml:${line}:17 posts[0].days[1] must be one of mon, tue, wed, thu, fri, sat, sun`,
    ]);
  });

  it('reports a time that is not HH:MM', () => {
    const text = sampleWith('at: "10:30"', 'at: "10.30"');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, '10.30')}:9 posts[0].at write the time as "10:30", in quotes`,
    ]);
    const nonsense = sampleWith('at: "10:30"', 'at: "half ten"');
    expect(problems(nonsense)).toEqual([
      `cfg.yaml:${lineOf(text, '10.30')}:9 posts[0].at must be a 24-hour time as "HH:MM", e.g. "16:00"`,
    ]);
  });

  it('reports an impossible date', () => {
    const text = sampleWith('from: 2026-11-01', 'from: 2026-02-30');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, '2026-02-30')}:11 posts[1].from is not a real date`,
    ]);
  });

  it('reports until before from', () => {
    const text = sampleWith('until: 2027-01-31', 'until: 2026-10-31');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, 'until: 2026-10-31')}:12 posts[1].until (2026-10-31) is before from (2026-11-01)`,
    ]);
  });

  it('reports an unknown account reference', () => {
    const text = sampleWith('  account: main\n  at: "16:00"', '  account: mian\n  at: "16:00"');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, 'account: mian')}:12 closing.account refers to account "mian", which is not under accounts: (known: main)`,
    ]);
  });

  it('reports an unknown account on a source', () => {
    const text = sampleWith(
      '      type: x-search\n      account: main',
      '      type: x-search\n      account: other',
    );
    expect(problems(text)[0]).toBe(
      `cfg.yaml:${lineOf(text, 'account: other')}:16 sweeps.sources[1].account refers to account "other", which is not under accounts: (known: main)`,
    );
  });

  it('reports invalid email addresses, all at once', () => {
    const text = sampleWith('fallback: comms.team@leedsandyorkpft.nhs.uk', 'fallback: comms.team').replace(
      'tue: sam.duty@leedsandyorkpft.nhs.uk',
      'tue: sam.duty@',
    );
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, 'fallback: comms.team')}:13 duty.fallback is not a valid email address`,
      `cfg.yaml:${lineOf(text, 'tue: sam.duty@')}:10 duty.rota.tue is not a valid email address`,
    ]);
  });

  it('reports a duplicate post id at the second one', () => {
    const text = sampleWith('  - id: wyg', '  - id: pals');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, '- id: pals') && text.split('\n').lastIndexOf('  - id: pals') + 1}:9 posts[2].id "pals" is used twice (also posts[0])`,
    ]);
  });

  it('reports empty variants', () => {
    const text = sampleWith('      - "What\'s your goal? Share it with us using #WYG"', '      - ""');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, '- ""')}:9 posts[2].variants[0] must not be empty`,
    ]);
    const none = sampleWith(
      '    variants:\n      - "What\'s your goal? Share it with us using #WYG"',
      '    variants: []',
    );
    expect(problems(none)).toEqual([
      `cfg.yaml:${lineOf(none, 'variants: []')}:15 posts[2].variants needs at least one variant`,
    ]);
  });

  it('reports a placeholder that does not exist', () => {
    const text = sampleWith('using #WYG"', 'using #WYG {reopenDay}"');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, '#WYG {reopenDay}')}:9 posts[2].variants[0] uses {reopenDay}, which does not exist here (allowed: {website}, {organisation})`,
    ]);
  });

  it('reports a post over 280 characters by X count, naming the post, variant and count', () => {
    const long = 'x'.repeat(290);
    const text = sampleWith('      - "PALS is here', `      - "${long}"\n      - "PALS is here`);
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, long)}:9 posts[0].variants[1] post "pals" variant 2 is 290 characters by X's count (max 280)`,
    ]);
  });

  it('checks the closing text at its longest rendering', () => {
    // 265 + " Monday" fits in 280; 265 + " Wednesday 30 September" does not
    const filler = 'x'.repeat(265);
    const text = sampleWith(
      `text: "We're signing off for the {closedPeriod}. If you need advice or support, please see {website}. We'll be back tweeting on {reopenDay}."`,
      `text: "${filler} {reopenDay}"`,
    );
    const [problem] = problems(text);
    expect(problem).toMatch(
      new RegExp(
        `^cfg.yaml:${lineOf(text, filler)}:9 closing.text the closing text at its longest is \\d+ characters`,
      ),
    );
  });

  it('reports a missing required section at the map that should hold it', () => {
    const text = sampleWith('    handle: LeedsandYorkPFT\n', '');
    expect(problems(text)).toEqual([`cfg.yaml:${lineOf(text, '  main:')}:3 accounts.main.handle is missing`]);
  });

  it('reports wrong types', () => {
    const text = sampleWith('workingDays: [mon, tue, wed, thu, fri]', 'workingDays: weekdays');
    expect(problems(text)[0]).toMatch(
      new RegExp(`^cfg.yaml:${lineOf(text, 'workingDays: weekdays')}:16 organisation.workingDays`),
    );
    expect(problems('- just\n- a list\n')).toEqual([
      'cfg.yaml:1:1 the config must be a map of keys (organisation:, accounts:, …)',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys with their position', () => {
    expect(problems('organisation:\n  name: a\n  name: b\n')[0]).toMatch(
      /^cfg.yaml:3:3 YAML: Map keys must be unique/,
    );
    expect(problems('a: [1, 2\nb: 3\n')[0]).toMatch(/^cfg.yaml:\d+:\d+ YAML: /);
  });

  it('refuses an alias bomb quickly', () => {
    const rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [name, prev] of [
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'd'],
      ['f', 'e'],
      ['g', 'f'],
      ['h', 'g'],
    ]) {
      rows.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const started = Date.now();
    expect(problems(rows.join('\n'))).toEqual([
      'cfg.yaml:1:1 too many YAML aliases (over 100 expansions): refused as an alias bomb',
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a 10 MB file without parsing it', () => {
    const huge = `# ${'x'.repeat(10 * 1024 * 1024)}\n`;
    expect(problems(huge)).toEqual(['cfg.yaml:1:1 file is 10.0 MB; a config larger than 256 KB is refused']);
  });

  it('reports an unknown time zone', () => {
    const text = sampleWith('timezone: Europe/London', 'timezone: Europe/Leeds');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, 'Europe/Leeds')}:13 organisation.timezone "Europe/Leeds" is not a known time zone (e.g. Europe/London)`,
    ]);
  });

  it('lists schema and cross-field problems together in one run, sorted by line', () => {
    const long = 'x'.repeat(290);
    const text = sampleWith('fallback: comms.team@leedsandyorkpft.nhs.uk', 'fallback: comms.team')
      .replace('      - "PALS is here', `      - "${long}"\n      - "PALS is here`)
      .replace('  account: main\n  at: "16:00"', '  account: mian\n  at: "16:00"');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, long)}:9 posts[0].variants[1] post "pals" variant 2 is 290 characters by X's count (max 280)`,
      `cfg.yaml:${lineOf(text, 'account: mian')}:12 closing.account refers to account "mian", which is not under accounts: (known: main)`,
      `cfg.yaml:${lineOf(text, 'fallback: comms.team')}:13 duty.fallback is not a valid email address`,
    ]);
  });

  it('checks the valid fields of a post the schema refused, and nothing twice', () => {
    const long = 'y'.repeat(300);
    const text = sampleWith(
      '  - id: wyg\n    account: main',
      '  - id: wyg\n    account: other\n    colour: red',
    )
      .replace('using #WYG"', `using #WYG ${long}"`)
      .replace('  - id: staff-awards\n    account: main', '  - id: staff-awards\n    account: Main');
    expect(problems(text)).toEqual([
      `cfg.yaml:${lineOf(text, 'account: Main')}:14 posts[1].account must be lower-case letters, digits and dashes (max 48)`,
      `cfg.yaml:${lineOf(text, 'account: other')}:14 posts[2].account refers to account "other", which is not under accounts: (known: main)`,
      `cfg.yaml:${lineOf(text, 'colour: red')}:5 posts[2].colour is not a known key`,
      `cfg.yaml:${lineOf(text, long)}:9 posts[2].variants[0] post "wyg" variant 1 is 346 characters by X's count (max 280)`,
    ]);
  });

  it('does not judge what depends on a refused field: no account check without a valid accounts: section', () => {
    const text = sampleWith('accounts:\n  main:', 'accounts:\n  - main:').replace(
      '  account: main\n  at: "16:00"',
      '  account: mian\n  at: "16:00"',
    );
    const found = problems(text);
    expect(found).toHaveLength(1);
    expect(found).toEqual([
      `cfg.yaml:${lineOf(text, '- main:')}:3 accounts must be a map of keys (name: value), not a list`,
    ]);
  });

  it('caps schema and cross-field problems together at 50, sorted', () => {
    const posts = Array.from(
      { length: 40 },
      (_, i) => `  - { id: p${i}, account: nobody, days: [Mon], at: "10:00", variants: ["hello"] }`,
    );
    const text = sampleWith('posts:\n', `posts:\n${posts.join('\n')}\n`);
    const found = problems(text);
    expect(found).toHaveLength(51);
    expect(found[0]).toBe(
      `cfg.yaml:${positionOf(text, 'nobody')} posts[0].account refers to account "nobody", which is not under accounts: (known: main)`,
    );
    expect(found[1]).toBe(
      `cfg.yaml:${positionOf(text, 'Mon')} posts[0].days[0] write days in lower case: mon`,
    );
    expect(found[50]).toMatch(/^cfg\.yaml:\d+:\d+ …and 30 more problems after this one$/);
    const lines = found.map((line) => Number(line.split(':')[1]));
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });
});
