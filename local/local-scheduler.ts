import { localDateTime } from '../lambdas/core/calendar/dates';
import { planFirings, type Firing } from '../lambdas/core/plan/cron-times';
import type { ScheduleEntry, ScheduleTarget } from '../lambdas/core/plan/schedule-plan';
import type { Clock } from '../lambdas/ports/clock';

export type FiringHandler = (
  target: ScheduleTarget,
  event: Record<string, unknown>,
  firing: Firing,
) => Promise<void>;

/**
 * The plan's schedules as in-process timers: `tick()` fires every entry due since the previous tick, in time
 * order, just as EventBridge Scheduler would with the same crons and time zone.
 */
export class LocalScheduler {
  private lastTick: string;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly plan: ScheduleEntry[],
    private readonly clock: Clock,
    private readonly onFire: FiringHandler,
    private readonly onError: (error: unknown, firing: Firing) => void = () => undefined,
  ) {
    this.lastTick = clock.now().toISOString();
  }

  /** fires everything due in (last tick, now]; calls never overlap */
  tick(): Promise<void> {
    this.running = this.running.then(() => this.fireDue());
    return this.running;
  }

  start(intervalMs = 1000): void {
    this.timer = setInterval(() => void this.tick(), intervalMs);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  private async fireDue(): Promise<void> {
    const now = this.clock.now().toISOString();
    const zone = this.plan[0]?.timezone ?? 'Europe/London';
    const from = localDateTime(this.lastTick, zone).date;
    const to = localDateTime(now, zone).date;
    const due = planFirings(this.plan, from, to).filter((f) => f.at > this.lastTick && f.at <= now);
    this.lastTick = now;
    for (const firing of due) {
      try {
        await this.onFire(firing.entry.target, { ...firing.entry.payload, scheduledTime: firing.at }, firing);
      } catch (error) {
        this.onError(error, firing);
      }
    }
  }
}
