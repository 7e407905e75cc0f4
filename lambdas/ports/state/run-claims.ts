/**
 * A run of a scheduled job that must happen once per scheduled instant: a briefing, a sweep tick. Unlike a
 * post, a run that died part-way may be run again (an email sent twice is better than a briefing never sent),
 * so its claim carries a lease: once the lease has run out, the next delivery takes the run over.
 */
export type RunStatus = 'in-progress' | 'done' | 'failed';

export type RunClaimResult =
  { claimed: true; takenOver: boolean } | { claimed: false; status: RunStatus; leaseUntil: string };

export interface RunClaims {
  /**
   * Claims `run` at `instant` for `leaseMs` from `now`. Succeeds for one caller when there is no claim, when
   * the last one failed, or when an in-progress claim's lease ran out before `now` (its claimer died).
   * Claims expire (TTL) after `keepDays`.
   */
  claim(
    run: string,
    instant: string,
    now: string,
    leaseMs: number,
    keepDays: number,
  ): Promise<RunClaimResult>;
  finish(run: string, instant: string, status: 'done' | 'failed', at: string): Promise<void>;
}
