import { parseConfig } from '../../lambdas/core/config/parse-config';
import type { Config } from '../../lambdas/core/config/schema';
import { diffSchedules, type ScheduleChange } from '../../lambdas/core/plan/schedule-diff';
import {
  escapeMarkdown,
  formatDiffMarkdown,
  DIFF_MARKER,
  MAX_DETAIL_LINES,
} from '../../cli/commands/diff-report';
import { sampleWith } from '../support/config-text';
import { sampleConfig } from '../support/example-config';

const FROM = '2026-12-03';
const base = sampleConfig();

function changed(...edits: Array<[string, string]>): Config {
  return parseConfig(sampleWith(...edits), 'changed.yaml').config;
}

function kinds(changes: ScheduleChange[]): string[] {
  return changes.map((c) => `${c.section} ${c.kind} ${c.id}${c.date ? ` ${c.date}` : ''}`);
}

describe('diffSchedules: what a config change does', () => {
  it('finds nothing between a config and itself', () => {
    const diff = diffSchedules(base, sampleConfig(), FROM, 8);
    expect(diff.changes).toEqual([]);
    expect(diff).toMatchObject({ from: FROM, to: '2027-01-27', weeks: 8 });
  });

  it('a post moved to another time: every occurrence moves, nothing else', () => {
    const diff = diffSchedules(base, changed(['at: "10:30"', 'at: "11:30"']), FROM, 2);
    expect(kinds(diff.changes)).toEqual([
      'posts action-moved pals 2026-12-03',
      'posts action-moved pals 2026-12-08',
      'posts action-moved pals 2026-12-10',
      'posts action-moved pals 2026-12-15',
    ]);
    expect(diff.changes[0]?.summary).toBe('2026-12-03 pals moves from 10:30 to 11:30');
  });

  it('a post added and one removed, on the dates they would go out', () => {
    const added = changed([
      'posts:\n',
      'posts:\n  - id: flu\n    account: main\n    days: [fri]\n    at: "13:00"\n    variants: ["Get your flu jab: {website}/flu"]\n',
    ]);
    const diff = diffSchedules(base, added, FROM, 1);
    // a post with a link is an X bill too
    expect(kinds(diff.changes)).toEqual(['posts action-added flu 2026-12-04', 'cost cost-changed x']);
    expect(diff.changes[0]?.after).toMatchObject({
      text: 'Get your flu jab: https://www.leedsandyorkpft.nhs.uk/flu',
    });
    const removed = diffSchedules(added, base, FROM, 1);
    expect(kinds(removed.changes)).toEqual(['posts action-removed flu 2026-12-04', 'cost cost-changed x']);
    expect(removed.xCost.after).toBeLessThan(removed.xCost.before);
  });

  it("the sign-off's new text, with the old and new text and its weighted length", () => {
    const diff = diffSchedules(base, changed(["We'll be back tweeting on", 'Back on']), FROM, 1);
    expect(diff.changes.map((c) => c.kind)).toEqual(['action-text-changed']);
    expect(diff.xCost.after).toBe(diff.xCost.before);
    expect(diff.changes[0]).toMatchObject({ section: 'sign-off', id: 'closing', date: '2026-12-04' });
    const { before, after } = diff.changes[0] as {
      before: { text: string };
      after: { text: string; weightedLength: number };
    };
    expect(before.text).toContain("We'll be back tweeting on Monday.");
    expect(after.text).toContain('Back on Monday.');
    expect(after.weightedLength).toBeLessThan(280);
  });

  it('a closure that only matters in 7 weeks shows with 8 weeks and not with 4', () => {
    const closed = changed(['closures: [2026-12-24]', 'closures: [2026-12-24, 2027-01-19]']);
    // the monthly cost is a year's average, so only that shows within 4 weeks: a post fewer on X
    expect(kinds(diffSchedules(base, closed, FROM, 4).changes)).toEqual(['cost cost-changed x']);
    const diff = diffSchedules(base, closed, FROM, 8);
    expect(diff.changes.some((c) => c.kind === 'action-skipped' && c.date === '2027-01-19')).toBe(true);
    expect(
      diff.changes.some(
        (c) => c.section === 'sign-off' && c.kind === 'action-added' && c.date === '2027-01-18',
      ),
    ).toBe(true);
  });

  it('duty: who is on duty on each date that changes, and the urgent path first', () => {
    const diff = diffSchedules(
      base,
      changed(
        ['thu: jo.duty@', 'thu: alex.duty@'],
        ['afterMinutes: 15', 'afterMinutes: 10'],
        ['urgent: [suicide,', 'urgent: [suicide, "kill myself",'],
      ),
      FROM,
      2,
    );
    expect(kinds(diff.changes)).toEqual([
      'urgent setting-changed duty.escalation',
      'urgent keywords-changed sweeps.keywords.urgent',
      'duty duty-changed duty 2026-12-03',
      'duty duty-changed duty 2026-12-10',
    ]);
    expect(diff.changes[1]?.summary).toBe('urgent keywords: added "kill myself"');
    expect(diff.changes[2]?.summary).toBe(
      '2026-12-03 on duty: alex.duty@leedsandyorkpft.nhs.uk (was jo.duty@leedsandyorkpft.nhs.uk)',
    );
  });

  it('sweeps and sources, notify consumers, pauses and the cost', () => {
    const diff = diffSchedules(
      base,
      changed(
        ['urgentEveryMinutes: 5', 'urgentEveryMinutes: 10'],
        ['    - id: google-alert-trust', '    - id: google-alert-ward'],
        ['reason: "Pre-election period"', 'reason: "Purdah"'],
      ),
      FROM,
      1,
    );
    const ids = diff.changes.map((c) => `${c.section} ${c.id}`);
    expect(ids).toEqual(
      expect.arrayContaining([
        'urgent sweeps.urgentEveryMinutes',
        'sweeps google-alert-ward',
        'sweeps google-alert-trust',
        'pauses pauses',
        'cost aws',
      ]),
    );
    expect(diff.cost.after).toBeLessThan(diff.cost.before);
  });
});

describe('the pull-request comment', () => {
  it('starts with its marker, says when nothing changes', () => {
    const text = formatDiffMarkdown(diffSchedules(base, sampleConfig(), FROM, 8), 'origin/main');
    expect(text.split('\n')[0]).toBe(DIFF_MARKER);
    expect(text).toContain(
      'No change in what the schedule does over the next 8 weeks (2026-12-03 to 2027-01-27).',
    );
  });

  it('makes a post text inert: no table, emphasis, code or HTML from it', () => {
    expect(escapeMarkdown('a | b *bold* `code` <script>x</script> & [l](http://e.x)')).toBe(
      'a \\| b \\*bold\\* \\`code\\` &lt;script\\>x&lt;/script\\> &amp; \\[l\\](http://e.x)',
    );
    const hostile = changed([
      "Good morning, we're back!",
      'Good morning | <script>alert(1)</script> **we** `are` back!',
    ]);
    const text = formatDiffMarkdown(diffSchedules(base, hostile, FROM, 2), 'origin/main');
    expect(text).not.toContain('<script>');
    expect(text).not.toMatch(/[^\\]\|/);
  });

  it('reads well for a reviewer (snapshot, looked at by eye)', () => {
    const text = formatDiffMarkdown(
      diffSchedules(
        base,
        changed(
          ['thu: jo.duty@', 'thu: alex.duty@'],
          ['afterMinutes: 15', 'afterMinutes: 10'],
          ["We'll be back tweeting on", 'Back on'],
          ['closures: [2026-12-24]', 'closures: [2026-12-24, 2026-12-31]'],
        ),
        FROM,
        4,
      ),
      'origin/main',
    );
    expect(text).toMatchSnapshot();
  });

  it('keeps to 60 lines of detail and says how many more there are', () => {
    const text = formatDiffMarkdown(
      diffSchedules(
        base,
        changed(['at: "10:30"', 'at: "11:30"'], ['thu: jo.duty@', 'thu: alex.duty@']),
        FROM,
        52,
      ),
      'origin/main',
    );
    const lines = text.split('\n');
    expect(lines.length).toBeLessThanOrEqual(MAX_DETAIL_LINES + 7);
    expect(lines.at(-1)).toMatch(
      /^…and \d+ more changes: run `npx social-duty diff --base origin\/main` to see them all\.$/,
    );
    expect(lines.slice(0, 8).join('\n')).toMatch(/\*\*Urgent path|\*\*Who is on duty/);
  });
});
