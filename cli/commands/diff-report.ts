import { signedUsd } from '../../lambdas/core/plan/cost-estimate';
import { DIFF_SECTIONS, type DiffSection, type ScheduleDiff } from '../../lambdas/core/plan/schedule-diff';

/** the first line of the pull-request comment, so a workflow can find and update its own */
export const DIFF_MARKER = '<!-- social-duty-diff -->';
export const MAX_DETAIL_LINES = 60;

const HEADINGS: Record<DiffSection, string> = {
  urgent: 'Urgent path (escalation, urgent contacts, crisis words)',
  duty: 'Who is on duty',
  'sign-off': 'Sign-off and reopening',
  posts: 'Posts',
  pauses: 'Pauses',
  sweeps: 'Mention sweeps',
  notify: 'Notifications',
  cost: 'Cost',
};

export function summaryLine(diff: ScheduleDiff): string {
  const count = (section: DiffSection) => diff.changes.filter((c) => c.section === section).length;
  const parts = DIFF_SECTIONS.filter((s) => s !== 'cost' && count(s) > 0).map(
    (s) => `${HEADINGS[s].split(' (')[0]!.toLowerCase()}: ${count(s)}`,
  );
  const delta = diff.cost.after - diff.cost.before + (diff.xCost.after - diff.xCost.before);
  const cost = Math.abs(delta) >= 0.005 ? `; cost ${signedUsd(delta)} a month` : '';
  return `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'} (${parts.join(', ')})${cost}`;
}

function noChange(diff: ScheduleDiff): string {
  return `No change in what the schedule does over the next ${diff.weeks} weeks (${diff.from} to ${diff.to}).`;
}

/** For a terminal: grouped, most important first. */
export function formatDiffText(diff: ScheduleDiff, base: string): string {
  if (diff.changes.length === 0) return noChange(diff);
  const lines = [`Compared with ${base}, over ${diff.from} to ${diff.to}: ${summaryLine(diff)}`];
  for (const section of DIFF_SECTIONS) {
    const changes = diff.changes.filter((c) => c.section === section);
    if (changes.length === 0) continue;
    lines.push('', `${HEADINGS[section]}:`);
    for (const change of changes) {
      lines.push(`  ${change.summary}`);
      for (const [label, text] of texts(change.before, change.after)) lines.push(`    ${label}: ${text}`);
    }
  }
  return lines.join('\n');
}

/** For a pull-request comment: most important first, at most 60 lines of detail, every config text inert. */
export function formatDiffMarkdown(diff: ScheduleDiff, base: string): string {
  const head = [
    DIFF_MARKER,
    `### What this change does (${diff.from} to ${diff.to}, compared with \`${inlineCode(base)}\`)`,
    '',
  ];
  if (diff.changes.length === 0) return [...head, noChange(diff)].join('\n');
  const detail: string[] = [];
  for (const section of DIFF_SECTIONS) {
    const changes = diff.changes.filter((c) => c.section === section);
    if (changes.length === 0) continue;
    detail.push('', `**${HEADINGS[section]}**`, '');
    for (const change of changes) {
      detail.push(`- ${escapeMarkdown(change.summary)}`);
      for (const [label, text] of texts(change.before, change.after))
        detail.push(`  - ${label}: ${escapeMarkdown(text)}`);
    }
  }
  const shownLines = detail.slice(0, MAX_DETAIL_LINES);
  const left = detail.slice(MAX_DETAIL_LINES).filter((line) => line.startsWith('- ')).length;
  return [
    ...head,
    `**${escapeMarkdown(summaryLine(diff))}**`,
    ...shownLines,
    ...(left > 0
      ? [
          '',
          `…and ${left} more change${left === 1 ? '' : 's'}: run \`npx social-duty diff --base ${inlineCode(base)}\` to see them all.`,
        ]
      : []),
  ].join('\n');
}

/** the old and new post texts of a change, when it has them */
function texts(before: unknown, after: unknown): Array<[string, string]> {
  const text = (v: unknown) =>
    v && typeof v === 'object' && 'text' in v ? String((v as { text: unknown }).text) : undefined;
  const rows: Array<[string, string]> = [];
  const [b, a] = [text(before), text(after)];
  if (b !== undefined && b !== a) rows.push(['was', b]);
  if (a !== undefined && a !== b) rows.push(['now', a]);
  if (b === undefined && a !== undefined && rows.length === 0) rows.push(['text', a]);
  return rows;
}

/** a post's text cannot become a heading, a list, a link, a table or HTML in the comment */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/[\\`*_[\]|~>#]/g, (c) => `\\${c}`);
}

function inlineCode(text: string): string {
  return text.replace(/`/g, "'");
}
