/** X's snowflake epoch (2010-11-04T01:42:54.657Z): ids carry their creation time in the high bits. */
const X_EPOCH_MS = 1288834974657n;
const TIMESTAMP_SHIFT = 22n;

/**
 * Hands out X-like ids: numeric strings that grow with the creation time, so `since_id` / `until_id`
 * comparisons (as BigInt) mean "newer than" just as on X, even for mentions back-dated by a test.
 */
export class SnowflakeIds {
  private readonly used = new Set<string>();

  next(createdAt: Date): string {
    const sinceEpoch = BigInt(Math.max(0, createdAt.getTime())) - X_EPOCH_MS;
    let candidate = (sinceEpoch > 0n ? sinceEpoch : 0n) << TIMESTAMP_SHIFT;
    while (this.used.has(candidate.toString())) candidate += 1n;
    const id = candidate.toString();
    this.used.add(id);
    return id;
  }

  /** records an id chosen by the caller; false when it is already taken */
  claim(id: string): boolean {
    const canonical = BigInt(id).toString();
    if (this.used.has(canonical)) return false;
    this.used.add(canonical);
    return true;
  }

  clear(): void {
    this.used.clear();
  }
}

export const TWEET_ID_PATTERN = /^[0-9]{1,19}$/;

export function compareIds(a: string, b: string): number {
  const difference = BigInt(a) - BigInt(b);
  return difference === 0n ? 0 : difference > 0n ? 1 : -1;
}
