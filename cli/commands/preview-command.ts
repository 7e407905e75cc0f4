import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { addDays } from '../../lambdas/core/calendar/dates';
import { previewActions } from '../../lambdas/core/plan/preview';
import { estimateMonthlyCost, formatCostLine } from '../../lambdas/core/plan/cost-estimate';
import type { OptionValues } from '../command-registry';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import { requireDate, requireKnownYears, today } from '../dates';
import { UsageError } from '../errors';
import type { Output } from '../output';
import { renderCalendarPage } from './calendar-page';
import { formatPreviewTable } from './preview';

/** `preview`: every automated action from --from to --to, as a table, JSON or a calendar page. */
export function run(values: OptionValues, _positionals: string[], out: Output): number {
  const { config } = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  const from = values.from
    ? requireDate('--from', values.from as string)
    : today(config.organisation.timezone, values.today as string | undefined);
  const to = values.to ? requireDate('--to', values.to as string) : addDays(from, 13);
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  if (addDays(from, 366 * 3) < to)
    throw new UsageError('the range is longer than three years; preview a shorter range');
  requireKnownYears(from, to, config.organisation.bankHolidays);
  if (values.html !== undefined && values.json) throw new UsageError('give --json or --html FILE, not both');
  const calendar = new WorkingCalendar(config);
  const result = previewActions(config, calendar, from, to);
  if (values.html !== undefined) {
    const file = values.html as string;
    writeHtml(file, renderCalendarPage(config, calendar, result));
    out.stdout(`wrote the calendar page for ${from} to ${to} to ${file}`);
  } else if (values.json) {
    out.stdout(JSON.stringify(result, null, 2));
  } else {
    out.stdout(formatPreviewTable(result));
    out.stdout(`\n${formatCostLine(estimateMonthlyCost(config, calendar, from))}`);
  }
  return 0;
}

function writeHtml(file: string, html: string): void {
  try {
    writeFileSync(file, html);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? `the folder ${dirname(file)} does not exist`
        : code === 'EISDIR'
          ? 'it is a folder; give a file name such as calendar.html'
          : code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : (error as Error).message;
    throw new UsageError(`--html ${file}: cannot write the calendar page: ${why}`);
  }
}
