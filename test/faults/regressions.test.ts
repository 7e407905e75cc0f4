// Regressions: each test reproduces a bug the fault suite found (and failed before its fix).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startFaultStack, type FaultStack } from './support/fault-stack';
import { handlePostEvent } from '../../lambdas/services/post-service';
import { handleSweep } from '../../lambdas/services/sweep-service';
import { handleBriefing } from '../../lambdas/services/briefing-service';
import { parseConfig } from '../../lambdas/core/config/parse-config';

let feedBody = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>';
let feed: Server;
let faults: FaultStack;
beforeAll(async () => {
  feed = createServer((_q, r) => r.writeHead(200, { 'content-type': 'application/atom+xml' }).end(feedBody));
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/feed`;
  faults = await startFaultStack('2026-12-01T09:00:00Z', {
    sourceOptions: { feedUrl: () => url, feedTimeoutMs: 1000 },
  });
});
afterAll(async () => {
  await faults.close();
  feed.close();
});
beforeEach(async () => {
  faults.clearFaults();
  await faults.stack.ses.clear();
});
const subjects = async () => (await faults.stack.ses.sentEmails()).map((e) => e.subject);
const live = () =>
  faults.stack.x.tweets().filter((t) => !t.deleted && t.authorUsername === 'LeedsandYorkPFT');

test('after the tweet went out, a failed record never asks for it by hand or marks it failed', async () => {
  const { stack } = faults;
  stack.clock.set('2026-12-08T10:30:01Z');
  const event = { kind: 'post' as const, id: 'pals', scheduledTime: '2026-12-08T10:30:00Z' };
  // the completion write (UpdateItem) fails past the SDK's 4 attempts; the tweet is already on X
  faults.armDynamo({ match: (r) => r.operation === 'UpdateItem', times: 4, fault: { kind: 'drop' } });
  await expect(handlePostEvent(faults.faulty(), event)).rejects.toThrow();
  faults.clearFaults();
  expect(live()).toHaveLength(1);
  expect(await subjects()).toEqual([]);
  // the scheduler's retry, after the claim's lease: one "check the timeline", never a second tweet
  stack.clock.set('2026-12-08T10:32:00Z');
  expect(await handlePostEvent(stack.deps, event)).toEqual({ outcome: 'stuck' });
  expect(live()).toHaveLength(1);
  expect(await subjects()).toEqual(['[social-duty] Check the timeline: pals at 10:30 may not have posted']);
});

test('an answer from X without data is treated as may-have-posted, not as a failure', async () => {
  const { stack } = faults;
  stack.clock.set('2026-12-10T10:30:01Z');
  faults.armX({
    match: (r) => r.operation === 'POST /2/tweets',
    times: 1,
    fault: {
      kind: 'swap-answer',
      status: 201,
      contentType: 'application/json',
      body: '{"errors":[{"title":"partial"}]}',
    },
  });
  await handlePostEvent(faults.faulty(), { kind: 'post', id: 'pals', scheduledTime: '2026-12-10T10:30:00Z' });
  expect(live().filter((t) => t.createdAt.startsWith('2026-12-10'))).toHaveLength(1);
  expect(await subjects()).not.toContain('[social-duty] Post failed: pals at 10:30 — post it by hand');
});

test('a feed entry id over 1 KB does not stop sweeps (DynamoDB sort-key limit)', async () => {
  const { stack } = faults;
  feedBody = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>${'x'.repeat(1100)}</id><title>t</title><link href="https://e.org/a"/></entry></feed>`;
  stack.x.addMention({
    authorUsername: 'someone',
    text: '@LeedsandYorkPFT rude staff [ref b3b]',
    createdAt: '2026-12-11T10:50:00Z',
  });
  stack.clock.set('2026-12-11T11:00:00Z');
  const summary = await handleSweep(stack.deps, '2026-12-11T11:00:00Z'); // rejected with ValidationException before
  expect(summary.failedSources).toEqual([]);
  expect((await faults.stack.ses.sentEmails()).some((e) => e.text.includes('[ref b3b]'))).toBe(true);
  feedBody = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>';
});

test('a briefing whose email failed is sent by the retry', async () => {
  const { stack } = faults;
  stack.x.addMention({
    authorUsername: 'owl',
    text: '@LeedsandYorkPFT complaint at night [ref b4]',
    createdAt: '2026-12-11T20:10:00Z',
  });
  stack.clock.set('2026-12-11T21:00:00Z');
  await handleSweep(stack.deps, '2026-12-11T21:00:00Z'); // held for Monday's briefing
  stack.clock.set('2026-12-14T08:45:00Z');
  faults.armSes({ times: 1, fault: { kind: 'ses-error', code: 'MessageRejected' } });
  await expect(handleBriefing(faults.faulty(), '2026-12-14T08:45:00Z')).rejects.toThrow('MessageRejected');
  faults.clearFaults();
  const retry = await handleBriefing(stack.deps, '2026-12-14T08:45:00Z'); // the scheduler's retry
  expect(retry.outcome).toBe('sent');
  expect((await stack.ses.sentEmails()).filter((e) => e.subject.includes('Morning briefing'))).toHaveLength(
    1,
  );
});

// These two took minutes before the fix; jest's timeout (30 s) is the guard, the assertions are about behaviour.
test('parseConfig refuses nested maps used as keys', () => {
  const text = 'posts: ' + '{'.repeat(500) + '}'.repeat(500);
  expect(() => parseConfig(text, 'f.yaml')).toThrow(
    /^f\.yaml:1:9 keys must be plain words, not lists or maps/,
  );
});

test('parseConfig reports a map of 20,000 unknown keys, capped at 50 problems', () => {
  const text = Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n');
  let message = '';
  try {
    parseConfig(text, 'f.yaml');
  } catch (error) {
    message = (error as Error).message;
  }
  const lines = message.split('\n');
  expect(lines).toHaveLength(51);
  expect(lines[50]).toMatch(/…and \d+ more problems after this one$/);
});

test('an alias to an undefined anchor is reported as such, not as an alias bomb', () => {
  expect(() => parseConfig('organisation: *nope\n', 'f.yaml')).toThrow(/nope|alias.*(not found|unresolved)/i);
});
