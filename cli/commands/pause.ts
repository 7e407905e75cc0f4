import type { LoadedConfig } from '../../lambdas/core/config/parse-config';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { addDays, localDateTime } from '../../lambdas/core/calendar/dates';
import { previewActions } from '../../lambdas/core/plan/preview';
import type { AuditRecord, DeployedRelease, StateStores } from '../../lambdas/ports/state';
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

/** `status`: the pause, the next 5 actions, the last 5 outcomes and what the last deploy put live */
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
  const [records, deployed] = await Promise.all([recentRecords(state, now), state.deployment.get()]);
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
    ...deployment(deployed, loaded, zone),
  ];
  return lines.join('\n');
}

const OUTCOME_EVENTS = new Set(['posted', 'skipped', 'failed', 'stuck', 'deleted']);

async function recentRecords(state: StateStores, now: Date): Promise<AuditRecord[]> {
  const since = new Date(now.getTime() - 62 * 24 * 3600 * 1000).toISOString();
  return state.audit.list(since, new Date(now.getTime() + 1000).toISOString());
}

/**
 * The drift guard: the config (and commit) the last deploy put live, and whether the local config is another
 * one. Only a deploy writes the item, so a local state says nothing here.
 */
function deployment(deployed: DeployedRelease | undefined, loaded: LoadedConfig, zone: string): string[] {
  if (!deployed) return [];
  const { date, time } = localDateTime(deployed.deployedAt, zone);
  const commit = deployed.commit ? `commit ${deployed.commit.slice(0, 12)}, ` : '';
  return [
    '',
    `Deployed: config ${deployed.configVersion} (${commit}${date} ${time})`,
    ...(deployed.configVersion === loaded.version
      ? []
      : [
          `Local config differs from the deployed one (local ${loaded.version}): deploy it, or it is a change not yet approved.`,
        ]),
  ];
}

function describe(record: AuditRecord): string {
  const detail = record.detail ?? {};
  return [detail.reason, detail.tweetId ? `tweet ${detail.tweetId}` : undefined].filter(Boolean).join(', ');
}
