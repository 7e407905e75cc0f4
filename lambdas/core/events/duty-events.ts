/**
 * Every outcome the system records in its audit trail is also a duty event: this turns an audit record into
 * the event subscribers receive. Pure, and free of zod (the types come from event-schemas.ts as types only).
 */
import type { AuditRecord } from '../../ports/state/audit-log';
import { NETWORKS } from '../config/vocabulary';
import type { DutyEvent, EventDetail } from './event-schemas';

type Common = Pick<
  EventDetail<'Source Recovered'>,
  'version' | 'eventId' | 'at' | 'configVersion' | 'scheduledTime'
>;

/** The event for an audit record, or none for a record subscribers have no use for. */
export function dutyEventFrom(record: AuditRecord): DutyEvent | undefined {
  const d = record.detail ?? {};
  const common: Common = {
    version: 1,
    eventId: eventIdOf(record),
    at: record.at,
    configVersion: record.configVersion,
    ...(record.scheduledTime ? { scheduledTime: record.scheduledTime } : {}),
  };
  // a post with several accounts claims `id@account` on each; subscribers get the config's id and the account
  const post = { ...common, postId: record.subject.split('@')[0] ?? record.subject };
  const network = NETWORKS.find((n) => n === d.network) ?? 'x';
  switch (record.event) {
    case 'posted':
      return {
        detailType: 'Post Published',
        detail: {
          ...post,
          account: text(d.account),
          network,
          tweetId: text(d.tweetId),
          url: typeof d.url === 'string' ? d.url : `https://x.com/i/web/status/${text(d.tweetId)}`,
        },
      };
    case 'skipped':
      return { detailType: 'Post Skipped', detail: { ...post, reason: text(d.reason) } };
    case 'failed':
      return { detailType: 'Post Failed', detail: { ...post, reason: text(d.reason) } };
    case 'stuck':
      return { detailType: 'Post Needs Checking', detail: { ...post, reason: text(d.reason) } };
    case 'deleted':
      return {
        detailType: 'Sign-off Deleted',
        detail: {
          ...post,
          ...(typeof d.account === 'string' ? { account: d.account } : {}),
          network,
          tweetId: text(d.tweetId),
        },
      };
    case 'alert':
      return {
        detailType: 'Mention Alerted',
        detail: { ...common, mentions: count(d.mentions), concerns: count(d.concerns), to: list(d.to, ' ') },
      };
    case 'urgent':
      return {
        detailType: 'Urgent Mention Alerted',
        detail: {
          ...common,
          mentionKey: record.subject,
          // records from before the source was recorded: the key names the source for feeds, `x` for X
          source: text(d.source) || sourceOfKey(record.subject),
          category: 'urgent',
          ...(typeof d.url === 'string' && d.url !== '' ? { mentionUrl: d.url } : {}),
          recipients: list(d.recipients, ' '),
          rules: list(d.rules, '; '),
          ...(typeof d.lexicon === 'string' ? { lexicon: d.lexicon } : {}),
        },
      };
    case 'acknowledged':
      return {
        detailType: 'Urgent Mention Acknowledged',
        detail: { ...common, mentionKey: record.subject, by: text(d.by) },
      };
    case 'escalated':
      return {
        detailType: 'Urgent Mention Escalated',
        // a step is counted from 1: a record without one still made an escalation
        detail: { ...common, mentionKey: record.subject, to: text(d.to), step: Math.max(1, count(d.step)) },
      };
    case 'briefing':
      // a briefing record without a recipient is a failed attempt; its retry records the one that went out
      if (d.to === undefined) return undefined;
      return {
        detailType: 'Briefing Sent',
        detail: {
          ...common,
          to: text(d.to),
          mentions: count(d.mentions),
          posts: count(d.posts),
          failures: count(d.failures),
        },
      };
    case 'source-failing':
      return {
        detailType: 'Source Failing',
        detail: { ...common, sourceId: record.subject, failures: count(d.failures), error: text(d.error) },
      };
    case 'source-recovered':
      return { detailType: 'Source Recovered', detail: { ...common, sourceId: record.subject } };
    case 'pause':
      return {
        detailType: 'Pause Changed',
        detail: {
          ...common,
          paused: true,
          ...(typeof d.until === 'string' ? { until: d.until } : {}),
          ...(typeof d.reason === 'string' ? { reason: d.reason } : {}),
        },
      };
    case 'resume':
      return {
        detailType: 'Pause Changed',
        detail: { ...common, paused: false, ...(typeof d.was === 'string' ? { reason: d.was } : {}) },
      };
    case 'sweep':
      return {
        detailType: 'Sweep Completed',
        detail: {
          ...common,
          mode: text(d.mode),
          found: count(d.found),
          urgent: count(d.urgent),
          alerted: count(d.alerted),
          held: count(d.held),
          failedSources: count(d.failedSources),
        },
      };
  }
}

/** the same record gives the same id, so a subscriber can drop a duplicate delivery */
function eventIdOf(record: AuditRecord): string {
  const identity = [record.event, record.subject, record.scheduledTime ?? '', record.at].join('\n');
  return fnv1a128(identity);
}

const FNV_OFFSET_128 = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME_128 = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

/**
 * FNV-1a, 128 bits, over the UTF-8 bytes, as 32 hex digits: the core stays free of node:crypto, and an id
 * that only tells outcomes apart needs no cryptographic hash.
 */
function fnv1a128(text: string): string {
  let hash = FNV_OFFSET_128;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= BigInt(byte);
    hash = (hash * FNV_PRIME_128) & MASK_128;
  }
  return hash.toString(16).padStart(32, '0');
}

/** `x#123` → `x`, `google-alert-trust#tag:…` → `google-alert-trust` */
function sourceOfKey(key: string): string {
  const hash = key.indexOf('#');
  return hash < 0 ? key : key.slice(0, hash);
}

function text(value: string | number | boolean | undefined): string {
  return value === undefined ? '' : String(value);
}

function count(value: string | number | boolean | undefined): number {
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isSafeInteger(n) ? n : 0;
}

function list(value: string | number | boolean | undefined, separator: string): string[] {
  return text(value)
    .split(separator)
    .map((item) => item.trim())
    .filter(Boolean);
}
