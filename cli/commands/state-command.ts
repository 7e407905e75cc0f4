import { addDays } from '../../lambdas/core/calendar/dates';
import type { OptionValues } from '../command-registry';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import { requireDate, today } from '../dates';
import { UsageError } from '../errors';
import type { Output } from '../output';
import { openState } from '../state-target';
import { auditBetween, formatAudit } from './audit';
import { pausePosting, postingStatus, resumePosting } from './pause';

export type StateCommandName = 'pause' | 'resume' | 'status' | 'audit';

/** `pause`, `resume`, `status` and `audit`: the commands that read or write the runtime state. */
export async function runStateCommand(
  command: StateCommandName,
  values: OptionValues,
  out: Output,
): Promise<number> {
  const loaded = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  const zone = loaded.config.organisation.timezone;
  const todayThere = today(zone, values.today as string | undefined);
  let until: string | undefined;
  let reason: string | undefined;
  if (command === 'pause') {
    if (values.until === undefined || values.reason === undefined)
      throw new UsageError('pause needs --until YYYY-MM-DD and --reason TEXT');
    until = requireDate('--until', values.until as string);
    reason = (values.reason as string).replace(/\s+/g, ' ').trim();
    if (reason === '')
      throw new UsageError('--reason is blank; say why posting is paused, e.g. --reason "major incident"');
    if (until < todayThere) throw new UsageError(`--until (${until}) is in the past`);
  }
  let range: { from: string; to: string } | undefined;
  if (command === 'audit') {
    const end = values.to ? requireDate('--to', values.to as string) : todayThere;
    range = { from: values.from ? requireDate('--from', values.from as string) : addDays(end, -6), to: end };
    if (range.to < range.from) throw new UsageError(`--to (${range.to}) is before --from (${range.from})`);
  }
  const target = await openState({
    table: values.table as string | undefined,
    region: values.region as string | undefined,
    endpoint: values.endpoint as string | undefined,
  });
  try {
    const now = new Date();
    if (command === 'pause')
      out.stdout(await pausePosting(target.state, loaded, until as string, reason as string, now));
    else if (command === 'resume') out.stdout(await resumePosting(target.state, loaded, now));
    else if (range) {
      const records = await auditBetween(target.state.audit, zone, range.from, range.to);
      out.stdout(values.json ? JSON.stringify({ ...range, records }, null, 2) : formatAudit(records, zone));
    } else
      out.stdout(`State: ${target.where}\n${await postingStatus(target.state, loaded, todayThere, now)}`);
    return 0;
  } finally {
    await target.close();
  }
}
