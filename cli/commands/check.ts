import type { LoadedConfig } from '../../lambdas/core/config/parse-config';
import { ConfigError, formatWarning } from '../../lambdas/core/config/problems';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { isoWithOffset, localInstant } from '../../lambdas/core/calendar/dates';
import { postingOn, postingText } from '../../lambdas/core/plan/occurrences';
import { accountLabel } from '../../lambdas/core/network-links';
import { schedulePlan } from '../../lambdas/core/plan/schedule-plan';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import { requireDate, shortLocal, today } from '../dates';
import type { Output } from '../output';

export interface CheckValues {
  config?: string;
  /** YYYY-MM-DD: judge the date-dependent warnings as if it were this day */
  today?: string;
  /** warnings fail the check, as errors do */
  strict?: boolean;
}

/**
 * `check`: problems are thrown as one ConfigError (exit 1, one `FILE:LINE:COL message` line each); warnings go
 * to stderr as `FILE:LINE:COL warning: message` and the summary to stdout (exit 0). With `--strict` warnings
 * are problems: printed as such, no summary.
 */
export function checkCommand(values: CheckValues, out: Output): number {
  // a mistyped --today is refused before the file is read, as a usage error
  const override = values.today === undefined ? undefined : requireDate('--today', values.today);
  // the organisation's time zone is known only once the file is read, so the core asks for today in it
  let day: string | undefined;
  const loaded = loadConfigFile(values.config ?? DEFAULT_CONFIG_FILE, {
    today: (zone) => (day = today(zone, override)),
  });
  const { file, warnings } = loaded;
  if (values.strict && warnings.length > 0) throw new ConfigError(file, warnings);
  for (const warning of warnings) out.stderr(formatWarning(file, warning));
  const summary = checkSummary(loaded, file, day ?? today(loaded.config.organisation.timezone, override));
  const warned = warnings.length === 0 ? '' : `\n  warnings      ${warnings.length} (printed above)`;
  out.stdout(summary + warned);
  return 0;
}

/** The summary `check` prints once the config is valid. */
export function checkSummary({ config, version }: LoadedConfig, file: string, today: string): string {
  const calendar = new WorkingCalendar(config);
  const zone = config.organisation.timezone;
  const accounts = Object.keys(config.accounts).map((id) => `${id} (${accountLabel(config.accounts, id)})`);
  const posts = config.posts.map((p) => {
    const range = p.from || p.until ? `, ${p.from ?? '…'} to ${p.until ?? '…'}` : '';
    return `${p.id} (${p.days.join(', ')} ${p.at}${range}, ${p.variants.length} variant${p.variants.length === 1 ? '' : 's'})`;
  });
  const sources = (config.sweeps?.sources ?? []).map((s) => `${s.id} (${s.type})`);
  // the groups as written: `failures` says more than the two detail-types it stands for
  const notify = [
    ...(config.notify?.teams ?? []).map((c) => `teams:${c.id} (${c.events.join(', ')})`),
    ...(config.notify?.sms ?? []).map((c) => `sms:${c.id} (${c.events.join(', ')})`),
    ...(config.notify?.webhooks ?? []).map((c) => `webhook:${c.id} (${c.events.join(', ')})`),
  ];
  const lines = [
    `${file} is valid (version ${version})`,
    `  organisation  ${config.organisation.name} (${zone}, bank holidays: ${config.organisation.bankHolidays})`,
    `  accounts      ${list(accounts)}`,
    `  posts         ${list(posts)}`,
    `  sources       ${list(sources)}`,
    `  notify        ${list(notify)}`,
    `  next closing  ${nextClosing(config, calendar, today)}`,
    `  schedules     ${schedulePlan(config).length}`,
  ];
  const pause = config.pauses.find((p) => p.until >= today);
  if (pause) lines.push(`  next pause    ${pause.from} to ${pause.until}: ${pause.reason}`);
  return lines.join('\n');

  function nextClosing(...[cfg, cal, from]: [typeof config, WorkingCalendar, string]): string {
    if (!cfg.closing) return 'none (no closing: section)';
    const period = cal.nextClosedPeriod(from);
    if (!period) return 'none within a year';
    const occurrence = postingOn(cfg, cal, 'closing', 'closing', period.closingDay);
    if (!occurrence) return 'none within a year';
    const at = shortLocal(isoWithOffset(localInstant(period.closingDay, cfg.closing.at, zone)), zone);
    const status = occurrence.status === 'skipped' ? ` [skipped: ${occurrence.reason}]` : '';
    const target = occurrence.targets[0];
    const text = target ? postingText(cfg, cal, occurrence, 0, target.network) : '';
    const others =
      occurrence.targets.length > 1
        ? ` (and on ${occurrence.targets.length - 1} more account${occurrence.targets.length > 2 ? 's' : ''})`
        : '';
    return `${at} (${period.name}, back ${period.reopenDay})${status}: "${text}"${others}`;
  }
}

function list(items: string[]): string {
  return items.length === 0 ? 'none' : `${items.length}: ${items.join('; ')}`;
}
