import { decodeConfigBytes } from '../../lambdas/core/config/file-encoding';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { ConfigError, formatProblem } from '../../lambdas/core/config/problems';
import { positionOf, sampleWith } from '../support/config-text';
import { sampleConfigText } from '../support/example-config';

/** The `FILE:LINE:COL message` lines a text is refused with. */
function problems(text: string): string[] {
  try {
    parseConfig(text, 'cfg.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the config was accepted');
}

const REOPENING = 'text: "Good morning, we\'re back! Tweet us or see {website} for advice and support."';

describe('the commonest YAML slips get one message that says what to type', () => {
  it('an apostrophe inside single quotes, pointing at the apostrophe', () => {
    const text = sampleWith([REOPENING, "text: 'Good morning, we're back! Tweet us or see {website}.'"]);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, "we're back", 2)} the apostrophe in we're ends the 'single-quoted' text: put the text in double quotes instead, or write the apostrophe twice (we''re)`,
    ]);
  });

  it('both fixes the message offers are accepted', () => {
    for (const fixed of ["'Good morning, we''re back!'", '"Good morning, we\'re back!"']) {
      const text = sampleWith([REOPENING, `text: ${fixed}`]);
      expect(parseConfig(text, 'cfg.yaml').config.closing?.reopening?.text).toBe("Good morning, we're back!");
    }
  });

  it('an apostrophe in a single-quoted list item, and one more further down: one message each', () => {
    const text = sampleWith(
      [
        '- "What\'s your goal? Share it with us using #WYG"',
        "- 'What's your goal? Share it with us using #WYG'",
      ],
      [
        'general: "Thanks {author}, we\'ve passed this on to the team."',
        "general: 'Thanks {author}, we've passed it on.'",
      ],
    );
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, "What's", 4)} the apostrophe in What's ends the 'single-quoted' text: put the text in double quotes instead, or write the apostrophe twice (What''s)`,
      `cfg.yaml:${positionOf(text, "we've", 2)} the apostrophe in we've ends the 'single-quoted' text: put the text in double quotes instead, or write the apostrophe twice (we''ve)`,
    ]);
  });

  it('one tab-indented line: one message, not the parser cascade', () => {
    const text = sampleWith(['  name: Leeds', '\tname: Leeds']);
    expect(problems(text)).toEqual(['cfg.yaml:8:1 line 8 is indented with a tab; indent with spaces']);
  });

  it('a file indented with tabs throughout: still one message, counting the other lines', () => {
    const text = sampleConfigText().replace(/\n {2}(?=\S)/g, '\n\t');
    const tabbed = text
      .split('\n')
      .map((line, i) => (line.startsWith('\t') ? i + 1 : 0))
      .filter((line) => line > 0);
    expect(tabbed.length).toBeGreaterThan(10);
    const [first, ...others] = tabbed;
    expect(problems(text)).toEqual([
      `cfg.yaml:${first}:1 line ${first} is indented with a tab; indent with spaces (so are lines ${others.slice(0, 5).join(', ')} and ${others.length - 5} more)`,
    ]);
  });

  it('a quote left open, pointing at where the text starts', () => {
    const double = sampleWith(['at: "10:30"', 'at: "10:30']);
    expect(problems(double)).toEqual([
      `cfg.yaml:${positionOf(double, 'at: "10:30', 4)} the text that starts here has no closing ": add " at its end`,
    ]);
    const single = sampleWith(['at: "10:30"', "at: '10:30"]);
    expect(problems(single)).toEqual([
      `cfg.yaml:${positionOf(single, "at: '10:30", 4)} the text that starts here has no closing ': add ' at its end`,
    ]);
  });

  it('a quote left open in a long text that runs into the next lines', () => {
    const text = sampleWith(['so we can help."', 'so we can help.']);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, '"Hi {author}, we\'re sorry')} the text that starts here has no closing ": add " at its end`,
    ]);
  });

  it('a colon and a space inside plain text', () => {
    const text = sampleWith([
      'general: "Thanks {author}, we\'ve passed this on to the team."',
      'general: Thanks: passed on',
    ]);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'Thanks: passed')} a colon and a space inside plain text start a new key: put the text in double quotes: "Thanks: passed on"`,
    ]);
  });
});

describe('days, times and dates written the everyday way', () => {
  it('a capitalised day', () => {
    const text = sampleWith(['days: [mon]', 'days: [Mon]']);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'Mon]')} posts[2].days[0] write days in lower case: mon`,
    ]);
  });

  it('a whole list of capitalised days: one message for the list', () => {
    const text = sampleWith([
      'workingDays: [mon, tue, wed, thu, fri]',
      'workingDays: [Mon, Tue, Wed, Thu, Fri]',
    ]);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'Mon, Tue')} organisation.workingDays write days in lower case: mon, tue, wed, thu, fri`,
    ]);
  });

  it('a capitalised day as a rota key, and days written as text instead of a list', () => {
    const rota = sampleWith(['    mon: alex.duty', '    Mon: alex.duty']);
    expect(problems(rota)).toEqual([
      `cfg.yaml:${positionOf(rota, 'Mon: alex')} duty.rota.Mon write days in lower case: mon`,
    ]);
    const text = sampleWith(['days: [tue, thu]', 'days: Tue, thu']);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'Tue, thu')} posts[0].days write the days as a list: [tue, thu]`,
    ]);
  });

  it.each([
    ['10.30', '10:30'],
    ['"10.30"', '10:30'],
    ['4pm', '16:00'],
    ['"4 p.m."', '16:00'],
    ['4.30pm', '16:30'],
    ['12am', '00:00'],
    ['1030', '10:30'],
    ['9:30', '09:30'],
  ])('a time written %s: write the time as "%s"', (written, meant) => {
    const text = sampleWith(['at: "10:30"', `at: ${written}`]);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, `at: ${written}`, 4)} posts[0].at write the time as "${meant}", in quotes`,
    ]);
  });

  it('an unquoted 10:30 is the text "10:30", even in a file that declares YAML 1.1', () => {
    const plain = sampleWith(['at: "10:30"', 'at: 10:30']);
    expect(parseConfig(plain, 'cfg.yaml').config.posts[0]?.at).toBe('10:30');
    // YAML 1.1 would read 10:30 as the number 630 (base 60) and 2026-12-24 as a timestamp
    const yaml11 = `%YAML 1.1\n---\n${plain}`;
    const { config } = parseConfig(yaml11, 'cfg.yaml');
    expect(config.posts[0]?.at).toBe('10:30');
    expect(config.organisation.closures).toEqual(['2026-12-24']);
  });

  it.each([
    ['24/12/2026', '2026-12-24'],
    ['24.12.26', '2026-12-24'],
    ['2026/12/24', '2026-12-24'],
    ['12/24/2026', '2026-12-24'],
    ['24 December 2026', '2026-12-24'],
    ['"Dec 24, 2026"', '2026-12-24'],
  ])('a date written %s: write the date as %s', (written, meant) => {
    const text = sampleWith(['from: 2026-11-01', `from: ${written}`]);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, `from: ${written}`, 6)} posts[1].from write the date as ${meant}`,
    ]);
  });

  it('a date that does not exist gets no guess, and one message only', () => {
    const text = sampleWith(['from: 2026-11-01', 'from: 31/02/2026']);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, '31/02/2026')} posts[1].from must be a date as YYYY-MM-DD`,
    ]);
  });

  it('dates in a list are each placed at their item', () => {
    const text = sampleWith(['closures: [2026-12-24]', 'closures: [24/12/2026, 2026-12-31, 31/12/2026]']);
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, '24/12/2026')} organisation.closures[0] write the date as 2026-12-24`,
      `cfg.yaml:${positionOf(text, '31/12/2026')} organisation.closures[2] write the date as 2026-12-31`,
    ]);
  });
});

describe('files that are not YAML text are named as such', () => {
  it.each([
    ['an empty text', ''],
    ['blank lines', '\n  \n\n'],
  ])('%s: the file is empty', (_name, text) => {
    expect(problems(text)).toEqual(['cfg.yaml:1:1 the file is empty']);
  });

  it('only comments', () => {
    expect(problems('# organisation: to do\n')).toEqual(['cfg.yaml:1:1 the file is empty (only comments)']);
  });

  it('text with NUL characters', () => {
    expect(problems('organisation:\u0000\u0001\u0002 x\n')).toEqual([
      'cfg.yaml:1:1 the file looks like a binary file, not YAML (is it the right file?)',
    ]);
    expect(problems(Buffer.from(sampleConfigText(), 'utf16le').toString('latin1'))).toEqual([
      'cfg.yaml:1:1 the file is saved as UTF-16; save it as UTF-8',
    ]);
  });

  it('a UTF-8 byte order mark is accepted, and positions on line 1 are unchanged', () => {
    expect(parseConfig(`\uFEFF${sampleConfigText()}`, 'cfg.yaml').config.accounts.main).toMatchObject({
      handle: 'LeedsandYorkPFT',
    });
    expect(problems('\uFEFForganisation: [1\n')[0]).toMatch(/^cfg\.yaml:\d+:\d+ YAML: /);
    expect(problems('\uFEFFcolour: blue\n')).toContain(
      'cfg.yaml:1:1 colour is not a known key (expected organisation, accounts, posts, closing, sweeps, duty, replies, pauses, notify)',
    );
  });
});

describe('decodeConfigBytes: what the CLI reads from disk', () => {
  const sample = sampleConfigText();
  const problemOf = (bytes: Uint8Array) => {
    const decoded = decodeConfigBytes(bytes);
    return 'problem' in decoded
      ? formatProblem('f.yaml', decoded.problem)
      : `text: ${decoded.text.slice(0, 12)}`;
  };

  it.each([
    ['no bytes', Buffer.alloc(0), 'f.yaml:1:1 the file is empty'],
    ['UTF-16 LE with its mark', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(sample, 'utf16le')])],
    [
      'UTF-16 BE with its mark',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(sample, 'utf16le').swap16()]),
    ],
    ['UTF-16 LE without a mark', Buffer.from(sample, 'utf16le')],
    ['UTF-16 BE without a mark', Buffer.from(sample, 'utf16le').swap16()],
  ])('%s', (_name, bytes, expected = 'f.yaml:1:1 the file is saved as UTF-16; save it as UTF-8') => {
    expect(problemOf(bytes)).toBe(expected);
  });

  it('a binary file', () => {
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    expect(problemOf(png)).toBe(
      'f.yaml:1:1 the file looks like a binary file, not YAML (is it the right file?)',
    );
    const noise = Buffer.from(Array.from({ length: 3000 }, (_, i) => 128 + ((i * 7919) % 128)));
    expect(problemOf(noise)).toBe(
      'f.yaml:1:1 the file looks like a binary file, not YAML (is it the right file?)',
    );
  });

  it('a text file saved in an older encoding: the first character that is not UTF-8', () => {
    const text = sample.replace('(PALS) can help', '(PALS) can help £5');
    const bytes = Buffer.from(text, 'latin1');
    expect(problemOf(bytes)).toBe(
      `f.yaml:${positionOf(text, '£5')} this character is not UTF-8 (the file may be saved as Windows-1252 or Latin-1); save the file as UTF-8`,
    );
  });

  it('UTF-8 with and without a byte order mark', () => {
    expect(problemOf(Buffer.from(sample))).toBe(`text: ${sample.slice(0, 12)}`);
    expect(problemOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sample)]))).toBe(
      `text: ${sample.slice(0, 12)}`,
    );
  });
});
