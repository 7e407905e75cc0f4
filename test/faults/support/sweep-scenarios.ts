import type { SweepMode } from '../../../lambdas/core/plan/sweep-timing';
import type { SweepSummary } from '../../../lambdas/services/sweep-service';
import type { SeededFeedServer } from '../../../local/seeded-feed-server';
import type { FaultStack } from './fault-stack';
import type { JournalEntry } from './faulty-proxy';
import {
  assertMentionsAccountedFor,
  seedMentions,
  sweepAt,
  sweepExpectingTrouble,
  sweepTicks,
  type MentionReport,
  type SeededMention,
} from './mentions';
import { plusMs } from './post-scenarios';
import type { FaultTally } from './tally';

export interface SweepScenario {
  /** the tally class; none for a baseline run */
  faultClass?: string;
  mode: SweepMode;
  /** arms the fault just before the faulty sweep, which runs at `tick` */
  inject?: (tick: string) => void;
  /** what the scheduler delivers instead of one sweep at `tick` (duplicates, late or early deliveries) */
  deliver?: (tick: string) => Promise<unknown>;
  /**
   * The at-least-once window this scenario may hit, read from what went over the wire in the faulty sweep;
   * a repeat it allows is counted under `name` (a class of its own) rather than failing the test.
   */
  atLeastOnce?: { name: string; allows: (run: JournalEntry[], mention: SeededMention) => boolean };
  /** X's timeout for the faulty sweep's adapters (short for the cases about timeouts) */
  xTimeoutMs?: number;
  /** sweeps on the clean adapters once the fault has cleared (default 2: one to recover, one to show it stays quiet) */
  recoverySweeps?: number;
}

export interface SweepScenarioResult {
  seeded: SeededMention[];
  reports: MentionReport[];
  faulty: { summary?: SweepSummary; error?: Error };
  /** every request of the faulty sweep, in order */
  run: JournalEntry[];
  /** true when a mention was emailed twice inside the at-least-once window */
  repeated: boolean;
}

/**
 * Runs sweeps under faults, each scenario on fresh sweep ticks of its mode: seed five mentions ten minutes
 * before the tick, sweep once through the faulty adapters, clear the fault, sweep again on the clean ones,
 * then check that every mention was emailed or held and none was emailed twice outside the allowed window.
 */
export class SweepScenarios {
  private scenario = 0;

  constructor(
    private readonly faults: FaultStack,
    private readonly feed: SeededFeedServer | undefined,
    private readonly tally: FaultTally,
    private lastTick: string,
    private readonly prefix: string,
  ) {}

  async run(options: SweepScenario): Promise<SweepScenarioResult> {
    const { stack, journal } = this.faults;
    const recoverySweeps = options.recoverySweeps ?? 2;
    const ticks = sweepTicks(stack.deps, this.lastTick, options.mode, 1 + recoverySweeps);
    const [faultTick, ...recoveryTicks] = ticks as [string, ...string[]];
    this.lastTick = ticks[ticks.length - 1] as string;
    this.scenario += 1;

    await stack.ses.clear();
    const seeded = seedMentions(
      stack,
      this.feed,
      `${this.prefix}${this.scenario}`,
      plusMs(faultTick, -10 * 60_000),
    );
    if (options.faultClass) this.tally.tried(options.faultClass);
    const mark = journal.mark();
    options.inject?.(faultTick);
    const faulty = options.deliver
      ? await options.deliver(faultTick).then(
          () => ({}),
          (error: Error) => ({ error }),
        )
      : await sweepExpectingTrouble(stack, this.faults.faulty(options.xTimeoutMs), faultTick);
    this.faults.clearFaults();
    const run = journal.since(mark);
    for (const tick of recoveryTicks) await sweepAt(stack, stack.deps, tick);

    const window = options.atLeastOnce;
    const reports = await assertMentionsAccountedFor(stack, seeded, {
      heldSince: plusMs(faultTick, -60 * 60_000),
      ...(window ? { repeatAllowed: (mention: SeededMention) => window.allows(run, mention) } : {}),
    });
    if (options.faultClass) this.tally.survived(options.faultClass);
    const repeated = reports.some((report) => report.alerts.length > 1);
    if (repeated && window) {
      this.tally.tried(window.name);
      this.tally.survived(window.name);
    }
    return { seeded, reports, faulty, run, repeated };
  }
}
