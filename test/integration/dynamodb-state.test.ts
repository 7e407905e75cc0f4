import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamoDbStateStores } from '../../lambdas/adapters/dynamodb';
import { MENTION_TTL_DAYS, stateKeys } from '../../lambdas/adapters/state-table';
import type { FoundMention, PostClaim, StateStores, UrgentAlert } from '../../lambdas/ports/state';
import { localDynamoClient, startDynalite, type DynaliteHandle } from '../../local/dynalite-server';

const DAY_SECONDS = 24 * 60 * 60;

function claimFor(postId: string, scheduledTime: string, claimedAt: string): Omit<PostClaim, 'status'> {
  return {
    postId,
    scheduledTime,
    account: 'main',
    text: 'We are closed for the bank holiday — back on Tuesday.',
    configVersion: 'v1',
    claimedAt,
    leaseUntil: new Date(Date.parse(claimedAt) + 5 * 60_000).toISOString(),
  };
}

function foundMention(id: string, foundAt: string, overrides: Partial<FoundMention> = {}): FoundMention {
  return {
    source: 'x-mentions',
    sourceType: 'x-mentions',
    id,
    author: '@someone',
    text: `mention ${id}`,
    url: `https://x.com/someone/status/${id}`,
    at: foundAt,
    category: 'general',
    matched: [],
    foundAt,
    key: `x#${id}`,
    ...overrides,
  };
}

/** the ids a seen-mark read found, as a set */
async function seenIds(state: StateStores, namespace: string, ids: string[]): Promise<Set<string>> {
  return new Set((await state.ledger.seen(namespace, ids)).keys());
}

describe('the DynamoDB state stores on dynalite', () => {
  let dynamo: DynaliteHandle;
  let state: StateStores;

  beforeAll(async () => {
    dynamo = await startDynalite();
    state = dynamoDbStateStores({ client: dynamo.client, tableName: dynamo.tableName });
  });

  afterAll(async () => {
    await dynamo?.close();
  });

  describe('post claims', () => {
    it('claims an occurrence once and returns the existing claim the second time', async () => {
      const claim = claimFor('pals', '2026-12-23T10:30:00Z', '2026-12-23T10:30:01Z');
      await expect(state.posts.claim(claim)).resolves.toEqual({ claimed: true });

      const again = await state.posts.claim({ ...claim, claimedAt: '2026-12-23T10:31:00Z' });
      expect(again).toEqual({ claimed: false, existing: { ...claim, status: 'in-progress' } });
    });

    it('lets exactly one of ten concurrent claims win', async () => {
      const attempts = Array.from({ length: 10 }, (_, n) =>
        state.posts.claim(claimFor('closing', '2026-12-23T16:00:00Z', `2026-12-23T16:00:0${n}Z`)),
      );
      const results = await Promise.all(attempts);
      expect(results.filter((result) => result.claimed)).toHaveLength(1);
      const losers = results.filter((result) => !result.claimed);
      expect(losers).toHaveLength(9);
      const stored = await state.posts.get('closing', '2026-12-23T16:00:00Z');
      for (const loser of losers) expect(loser).toEqual({ claimed: false, existing: stored });
    });

    it('completes a claim as posted, then marks its tweet deleted', async () => {
      const claim = claimFor('closing', '2026-12-24T16:00:00Z', '2026-12-24T16:00:00Z');
      await state.posts.claim(claim);
      await state.posts.complete(
        'closing',
        '2026-12-24T16:00:00Z',
        { status: 'posted', tweetId: '1870000000000000042', text: 'Closed until Tuesday 29 December' },
        '2026-12-24T16:00:02Z',
      );
      expect(await state.posts.get('closing', '2026-12-24T16:00:00Z')).toEqual({
        ...claim,
        status: 'posted',
        tweetId: '1870000000000000042',
        text: 'Closed until Tuesday 29 December',
        completedAt: '2026-12-24T16:00:02Z',
      });

      await state.posts.markDeleted('closing', '2026-12-24T16:00:00Z', '2026-12-29T08:00:00Z');
      const raw = await rawItem(stateKeys.postClaim('closing', '2026-12-24T16:00:00Z'));
      expect(raw?.['deletedAt']).toEqual({ S: '2026-12-29T08:00:00Z' });
    });

    it('completes a claim as failed with its reason', async () => {
      await state.posts.claim(claimFor('pals', '2026-12-30T10:30:00Z', '2026-12-30T10:30:00Z'));
      await state.posts.complete(
        'pals',
        '2026-12-30T10:30:00Z',
        { status: 'failed', reason: 'duplicate content' },
        '2026-12-30T10:30:01Z',
      );
      expect(await state.posts.get('pals', '2026-12-30T10:30:00Z')).toMatchObject({
        status: 'failed',
        reason: 'duplicate content',
        completedAt: '2026-12-30T10:30:01Z',
      });
    });

    it('refuses to complete or delete a claim that was never made', async () => {
      await expect(
        state.posts.complete(
          'nope',
          '2026-12-30T10:30:00Z',
          { status: 'failed', reason: 'x' },
          '2026-12-30T10:30:00Z',
        ),
      ).rejects.toThrow('no claim for nope');
      await expect(
        state.posts.markDeleted('nope', '2026-12-30T10:30:00Z', '2026-12-30T10:30:00Z'),
      ).rejects.toThrow('no claim for nope');
      expect(await state.posts.get('nope', '2026-12-30T10:30:00Z')).toBeUndefined();
    });
  });

  describe('stuck claims', () => {
    it('moves an in-progress claim to failed for exactly one of several callers', async () => {
      const claim = claimFor('pals', '2027-01-05T10:30:00Z', '2027-01-05T10:30:00Z');
      await state.posts.claim(claim);
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          state.posts.markStuck(
            'pals',
            '2027-01-05T10:30:00Z',
            'stopped between posting and recording',
            '2027-01-05T10:40:00Z',
          ),
        ),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await state.posts.get('pals', '2027-01-05T10:30:00Z')).toEqual({
        ...claim,
        status: 'failed',
        reason: 'stopped between posting and recording',
        completedAt: '2027-01-05T10:40:00Z',
      });
    });

    it('leaves a finished or missing claim alone', async () => {
      await state.posts.claim(claimFor('pals', '2027-01-06T10:30:00Z', '2027-01-06T10:30:00Z'));
      await state.posts.complete(
        'pals',
        '2027-01-06T10:30:00Z',
        { status: 'posted', tweetId: '1', text: 'posted' },
        '2027-01-06T10:30:01Z',
      );
      expect(
        await state.posts.markStuck('pals', '2027-01-06T10:30:00Z', 'late', '2027-01-06T10:40:00Z'),
      ).toBe(false);
      expect(await state.posts.get('pals', '2027-01-06T10:30:00Z')).toMatchObject({ status: 'posted' });
      expect(
        await state.posts.markStuck('nope', '2027-01-06T10:30:00Z', 'late', '2027-01-06T10:40:00Z'),
      ).toBe(false);
      expect(await state.posts.get('nope', '2027-01-06T10:30:00Z')).toBeUndefined();
    });
  });

  describe('variant rotation', () => {
    it('starts at 0 and moves 0 → 1 → 2 for one post, independently of another', async () => {
      expect(await state.rotation.get('tips')).toBe(0);
      await state.rotation.advance('tips', 0, 1);
      expect(await state.rotation.get('tips')).toBe(1);
      await state.rotation.advance('tips', 1, 2);
      expect(await state.rotation.get('tips')).toBe(2);
      expect(await state.rotation.get('other')).toBe(0);
    });

    it('ignores a stale writer', async () => {
      await state.rotation.advance('tips', 1, 2);
      await state.rotation.advance('tips', 0, 1);
      expect(await state.rotation.get('tips')).toBe(2);
    });

    it('can skip a variant (duplicate-content fallback) in one step', async () => {
      await state.rotation.advance('fallback', 0, 2);
      expect(await state.rotation.get('fallback')).toBe(2);
    });

    it('advances once when ten concurrent writers start from the same count', async () => {
      await Promise.all(Array.from({ length: 10 }, () => state.rotation.advance('busy', 0, 1)));
      expect(await state.rotation.get('busy')).toBe(1);
      await Promise.all(Array.from({ length: 10 }, () => state.rotation.advance('busy', 1, 2)));
      expect(await state.rotation.get('busy')).toBe(2);
    });
  });

  describe('seen mentions', () => {
    const ids = Array.from({ length: 250 }, (_, n) => `1870000000000${String(n).padStart(6, '0')}`);

    it('marks and reads 250 ids in batches, not one request per id', async () => {
      const before = dynamo.requestCount();
      const getItemsBefore = dynamo.requestCount('GetItem');
      expect(await seenIds(state, 'x-mentions', ids)).toEqual(new Set());
      const afterFirstRead = dynamo.requestCount();
      // 250 keys = 3 BatchGetItem requests of up to 100 keys
      expect(afterFirstRead - before).toBeLessThanOrEqual(3 + 2);

      await state.ledger.markSeen('x-mentions', ids.slice(0, 200), '2026-12-26T22:10:00Z', MENTION_TTL_DAYS);
      const afterWrite = dynamo.requestCount();
      // 200 items = 8 BatchWriteItem requests of up to 25 items
      expect(afterWrite - afterFirstRead).toBeLessThanOrEqual(8 + 2);

      const seen = await seenIds(state, 'x-mentions', [...ids, ids[0]!]);
      expect(dynamo.requestCount() - afterWrite).toBeLessThanOrEqual(3 + 2);
      expect(seen).toEqual(new Set(ids.slice(0, 200)));
      expect(dynamo.requestCount('BatchGetItem')).toBeGreaterThanOrEqual(6);
      expect(dynamo.requestCount('GetItem')).toBe(getItemsBefore);
    });

    it('keeps seen marks per source', async () => {
      expect(await seenIds(state, 'google-alert-trust', ids.slice(0, 10))).toEqual(new Set());
    });

    it('sets the TTL attribute to 30 days after now, in epoch seconds', async () => {
      await state.ledger.markSeen('x-search', ['42'], '2026-12-26T22:10:00Z', MENTION_TTL_DAYS);
      const raw = await rawItem(stateKeys.seenMention('x-search', '42'));
      const expected = Date.parse('2026-12-26T22:10:00Z') / 1000 + 30 * DAY_SECONDS;
      expect(Number(raw?.['expiresAt']?.N)).toBe(expected);
    });
  });

  describe('runtime pause', () => {
    it('is absent, then set, then cleared', async () => {
      expect(await state.pause.get()).toBeUndefined();
      const pause = { until: '2027-01-04', reason: 'major incident', setAt: '2026-12-28T09:00:00Z' };
      await state.pause.set(pause);
      expect(await state.pause.get()).toEqual(pause);
      await state.pause.clear();
      expect(await state.pause.get()).toBeUndefined();
    });
  });

  describe('audit', () => {
    it('lists records in [from, to) across a month boundary, oldest first', async () => {
      const records = [
        { at: '2026-11-30T23:59:59Z', subject: 'before' },
        { at: '2026-12-31T16:00:00Z', subject: 'closing' },
        { at: '2026-12-31T23:59:59.500Z', subject: 'late' },
        { at: '2027-01-01T00:00:00Z', subject: 'midnight' },
        { at: '2027-01-02T10:30:00Z', subject: 'pals' },
        { at: '2027-01-03T00:00:00Z', subject: 'at-to' },
      ];
      // written newest first so the order of the result comes from the keys, not insertion
      for (const { at, subject } of [...records].reverse()) {
        await state.audit.record({
          at,
          event: 'posted',
          subject,
          configVersion: 'v1',
          scheduledTime: at,
          detail: { tweetId: '187', count: 2, retried: false },
        });
      }
      await state.audit.record({
        at: '2027-01-02T11:00:00Z',
        event: 'skipped',
        subject: 'pals',
        configVersion: 'v1',
      });

      const listed = await state.audit.list('2026-12-01T00:00:00Z', '2027-01-03T00:00:00Z');
      expect(listed.map((record) => record.subject)).toEqual(['closing', 'late', 'midnight', 'pals', 'pals']);
      expect(listed[0]).toEqual({
        at: '2026-12-31T16:00:00Z',
        event: 'posted',
        subject: 'closing',
        scheduledTime: '2026-12-31T16:00:00Z',
        configVersion: 'v1',
        detail: { tweetId: '187', count: 2, retried: false },
      });
      expect(listed[4]).toEqual({
        at: '2027-01-02T11:00:00Z',
        event: 'skipped',
        subject: 'pals',
        configVersion: 'v1',
      });
    });

    it('compares instants, not strings, when the range is written with an offset', async () => {
      // 2027-01-01T00:30:00+01:00 is 2026-12-31T23:30:00Z; the end is just after midnight UTC
      const listed = await state.audit.list('2027-01-01T00:30:00+01:00', '2027-01-01T01:00:01+01:00');
      expect(listed.map((record) => record.subject)).toEqual(['late', 'midnight']);
    });

    it('returns nothing for an empty range', async () => {
      expect(await state.audit.list('2027-01-02T00:00:00Z', '2027-01-02T00:00:00Z')).toEqual([]);
    });

    it('pages through a month with more records than one Query page holds', async () => {
      const bigDetail = { note: 'x'.repeat(4000) };
      await Promise.all(
        Array.from({ length: 300 }, (_, n) =>
          state.audit.record({
            at: new Date(Date.parse('2027-02-01T00:00:00Z') + n * 1000).toISOString(),
            event: 'alert',
            subject: 'sweep',
            configVersion: 'v1',
            detail: bigDetail,
          }),
        ),
      );
      const before = dynamo.requestCount('Query');
      const listed = await state.audit.list('2027-02-01T00:00:00Z', '2027-03-01T00:00:00Z');
      expect(listed).toHaveLength(300);
      expect(listed.map((record) => record.at)).toEqual([...listed.map((record) => record.at)].sort());
      // 300 × ~4 KB exceeds the 1 MB page, so the adapter must have followed LastEvaluatedKey
      expect(dynamo.requestCount('Query') - before).toBeGreaterThan(1);
    });
  });

  describe('found mentions', () => {
    it('lists those found at or after a time, oldest first, with their rules', async () => {
      await state.found.record([
        foundMention('1', '2026-12-26T22:10:00Z', { category: 'concern', matched: ['waiting'] }),
        foundMention('2', '2026-12-27T09:00:00Z', {
          source: 'google-alert-trust',
          sourceType: 'feed',
          key: 'google-alert-trust#2',
          title: 'Hospital news — £2m ward',
        }),
        foundMention('3', '2026-12-24T18:00:00Z'),
      ]);
      const found = await state.found.listSince('2026-12-26T22:10:00Z');
      expect(found.map((mention) => mention.id)).toEqual(['1', '2']);
      expect(found[0]).toEqual(
        foundMention('1', '2026-12-26T22:10:00Z', { category: 'concern', matched: ['waiting'] }),
      );
      expect(found[1]?.title).toBe('Hospital news — £2m ward');
      expect(found[0]).not.toHaveProperty('expiresAt');

      const raw = await rawItem(stateKeys.foundMention('2026-12-26T22:10:00Z', 'x#1'));
      expect(Number(raw?.['expiresAt']?.N)).toBe(
        Date.parse('2026-12-26T22:10:00Z') / 1000 + 30 * DAY_SECONDS,
      );
    });

    it('records the same mention once per time it was found, and marks what an alert email listed', async () => {
      const mention = foundMention('9', '2027-03-01T20:00:00Z');
      await state.found.record([mention, mention]);
      await state.found.record([mention]);
      expect(await state.found.listSince('2027-03-01T00:00:00Z')).toEqual([mention]);
      await state.found.markAlerted([mention], '2027-03-01T20:15:00Z');
      expect(await state.found.listSince('2027-03-01T00:00:00Z')).toEqual([
        { ...mention, alertedAt: '2027-03-01T20:15:00Z' },
      ]);
    });
  });

  describe('run claims', () => {
    const lease = 60_000;
    it('lets one of ten concurrent deliveries run a tick, and tells the others it is in progress', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, () =>
          state.runs.claim('sweep', '2027-01-09T02:05:00Z', '2027-01-09T02:05:01.000Z', lease, 2),
        ),
      );
      expect(results.filter((r) => r.claimed)).toEqual([{ claimed: true, takenOver: false }]);
      expect(results.filter((r) => !r.claimed)).toHaveLength(9);
      expect(results.find((r) => !r.claimed)).toEqual({
        claimed: false,
        status: 'in-progress',
        leaseUntil: '2027-01-09T02:06:01.000Z',
      });
    });

    it('hands a run whose claimer died to the first delivery after the lease, and a finished one to nobody', async () => {
      const tick = '2027-01-09T02:10:00Z';
      await state.runs.claim('sweep', tick, '2027-01-09T02:10:00.000Z', lease, 2);
      expect(await state.runs.claim('sweep', tick, '2027-01-09T02:10:59.000Z', lease, 2)).toMatchObject({
        claimed: false,
      });
      const late = await Promise.all([
        state.runs.claim('sweep', tick, '2027-01-09T02:11:01.000Z', lease, 2),
        state.runs.claim('sweep', tick, '2027-01-09T02:11:01.000Z', lease, 2),
      ]);
      expect(late.filter((r) => r.claimed)).toEqual([{ claimed: true, takenOver: true }]);
      await state.runs.finish('sweep', tick, 'done', '2027-01-09T02:11:02.000Z');
      expect(await state.runs.claim('sweep', tick, '2027-01-09T03:00:00.000Z', lease, 2)).toMatchObject({
        claimed: false,
        status: 'done',
      });
      const raw = await rawItem(stateKeys.runClaim('sweep', tick));
      expect(Number(raw?.['expiresAt']?.N)).toBe(
        Date.parse('2027-01-09T02:11:01.000Z') / 1000 + 2 * DAY_SECONDS,
      );
    });

    it('lets a retry run a failed run at once', async () => {
      const at = '2027-01-11T08:45:00Z';
      await state.runs.claim('briefing', at, '2027-01-11T08:45:00.000Z', lease, 30);
      await state.runs.finish('briefing', at, 'failed', '2027-01-11T08:45:01.000Z');
      expect(await state.runs.claim('briefing', at, '2027-01-11T08:45:02.000Z', lease, 30)).toEqual({
        claimed: true,
        takenOver: true,
      });
    });
  });

  describe('urgent alerts', () => {
    const alert = (key: string, overrides: Partial<UrgentAlert> = {}): UrgentAlert => ({
      key,
      mention: {
        source: 'x-mentions',
        sourceType: 'x-mentions',
        id: key.slice(2),
        author: '@night',
        text: 'I want to end it all tonight',
        url: `https://x.com/night/status/${key.slice(2)}`,
        at: '2027-01-09T02:03:00.000Z',
      },
      matched: ['end it all'],
      alertedAt: '2027-01-09T02:05:01.000Z',
      recipients: ['comms.team@example.nhs.uk', 'oncall.manager@example.nhs.uk'],
      escalations: [],
      nextEscalationAt: '2027-01-09T02:20:00.000Z',
      ...overrides,
    });

    it('opens an alert once and reads it back whole', async () => {
      expect(await state.urgent.open(alert('x#501'))).toBe(true);
      expect(await state.urgent.open(alert('x#501', { recipients: ['someone.else@example.nhs.uk'] }))).toBe(
        false,
      );
      expect(await state.urgent.get('x#501')).toEqual(alert('x#501'));
      expect(await state.urgent.get('x#nope')).toBeUndefined();
      expect([...(await state.urgent.getMany(['x#501', 'x#nope'])).keys()]).toEqual(['x#501']);
    });

    it('finds alerts due for escalation and records each step for one caller only', async () => {
      await state.urgent.open(alert('x#502'));
      await state.urgent.open(alert('x#503', { nextEscalationAt: '2027-01-09T02:35:00.000Z' }));
      expect(
        (await state.urgent.dueForEscalation('2027-01-09T02:19:59.000Z')).map((a) => a.key),
      ).not.toContain('x#502');
      const due = (await state.urgent.dueForEscalation('2027-01-09T02:20:00.000Z')).map((a) => a.key);
      expect(due).toContain('x#502');
      expect(due).not.toContain('x#503');

      const step = { to: 'oncall.manager@example.nhs.uk', at: '2027-01-09T02:20:01.000Z' };
      const recorded = await Promise.all([
        state.urgent.recordEscalation('x#502', 0, step, '2027-01-09T02:35:00.000Z'),
        state.urgent.recordEscalation('x#502', 0, step, '2027-01-09T02:35:00.000Z'),
      ]);
      expect(recorded.filter(Boolean)).toHaveLength(1);
      expect(await state.urgent.get('x#502')).toMatchObject({
        escalations: [step],
        recipients: ['comms.team@example.nhs.uk', 'oncall.manager@example.nhs.uk', step.to],
        nextEscalationAt: '2027-01-09T02:35:00.000Z',
      });
      // the last step leaves nothing due
      const last = { to: 'director@example.nhs.uk', at: '2027-01-09T02:35:01.000Z' };
      expect(await state.urgent.recordEscalation('x#502', 1, last, undefined)).toBe(true);
      expect(await state.urgent.get('x#502')).not.toHaveProperty('nextEscalationAt');
      expect(
        (await state.urgent.dueForEscalation('2027-01-10T00:00:00.000Z')).map((a) => a.key),
      ).not.toContain('x#502');
    });

    it('takes the first of several concurrent acknowledgements, which stops escalation', async () => {
      await state.urgent.open(alert('x#504'));
      const results = await Promise.all(
        ['comms.team@example.nhs.uk', 'oncall.manager@example.nhs.uk'].map((by) =>
          state.urgent.acknowledge('x#504', by, '2027-01-09T02:12:00.000Z'),
        ),
      );
      const winners = results.filter((r) => r.acknowledged);
      expect(winners).toHaveLength(1);
      const loser = results.find((r) => !r.acknowledged);
      expect(loser).toMatchObject({ acknowledged: false, reason: 'already' });
      const stored = await state.urgent.get('x#504');
      expect(stored?.acknowledgedAt).toBe('2027-01-09T02:12:00.000Z');
      expect(stored).not.toHaveProperty('nextEscalationAt');
      expect(
        (await state.urgent.dueForEscalation('2027-01-10T00:00:00.000Z')).map((a) => a.key),
      ).not.toContain('x#504');
      expect(
        await state.urgent.recordEscalation(
          'x#504',
          0,
          { to: 'oncall.manager@example.nhs.uk', at: '2027-01-09T02:20:00.000Z' },
          undefined,
        ),
      ).toBe(false);
      expect(
        await state.urgent.acknowledge('x#unknown', 'a@example.nhs.uk', '2027-01-09T02:12:00.000Z'),
      ).toEqual({
        acknowledged: false,
        reason: 'unknown',
      });
    });
  });

  describe('cursors and source health', () => {
    it('stores a cursor per source', async () => {
      expect(await state.ledger.getCursor('x-mentions')).toBeUndefined();
      await state.ledger.setCursor('x-mentions', '1870000000000000001');
      await state.ledger.setCursor('x-mentions', '1870000000000000002');
      expect(await state.ledger.getCursor('x-mentions')).toBe('1870000000000000002');
      expect(await state.ledger.getCursor('x-search')).toBeUndefined();
    });

    it('defaults to healthy and keeps what was set', async () => {
      expect(await state.sourceHealth.get('feed-a')).toEqual({ consecutiveFailures: 0, alerted: false });
      await state.sourceHealth.set('feed-a', {
        consecutiveFailures: 3,
        alerted: true,
        lastError: 'HTTP 503',
      });
      expect(await state.sourceHealth.get('feed-a')).toEqual({
        consecutiveFailures: 3,
        alerted: true,
        lastError: 'HTTP 503',
      });
      await state.sourceHealth.set('feed-a', { consecutiveFailures: 0, alerted: false });
      expect(await state.sourceHealth.get('feed-a')).toEqual({ consecutiveFailures: 0, alerted: false });
    });
  });

  async function rawItem(key: { pk: string; sk: string }) {
    const { Item } = await dynamo.client.send(
      new GetItemCommand({
        TableName: dynamo.tableName,
        Key: { pk: { S: key.pk }, sk: { S: key.sk } },
        ConsistentRead: true,
      }),
    );
    return Item;
  }
});

describe('persisted dynalite', () => {
  let directory: string;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'social-duty-dynalite-'));
  });

  afterAll(() => {
    rmSync(directory, { recursive: true, force: true });
  });

  it('keeps data across close and restart in the same directory', async () => {
    const first = await startDynalite({ path: directory });
    try {
      const state = dynamoDbStateStores({ client: first.client, tableName: first.tableName });
      await state.ledger.setCursor('x-mentions', '1870000000000000099');
      await state.rotation.advance('tips', 0, 1);
    } finally {
      await first.close();
    }

    const second = await startDynalite({ path: directory });
    try {
      const state = dynamoDbStateStores({ client: second.client, tableName: second.tableName });
      expect(await state.ledger.getCursor('x-mentions')).toBe('1870000000000000099');
      expect(await state.rotation.get('tips')).toBe(1);
    } finally {
      await second.close();
    }
  });
});

/**
 * Sits between the adapter and dynalite and, for the next N batch requests, lets only the first key or
 * item through and hands the rest back as unprocessed, as DynamoDB does under throttling.
 */
async function startThrottlingProxy(upstream: string) {
  const throttleNext = { BatchGetItem: 0, BatchWriteItem: 0 };
  const server = createServer((req, res) => {
    void (async () => {
      const operation = String(req.headers['x-amz-target']).split('.')[1];
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- DynamoDB JSON, only passed through
      const input: any = JSON.parse(await readBody(req));
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      let unprocessed: any;
      if ((operation === 'BatchGetItem' || operation === 'BatchWriteItem') && throttleNext[operation] > 0) {
        throttleNext[operation] -= 1;
        const table = Object.keys(input.RequestItems)[0]!;
        if (operation === 'BatchGetItem') {
          const request = input.RequestItems[table];
          unprocessed = { UnprocessedKeys: { [table]: { ...request, Keys: request.Keys.slice(1) } } };
          request.Keys = request.Keys.slice(0, 1);
        } else {
          unprocessed = { UnprocessedItems: { [table]: input.RequestItems[table].slice(1) } };
          input.RequestItems[table] = input.RequestItems[table].slice(0, 1);
        }
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(
          (entry): entry is [string, string] =>
            typeof entry[1] === 'string' && !['host', 'content-length', 'connection'].includes(entry[0]),
        ),
      );
      const response = await fetch(upstream, { method: 'POST', headers, body: JSON.stringify(input) });
      const output = { ...((await response.json()) as object), ...unprocessed };
      res.writeHead(response.status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(output));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    throttleNext,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

describe('unprocessed batch keys and items', () => {
  let dynamo: DynaliteHandle;
  let proxy: Awaited<ReturnType<typeof startThrottlingProxy>>;
  let client: ReturnType<typeof localDynamoClient>;
  let state: StateStores;

  beforeAll(async () => {
    dynamo = await startDynalite();
    proxy = await startThrottlingProxy(dynamo.endpoint);
    client = localDynamoClient(proxy.endpoint);
    state = dynamoDbStateStores({ client, tableName: dynamo.tableName });
  });

  afterAll(async () => {
    client?.destroy();
    await proxy?.close();
    await dynamo?.close();
  });

  it('retries unprocessed items until every seen mark is written', async () => {
    const ids = Array.from({ length: 30 }, (_, n) => `w${n}`);
    proxy.throttleNext.BatchWriteItem = 3;
    const before = dynamo.requestCount('BatchWriteItem');
    await state.ledger.markSeen('x-mentions', ids, '2026-12-26T22:10:00Z', MENTION_TTL_DAYS);
    expect(proxy.throttleNext.BatchWriteItem).toBe(0);
    expect(dynamo.requestCount('BatchWriteItem') - before).toBeGreaterThan(2);

    const direct = dynamoDbStateStores({ client: dynamo.client, tableName: dynamo.tableName });
    expect(await seenIds(direct, 'x-mentions', ids)).toEqual(new Set(ids));
  });

  it('retries unprocessed keys until every id is answered', async () => {
    const ids = Array.from({ length: 30 }, (_, n) => `w${n}`);
    proxy.throttleNext.BatchGetItem = 3;
    expect(await seenIds(state, 'x-mentions', [...ids, 'never-seen'])).toEqual(new Set(ids));
    expect(proxy.throttleNext.BatchGetItem).toBe(0);
  });
});
