import type { FailureInjection, FailureStatus } from './types';

const STATUSES: readonly FailureStatus[] = [204, 429, 500, 503, 'timeout', 'malformed', 'reset'];

export function isFailureStatus(value: unknown): value is FailureStatus {
  return STATUSES.includes(value as FailureStatus);
}

function matchesPath(pattern: string, method: string, path: string): boolean {
  const [first, second] = pattern.trim().split(/\s+/);
  const [wantedMethod, wantedPath] = second === undefined ? [undefined, first] : [first, second];
  if (wantedMethod && wantedMethod.toUpperCase() !== method) return false;
  if (!wantedPath) return false;
  const base = wantedPath.replace(/\/+$/, '');
  return path === base || path.startsWith(`${base}/`);
}

/** Scheduled failures, judged by the server clock so a virtual clock can drive them. */
export class FaultInjector {
  private failures: FailureInjection[] = [];

  add(failure: FailureInjection): void {
    if (!(failure.from instanceof Date) || Number.isNaN(failure.from.getTime()))
      throw new Error('from must be a Date');
    if (!(failure.until instanceof Date) || Number.isNaN(failure.until.getTime()))
      throw new Error('until must be a Date');
    if (!isFailureStatus(failure.status)) throw new Error(`status must be one of ${STATUSES.join(', ')}`);
    this.failures.push({ ...failure, ...(failure.paths ? { paths: [...failure.paths] } : {}) });
  }

  /** the failure in force for this request, if any (the latest added wins when windows overlap) */
  active(method: string, path: string, now: Date): FailureInjection | undefined {
    const nowMs = now.getTime();
    for (let index = this.failures.length - 1; index >= 0; index -= 1) {
      const failure = this.failures[index];
      if (!failure || nowMs < failure.from.getTime() || nowMs >= failure.until.getTime()) continue;
      if (!failure.paths || failure.paths.some((pattern) => matchesPath(pattern, method, path)))
        return failure;
    }
    return undefined;
  }

  clear(): void {
    this.failures = [];
  }
}
