import { handlePostEvent, type PostEvent } from '../../lambdas/services/post-service';
import { createPostHandler } from '../../lambdas/handlers/post';
import { runCli } from '../../cli/main';
import { startTestStack } from '../support/local-stack';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

const FRIDAY_SIGN_OFF: PostEvent = { kind: 'closing', id: 'closing', scheduledTime: '2026-11-27T16:00:00Z' };

describe('posting engine against dynalite, local SES and the local X API', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startTestStack('2026-11-27T16:00:00Z');
  });
  afterAll(async () => {
    await stack.close();
  });
  beforeEach(async () => {
    stack.x.reset();
    await stack.ses.clear();
  });

  const liveTweets = () => stack.x.tweets().filter((t) => !t.deleted);
  const at = (iso: string) => stack.clock.set(iso);
  const run = (event: PostEvent) => handlePostEvent(stack.deps, event);

  it('posts once when the same event is delivered twice in a row', async () => {
    at('2026-11-27T16:00:01Z');
    const first = await run(FRIDAY_SIGN_OFF);
    const second = await run(FRIDAY_SIGN_OFF);
    expect(first.outcome).toBe('posted');
    expect(second).toEqual({ outcome: 'already-done', status: 'posted' });
    expect(liveTweets().map((t) => t.text)).toEqual([
      "We're signing off for the weekend. If you need advice or support, please see https://www.leedsandyorkpft.nhs.uk. We'll be back tweeting on Monday.",
    ]);
  });

  it('posts once when the same event is delivered five times at once, through the real handler', async () => {
    at('2026-12-04T16:00:01Z');
    const handler = createPostHandler(async () => stack.deps);
    const event = { kind: 'closing', id: 'closing', scheduledTime: '2026-12-04T16:00:00Z' };
    const outcomes = await Promise.all(Array.from({ length: 5 }, () => handler(event, {} as never)));
    expect(outcomes.filter((o) => o.outcome === 'posted')).toHaveLength(1);
    expect(liveTweets()).toHaveLength(1);
    expect(await stack.ses.sentEmails()).toHaveLength(0);
  });

  it('never re-sends after a crash between posting and recording, and emails the duty officer once', async () => {
    at('2026-12-08T10:30:05Z');
    const scheduledTime = '2026-12-08T10:30:00Z';
    const text = 'PALS text that went out before the crash';
    // what a crash leaves behind: the claim in progress and the tweet on X
    await stack.deps.state.posts.claim({
      postId: 'pals',
      scheduledTime,
      account: 'main',
      text,
      configVersion: stack.deps.configVersion,
      claimedAt: '2026-12-08T10:30:01Z',
      leaseUntil: '2026-12-08T10:31:01Z',
    });
    await stack.deps.channels.forAccount('main').post('main', text);
    const redelivery = await run({ kind: 'post', id: 'pals', scheduledTime });
    const again = await run({ kind: 'post', id: 'pals', scheduledTime });
    expect(redelivery).toEqual({ outcome: 'stuck' });
    expect(again.outcome).toBe('already-done');
    expect(liveTweets()).toHaveLength(1);
    const emails = await stack.ses.sentEmails();
    expect(emails).toHaveLength(1);
    expect(emails[0]?.to).toEqual(['sam.duty@leedsandyorkpft.nhs.uk']);
    expect(emails[0]?.text).toContain(text);
    expect(emails[0]?.text).toContain('x.com/LeedsandYorkPFT');
  });

  it('retries a 429 and posts once', async () => {
    at('2026-12-10T10:30:01Z');
    stack.x.injectFailure({
      from: new Date('2026-12-10T10:30:00Z'),
      until: new Date('2026-12-10T10:30:03Z'),
      status: 429,
    });
    const outcome = await run({ kind: 'post', id: 'pals', scheduledTime: '2026-12-10T10:30:00Z' });
    expect(outcome.outcome).toBe('posted');
    expect(liveTweets()).toHaveLength(1);
  });

  it('emails the duty officer the exact text when X keeps answering 503', async () => {
    at('2026-12-15T10:30:01Z');
    stack.x.injectFailure({
      from: new Date('2026-12-15T10:00:00Z'),
      until: new Date('2026-12-15T12:00:00Z'),
      status: 503,
    });
    const outcome = await run({ kind: 'post', id: 'pals', scheduledTime: '2026-12-15T10:30:00Z' });
    expect(outcome).toEqual({ outcome: 'failed', reason: 'X had a server error (HTTP 503)' });
    expect(liveTweets()).toHaveLength(0);
    const [email, ...others] = await stack.ses.sentEmails();
    expect(others).toHaveLength(0);
    expect(email?.to).toEqual(['sam.duty@leedsandyorkpft.nhs.uk']);
    const claim = await stack.deps.state.posts.get('pals', '2026-12-15T10:30:00Z');
    expect(claim?.status).toBe('failed');
    expect(email?.text).toContain(claim?.text);
    expect(email?.text).toContain('X had a server error (HTTP 503)');
    expect(email?.text).toContain('10:30');
    expect(email?.subject).toContain('pals');
    const audit = await stack.deps.state.audit.list('2026-12-15T00:00:00Z', '2026-12-16T00:00:00Z');
    expect(audit.map((r) => r.event)).toEqual(['failed']);
    expect(audit[0]?.configVersion).toBe(stack.deps.configVersion);
  });

  it('posts the next variant when X refuses the text as duplicate content', async () => {
    at('2026-12-17T10:30:01Z');
    const rotation = await stack.deps.state.rotation.get('pals');
    const variants = stack.deps.config.posts.find((p) => p.id === 'pals')?.variants ?? [];
    const expectedFirst = String(variants[rotation % 2] ?? '').replace(
      '{website}',
      'https://www.leedsandyorkpft.nhs.uk',
    );
    const expectedNext = String(variants[(rotation + 1) % 2] ?? '').replace(
      '{website}',
      'https://www.leedsandyorkpft.nhs.uk',
    );
    await stack.deps.channels.forAccount('main').post('main', expectedFirst); // the same text went out recently
    const outcome = await run({ kind: 'post', id: 'pals', scheduledTime: '2026-12-17T10:30:00Z' });
    expect(outcome).toMatchObject({ outcome: 'posted', text: expectedNext });
    expect(await stack.deps.state.rotation.get('pals')).toBe(rotation + 2);
  });

  it('posts nothing in a config pause or a runtime pause, and the audit says why', async () => {
    at('2027-04-08T10:30:01Z');
    const paused = await run({ kind: 'post', id: 'pals', scheduledTime: '2027-04-08T09:30:00Z' });
    expect(paused).toEqual({ outcome: 'skipped', reason: 'paused: Pre-election period' });
    const out = await runCli(
      [
        'pause',
        '--until',
        '2026-12-23',
        '--reason',
        'Major incident',
        '--today',
        '2026-12-22',
        '--endpoint',
        stack.dynamo.endpoint,
        '--table',
        stack.dynamo.tableName,
      ],
      {
        stdout: () => undefined,
        stderr: (t) => console.error(t),
      },
    );
    expect(out).toBe(0);
    const status: string[] = [];
    const target = [
      '--today',
      '2026-12-22',
      '--endpoint',
      stack.dynamo.endpoint,
      '--table',
      stack.dynamo.tableName,
    ];
    await runCli(['status', ...target], { stdout: (t) => status.push(t), stderr: (t) => status.push(t) });
    expect(status.join('\n')).toContain('Runtime pause: ON until 2026-12-23 (Major incident)');
    at('2026-12-22T10:30:01Z');
    const runtime = await run({ kind: 'post', id: 'pals', scheduledTime: '2026-12-22T10:30:00Z' });
    expect(runtime).toEqual({ outcome: 'skipped', reason: 'paused: Major incident' });
    expect(liveTweets()).toHaveLength(0);
    const audit = await stack.deps.state.audit.list('2026-12-22T00:00:00Z', '2026-12-23T00:00:00Z');
    expect(audit.filter((r) => r.event === 'skipped').map((r) => r.detail?.reason)).toEqual([
      'paused: Major incident',
    ]);
    const resumed: string[] = [];
    await runCli(['resume', ...target], { stdout: (t) => resumed.push(t), stderr: (t) => resumed.push(t) });
    expect(resumed.join('')).toContain('Resumed: the pause "Major incident" is lifted');
    expect(await stack.deps.state.pause.get()).toBeUndefined();
  });
  it('asks the reopening day duty officer to delete the sign-off by hand when X cannot delete it', async () => {
    at('2027-01-08T16:00:01Z');
    const signOff = await run({ kind: 'closing', id: 'closing', scheduledTime: '2027-01-08T16:00:00Z' });
    expect(signOff.outcome).toBe('posted');
    const tweetId = signOff.outcome === 'posted' ? signOff.tweetId : '';
    stack.x.injectFailure({
      from: new Date('2027-01-11T08:59:00Z'),
      until: new Date('2027-01-11T10:00:00Z'),
      status: 503,
      paths: ['DELETE /2/tweets'],
    });
    at('2027-01-11T09:00:01Z');
    expect(
      (await run({ kind: 'reopening', id: 'reopening', scheduledTime: '2027-01-11T09:00:00Z' })).outcome,
    ).toBe('posted');
    expect(stack.x.tweets().find((t) => t.id === tweetId)?.deleted).toBe(false);
    const emails = await stack.ses.sentEmails();
    expect(emails.map((e) => [e.subject, e.to])).toEqual([
      [
        '[social-duty] Delete the sign-off by hand: it could not be deleted',
        ['alex.duty@leedsandyorkpft.nhs.uk'],
      ],
    ]);
    expect(emails[0]?.text).toContain(`https://x.com/LeedsandYorkPFT/status/${tweetId}`);
    expect(emails[0]?.text).toContain('Friday 8 January at 16:00');
  });
});

describe('Christmas 2026 with the example config', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startTestStack('2026-12-21T00:00:00Z');
  });
  afterAll(async () => {
    await stack.close();
  });

  it('signs off on 23 December, posts nothing 24–28 December, and reopens on 29 December deleting the sign-off', async () => {
    const { schedulePlan } = await import('../../lambdas/core/plan/schedule-plan');
    const postingSchedules = schedulePlan(stack.deps.config).filter((e) => e.target === 'post');
    // every posting schedule fires at its time on each day of the range; the handler decides
    const outcomes: string[] = [];
    for (let day = 21; day <= 29; day++) {
      const date = `2026-12-${day}`;
      for (const entry of postingSchedules) {
        const [minute, hour] = entry.cron.split(' ');
        const scheduledTime = `${date}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`;
        stack.clock.set(scheduledTime);
        const payload = entry.payload as { kind: 'post' | 'closing' | 'reopening'; id: string };
        const outcome = await handlePostEvent(stack.deps, { ...payload, scheduledTime });
        if (outcome.outcome !== 'not-due') outcomes.push(`${date} ${payload.id} ${outcome.outcome}`);
      }
    }
    expect(outcomes).toEqual([
      '2026-12-21 wyg posted',
      '2026-12-21 reopening posted',
      '2026-12-22 pals posted',
      '2026-12-23 staff-awards posted',
      '2026-12-23 closing posted',
      '2026-12-24 pals skipped',
      '2026-12-28 wyg skipped',
      '2026-12-29 pals posted',
      '2026-12-29 reopening posted',
    ]);
    const tweets = stack.x.tweets();
    const signOff = tweets.find((t) => t.text.startsWith("We're signing off"));
    expect(signOff?.text).toContain('back tweeting on Tuesday 29 December');
    expect(signOff?.createdAt.slice(0, 10)).toBe('2026-12-23');
    expect(signOff?.deleted).toBe(true);
    expect(signOff?.deletedAt?.slice(0, 10)).toBe('2026-12-29');
    expect(tweets.filter((t) => t.createdAt >= '2026-12-24' && t.createdAt < '2026-12-29')).toHaveLength(0);

    // the audit trail tells the same story, with the config version and no post text
    const out: string[] = [];
    const code = await runCli(
      [
        'audit',
        '--from',
        '2026-12-23',
        '--to',
        '2026-12-29',
        '--json',
        '--endpoint',
        stack.dynamo.endpoint,
        '--table',
        stack.dynamo.tableName,
      ],
      { stdout: (t) => out.push(t), stderr: (t) => out.push(t) },
    );
    expect(code).toBe(0);
    const { records } = JSON.parse(out.join('')) as {
      records: Array<{ event: string; subject: string; configVersion: string; detail?: object }>;
    };
    expect(records.map((r) => `${r.event} ${r.subject}`)).toEqual([
      'posted staff-awards',
      'posted closing',
      'skipped pals',
      'skipped wyg',
      // the same instant sorts by event name: the deletion is recorded with the reopening post
      'deleted closing',
      'posted reopening',
      'posted pals',
    ]);
    expect(records.every((r) => r.configVersion === stack.deps.configVersion)).toBe(true);
    expect(JSON.stringify(records)).not.toContain('signing off');
  });
});
