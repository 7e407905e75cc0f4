export interface RateLimitState {
  limit: number;
  remaining: number;
  /** epoch seconds when the window starts afresh */
  reset: number;
  exceeded: boolean;
}

interface Window {
  resetMs: number;
  used: number;
}

/** Fixed windows per key (user + endpoint), like X's 15-minute windows. */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly limit: number,
    private readonly windowSeconds: number,
  ) {}

  /** counts one request against the key's window */
  take(key: string, now: Date): RateLimitState {
    const nowMs = now.getTime();
    let window = this.windows.get(key);
    if (!window || nowMs >= window.resetMs) {
      window = { resetMs: nowMs + this.windowSeconds * 1000, used: 0 };
      this.windows.set(key, window);
    }
    const exceeded = window.used >= this.limit;
    if (!exceeded) window.used += 1;
    return {
      limit: this.limit,
      remaining: this.limit - window.used,
      reset: Math.ceil(window.resetMs / 1000),
      exceeded,
    };
  }

  clear(): void {
    this.windows.clear();
  }
}

export function rateLimitHeaders(
  state: Pick<RateLimitState, 'limit' | 'remaining' | 'reset'>,
): Record<string, string> {
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(state.remaining),
    'x-rate-limit-reset': String(state.reset),
  };
}
