/**
 * What a config change DOES over the coming weeks, for the person approving it: both configs are planned with
 * the same code the handlers run (previewActions, the working calendar, the cost estimate) and the outcomes
 * compared, so a reviewer reads "the sign-off on 24 December now says …" rather than a YAML diff.
 */
import { addDays, localDateTime, type IsoDate } from '../calendar/dates';
import { WorkingCalendar } from '../calendar/working-calendar';
import type { Config } from '../config/schema';
import { notifyConsumers } from '../notify/consumers';
import { estimateMonthlyCost, signedUsd, usd } from './cost-estimate';
import { previewActions, type PreviewAction } from './preview';

/** the order a reviewer reads them in: what touches the urgent path first */
export const DIFF_SECTIONS = [
  'urgent',
  'duty',
  'sign-off',
  'posts',
  'pauses',
  'sweeps',
  'notify',
  'cost',
] as const;
export type DiffSection = (typeof DIFF_SECTIONS)[number];

export type ChangeKind =
  | 'action-added'
  | 'action-removed'
  | 'action-text-changed'
  | 'action-moved'
  | 'action-skipped'
  | 'action-unskipped'
  | 'duty-changed'
  | 'setting-changed'
  | 'keywords-changed'
  | 'cost-changed';

export interface ScheduleChange {
  section: DiffSection;
  kind: ChangeKind;
  /** the post, source, setting or list it is about */
  id: string;
  /** the local date it happens on, for dated changes */
  date?: IsoDate;
  before?: unknown;
  after?: unknown;
  /** one line for people, no Markdown */
  summary: string;
}

export interface ScheduleDiff {
  from: IsoDate;
  to: IsoDate;
  weeks: number;
  changes: ScheduleChange[];
  /** the estimated monthly AWS bill, as `preview` prints it */
  cost: { before: number; after: number };
  /** the estimated monthly X bill (posts, and a guess at the mentions read) */
  xCost: { before: number; after: number };
}

/** Compares what `base` and `current` do on the local dates from `from` for `weeks` weeks. */
export function diffSchedules(base: Config, current: Config, from: IsoDate, weeks: number): ScheduleDiff {
  const to = addDays(from, weeks * 7 - 1);
  const calendars = { base: new WorkingCalendar(base), current: new WorkingCalendar(current) };
  const changes = [
    ...settingChanges(base, current),
    ...keywordChanges(base, current),
    ...dutyChanges(calendars.base, calendars.current, from, to),
    ...actionChanges(
      previewActions(base, calendars.base, from, to).actions,
      previewActions(current, calendars.current, from, to).actions,
      current.organisation.timezone,
    ),
  ];
  const estimates = {
    before: estimateMonthlyCost(base, calendars.base, from),
    after: estimateMonthlyCost(current, calendars.current, from),
  };
  const cost = { before: estimates.before.aws.total, after: estimates.after.aws.total };
  const xCost = { before: estimates.before.x.total, after: estimates.after.x.total };
  for (const [id, name, bill] of [
    ['aws', 'AWS', cost],
    ['x', 'X', xCost],
  ] as const)
    if (Math.abs(bill.after - bill.before) >= 0.005)
      changes.push({
        section: 'cost',
        kind: 'cost-changed',
        id,
        before: bill.before,
        after: bill.after,
        summary: `estimated ${name} cost ${usd(bill.before)} → ${usd(bill.after)} a month (${signedUsd(bill.after - bill.before)})`,
      });
  const order = (c: ScheduleChange) => DIFF_SECTIONS.indexOf(c.section);
  changes.sort((a, b) => order(a) - order(b) || (a.date ?? '').localeCompare(b.date ?? ''));
  return { from, to, weeks, changes, cost, xCost };
}

function actionKey(action: PreviewAction, zone: string): string {
  return `${action.kind}:${action.id}:${localDateTime(action.at, zone).date}`;
}

function sectionOf(action: PreviewAction): DiffSection {
  if (action.kind === 'closing' || action.kind === 'reopening') return 'sign-off';
  if (action.kind === 'briefing') return 'duty';
  return 'posts';
}

function actionChanges(before: PreviewAction[], after: PreviewAction[], zone: string): ScheduleChange[] {
  const old = new Map(before.map((a) => [actionKey(a, zone), a]));
  const now = new Map(after.map((a) => [actionKey(a, zone), a]));
  const changes: ScheduleChange[] = [];
  const at = (a: PreviewAction) => localDateTime(a.at, zone);
  const name = (a: PreviewAction) => (a.kind === 'post' ? a.id : a.kind);
  for (const [key, a] of now) {
    const b = old.get(key);
    const { date, time } = at(a);
    const base = { section: sectionOf(a), id: a.id, date };
    if (!b) {
      changes.push({
        ...base,
        kind: 'action-added',
        after: view(a),
        summary: `${date} ${time} ${name(a)} is new${a.status === 'skipped' ? ` (skipped: ${a.reason})` : ''}`,
      });
      continue;
    }
    if (b.status !== a.status) {
      changes.push(
        a.status === 'skipped'
          ? {
              ...base,
              kind: 'action-skipped',
              before: view(b),
              after: view(a),
              summary: `${date} ${name(a)} no longer goes out (${a.reason})`,
            }
          : {
              ...base,
              kind: 'action-unskipped',
              before: view(b),
              after: view(a),
              summary: `${date} ${time} ${name(a)} now goes out (was skipped: ${b.reason})`,
            },
      );
      continue;
    }
    if (b.at !== a.at)
      changes.push({
        ...base,
        kind: 'action-moved',
        before: b.at,
        after: a.at,
        summary: `${date} ${name(a)} moves from ${at(b).time} to ${time}`,
      });
    // a briefing's recipient is the duty person, whose changes dutyChanges lists once a date
    if ((b.text ?? '') !== (a.text ?? ''))
      changes.push({
        ...base,
        kind: 'action-text-changed',
        before: view(b),
        after: view(a),
        summary: `${date} ${time} ${name(a)} has new text (${a.weightedLength ?? 0} of 280, was ${b.weightedLength ?? 0})`,
      });
  }
  for (const [key, b] of old) {
    if (now.has(key)) continue;
    const { date, time } = at(b);
    changes.push({
      section: sectionOf(b),
      id: b.id,
      date,
      kind: 'action-removed',
      before: view(b),
      summary: `${date} ${time} ${name(b)} no longer happens`,
    });
  }
  return changes;
}

function view(a: PreviewAction): Partial<PreviewAction> {
  const { at, status, text, weightedLength, to, reason } = a;
  return {
    at,
    status,
    ...(text !== undefined ? { text } : {}),
    ...(weightedLength !== undefined ? { weightedLength } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(reason !== undefined ? { reason } : {}),
  };
}

/** who is on duty (the briefing's and alerts' recipient) on each date that differs */
function dutyChanges(
  base: WorkingCalendar,
  current: WorkingCalendar,
  from: IsoDate,
  to: IsoDate,
): ScheduleChange[] {
  const changes: ScheduleChange[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const before = base.dutyPerson(date);
    const after = current.dutyPerson(date);
    if (before !== after)
      changes.push({
        section: 'duty',
        kind: 'duty-changed',
        id: 'duty',
        date,
        before,
        after,
        summary: `${date} on duty: ${after} (was ${before})`,
      });
  }
  return changes;
}

function settingChanges(base: Config, current: Config): ScheduleChange[] {
  const settings: Array<[DiffSection, string, unknown, unknown]> = [
    ['urgent', 'duty.escalation', base.duty.escalation, current.duty.escalation],
    ['urgent', 'duty.urgentAlso', base.duty.urgentAlso, current.duty.urgentAlso],
    [
      'urgent',
      'sweeps.urgentEveryMinutes',
      base.sweeps?.urgentEveryMinutes,
      current.sweeps?.urgentEveryMinutes,
    ],
    [
      'urgent',
      'sweeps.keywords.crisisLexicon',
      base.sweeps?.keywords.crisisLexicon,
      current.sweeps?.keywords.crisisLexicon,
    ],
    ['sweeps', 'sweeps.everyMinutes', base.sweeps?.everyMinutes, current.sweeps?.everyMinutes],
    ['sweeps', 'sweeps.workingHours', base.sweeps?.workingHours, current.sweeps?.workingHours],
    ['pauses', 'pauses', base.pauses, current.pauses],
  ];
  const changes: ScheduleChange[] = settings
    .filter(([, , before, after]) => !same(before, after))
    .map(([section, id, before, after]) => ({
      section,
      kind: 'setting-changed',
      id,
      before,
      after,
      summary: `${id}: ${shown(after)} (was ${shown(before)})`,
    }));
  changes.push(...byId('sweeps', 'source', base.sweeps?.sources ?? [], current.sweeps?.sources ?? []));
  changes.push(
    ...byId(
      'notify',
      'notify consumer',
      notifyConsumers(base).map(({ key, detailTypes }) => ({ id: key, detailTypes })),
      notifyConsumers(current).map(({ key, detailTypes }) => ({ id: key, detailTypes })),
    ),
  );
  return changes;
}

function byId<T extends { id: string }>(
  section: DiffSection,
  what: string,
  before: T[],
  after: T[],
): ScheduleChange[] {
  const old = new Map(before.map((item) => [item.id, item]));
  const now = new Map(after.map((item) => [item.id, item]));
  const changes: ScheduleChange[] = [];
  for (const [id, item] of now) {
    const was = old.get(id);
    if (!was)
      changes.push({ section, kind: 'setting-changed', id, after: item, summary: `${what} ${id} added` });
    else if (!same(was, item))
      changes.push({
        section,
        kind: 'setting-changed',
        id,
        before: was,
        after: item,
        summary: `${what} ${id} changed: ${shown(item)}`,
      });
  }
  for (const [id, item] of old)
    if (!now.has(id))
      changes.push({ section, kind: 'setting-changed', id, before: item, summary: `${what} ${id} removed` });
  return changes;
}

function keywordChanges(base: Config, current: Config): ScheduleChange[] {
  const lists = ['urgent', 'notUrgent', 'concern'] as const;
  return lists.flatMap((list): ScheduleChange[] => {
    const before = base.sweeps?.keywords[list] ?? [];
    const after = current.sweeps?.keywords[list] ?? [];
    const added = after.filter((k) => !before.includes(k));
    const removed = before.filter((k) => !after.includes(k));
    if (added.length === 0 && removed.length === 0) return [];
    const parts = [
      added.length > 0 ? `added ${added.map((k) => `"${k}"`).join(', ')}` : '',
      removed.length > 0 ? `removed ${removed.map((k) => `"${k}"`).join(', ')}` : '',
    ].filter(Boolean);
    return [
      {
        section: list === 'concern' ? 'sweeps' : 'urgent',
        kind: 'keywords-changed',
        id: `sweeps.keywords.${list}`,
        before: { added: [], removed },
        after: { added, removed: [] },
        summary: `${list} keywords: ${parts.join('; ')}`,
      },
    ];
  });
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function shown(value: unknown): string {
  if (value === undefined || value === null) return 'none';
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? String(value)
    : JSON.stringify(value);
}
