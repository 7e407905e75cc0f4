import { DateTime } from 'luxon';
import { UsageError } from './errors';

/** Today in the organisation's zone, or the `--today` override tests use. */
export function today(zone: string, override?: string): string {
  if (override) return requireDate('--today', override);
  return DateTime.now().setZone(zone).toISODate() as string;
}

export function requireDate(flag: string, value: string): string {
  const parsed = DateTime.fromISO(value, { zone: 'utc' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !parsed.isValid) {
    throw new UsageError(`${flag} must be a date as YYYY-MM-DD (got "${value}")`);
  }
  return value;
}

/** `Wed 23 Dec 2026 16:00` in the organisation's zone */
export function shortLocal(iso: string, zone: string): string {
  return DateTime.fromISO(iso, { setZone: true })
    .setZone(zone)
    .setLocale('en-GB')
    .toFormat('ccc d LLL yyyy HH:mm');
}
