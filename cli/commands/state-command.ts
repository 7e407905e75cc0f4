import { EventBridgePublisher } from '../../lambdas/adapters/eventbridge-publisher';
import { LOCAL_REGION } from '../../local/dynalite-server';
import { addDays } from '../../lambdas/core/calendar/dates';
import { publishedAudit } from '../../lambdas/services/published-audit';
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
  const eventBus = values['event-bus'] as string | undefined;
  if (eventBus !== undefined && (values.table === undefined || values.endpoint !== undefined))
    throw new UsageError(
      "--event-bus goes with --table: it names the deployed stack's EventBridge bus (stack output EventBusName)",
    );
  const target = await openState({
    table: values.table as string | undefined,
    region: values.region as string | undefined,
    endpoint: values.endpoint as string | undefined,
  });
  try {
    const now = new Date();
    if (command === 'pause' || command === 'resume') {
      const events = eventBus
        ? eventsFor({ busName: eventBus, ...(values.region ? { region: values.region as string } : {}) })
        : target.localEventBus && eventsFor({ ...target.localEventBus, local: true });
      // the pause itself is in the state either way; the event only tells subscribers about it
      const state = events
        ? { ...target.state, audit: publishedAudit(target.state.audit, events.publisher) }
        : target.state;
      out.stdout(
        command === 'pause'
          ? await pausePosting(state, loaded, until as string, reason as string, now)
          : await resumePosting(state, loaded, now),
      );
      if (events) await reportPublished(events, out);
      else if (values.table !== undefined && values.endpoint === undefined)
        out.stderr(
          'No "Pause Changed" event was published: add --event-bus NAME (the stack output EventBusName) so notifications hear of it.',
        );
    } else if (range) {
      const records = await auditBetween(target.state.audit, zone, range.from, range.to);
      out.stdout(values.json ? JSON.stringify({ ...range, records }, null, 2) : formatAudit(records, zone));
    } else
      out.stdout(`State: ${target.where}\n${await postingStatus(target.state, loaded, todayThere, now)}`);
    return 0;
  } finally {
    await target.close();
  }
}

/** where a pause or resume is published, and what went wrong publishing it */
interface PauseEvents {
  publisher: EventBridgePublisher;
  /** for the message when it could not be published */
  bus: string;
  errors: string[];
}

/**
 * The deployed bus, with the same credentials and region as --table; or the local EventBridge of the running
 * `start` whose state this is, which checks no credentials.
 */
function eventsFor(bus: {
  busName: string;
  region?: string;
  endpoint?: string;
  local?: boolean;
}): PauseEvents {
  const errors: string[] = [];
  const publisher = new EventBridgePublisher({
    busName: bus.busName,
    ...(bus.region ? { region: bus.region } : {}),
    ...(bus.local
      ? {
          endpoint: bus.endpoint,
          region: LOCAL_REGION,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
    // from a laptop, not from inside the region: a person can wait a few seconds where a Lambda should not
    retry: { requestTimeoutMs: 3000, totalMs: 10_000 },
    // the CLI says itself what went wrong; the Lambdas' log and metric lines are not for a terminal
    log: { error: (_message, attributes) => errors.push(String(attributes.error)) },
    writeMetrics: () => undefined,
  });
  return {
    publisher,
    bus: bus.local ? `the local EventBridge at ${bus.endpoint}` : `the event bus ${bus.busName}`,
    errors,
  };
}

async function reportPublished(events: PauseEvents, out: Output): Promise<void> {
  try {
    const { failed } = await events.publisher.flush();
    if (failed > 0)
      out.stderr(
        `The change is made, but the "Pause Changed" event could not be published to ${events.bus} (${events.errors.join(', ')}), so notifications have not heard of it.`,
      );
  } finally {
    events.publisher.destroy();
  }
}
