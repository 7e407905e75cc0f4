import { canonicalUtc, localDateTime, localInstant } from '../core/calendar/dates';
import {
  CLOSING_ID,
  postingOn,
  postingText,
  variantCount,
  type PostingKind,
  type PostingOccurrence,
} from '../core/plan/occurrences';
import type { AuditRecord, PostClaim } from '../ports/state';
import { CLAIM_LEASE_MS, type ServiceDeps } from './service-deps';
import { NETWORK_NAMES } from '../core/config/vocabulary';
import type { PostTarget } from '../core/post-targets';
import { ChannelError, type Channels, type PublishedPost } from '../ports/channel';
import { DEFAULT_RETRY, withChannelRetries } from './retry';
import { postFailureEmail, postStuckEmail, signOffNotDeletedEmail } from './duty-emails';

export interface PostEvent {
  kind: PostingKind;
  id: string;
  scheduledTime: string;
}

export interface PostServiceDeps extends ServiceDeps {
  /** the network of each configured account: X, and the others as they are added */
  channels: Channels;
}

export type PostOutcome =
  | { outcome: 'not-due' }
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'posted'; tweetId: string; text: string }
  | { outcome: 'already-done'; status: string }
  | { outcome: 'stuck' }
  | { outcome: 'failed'; reason: string };

/** A post with several accounts: what became of it on each, by account id. */
export type PostEventOutcome =
  PostOutcome | { outcome: 'per-account'; accounts: Record<string, PostOutcome> };

/** One account's share of an occurrence: the unit that is claimed, posted, retried and reported on. */
interface Posting {
  occurrence: PostingOccurrence;
  target: PostTarget;
  scheduledTime: string;
}

/**
 * One scheduled posting event, end to end: decide from the calendar, then for each account it goes to claim,
 * post (with retries and one duplicate-content fallback), record, and tell a human about anything that did not
 * go out. Accounts are taken one after another, so one network's outage never stops the others.
 */
export async function handlePostEvent(deps: PostServiceDeps, event: PostEvent): Promise<PostEventOutcome> {
  const { config, calendar, state } = deps;
  const scheduledTime = canonicalUtc(event.scheduledTime);
  const { date } = localDateTime(scheduledTime, config.organisation.timezone);
  // the rotation read is wasted on a skip, but reading it alongside the pause saves a round trip on every post
  const [pause, sequence] = await Promise.all([state.pause.get(), state.rotation.get(event.id)]);
  const occurrence = postingOn(config, calendar, event.kind, event.id, date, pause);
  if (!occurrence) return { outcome: 'not-due' };
  if (occurrence.status === 'skipped') {
    const reason = occurrence.reason ?? 'skipped';
    await audit(deps, 'skipped', occurrence.id, scheduledTime, { reason });
    return { outcome: 'skipped', reason };
  }

  const outcomes: Record<string, PostOutcome> = {};
  let nextSequence: number | undefined;
  for (const target of occurrence.targets) {
    const posting = { occurrence, target, scheduledTime };
    const result = await postToAccount(deps, posting, sequence);
    outcomes[target.account] = result.outcome;
    if (result.used !== undefined) nextSequence = Math.max(nextSequence ?? 0, result.used + 1);
  }
  // one advance for the occurrence: every account used the same variant unless one fell back to the next
  if (nextSequence !== undefined) await state.rotation.advance(occurrence.id, sequence, nextSequence);
  if (occurrence.kind === 'reopening') {
    for (const target of occurrence.targets)
      if (outcomes[target.account]?.outcome === 'posted')
        await deleteSignOff(deps, { occurrence, target, scheduledTime });
  }
  const only = occurrence.targets.length === 1 ? outcomes[occurrence.targets[0]!.account] : undefined;
  return only ?? { outcome: 'per-account', accounts: outcomes };
}

async function postToAccount(
  deps: PostServiceDeps,
  posting: Posting,
  sequence: number,
): Promise<{ outcome: PostOutcome; used?: number }> {
  const { occurrence, target, scheduledTime } = posting;
  const text = postingText(deps.config, deps.calendar, occurrence, sequence, target.network);
  const now = deps.clock.now();
  const claim = await deps.state.posts.claim({
    postId: target.claimId,
    scheduledTime,
    account: target.account,
    text,
    configVersion: deps.configVersion,
    claimedAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
  });
  if (!claim.claimed) return { outcome: await handleExistingClaim(deps, posting) };
  return postClaimed(deps, posting, sequence, text);
}

async function postClaimed(
  deps: PostServiceDeps,
  posting: Posting,
  sequence: number,
  firstText: string,
): Promise<{ outcome: PostOutcome; used?: number }> {
  const { state } = deps;
  const { occurrence, target, scheduledTime } = posting;
  // an attempt that timed out or got a 5xx may have reached the network: a later "duplicate" means it went out
  let unanswered = false;
  const send = (text: string) =>
    withChannelRetries(
      () => deps.channels.forAccount(target.account).post(target.account, text),
      DEFAULT_RETRY,
      deps.clock,
      (error) => {
        if (error.kind !== 'rate-limit') unanswered = true;
      },
    );

  let text = firstText;
  let used = sequence;
  let published: PublishedPost;
  try {
    try {
      published = await send(text);
    } catch (error) {
      if (!(error instanceof ChannelError) || error.kind !== 'duplicate' || unanswered) throw error;
      if (variantCount(occurrence) < 2) throw error;
      used = sequence + 1;
      text = postingText(deps.config, deps.calendar, occurrence, used, target.network);
      published = await send(text);
    }
  } catch (error) {
    if (error instanceof ChannelError && error.kind === 'duplicate' && unanswered) {
      return {
        outcome: await reportStuck(
          deps,
          posting,
          text,
          `${NETWORK_NAMES[error.network]} refused a retry as duplicate content after an attempt that got no answer, so the post has probably gone out`,
        ),
      };
    }
    if (!(error instanceof ChannelError)) {
      // not an answer the network gave (an answer without data, a bug): the post may be out, so never ask for it by hand
      return {
        outcome: await reportStuck(
          deps,
          posting,
          text,
          `posting ended unexpectedly (${describeFailure(error)})`,
        ),
      };
    }
    const reason = describeFailure(error);
    await emailDutyOfficer(deps, postFailureEmail, posting, text, reason);
    await state.posts.complete(target.claimId, scheduledTime, { status: 'failed', reason }, iso(deps));
    await audit(deps, 'failed', target.claimId, scheduledTime, {
      reason,
      account: target.account,
      network: target.network,
    });
    return { outcome: { outcome: 'failed', reason } };
  }

  // The post is out. If recording it fails, the invocation fails (an alarm) and the claim stays in progress:
  // a retry finds it after the lease and asks the duty officer to check the timeline, never to post again.
  await state.posts.complete(
    target.claimId,
    scheduledTime,
    { status: 'posted', tweetId: published.id, text },
    iso(deps),
  );
  await audit(deps, 'posted', target.claimId, scheduledTime, {
    tweetId: published.id,
    account: target.account,
    network: target.network,
    ...(published.url ? { url: published.url } : {}),
  });
  return { outcome: { outcome: 'posted', tweetId: published.id, text }, used };
}

/**
 * Someone claimed this occurrence first. Finished claims need nothing. An in-progress claim may belong to a
 * duplicate delivery still running: wait out its lease, then treat it as a crash between posting and recording.
 */
async function handleExistingClaim(deps: PostServiceDeps, posting: Posting): Promise<PostOutcome> {
  const { target, scheduledTime } = posting;
  let claim = await deps.state.posts.get(target.claimId, scheduledTime);
  if (claim?.status === 'in-progress') {
    const wait = Date.parse(claim.leaseUntil) - deps.clock.now().getTime();
    if (wait > 0) await deps.clock.sleep(wait + 100);
    claim = await deps.state.posts.get(target.claimId, scheduledTime);
  }
  if (!claim || claim.status !== 'in-progress')
    return { outcome: 'already-done', status: claim?.status ?? 'unknown' };
  return reportStuck(
    deps,
    posting,
    claim.text,
    'a previous attempt stopped between posting and recording the result',
  );
}

async function reportStuck(
  deps: PostServiceDeps,
  posting: Posting,
  text: string,
  reason: string,
): Promise<PostOutcome> {
  const { target, scheduledTime } = posting;
  const first = await deps.state.posts.markStuck(target.claimId, scheduledTime, reason, iso(deps));
  if (!first) return { outcome: 'already-done', status: 'failed' };
  await emailDutyOfficer(deps, postStuckEmail, posting, text, reason);
  await audit(deps, 'stuck', target.claimId, scheduledTime, {
    reason,
    account: target.account,
    network: target.network,
  });
  return { outcome: 'stuck' };
}

/**
 * Tells that day's duty officer about a post, with the exact text to check for or post by hand. A reopening that
 * did not go out also left the sign-off up, so its email says to delete that too, with the link.
 */
async function emailDutyOfficer(
  deps: PostServiceDeps,
  render: typeof postFailureEmail,
  posting: Posting,
  text: string,
  reason: string,
): Promise<void> {
  const { occurrence, target, scheduledTime } = posting;
  const { date } = localDateTime(scheduledTime, deps.config.organisation.timezone);
  const signOff = occurrence.kind === 'reopening' ? await signOffToDelete(deps, posting) : undefined;
  await deps.mailer.send(
    render(deps.config, {
      to: deps.calendar.dutyPerson(date),
      postId: occurrence.id,
      account: target.account,
      scheduledTime,
      text,
      reason,
      ...(signOff
        ? { signOff: { account: signOff.claim.account, tweetId: signOff.tweetId, postedAt: signOff.time } }
        : {}),
    }),
  );
}

/**
 * The sign-off a reopening should take down on the same account: posted, not yet deleted, and `deleteClosing`
 * is on. A sign-off claimed before the closing had several accounts has the plain `closing` key.
 */
async function signOffToDelete(
  deps: PostServiceDeps,
  reopening: Posting,
): Promise<{ claim: PostClaim; claimId: string; tweetId: string; time: string } | undefined> {
  const closing = deps.config.closing;
  const period = reopening.occurrence.period;
  if (!closing?.reopening?.deleteClosing || !period) return undefined;
  const time = canonicalUtc(localInstant(period.closingDay, closing.at, deps.config.organisation.timezone));
  const { account } = reopening.target;
  for (const claimId of [...new Set([`${CLOSING_ID}@${account}`, CLOSING_ID])]) {
    const claim = await deps.state.posts.get(claimId, time);
    if (!claim || claim.account !== account) continue;
    if (claim.status !== 'posted' || !claim.tweetId || claim.deletedAt) return undefined;
    return { claim, claimId, tweetId: claim.tweetId, time };
  }
  return undefined;
}

/** With `deleteClosing: true`, the reopening post takes down the sign-off that started the closed period. */
async function deleteSignOff(deps: PostServiceDeps, reopening: Posting): Promise<void> {
  const signOff = await signOffToDelete(deps, reopening);
  if (!signOff) return;
  const { account } = signOff.claim;
  try {
    await withChannelRetries(
      () => deps.channels.forAccount(account).delete(account, signOff.tweetId),
      DEFAULT_RETRY,
      deps.clock,
    );
    await deps.state.posts.markDeleted(signOff.claimId, signOff.time, iso(deps));
    await audit(deps, 'deleted', signOff.claimId, signOff.time, {
      tweetId: signOff.tweetId,
      account,
      network: reopening.target.network,
    });
  } catch (error) {
    const reason = describeFailure(error);
    // the reopening day's duty officer: the one on duty when the sign-off should have gone
    await deps.mailer.send(
      signOffNotDeletedEmail(deps.config, {
        to: deps.calendar.dutyPerson(reopening.occurrence.date),
        account,
        tweetId: signOff.tweetId,
        signOffTime: signOff.time,
        reason,
      }),
    );
    await audit(deps, 'failed', signOff.claimId, signOff.time, { reason: `sign-off not deleted: ${reason}` });
  }
}

/** The reason a failure email gives, in the network's name, with what to do when the adapter knows. */
function describeFailure(error: unknown): string {
  if (error instanceof ChannelError) {
    const name = NETWORK_NAMES[error.network];
    const status = error.status ? ` (HTTP ${error.status})` : '';
    const kinds: Record<ChannelError['kind'], string> = {
      'rate-limit': `${name} rate limit reached`,
      duplicate: `${name} refused it as duplicate content`,
      server: `${name} had a server error`,
      timeout: `${name} did not answer in time`,
      auth: `${name} refused the account credentials`,
      rejected: `${name} rejected the post`,
      network: `could not reach ${name}`,
    };
    return `${kinds[error.kind]}${status}${error.advice ? `. ${error.advice}` : ''}`;
  }
  return `unexpected error: ${(error as Error).message}`;
}

function iso(deps: PostServiceDeps): string {
  return deps.clock.now().toISOString();
}

async function audit(
  deps: PostServiceDeps,
  event: AuditRecord['event'],
  subject: string,
  scheduledTime: string,
  detail: AuditRecord['detail'],
): Promise<void> {
  await deps.state.audit.record({
    at: iso(deps),
    event,
    subject,
    scheduledTime,
    configVersion: deps.configVersion,
    detail,
  });
}
