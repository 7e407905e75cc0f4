import { escapeHtml } from '../../lambdas/core/template';
import { WEEKDAYS, type Config } from '../../lambdas/core/config/schema';
import {
  addDays,
  localDateTime,
  MONTH_NAMES,
  shortDay,
  weekdayName,
  weekdayOf,
  type IsoDate,
} from '../../lambdas/core/calendar/dates';
import type { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import type { ActionKind, Preview, PreviewAction } from '../../lambdas/core/plan/preview';
import { accountLabel } from '../../lambdas/core/network-links';

/**
 * Colours per action kind. Each badge colour carries white text and each entry background carries the body
 * text colour, both at WCAG AA (≥ 4.5:1) or better; the test checks the ratios so a palette edit cannot
 * quietly break that. The kind is also written out, so colour is never the only cue.
 */
export const KIND_COLOURS: Record<ActionKind, { badge: string; background: string }> = {
  post: { badge: '#1d4ed8', background: '#e8effc' },
  closing: { badge: '#9a3412', background: '#fcefe6' },
  reopening: { badge: '#166534', background: '#e6f4ea' },
  briefing: { badge: '#6b21a8', background: '#f3e8fb' },
};
export const TEXT_COLOUR = '#1f1f1f';
export const MUTED_TEXT_COLOUR = '#595959';

const KIND_MEANINGS: Record<ActionKind, string> = {
  post: 'recurring post',
  closing: 'sign-off before a closed period',
  reopening: 'post on the first working day after it',
  briefing: 'morning email to the duty person',
};

type DayShade = 'bank-holiday' | 'closure' | 'pause';

interface DayNote {
  shade: DayShade;
  label: string;
}

const SHADE_LABELS: Record<DayShade, string> = {
  'bank-holiday': 'Bank holiday',
  closure: 'Closure',
  pause: 'Paused',
};

/**
 * The preview as a self-contained HTML calendar: weeks as rows, one entry per action. No scripts and no
 * external resources, so it can be emailed or opened from disk and still read the same everywhere.
 */
export function renderCalendarPage(config: Config, calendar: WorkingCalendar, preview: Preview): string {
  const range = `${longDate(preview.from)} to ${longDate(preview.to)}`;
  const heading = `${config.organisation.name}: automated actions`;
  const skipped = preview.actions.filter((action) => action.status === 'skipped').length;
  const accounts = Object.keys(config.accounts);
  // with one account every entry would say the same, so the introduction says it once instead
  const labelEntries = accounts.length > 1;
  const label = (account: string) => accountLabel(config.accounts, account);
  const oneAccount = accounts.length === 1 ? ` Every post goes to ${escapeHtml(label(accounts[0]!))}.` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${heading}, ${range}`)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${escapeHtml(heading)}</h1>
<p>${range}: ${preview.actions.length} actions, ${skipped} skipped. Times are in ${escapeHtml(preview.timezone)}.${oneAccount}</p>
${renderLegend()}
${renderTable(calendar, preview, `Automated actions by week, ${range}`, labelEntries ? label : undefined)}
</main>
</body>
</html>
`;
}

function renderLegend(): string {
  const kinds = (Object.keys(KIND_COLOURS) as ActionKind[]).map(
    (kind) => `<li>${kindBadge(kind)} ${escapeHtml(KIND_MEANINGS[kind])}</li>`,
  );
  const shades = (Object.keys(SHADE_LABELS) as DayShade[]).map(
    (shade) => `<li><span class="swatch day-${shade}"></span> ${SHADE_LABELS[shade]} (day shaded)</li>`,
  );
  const skippedEntry = '<li><del>struck through</del> skipped, with the reason</li>';
  return `<section aria-labelledby="key-heading">
<h2 id="key-heading">Key</h2>
<ul class="legend">${[...kinds, ...shades, skippedEntry].join('')}</ul>
</section>`;
}

/** how an entry names the account it goes to; absent when the page names the only account once */
type AccountLabeller = (account: string) => string;

function renderTable(
  calendar: WorkingCalendar,
  preview: Preview,
  caption: string,
  label: AccountLabeller | undefined,
): string {
  const actionsByDate = groupByLocalDate(preview.actions, preview.timezone);
  const headers = WEEKDAYS.map((day) => `<th scope="col">${weekdayHeading(day)}</th>`).join('');
  const rows = weekStarts(preview.from, preview.to).map((monday) => {
    const cells = WEEKDAYS.map((_, offset) => {
      const date = addDays(monday, offset);
      const inRange = preview.from <= date && date <= preview.to;
      return inRange
        ? renderDay(calendar, date, actionsByDate.get(date) ?? [], preview.timezone, label)
        : renderOutsideDay(date);
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  return `<table>
<caption>${escapeHtml(caption)}</caption>
<thead><tr>${headers}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>`;
}

function renderDay(
  calendar: WorkingCalendar,
  date: IsoDate,
  actions: PreviewAction[],
  zone: string,
  label: AccountLabeller | undefined,
): string {
  const notes = dayNotes(calendar, date);
  // one shade per cell keeps it legible; every reason still appears as text below the date
  const shade = notes[0] ? ` day-${notes[0].shade}` : '';
  const noteLines = notes.map((note) => `<p class="note">${escapeHtml(note.label)}</p>`).join('');
  const entries = actions.length
    ? `<ul class="entries">${actions.map((action) => renderEntry(action, zone, label)).join('')}</ul>`
    : '';
  return `<td class="day${shade}">${dateLabel(date)}${noteLines}${entries}</td>`;
}

function renderOutsideDay(date: IsoDate): string {
  return `<td class="day day-outside">${dateLabel(date)}<span class="visually-hidden"> (not in this preview)</span></td>`;
}

function renderEntry(action: PreviewAction, zone: string, label: AccountLabeller | undefined): string {
  const time = `<time datetime="${escapeHtml(action.at)}">${localDateTime(action.at, zone).time}</time>`;
  const id = action.kind === 'post' ? ` <span class="id">${escapeHtml(action.id)}</span>` : '';
  const account =
    label && action.account !== undefined
      ? ` <span class="account account-${action.network ?? 'x'}">to ${escapeHtml(label(action.account))}</span>`
      : '';
  const detail =
    action.kind === 'briefing'
      ? ` to <span class="email">${escapeHtml(action.to ?? '')}</span>`
      : `<span class="text">${escapeHtml(action.text ?? '')}</span>`;
  const body = `${time} ${kindBadge(action.kind)}${id}${account}${detail}`;
  if (action.status !== 'skipped') return `<li class="entry entry-${action.kind}">${body}</li>`;
  return `<li class="entry entry-${action.kind} entry-skipped"><del>${body}</del> <strong class="skip-reason">skipped: ${escapeHtml(action.reason ?? 'unknown reason')}</strong></li>`;
}

function kindBadge(kind: ActionKind): string {
  return `<span class="kind kind-${kind}">${kind}</span>`;
}

function dayNotes(calendar: WorkingCalendar, date: IsoDate): DayNote[] {
  const notes: DayNote[] = [];
  const pause = calendar.pauseOn(date);
  if (pause) notes.push({ shade: 'pause', label: `Paused: ${pause.reason}` });
  const holiday = calendar.bankHolidayName(date);
  if (holiday) notes.push({ shade: 'bank-holiday', label: `Bank holiday: ${holiday}` });
  if (calendar.nonWorkingReason(date) === 'closure') notes.push({ shade: 'closure', label: 'Closure' });
  return notes;
}

function groupByLocalDate(actions: PreviewAction[], zone: string): Map<IsoDate, PreviewAction[]> {
  const byDate = new Map<IsoDate, PreviewAction[]>();
  for (const action of actions) {
    const { date } = localDateTime(action.at, zone);
    byDate.set(date, [...(byDate.get(date) ?? []), action]);
  }
  return byDate;
}

/** the Monday of every week that touches the range */
function weekStarts(from: IsoDate, to: IsoDate): IsoDate[] {
  const mondays: IsoDate[] = [];
  for (
    let monday = addDays(from, -WEEKDAYS.indexOf(weekdayOf(from)));
    monday <= to;
    monday = addDays(monday, 7)
  )
    mondays.push(monday);
  return mondays;
}

function dateLabel(date: IsoDate): string {
  return `<time class="date" datetime="${date}">${shortDay(date).slice(4)}</time>`;
}

function weekdayHeading(day: (typeof WEEKDAYS)[number]): string {
  // 2026-12-21 is a Monday; any week would do
  return weekdayName(addDays('2026-12-21', WEEKDAYS.indexOf(day)));
}

function longDate(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

const kindRules = (Object.entries(KIND_COLOURS) as Array<[ActionKind, { badge: string; background: string }]>)
  .map(
    ([kind, { badge, background }]) =>
      `.kind-${kind}{background:${badge}}.entry-${kind}{background:${background};border-left-color:${badge}}`,
  )
  .join('');

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.4 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:${TEXT_COLOUR};background:#fff}
main{padding:1rem 1.5rem 2rem}
h1{font-size:1.4rem;margin:0 0 .25rem;color:#003d78}
h2{font-size:1rem;margin:1rem 0 .25rem}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:.4rem 1.25rem;padding:0;margin:0 0 1rem}
.legend li{display:flex;align-items:center;gap:.35rem}
.swatch{display:inline-block;width:1.4rem;height:1rem;border:1px solid #8a8a8a}
table{width:100%;border-collapse:collapse;table-layout:fixed}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th{background:#003d78;color:#fff;padding:.35rem;text-align:left;font-size:.9rem}
td{vertical-align:top;border:1px solid #b3b3b3;padding:.35rem;height:6rem}
.date{display:block;font-weight:700;margin-bottom:.2rem}
.note{margin:0 0 .3rem;font-size:.82rem;font-weight:600}
.day-bank-holiday{background:#fff3c4}
.day-closure{background:repeating-linear-gradient(135deg,#ececec 0 8px,#e2e2e2 8px 16px)}
.day-pause{background:#fde4e4}
.day-outside{background:#e8e8e8;color:${MUTED_TEXT_COLOUR}}
.day-outside .date{font-weight:400}
.entries{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.3rem}
.entry{border-left:4px solid;padding:.2rem .35rem;font-size:.82rem;overflow-wrap:anywhere;border-radius:2px}
.entry time{font-weight:700;font-variant-numeric:tabular-nums}
.kind{color:#fff;border-radius:3px;padding:0 .3rem;font-size:.75rem;font-weight:600}
.id{font-weight:600}
.account{font-size:.78rem;font-weight:600}
.text{display:block;margin-top:.1rem}
.entry-skipped del{text-decoration-thickness:1.5px}
.skip-reason{display:block;font-size:.78rem}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
${kindRules}
.entries .entry-skipped{background:#fff;border-left-style:dashed;box-shadow:inset 0 0 0 1px #d0d0d0}
@media print{main{padding:0}td{height:auto}}
`;
