import { addDays, eachDate, type IsoDate } from '../calendar/dates';
import { WorkingCalendar } from '../calendar/working-calendar';
import { postingOn } from '../plan/occurrences';
import type { RuleProblem } from './config-rules';
import type { Config, PostConfig } from './schema';

/** How far ahead `check` looks for a post that can never go out: the next 12 months. */
const HORIZON_DAYS = 365;

/**
 * Posts that will not go out in the next 12 months, decided by the same calendar and occurrence rules the
 * scheduler uses: a campaign that has ended or starts too late, days that are never worked with
 * `onClosedDays: skip`, dates that all fall in closures or pauses. They depend on today's date.
 */
export function scheduleWarnings(config: Config, today: IsoDate): RuleProblem[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new RangeError(`today must be YYYY-MM-DD (got "${today}")`);
  const calendar = new WorkingCalendar(config);
  const horizon = addDays(today, HORIZON_DAYS);
  return config.posts.flatMap((post, i) => {
    try {
      return postWarnings({ ...config, posts: [post] }, calendar, post, i, today, horizon);
    } catch (error) {
      // dates beyond the bank-holiday table cannot be judged; the date commands say so themselves
      if (error instanceof RangeError) return [];
      throw error;
    }
  });
}

function postWarnings(
  // just this post, so finding it by id for each date costs nothing
  single: Config,
  calendar: WorkingCalendar,
  post: PostConfig,
  i: number,
  today: IsoDate,
  horizon: IsoDate,
): RuleProblem[] {
  if (post.until && post.until < today) {
    return [
      {
        path: ['posts', i, 'until'],
        message: `${post.until} is in the past: the campaign has ended and "${post.id}" will not post again; remove the post or change its dates`,
      },
    ];
  }
  if (post.from && post.from > horizon) {
    return [
      {
        path: ['posts', i, 'from'],
        message: `${post.from} is more than 12 months away: "${post.id}" will not post before then`,
      },
    ];
  }
  const start = post.from && post.from > today ? post.from : today;
  const end = post.until && post.until < horizon ? post.until : horizon;
  const reasons = new Set<string>();
  for (const date of eachDate(start, end)) {
    const occurrence = postingOn(single, calendar, 'post', post.id, date);
    if (occurrence?.status === 'scheduled') return [];
    if (occurrence?.reason) reasons.add(occurrence.reason);
  }
  return [{ path: ['posts', i, 'days'], message: neverPostsMessage(single, post, reasons, start, end) }];
}

function neverPostsMessage(
  config: Config,
  post: PostConfig,
  reasons: ReadonlySet<string>,
  start: IsoDate,
  end: IsoDate,
): string {
  const never = `so "${post.id}" never posts in the next 12 months`;
  const days = post.days.join(' or ');
  const closed = post.days.filter((day) => !config.organisation.workingDays.includes(day));
  if (post.onClosedDays === 'skip' && closed.length === post.days.length) {
    const are = closed.length === 1 ? 'is not a working day' : 'are not working days';
    return `${closed.join(', ')} ${are} and onClosedDays is skip, ${never}; add onClosedDays: post, or choose working days`;
  }
  if (reasons.size === 0) return `no ${days} falls between ${start} and ${end}, ${never}`;
  return `every ${days} from ${start} to ${end} is skipped (${[...reasons].join(', ')}), ${never}`;
}
