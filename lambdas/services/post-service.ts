import { canonicalUtc, localDateTime, localInstant } from '../core/calendar/dates';
import {
  postingOn,
  postingText,
  variantCount,
  type PostingKind,
  type PostingOccurrence,
} from '../core/plan/occurrences';
import type { AuditRecord, PostClaim } from '../ports/state';
import { CLAIM_LEASE_MS, type ServiceDeps } from './service-deps';
import { NETWORK_NAMES } from '../core/config/vocabulary';
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

/**
 * One scheduled posting event, end to end: decide from the calendar, claim, post (with retries and one
 * duplicate-content fallback), record, and tell a human about anything that did not go out.
 */
export async function handlePostEvent(deps: PostServiceDeps, event: PostEvent): Promise<PostOutcome> {
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

  const text = postingText(config, calendar, occurrence, sequence);
  const now = deps.clock.now();
  const claim = await state.posts.claim({
    postId: occurrence.id,
    scheduledTime,
    account: occurrence.account,
    text,
    configVersion: deps.configVersion,
    claimedAt: now.toISOString(),
    leaseUntil: new Date(now.getTime() + CLAIM_LEASE_MS).toISOString(),
  });
  if (!claim.claimed) return handleExistingClaim(deps, occurrence, scheduledTime);

  return postClaimed(deps, occurrence, scheduledTime, sequence, text);
}

async function postClaimed(
  deps: PostServiceDeps,
  occurrence: PostingOccurrence,
  scheduledTime: string,
  sequence: number,
  firstText: string,
): Promise<PostOutcome> {
  const { state } = deps;
  // an attempt that timed out or got a 5xx may have reached the network: a later "duplicate" means it went out
  let unanswered = false;
  const send = (text: string) =>
    withChannelRetries(
      () => deps.channels.forAccount(occurrence.account).post(occurrence.account, text),
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
      text = postingText(deps.config, deps.calendar, occurrence, used);
      published = await send(text);
    }
  } catch (error) {
    if (error instanceof ChannelError && error.kind === 'duplicate' && unanswered) {
      return reportStuck(
        deps,
        occurrence,
        scheduledTime,
        text,
        `${NETWORK_NAMES[error.network]} refused a retry as duplicate content after an attempt that got no answer, so the post has probably gone out`,
      );
    }
    if (!(error instanceof ChannelError)) {
      // not an answer the network gave (an answer without data, a bug): the post may be out, so never ask for it by hand
      return reportStuck(
        deps,
        occurrence,
        scheduledTime,
        text,
        `posting ended unexpectedly (${describeFailure(error)})`,
      );
    }
    const reason = describeFailure(error);
    await emailDutyOfficer(deps, postFailureEmail, occurrence, scheduledTime, text, reason);
    await state.posts.complete(occurrence.id, scheduledTime, { status: 'failed', reason }, iso(deps));
    await audit(deps, 'failed', occurrence.id, scheduledTime, { reason });
    return { outcome: 'failed', reason };
  }

  // The post is out. If recording it fails, the invocation fails (an alarm) and the claim stays in progress:
  // a retry finds it after the lease and asks the duty officer to check the timeline, never to post again.
  await state.posts.complete(
    occurrence.id,
    scheduledTime,
    { status: 'posted', tweetId: published.id, text },
    iso(deps),
  );
  await state.rotation.advance(occurrence.id, sequence, used + 1);
  await audit(deps, 'posted', occurrence.id, scheduledTime, {
    tweetId: published.id,
    account: occurrence.account,
  });
  if (occurrence.kind === 'reopening') await deleteSignOff(deps, occurrence);
  return { outcome: 'posted', tweetId: published.id, text };
}

/**
 * Someone claimed this occurrence first. Finished claims need nothing. An in-progress claim may belong to a
 * duplicate delivery still running: wait out its lease, then treat it as a crash between posting and recording.
 */
async function handleExistingClaim(
  deps: PostServiceDeps,
  occurrence: PostingOccurrence,
  scheduledTime: string,
): Promise<PostOutcome> {
  let claim = await deps.state.posts.get(occurrence.id, scheduledTime);
  if (claim?.status === 'in-progress') {
    const wait = Date.parse(claim.leaseUntil) - deps.clock.now().getTime();
    if (wait > 0) await deps.clock.sleep(wait + 100);
    claim = await deps.state.posts.get(occurrence.id, scheduledTime);
  }
  if (!claim || claim.status !== 'in-progress')
    return { outcome: 'already-done', status: claim?.status ?? 'unknown' };
  return reportStuck(
    deps,
    occurrence,
    scheduledTime,
    claim.text,
    'a previous attempt stopped between posting and recording the result',
  );
}

async function reportStuck(
  deps: PostServiceDeps,
  occurrence: PostingOccurrence,
  scheduledTime: string,
  text: string,
  reason: string,
): Promise<PostOutcome> {
  const first = await deps.state.posts.markStuck(occurrence.id, scheduledTime, reason, iso(deps));
  if (!first) return { outcome: 'already-done', status: 'failed' };
  await emailDutyOfficer(deps, postStuckEmail, occurrence, scheduledTime, text, reason);
  await audit(deps, 'stuck', occurrence.id, scheduledTime, { reason });
  return { outcome: 'stuck' };
}

/**
 * Tells that day's duty officer about a post, with the exact text to check for or post by hand. A reopening that
 * did not go out also left the sign-off up, so its email says to delete that too, with the link.
 */
async function emailDutyOfficer(
  deps: PostServiceDeps,
  render: typeof postFailureEmail,
  occurrence: PostingOccurrence,
  scheduledTime: string,
  text: string,
  reason: string,
): Promise<void> {
  const { date } = localDateTime(scheduledTime, deps.config.organisation.timezone);
  const signOff = occurrence.kind === 'reopening' ? await signOffToDelete(deps, occurrence) : undefined;
  await deps.mailer.send(
    render(deps.config, {
      to: deps.calendar.dutyPerson(date),
      postId: occurrence.id,
      account: occurrence.account,
      scheduledTime,
      text,
      reason,
      ...(signOff
        ? { signOff: { account: signOff.claim.account, tweetId: signOff.tweetId, postedAt: signOff.time } }
        : {}),
    }),
  );
}

/** the sign-off a reopening should take down: posted, not yet deleted, and `deleteClosing` is on */
async function signOffToDelete(
  deps: PostServiceDeps,
  reopening: PostingOccurrence,
): Promise<{ claim: PostClaim; tweetId: string; time: string } | undefined> {
  const closing = deps.config.closing;
  if (!closing?.reopening?.deleteClosing || !reopening.period) return undefined;
  const time = canonicalUtc(
    localInstant(reopening.period.closingDay, closing.at, deps.config.organisation.timezone),
  );
  const claim = await deps.state.posts.get('closing', time);
  if (claim?.status !== 'posted' || !claim.tweetId || claim.deletedAt) return undefined;
  return { claim, tweetId: claim.tweetId, time };
}

/** With `deleteClosing: true`, the reopening post takes down the sign-off that started the closed period. */
async function deleteSignOff(deps: PostServiceDeps, reopening: PostingOccurrence): Promise<void> {
  const signOff = await signOffToDelete(deps, reopening);
  if (!signOff) return;
  try {
    await withChannelRetries(
      () => deps.channels.forAccount(signOff.claim.account).delete(signOff.claim.account, signOff.tweetId),
      DEFAULT_RETRY,
      deps.clock,
    );
    await deps.state.posts.markDeleted('closing', signOff.time, iso(deps));
    await audit(deps, 'deleted', 'closing', signOff.time, { tweetId: signOff.tweetId });
  } catch (error) {
    const reason = describeFailure(error);
    // the reopening day's duty officer: the one on duty when the sign-off should have gone
    await deps.mailer.send(
      signOffNotDeletedEmail(deps.config, {
        to: deps.calendar.dutyPerson(reopening.date),
        account: signOff.claim.account,
        tweetId: signOff.tweetId,
        signOffTime: signOff.time,
        reason,
      }),
    );
    await audit(deps, 'failed', 'closing', signOff.time, { reason: `sign-off not deleted: ${reason}` });
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
