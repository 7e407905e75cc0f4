import type { LoadedConfig } from '../../lambdas/core/config/parse-config';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { addDays } from '../../lambdas/core/calendar/dates';
import { previewActions } from '../../lambdas/core/plan/preview';
import type { AuditRecord, StateStores } from '../../lambdas/ports/state';
import { shortLocal } from '../dates';

/** `pause`: stops every automated post up to and including `until`; sweeps and emails go on. */
export async function pausePosting(
  state: StateStores,
  loaded: LoadedConfig,
  until: string,
  reason: string,
  now: Date,
): Promise<string> {
  await state.pause.set({ until, reason, setAt: now.toISOString() });
  await state.audit.record({
    at: now.toISOString(),
    event: 'pause',
    subject: 'pause',
    configVersion: loaded.version,
    detail: { until, reason },
  });
  return `Paused: no automated posts up to and including ${until} (${reason}). Sweeps and duty emails go on. Undo with \`social-duty resume\`.`;
}

export async function resumePosting(state: StateStores, loaded: LoadedConfig, now: Date): Promise<string> {
  const pause = await state.pause.get();
  await state.pause.clear();
  await state.audit.record({
    at: now.toISOString(),
    event: 'resume',
    subject: 'pause',
    configVersion: loaded.version,
    ...(pause ? { detail: { was: pause.reason } } : {}),
  });
  return pause
    ? `Resumed: the pause "${pause.reason}" is lifted; posting carries on from the next schedule.`
    : 'There was no runtime pause; nothing changed.';
}

/** `status`: the pause, the next 5 actions and the last 5 outcomes */
export async function postingStatus(
  state: StateStores,
  loaded: LoadedConfig,
  today: string,
  now: Date,
): Promise<string> {
  const { config } = loaded;
  const zone = config.organisation.timezone;
  const pause = await state.pause.get();
  const active = pause && pause.until >= today ? pause : undefined;
  const upcoming = previewActions(config, new WorkingCalendar(config), today, addDays(today, 30), active)
    .actions.filter((a) => Date.parse(a.at) >= now.getTime())
    .slice(0, 5);
  const records = await recentRecords(state, now);
  const recent = records
    .filter((r) => OUTCOME_EVENTS.has(r.event))
    .slice(-5)
    .reverse();
  const lines = [
    active
      ? `Runtime pause: ON until ${active.until} (${active.reason}), set ${active.setAt}`
      : 'Runtime pause: off',
    ...config.pauses
      .filter((p) => p.until >= today)
      .map((p) => `Config pause: ${p.from} to ${p.until} (${p.reason})`),
    '',
    'Next 5 actions:',
    ...upcoming.map(
      (a) =>
        `  ${shortLocal(a.at, zone)}  ${a.kind.padEnd(9)} ${a.id.padEnd(14)} ${a.status === 'skipped' ? `skipped (${a.reason})` : 'scheduled'}`,
    ),
    '',
    'Last 5 outcomes:',
    ...(recent.length === 0
      ? ['  none yet']
      : recent.map(
          (r) => `  ${shortLocal(r.at, zone)}  ${r.event.padEnd(9)} ${r.subject.padEnd(14)} ${describe(r)}`,
        )),
    ...running(records, loaded, zone),
  ];
  return lines.join('\n');
}

const OUTCOME_EVENTS = new Set(['posted', 'skipped', 'failed', 'stuck', 'deleted']);

async function recentRecords(state: StateStores, now: Date): Promise<AuditRecord[]> {
  const since = new Date(now.getTime() - 62 * 24 * 3600 * 1000).toISOString();
  return state.audit.list(since, new Date(now.getTime() + 1000).toISOString());
}

/**
 * The drift guard: which config (and commit) the functions ran at their latest recorded outcome, and whether
 * the local config is another one. Records of a schedule run are the functions' own; a pause written by this
 * CLI carries the local version, so it does not count.
 */
function running(records: AuditRecord[], loaded: LoadedConfig, zone: string): string[] {
  const latest = records.filter((r) => r.scheduledTime !== undefined).at(-1);
  if (!latest) return [];
  const commit = latest.commit ? ` (commit ${latest.commit.slice(0, 12)})` : '';
  return [
    '',
    `Running: config ${latest.configVersion}${commit}, as of its last recorded outcome ${shortLocal(latest.at, zone)}`,
    ...(latest.configVersion === loaded.version
      ? []
      : [
          `Local config differs from the one running (local ${loaded.version}): deploy it, or it is a change not yet approved.`,
        ]),
  ];
}

function describe(record: AuditRecord): string {
  const detail = record.detail ?? {};
  return [detail.reason, detail.tweetId ? `tweet ${detail.tweetId}` : undefined].filter(Boolean).join(', ');
}
