import fc from 'fast-check';
import { matchesPattern, patternProblems, type EventPattern } from '../../lambdas/core/events/event-pattern';

/** an event as EventBridge delivers it, with `detail` and any top-level fields given */
function event(detail: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0',
    id: '7f1d3c52-0c8e-4a43-9a0b-2f3f0c1d5e61',
    'detail-type': 'Post Failed',
    source: 'social-duty',
    account: '000000000000',
    time: '2026-12-26T02:05:09Z',
    region: 'eu-west-2',
    resources: [],
    detail,
    ...top,
  };
}

function onDetail(field: string, matchers: unknown[]): EventPattern {
  return { detail: { [field]: matchers } };
}

/** the cases AWS documents for one operator: which values of detail.value match and which do not */
function table(matchers: unknown[], matching: unknown[], notMatching: unknown[]): void {
  const pattern = onDetail('value', matchers);
  expect(patternProblems(pattern)).toEqual([]);
  for (const value of matching) {
    expect({ value, matches: matchesPattern(pattern, event({ value })) }).toEqual({ value, matches: true });
  }
  for (const value of notMatching) {
    expect({ value, matches: matchesPattern(pattern, event({ value })) }).toEqual({ value, matches: false });
  }
}

describe('fields and exact values', () => {
  it('needs every field the pattern names, and any one of a leaf’s values', () => {
    const pattern = { source: ['social-duty'], 'detail-type': ['Post Failed', 'Post Needs Checking'] };
    expect(matchesPattern(pattern, event({}))).toBe(true);
    expect(matchesPattern(pattern, event({}, { 'detail-type': 'Post Needs Checking' }))).toBe(true);
    expect(matchesPattern(pattern, event({}, { 'detail-type': 'Post Published' }))).toBe(false);
    expect(matchesPattern(pattern, event({}, { source: 'aws.s3' }))).toBe(false);
  });

  it('ignores fields the pattern does not name', () => {
    expect(matchesPattern({ source: ['social-duty'] }, event({ anything: { at: 'all' } }))).toBe(true);
  });

  it('matches strings exactly: case, whitespace and emoji included', () => {
    table(
      ['A CamelCase string 🚀 '],
      ['A CamelCase string 🚀 '],
      ['a camelcase string 🚀 ', 'A CamelCase string 🚀'],
    );
  });

  it('keeps JSON types apart: a number is not its string, true is not "true"', () => {
    table([300], [300, 300.0, 3.0e2], ['300', 301]);
    table([true], [true], ['true', 1, false]);
    table(['300'], ['300'], [300]);
  });

  it('matches null only to null and "" only to the empty string', () => {
    table([null], [null], ['', 'null', 0, false]);
    table([''], [''], [null, ' ']);
    expect(matchesPattern(onDetail('value', [null]), event({}))).toBe(false);
  });

  it('treats field names as case sensitive', () => {
    expect(matchesPattern({ detail: { MY_KEY: ['v'] } }, event({ my_key: 'v' }))).toBe(false);
  });

  it('follows nested objects, and a nested pattern does not match a string holding JSON', () => {
    const pattern = { detail: { state: { status: ['running'] } } };
    expect(matchesPattern(pattern, event({ state: { status: 'running' } }))).toBe(true);
    expect(matchesPattern(pattern, event({ state: { status: 'stopped' } }))).toBe(false);
    expect(matchesPattern(pattern, event({ state: '{"status":"running"}' }))).toBe(false);
    expect(matchesPattern(pattern, event({}))).toBe(false);
  });

  it('matches a leaf against an object field never', () => {
    table(['x'], ['x'], [{ x: 'x' }]);
  });
});

describe('arrays in events', () => {
  it('matches when any element of an array matches (the documented resources example)', () => {
    const pattern = { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:other'] };
    expect(
      matchesPattern(
        pattern,
        event(
          {},
          { resources: ['arn:aws:autoscaling:x', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
        ),
      ),
    ).toBe(true);
    expect(matchesPattern(pattern, event({}, { resources: ['arn:aws:autoscaling:x'] }))).toBe(false);
    expect(matchesPattern(pattern, event({}, { resources: [] }))).toBe(false);
  });

  it('looks into arrays of arrays', () => {
    table(['b'], [[['a'], ['b']]], [[['a'], ['c']]]);
  });

  it('matches objects in an array one element at a time', () => {
    const employees = [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ];
    expect(matchesPattern({ employees: { firstName: ['Anna'] } }, { employees })).toBe(true);
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, { employees })).toBe(
      true,
    );
    // Anna and Jones are in different elements, so they do not make a match together
    expect(matchesPattern({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, { employees })).toBe(
      false,
    );
  });

  it('does not match [null] against an empty array', () => {
    expect(matchesPattern({ resources: [null] }, event({}, { resources: [] }))).toBe(false);
  });
});

describe('prefix and suffix', () => {
  it('prefix matches the start of a string, and nothing that is not a string', () => {
    table(
      [{ prefix: '2017-10-02' }],
      ['2017-10-02T18:43:48Z', '2017-10-02'],
      ['2017-10-03T00:00:00Z', '2017-10-0', 20171002, null],
    );
  });

  it('an empty prefix or suffix matches every string', () => {
    table([{ prefix: '' }], ['', 'anything'], [1, null]);
    table([{ suffix: '' }], ['', 'anything'], [true]);
  });

  it('suffix matches the end of a string, case sensitively', () => {
    table([{ suffix: '.png' }], ['image.png', '.png'], ['image.PNG', 'image.png.bak', 5]);
  });

  it('prefix and suffix can ignore case', () => {
    table(
      [{ prefix: { 'equals-ignore-case': 'EventB' } }],
      ['EvEnTbridge', 'eventb', 'EVENTB'],
      ['Event', 'xEventB'],
    );
    table([{ suffix: { 'equals-ignore-case': '.png' } }], ['image.PNG', 'image.png'], ['image.jpg']);
  });
});

describe('equals-ignore-case', () => {
  it('matches the same letters in any case', () => {
    table(
      [{ 'equals-ignore-case': 'ec2 instance state-change notification' }],
      ['EC2 Instance State-change Notification'],
      ['EC2 Instance State-change', 42],
    );
  });

  it('an empty value matches only the empty string', () => {
    table([{ 'equals-ignore-case': '' }], [''], ['test-value', null]);
  });
});

describe('wildcard', () => {
  it('* stands for any run of characters, none included', () => {
    table(
      [{ wildcard: 'Simple*Service' }],
      ['SimpleService', 'Simple Notification Service'],
      ['SimpleServices', 'simpleservice'],
    );
    table(
      [{ wildcard: '/Users/*/doc.txt' }],
      ['/Users/ls_user/dir/dir/doc.txt'],
      ['/Users/ls_user/dir/notmatchingdoc.txt'],
    );
  });

  it('finds repeated pieces after a star', () => {
    table(
      [{ wildcard: '/Users/*/dir/dir/dir/doc.txt' }],
      ['/Users/me/dir/dir/dir/dir/dir/doc.txt'],
      ['/Users/me/dir/dir/otherdir/doc.txt'],
    );
  });

  it('a piece between stars may not overlap the piece after the last star', () => {
    table([{ wildcard: '*ab*b' }], ['abb', 'xabyb'], ['ab', 'b']);
  });

  it('a pattern without stars is an exact match, and an empty one matches only ""', () => {
    table([{ wildcard: 'exact' }], ['exact'], ['exactly', 'Exact']);
    table([{ wildcard: '' }], [''], ['x']);
  });

  it('\\* is a literal star and \\\\ a literal backslash', () => {
    table([{ wildcard: 'a\\*b*' }], ['a*b', 'a*bcd'], ['axb', 'ab']);
    table([{ wildcard: 'C:\\\\*' }], ['C:\\Windows'], ['C:/Windows']);
  });

  it('a star matches across lines', () => {
    table([{ wildcard: 'a*z' }], ['a\nb\nz'], ['a\nb']);
  });

  it('matches strings only', () => {
    table([{ wildcard: '*' }], ['', 'x'], [1, null, false]);
  });
});

describe('anything-but', () => {
  it('excludes a string, a number, or a list of either', () => {
    table([{ 'anything-but': 'initializing' }], ['pending', 'Initializing'], ['initializing']);
    table([{ 'anything-but': 123 }], [789, '123'], [123]);
    table([{ 'anything-but': 0 }], [789], [0]);
    table([{ 'anything-but': ['stopped', 'overloaded'] }], ['pending'], ['stopped', 'overloaded']);
    table([{ 'anything-but': [100, 200, 300] }], [999], [100, 300]);
  });

  it('never matches a missing field', () => {
    for (const operand of [
      'initializing',
      ['a', 'b'],
      { prefix: 'init' },
      { suffix: '.txt' },
      { wildcard: '*/x/*' },
    ]) {
      expect(matchesPattern(onDetail('state', [{ 'anything-but': operand }]), event({}))).toBe(false);
    }
    expect(
      matchesPattern(onDetail('state', [{ 'anything-but': { 'equals-ignore-case': 'x' } }]), event({})),
    ).toBe(false);
  });

  it('matches null, and values of another type', () => {
    table([{ 'anything-but': 'initializing' }], [null, 5, true], []);
    table([{ 'anything-but': { prefix: 'init' } }], [null, 12], []);
  });

  it('excludes prefixes, suffixes, wildcards and any casing, singly or in lists', () => {
    table([{ 'anything-but': { prefix: 'init' } }], ['post-init'], ['init-prefix', 'init']);
    table([{ 'anything-but': { prefix: ['init', 'post'] } }], ['pending'], ['post-init', 'initial']);
    table([{ 'anything-but': { suffix: '.txt' } }], ['file.txt.bak'], ['file.txt']);
    table([{ 'anything-but': { suffix: ['.txt', '.png'] } }], ['file.jpg'], ['file.png']);
    table([{ 'anything-but': { 'equals-ignore-case': 'initializing' } }], ['pending'], ['INITIALIZING']);
    table(
      [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }],
      ['pending'],
      ['Stopped'],
    );
    table([{ 'anything-but': { wildcard: '*/lib/*' } }], ['dir/src/file'], ['dir/lib/file']);
    table([{ 'anything-but': { wildcard: ['*/init/*', '*/dir/*'] } }], ['a/post/b'], ['a/init/b']);
  });

  it('on an array field, matches when some element is not excluded', () => {
    table([{ 'anything-but': 'a' }], [['a', 'b']], [['a', 'a'], []]);
  });
});

describe('numeric', () => {
  it('compares with =, <, <=, > and >=', () => {
    table([{ numeric: ['=', 3.018e2] }], [301.8], [301.9, '301.8']);
    table([{ numeric: ['<', 10] }], [9, -1e6], [10, 11]);
    table([{ numeric: ['<=', 10] }], [10], [10.000001]);
    table([{ numeric: ['>', 0] }], [0.5], [0, -1]);
    table([{ numeric: ['>=', 0] }], [0], [-0.000001]);
  });

  it('takes a range as a lower bound then an upper bound', () => {
    table([{ numeric: ['>', 0, '<=', 5] }], [0.1, 5], [0, 5.1]);
    table([{ numeric: ['>=', 200, '<', 500] }], [200, 499.9], [500, 199]);
  });

  it('matches JSON numbers only: not a numeric string, not null', () => {
    table([{ numeric: ['>', 100] }], [101.0], ['300', null, true]);
  });
});

describe('exists', () => {
  it('exists: true matches a present leaf, null included', () => {
    table([{ exists: true }], ['pending', 0, '', null, false, ['x']], []);
    expect(matchesPattern(onDetail('value', [{ exists: true }]), event({}))).toBe(false);
  });

  it('exists: false matches a missing field', () => {
    expect(matchesPattern(onDetail('c-count', [{ exists: false }]), event({ state: 'running' }))).toBe(true);
    expect(matchesPattern(onDetail('c-count', [{ exists: false }]), event({ 'c-count': 5 }))).toBe(false);
  });

  it('works on leaves only: a field holding an object does not exist for it (the documented c-count case)', () => {
    expect(matchesPattern(onDetail('c-count', [{ exists: false }]), event({ 'c-count': { c1: 100 } }))).toBe(
      true,
    );
    expect(matchesPattern(onDetail('c-count', [{ exists: true }]), event({ 'c-count': { c1: 100 } }))).toBe(
      false,
    );
    expect(
      matchesPattern(
        { detail: { 'c-count': { c1: [{ exists: true }] } } },
        event({ 'c-count': { c1: 100 } }),
      ),
    ).toBe(true);
  });

  it('an empty array holds nothing that exists', () => {
    expect(matchesPattern({ resources: [{ exists: true }] }, event({}, { resources: [] }))).toBe(false);
    expect(matchesPattern({ resources: [{ exists: false }] }, event({}, { resources: [] }))).toBe(true);
  });

  it('exists: false matches under a parent that is missing or not an object', () => {
    const deep = { detail: { level1: { level2: { level3: [{ exists: false }] } } } };
    expect(matchesPattern(deep, event({}))).toBe(true);
    expect(matchesPattern(deep, event({ level1: { level2: 'a string' } }))).toBe(true);
    expect(matchesPattern(deep, event({ level1: { level2: { level3: 'there' } } }))).toBe(false);
  });

  it('exists inside an array of objects looks at each element', () => {
    const automations = [{ key1: 'value1' }, { id: 'match-does-exist' }, { key2: 'value2' }];
    expect(
      matchesPattern({ detail: { automations: { id: [{ exists: true }] } } }, event({ automations })),
    ).toBe(true);
    expect(
      matchesPattern({ detail: { automations: { other: [{ exists: true }] } } }, event({ automations })),
    ).toBe(false);
  });

  it('a leaf’s alternatives may mix exists with other matchers', () => {
    const pattern = { detail: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } };
    expect(matchesPattern(pattern, event({ homemade: { S: 'ABCD' } }))).toBe(true);
    expect(matchesPattern(pattern, event({ homemade: { N: '789' } }))).toBe(true);
    expect(matchesPattern(pattern, event({}))).toBe(true);
    expect(matchesPattern(pattern, event({ homemade: { S: 'roses' } }))).toBe(false);
  });
});

describe('cidr', () => {
  it('matches IPv4 addresses in the block', () => {
    table(
      [{ cidr: '10.0.0.0/24' }],
      ['10.0.0.0', '10.0.0.255'],
      ['10.0.1.0', '10.0.0.256', '10.0.0', 10, null],
    );
    table([{ cidr: '10.0.0.0/8' }], ['10.255.3.4'], ['11.0.0.1']);
    table([{ cidr: '0.0.0.0/0' }], ['203.0.113.9'], ['::1']);
    table([{ cidr: '192.168.1.7/32' }], ['192.168.1.7'], ['192.168.1.6']);
  });

  it('matches IPv6 addresses in the block, written in full or shortened', () => {
    table(
      [{ cidr: '2001:db8:1234:1a00::/64' }],
      [
        '2001:0db8:1234:1a00:0000:0000:0000:0000',
        '2001:db8:1234:1a00::1',
        '2001:db8:1234:1a00:ffff:ffff:ffff:ffff',
      ],
      ['2001:0db8:123f:1a01::', '10.0.0.1', '2001:db8:1234:1a00::1::'],
    );
    table([{ cidr: '::ffff:10.0.0.0/120' }], ['::ffff:10.0.0.7'], ['::ffff:10.0.1.7']);
  });
});

describe('$or', () => {
  it('matches when any branch does, at its own level (the documented example)', () => {
    const pattern = {
      detail: {
        $or: [
          { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
          { 'd-count': [{ numeric: ['<', 10] }] },
          { 'x-limit': [{ numeric: ['=', 3.018e2] }] },
        ],
      },
    };
    expect(matchesPattern(pattern, event({ 'c-count': 0, 'd-count': 0, 'x-limit': 901.8 }))).toBe(true);
    expect(matchesPattern(pattern, event({ 'c-count': 0, 'd-count': 10, 'x-limit': 901.8 }))).toBe(false);
    expect(matchesPattern(pattern, event({ 'x-limit': 301.8 }))).toBe(true);
  });

  it('is ANDed with the fields beside it, and may nest', () => {
    const pattern = {
      source: ['social-duty'],
      $or: [
        { 'detail-type': ['Sign-off Deleted'] },
        {
          'detail-type': ['Post Published', 'Post Skipped'],
          detail: { $or: [{ postId: ['closing'] }, { postId: ['reopening'] }] },
        },
      ],
    };
    expect(matchesPattern(pattern, event({ postId: 'pals' }, { 'detail-type': 'Sign-off Deleted' }))).toBe(
      true,
    );
    expect(matchesPattern(pattern, event({ postId: 'closing' }, { 'detail-type': 'Post Skipped' }))).toBe(
      true,
    );
    expect(matchesPattern(pattern, event({ postId: 'pals' }, { 'detail-type': 'Post Skipped' }))).toBe(false);
    expect(
      matchesPattern(
        pattern,
        event({ postId: 'closing' }, { 'detail-type': 'Post Skipped', source: 'other' }),
      ),
    ).toBe(false);
  });
});

describe('a complex pattern from the documentation', () => {
  const pattern = {
    time: [{ prefix: '2017-10-02' }],
    detail: {
      state: [{ 'anything-but': 'initializing' }],
      'c-count': [{ numeric: ['>', 0, '<=', 5] }],
      'd-count': [{ numeric: ['<', 10] }],
      'x-limit': [{ 'anything-but': [100, 200, 300] }],
      'source-ip': [{ cidr: '10.0.0.0/8' }],
    },
  };
  const detail = { state: 'running', 'c-count': 3, 'd-count': 9, 'x-limit': 999, 'source-ip': '10.0.0.33' };

  it('matches only when every field does', () => {
    expect(matchesPattern(pattern, event(detail, { time: '2017-10-02T16:24:49Z' }))).toBe(true);
    expect(
      matchesPattern(pattern, event({ ...detail, 'x-limit': 300 }, { time: '2017-10-02T16:24:49Z' })),
    ).toBe(false);
    expect(matchesPattern(pattern, event(detail, { time: '2017-10-03T16:24:49Z' }))).toBe(false);
    expect(
      matchesPattern(pattern, event({ ...detail, 'source-ip': '11.0.0.1' }, { time: '2017-10-02' })),
    ).toBe(false);
  });
});

describe('patternProblems', () => {
  const cases: [string, unknown, string][] = [
    ['a pattern that is not an object', ['not', 'an', 'object'], 'Filter is not an object'],
    ['a leaf that is not an array', { string: 'my-value' }, 'string: "string" must be an object or an array'],
    ['a number leaf without its array', { int: 42 }, 'int: "int" must be an object or an array'],
    ['an empty array', { resources: [] }, 'resources: Empty arrays are not allowed'],
    ['an empty object', { detail: {} }, 'detail: Empty objects are not allowed'],
    ['an array in a leaf', { a: [['x']] }, 'a: Match value must be String, number, true, false, or null'],
    ['an unknown operator', { a: [{ contains: 'x' }] }, 'a: Unrecognized match type contains'],
    ['an operator in capitals', { a: [{ EXISTS: true }] }, 'a: Unrecognized match type EXISTS'],
    [
      'two operators in one matcher',
      { a: [{ prefix: 'x', suffix: 'y' }] },
      'a: Only one key allowed in match expression',
    ],
    [
      'a prefix that is a list',
      { time: [{ prefix: ['2022'] }] },
      'time: prefix match pattern must be a string',
    ],
    ['a prefix that is a number', { time: [{ prefix: 123 }] }, 'time: prefix match pattern must be a string'],
    ['a suffix that is a list', { f: [{ suffix: ['.png'] }] }, 'f: suffix match pattern must be a string'],
    [
      'a prefix with another nested operator',
      { f: [{ prefix: { wildcard: 'x' } }] },
      'f: Unsupported prefix pattern: wildcard',
    ],
    [
      'equals-ignore-case that is a list',
      { t: [{ 'equals-ignore-case': ['x'] }] },
      't: equals-ignore-case match pattern must be a string',
    ],
    [
      'equals-ignore-case holding a prefix',
      { t: [{ 'equals-ignore-case': { prefix: 'x' } }] },
      't: equals-ignore-case match pattern must be a string',
    ],
    ['a wildcard that is a number', { a: [{ wildcard: 123 }] }, 'a: wildcard match pattern must be a string'],
    [
      'consecutive wildcards',
      { a: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] },
      'a: Consecutive wildcard characters at pos 26',
    ],
    ['a backslash escaping a letter', { a: [{ wildcard: 'a\\b' }] }, 'a: Invalid escape character at pos 1'],
    [
      'exists that is not a boolean',
      { a: [{ exists: 'yes' }] },
      'a: exists match pattern must be either true or false.',
    ],
    ['numeric that is not an array', { a: [{ numeric: 10 }] }, 'a: Value of numeric must be an array.'],
    ['numeric with a missing bound', { a: [{ numeric: ['>', 0, '<'] }] }, 'a: Value of < must be numeric'],
    [
      'numeric with two lower bounds',
      { a: [{ numeric: ['>', 0, '>', 0] }] },
      'a: Bad numeric range operator: >',
    ],
    [
      'numeric with the upper bound first',
      { a: [{ numeric: ['<', 10, '>', 0] }] },
      'a: Too many elements in numeric expression',
    ],
    [
      'numeric with an unknown operator',
      { a: [{ numeric: ['!=', 1] }] },
      'a: Unrecognized numeric range operator: !=',
    ],
    ['numeric with a string bound', { a: [{ numeric: ['=', '5'] }] }, 'a: Value of equals must be numeric'],
    [
      'numeric with bounds the wrong way round',
      { a: [{ numeric: ['>', 5, '<', 1] }] },
      'a: Bottom must be less than top',
    ],
    [
      'numeric with too many terms',
      { a: [{ numeric: ['>', 0, '<', 5, '<', 6] }] },
      'a: Too many terms in numeric range expression',
    ],
    ['a cidr without a mask', { ip: [{ cidr: 'bad-filter' }] }, "ip: Malformed CIDR, one '/' required"],
    [
      'a cidr with a mask that is not a number',
      { ip: [{ cidr: 'bad-/64filter' }] },
      'ip: Malformed CIDR, mask bits must be an integer',
    ],
    ['a cidr with a bad address', { ip: [{ cidr: 'xx.11.xx/8' }] }, 'ip: Nonstandard IP address: xx.11.xx'],
    [
      'a cidr with a bad IPv6 address',
      { ip: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] },
      'ip: Nonstandard IP address: xxxx:db8:1234:1a00::',
    ],
    [
      'an IPv4 mask over 32',
      { ip: [{ cidr: '10.0.0.0/33' }] },
      'ip: Malformed CIDR, mask bits must be at most 32',
    ],
    ['a cidr that is a list', { ip: [{ cidr: ['10.0.0.0/8'] }] }, 'ip: cidr match pattern must be a string'],
    [
      'anything-but null',
      { s: [{ 'anything-but': null }] },
      's: Value of anything-but must be an array or single string/number value.',
    ],
    [
      'anything-but a list with a null',
      { s: [{ 'anything-but': ['stopped', null] }] },
      's: Inside anything but list, start|null|boolean is not supported.',
    ],
    [
      'anything-but a list of strings and numbers',
      { s: [{ 'anything-but': ['stopped', 1] }] },
      's: Inside anything but list, use only strings or only numbers',
    ],
    [
      'anything-but an empty prefix',
      { s: [{ 'anything-but': { prefix: '' } }] },
      's: Null prefix/suffix not allowed',
    ],
    [
      'anything-but an empty suffix',
      { s: [{ 'anything-but': { suffix: '' } }] },
      's: Null prefix/suffix not allowed',
    ],
    [
      'anything-but a prefix that is a number',
      { s: [{ 'anything-but': { prefix: 123 } }] },
      's: prefix/suffix match pattern must be a string',
    ],
    [
      'anything-but a suffix list with a number',
      { s: [{ 'anything-but': { suffix: [123, '.txt'] } }] },
      's: prefix/suffix match pattern must be a string',
    ],
    [
      'anything-but a case-insensitive prefix',
      { s: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'file' } } }] },
      's: Value of anything-but must be an array or single string/number value.',
    ],
    [
      'anything-but equals-ignore-case a number',
      { s: [{ 'anything-but': { 'equals-ignore-case': 123 } }] },
      's: Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    ],
    [
      'anything-but a wildcard that is a number',
      { s: [{ 'anything-but': { wildcard: 123 } }] },
      's: wildcard match pattern must be a string',
    ],
    [
      'anything-but a numeric',
      { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      's: Unsupported anything-but pattern: numeric',
    ],
    [
      '$or with one branch',
      { $or: [{ a: ['x'] }] },
      '$or: $or needs at least two patterns to choose between',
    ],
    [
      '$or with a branch that is not an object',
      { $or: [{ a: ['x'] }, 'b'] },
      '$or[1]: each $or branch must be an object',
    ],
    [
      'a problem inside an $or branch',
      { detail: { $or: [{ a: ['x'] }, { b: [] }] } },
      'detail.$or[1].b: Empty arrays are not allowed',
    ],
  ];

  it.each(cases)('refuses %s', (_name, pattern, problem) => {
    expect(patternProblems(pattern)).toContain(problem);
    // what EventBridge refuses never matches anything
    if (typeof pattern === 'object' && pattern !== null && !Array.isArray(pattern)) {
      expect(matchesPattern(pattern as EventPattern, event({}))).toBe(false);
    }
  });

  it('lists every problem, each with where it is', () => {
    expect(patternProblems({ source: 'x', detail: { a: [], b: [{ nope: 1 }] } })).toEqual([
      'source: "source" must be an object or an array',
      'detail.a: Empty arrays are not allowed',
      'detail.b: Unrecognized match type nope',
    ]);
  });

  it('accepts every form the documentation shows', () => {
    const documented: EventPattern[] = [
      { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] },
      { time: [{ prefix: '2017-10-02' }] },
      { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
      { Name: [{ 'equals-ignore-case': 'alice' }] },
      { FilePath: [{ wildcard: '*/lib/*' }] },
      { state: [{ 'anything-but': ['stopped', 'overloaded'] }] },
      { x: [{ 'anything-but': [100, 200, 300] }] },
      { Region: [{ 'anything-but': { prefix: 'us-' } }] },
      { FileName: [{ 'anything-but': { suffix: '.png' } }] },
      { state: [{ 'anything-but': { 'equals-ignore-case': ['initializing', 'stopped'] } }] },
      { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
      { c: [{ numeric: ['>', 0, '<=', 5] }], d: [{ numeric: ['<', 10] }], x: [{ numeric: ['=', 3.018e2] }] },
      { ip: [{ cidr: '10.0.0.0/24' }], ip6: [{ cidr: '2001:db8:1234:1a00::/64' }] },
      { c: [{ exists: false }], d: [{ exists: true }] },
      { e: [null], f: [''], g: [true] },
      { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }] },
    ];
    for (const pattern of documented)
      expect({ pattern, problems: patternProblems(pattern) }).toEqual({ pattern, problems: [] });
  });
});

describe('properties', () => {
  type JsonObject = Record<string, unknown>;

  const eventObject = fc
    .dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 3 }), { minKeys: 1, maxKeys: 5 })
    .map((value) => JSON.parse(JSON.stringify(value)) as JsonObject);

  /** a pattern made of the event's own values: each field, its value or one element of its array */
  function ownLeaves(value: JsonObject): JsonObject | undefined {
    // fromEntries, so a field named __proto__ stays a field
    const pattern: JsonObject = Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== '$or')
        .map(([key, field]) => [key, patternFor(field)])
        .filter(([, part]) => part !== undefined),
    );
    return Object.keys(pattern).length > 0 ? pattern : undefined;
  }

  function patternFor(field: unknown): unknown {
    if (Array.isArray(field)) {
      const items = field.flat(Infinity) as unknown[];
      const leaf = items.find((item) => item === null || typeof item !== 'object');
      if (leaf !== undefined) return [leaf];
      const object = items.find((item): item is JsonObject => typeof item === 'object' && item !== null);
      return object ? ownLeaves(object) : undefined;
    }
    if (typeof field === 'object' && field !== null) return ownLeaves(field as JsonObject);
    return [field];
  }

  it('an event matches the pattern made of its own values', () => {
    fc.assert(
      fc.property(eventObject, (value) => {
        const pattern = ownLeaves(value);
        fc.pre(pattern !== undefined);
        expect(patternProblems(pattern)).toEqual([]);
        expect(matchesPattern(pattern as EventPattern, value)).toBe(true);
      }),
    );
  });

  it('exists: true and exists: false never agree', () => {
    fc.assert(
      fc.property(eventObject, fc.string({ maxLength: 6 }), (value, key) => {
        const present = matchesPattern({ [key]: [{ exists: true }] }, value);
        const absent = matchesPattern({ [key]: [{ exists: false }] }, value);
        expect(present).toBe(!absent);
      }),
    );
  });

  it('a single value matches itself and is excluded by anything-but itself', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true })), (value) => {
        expect(matchesPattern({ f: [value] }, { f: value })).toBe(true);
        expect(matchesPattern({ f: [{ 'anything-but': value }] }, { f: value })).toBe(false);
      }),
    );
  });

  it('every prefix and suffix of a string matches it, and the string is a wildcard for itself', () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (text, cut) => {
        const at = text.length === 0 ? 0 : cut % (text.length + 1);
        expect(matchesPattern({ f: [{ prefix: text.slice(0, at) }] }, { f: text })).toBe(true);
        expect(matchesPattern({ f: [{ suffix: text.slice(at) }] }, { f: text })).toBe(true);
        const escape = (part: string) => part.replace(/[\\*]/g, (char) => `\\${char}`);
        expect(matchesPattern({ f: [{ wildcard: escape(text) }] }, { f: text })).toBe(true);
        expect(matchesPattern({ f: [{ wildcard: `${escape(text.slice(0, at))}*` }] }, { f: text })).toBe(
          true,
        );
        expect(matchesPattern({ f: [{ wildcard: `*${escape(text.slice(at))}` }] }, { f: text })).toBe(true);
      }),
    );
  });

  it('a numeric range matches exactly the numbers between its bounds', () => {
    const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -5e9, max: 5e9 });
    fc.assert(
      fc.property(finite, finite, finite, (a, b, x) => {
        fc.pre(a < b);
        const inside = x > a && x <= b;
        expect(matchesPattern({ n: [{ numeric: ['>', a, '<=', b] }] }, { n: x })).toBe(inside);
      }),
    );
  });
});
