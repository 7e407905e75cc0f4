import { DateTime } from 'luxon';
import type { PostEvent } from '../../../lambdas/services/post-service';
import type { PostClaim } from '../../../lambdas/ports/state';
import type { LocalTweet } from '../../../local/x-api-server';
import type { StoredEmail } from '../../../local/ses-server';
import type { startTestStack } from '../../support/local-stack';

type TestStack = Awaited<ReturnType<typeof startTestStack>>;

/** What the checks found for one occurrence, for tests that want to say more than the invariants. */
export interface OccurrenceReport {
  event: PostEvent;
  claim: PostClaim;
  /** live tweets of the trust's account this occurrence accounts for (0 or 1) */
  tweets: LocalTweet[];
  /** "Post failed … post it by hand" */
  failureEmails: StoredEmail[];
  /** "Check the timeline … may not have posted" */
  stuckEmails: StoredEmail[];
}

/** the tweets on the local X now, so a test can leave out those it posted itself (e.g. to provoke a duplicate) */
export function tweetIds(stack: TestStack): Set<string> {
  return new Set(stack.x.tweets().map((tweet) => tweet.id));
}

/**
 * The posting invariants after faults, with the fault cleared and every delivery done:
 * - each occurrence has a claim, and it is finished: `posted` or `failed`, never left in progress;
 * - a `posted` claim names a live tweet with the claim's text, and nobody was told to post it by hand;
 * - a `failed` claim got an email to that day's duty person with the exact text, and accounts for at most
 *   one tweet (one sent but never recorded); when it does, that email is a "check the timeline" one, because
 *   "post it by hand" would have the duty officer post it a second time;
 * - every live tweet of the trust posted since `before` is accounted for by exactly one occurrence.
 */
export async function assertPostsConsistent(
  stack: TestStack,
  events: PostEvent[],
  before: Set<string>,
): Promise<OccurrenceReport[]> {
  const { config, calendar, state } = stack.deps;
  const zone = config.organisation.timezone;
  const emails = await stack.ses.sentEmails();
  const handles = new Set(
    Object.values(config.accounts).flatMap((account) =>
      account.network === 'x' ? [account.handle.toLowerCase()] : [],
    ),
  );
  const newTweets = stack.x
    .tweets()
    .filter((t) => !t.deleted && !before.has(t.id) && handles.has(t.authorUsername.toLowerCase()));
  const accountedFor = new Map<string, string>();

  const reports: OccurrenceReport[] = [];
  for (const event of uniqueOccurrences(events)) {
    const label = `${event.id} at ${event.scheduledTime}`;
    const claim = await state.posts.get(event.id, event.scheduledTime);
    if (!claim) throw new Error(`${label}: no claim, so nothing records whether it went out`);
    expect({ occurrence: label, status: claim.status }).toEqual({
      occurrence: label,
      status: expect.stringMatching(/^(posted|failed)$/),
    });

    const local = DateTime.fromISO(event.scheduledTime).setZone(zone).setLocale('en-GB');
    const about = (email: StoredEmail, heading: string) =>
      email.subject.startsWith(`[social-duty] ${heading}: ${event.id} at ${local.toFormat('HH:mm')}`) &&
      email.text.includes(local.toFormat("cccc d LLLL yyyy 'at' HH:mm"));
    const failureEmails = emails.filter((email) => about(email, 'Post failed'));
    const stuckEmails = emails.filter((email) => about(email, 'Check the timeline'));

    let tweets: LocalTweet[];
    if (claim.status === 'posted') {
      tweets = newTweets.filter((tweet) => tweet.id === claim.tweetId);
      expect({ occurrence: label, tweets: tweets.map((t) => t.text) }).toEqual({
        occurrence: label,
        tweets: [claim.text],
      });
      expect({ occurrence: label, toldToPostByHand: failureEmails.length }).toEqual({
        occurrence: label,
        toldToPostByHand: 0,
      });
    } else {
      // a tweet sent but never recorded: same text, sent while this claim was being worked on
      tweets = newTweets.filter(
        (tweet) =>
          !accountedFor.has(tweet.id) &&
          tweet.text === claim.text &&
          tweet.createdAt >= claim.claimedAt &&
          tweet.createdAt <= (claim.completedAt ?? tweet.createdAt),
      );
      const dutyPerson = calendar.dutyPerson(local.toISODate() as string);
      const toldTheDutyPerson = [...failureEmails, ...stuckEmails].filter(
        (email) => email.to.includes(dutyPerson) && email.text.includes(claim.text),
      );
      expect({ occurrence: label, dutyPersonEmailed: toldTheDutyPerson.length > 0 }).toEqual({
        occurrence: label,
        dutyPersonEmailed: true,
      });
      if (tweets.length > 1) throw new Error(`${label}: went out ${tweets.length} times`);
      if (tweets.length > 0) {
        expect({ occurrence: label, liveButToldToPostByHand: failureEmails.length }).toEqual({
          occurrence: label,
          liveButToldToPostByHand: 0,
        });
        expect({ occurrence: label, toldToCheckTheTimeline: stuckEmails.length > 0 }).toEqual({
          occurrence: label,
          toldToCheckTheTimeline: true,
        });
      }
    }
    for (const tweet of tweets) {
      const other = accountedFor.get(tweet.id);
      if (other) throw new Error(`tweet ${tweet.id} is claimed by both ${other} and ${label}`);
      accountedFor.set(tweet.id, label);
    }
    reports.push({ event, claim, tweets, failureEmails, stuckEmails });
  }

  const strays = newTweets.filter((tweet) => !accountedFor.has(tweet.id));
  expect({ tweetsNoOccurrenceAccountsFor: strays.map((t) => `${t.createdAt} ${t.text}`) }).toEqual({
    tweetsNoOccurrenceAccountsFor: [],
  });
  return reports;
}

/** deliveries of one occurrence may spell its time differently; the claim key is the canonical one */
function uniqueOccurrences(events: PostEvent[]): PostEvent[] {
  const byKey = new Map<string, PostEvent>();
  for (const event of events) {
    const scheduledTime = DateTime.fromISO(event.scheduledTime, { setZone: true })
      .toUTC()
      .set({ millisecond: 0 })
      .toISO({ suppressMilliseconds: true }) as string;
    byKey.set(`${event.id}@${scheduledTime}`, { ...event, scheduledTime });
  }
  return [...byKey.values()];
}
