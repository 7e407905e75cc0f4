/**
 * The real posting engine and sweep on a config with X, Bluesky and the Facebook Page: the real Bluesky adapter
 * (the official @atproto/api client) over HTTP against the local XRPC stand-in, with dynalite, local SES and
 * the local X and Graph APIs beside it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { handlePostEvent } from '../../lambdas/services/post-service';
import { handleSweep } from '../../lambdas/services/sweep-service';
import { startTestStack } from '../support/local-stack';

const CONFIG_FILE = join(__dirname, '..', '..', 'config', 'examples', 'three-networks.yaml');
const HANDLE = 'leedsandyorkpft.bsky.social';
const loaded = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE);

describe('posting and sweeping on Bluesky through the real adapter', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeAll(async () => {
    stack = await startTestStack('2026-12-23T16:00:01Z', { loaded });
  });
  afterAll(() => stack.close());

  const run = (kind: 'closing' | 'reopening', scheduledTime: string) =>
    handlePostEvent(stack.deps, { kind, id: kind, scheduledTime });
  const sentSince = async (count: number) => (await stack.ses.sentEmails()).slice(count);

  it('the sign-off goes to Bluesky with its link as a facet, claimed for that account', async () => {
    const outcome = await run('closing', '2026-12-23T16:00:00Z');
    expect(outcome).toMatchObject({
      outcome: 'per-account',
      accounts: {
        main: { outcome: 'posted' },
        bluesky: { outcome: 'posted' },
        facebook: { outcome: 'posted' },
      },
    });
    const [post] = stack.bluesky.posts();
    expect(post?.text).toBe(
      "We're signing off for the holiday. If you need advice or support, please see https://www.leedsandyorkpft.nhs.uk. We'll be back on Tuesday 29 December.",
    );
    expect(post?.facets).toEqual([
      expect.objectContaining({
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://www.leedsandyorkpft.nhs.uk' }],
      }),
    ]);
    const claim = await stack.deps.state.posts.get('closing@bluesky', '2026-12-23T16:00:00Z');
    expect(claim).toMatchObject({ status: 'posted', tweetId: post?.uri });
  });

  it('a second delivery of the same schedule posts nothing more', async () => {
    await run('closing', '2026-12-23T16:00:00Z');
    expect(stack.bluesky.posts()).toHaveLength(1);
  });

  it('the reopening deletes the Bluesky sign-off by its record URI', async () => {
    stack.clock.set('2026-12-29T09:00:01Z');
    await run('reopening', '2026-12-29T09:00:00Z');
    const signOff = stack.bluesky.posts().find((post) => post.text.includes('signing off'));
    expect(signOff).toMatchObject({ deleted: true, deletedAt: '2026-12-29T09:00:01.000Z' });
    expect(
      stack.bluesky
        .posts()
        .filter((post) => !post.deleted)
        .map((post) => post.text),
    ).toEqual([
      "Good morning, we're back! Message us or see https://www.leedsandyorkpft.nhs.uk for advice and support.",
    ]);
  });

  it('a revoked app password: the others post, and the duty officer gets the exact text and how to renew it', async () => {
    stack.clock.set('2026-12-31T16:00:01Z');
    const before = (await stack.ses.sentEmails()).length;
    stack.bluesky.revokeAppPassword(HANDLE);
    const outcome = await run('closing', '2026-12-31T16:00:00Z');
    expect(outcome).toMatchObject({
      outcome: 'per-account',
      accounts: {
        main: { outcome: 'posted' },
        bluesky: { outcome: 'failed' },
        facebook: { outcome: 'posted' },
      },
    });
    const emails = await sentSince(before);
    expect(emails.map((email) => email.subject)).toEqual([expect.stringContaining('Post failed: closing')]);
    const [failure] = emails;
    expect(failure?.text).toContain("We'll be back on Monday 4 January.");
    expect(failure?.text).toContain('Bluesky');
    expect(failure?.text).toContain('App passwords');
    expect(failure?.text).toContain('social-duty/bluesky/main');
    expect(failure?.text).not.toContain('local-bluesky-app-password');
    expect((await stack.deps.state.posts.get('closing@bluesky', '2026-12-31T16:00:00Z'))?.status).toBe(
      'failed',
    );
  });

  it('a crisis mention at night is an urgent email naming Bluesky, once, with a link to the post', async () => {
    stack.clock.set('2027-01-02T22:00:00Z');
    // a new app password was stored (the stand-in forgets the revocation); the adapter logs in afresh
    stack.bluesky.reset();
    const before = (await stack.ses.sentEmails()).length;
    const mention = stack.bluesky.addMention({
      to: HANDLE,
      authorHandle: 'nightowl.bsky.social',
      text: `@${HANDLE} I took an overdose an hour ago`,
      at: '2027-01-02T22:01:00Z',
    });
    stack.clock.set('2027-01-02T22:05:00Z');
    expect(await handleSweep(stack.deps, '2027-01-02T22:05:00Z')).toMatchObject({ urgent: 1 });
    const urgent = (await sentSince(before)).filter((email) => /URGENT/.test(email.subject));
    expect(urgent).toHaveLength(1);
    expect(urgent[0]?.subject).toContain('on Bluesky');
    expect(urgent[0]?.text).toContain('@nightowl.bsky.social');
    const rkey = mention.uri.split('/').pop() ?? '';
    expect(urgent[0]?.text).toContain(`https://bsky.app/profile/nightowl.bsky.social/post/${rkey}`);
    expect(await stack.deps.state.urgent.get(`bluesky#${mention.uri}`)).toBeDefined();

    stack.clock.set('2027-01-02T22:10:00Z');
    await handleSweep(stack.deps, '2027-01-02T22:10:00Z');
    const again = (await sentSince(before)).filter((email) => /URGENT/.test(email.subject));
    expect(again).toHaveLength(1);
  });
});
