import { DateTime } from 'luxon';
import type { Config } from '../core/config/schema';
import type { Email } from '../ports/mailer';

/** Facts about a post that did not go out (or may not have). */
export interface PostProblem {
  to: string;
  postId: string;
  account: string;
  scheduledTime: string;
  text: string;
  reason: string;
}

/** The exact text to post by hand, the account, the scheduled time and the reason: the action first. */
export function postFailureEmail(config: Config, problem: PostProblem): Email {
  const when = localTime(config, problem.scheduledTime);
  const profile = profileUrl(config, problem.account);
  const lines = [
    `The ${problem.postId} post due at ${when} did not go out: ${problem.reason}.`,
    '',
    `Please post it by hand on ${profile}:`,
    '',
    problem.text,
    '',
    `Account: ${problem.account} (${profile})`,
    `Scheduled: ${when}`,
    `Reason: ${problem.reason}`,
    '',
    'Nothing will retry it automatically. If you post it, no further action is needed.',
  ];
  return email(
    problem.to,
    `[social-duty] Post failed: ${problem.postId} at ${timeOnly(config, problem.scheduledTime)} — post it by hand`,
    lines,
    problem.text,
  );
}

/** A claim found in progress: the post may or may not be on X. Check before posting by hand. */
export function postStuckEmail(config: Config, problem: PostProblem): Email {
  const when = localTime(config, problem.scheduledTime);
  const profile = profileUrl(config, problem.account);
  const lines = [
    `The ${problem.postId} post due at ${when} may or may not have gone out: ${problem.reason}.`,
    '',
    `Check the timeline first: ${profile}`,
    'If the post below is not there, post it by hand. If it is there, there is nothing to do.',
    '',
    problem.text,
    '',
    `Account: ${problem.account} (${profile})`,
    `Scheduled: ${when}`,
    '',
    'It will not be sent again automatically, so it can never go out twice.',
  ];
  return email(
    problem.to,
    `[social-duty] Check the timeline: ${problem.postId} at ${timeOnly(config, problem.scheduledTime)} may not have posted`,
    lines,
    problem.text,
  );
}

function email(to: string, subject: string, lines: string[], quoted: string): Email {
  const html = lines
    .map((line) =>
      line === quoted
        ? `<blockquote style="margin:12px 0;padding:8px 12px;border-left:4px solid #005eb8;background:#f0f4f5">${escapeHtml(line)}</blockquote>`
        : line
          ? `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`
          : '',
    )
    .join('\n');
  return {
    to: [to],
    subject,
    text: lines.join('\n'),
    html: `<!doctype html><html lang="en"><body style="font-family:Arial,sans-serif;font-size:16px;color:#212b32">${html}</body></html>`,
  };
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function profileUrl(config: Config, account: string): string {
  return `https://x.com/${config.accounts[account]?.handle ?? account}`;
}

/** `Tuesday 15 December 2026 at 10:30` in the organisation's zone */
function localTime(config: Config, iso: string): string {
  return DateTime.fromISO(iso)
    .setZone(config.organisation.timezone)
    .setLocale('en-GB')
    .toFormat("cccc d LLLL yyyy 'at' HH:mm");
}

function timeOnly(config: Config, iso: string): string {
  return DateTime.fromISO(iso).setZone(config.organisation.timezone).toFormat('HH:mm');
}
