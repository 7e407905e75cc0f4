/**
 * The real posting engine sending one sign-off to X and the trust's Facebook Page: the real Facebook adapter
 * over HTTP against the local Graph API, the real X adapter against the local X API, dynalite and local SES.
 */
import { parseConfig } from '../../lambdas/core/config/parse-config';
import type { Channels } from '../../lambdas/ports/channel';
import { buildChannels } from '../../lambdas/runtime/channel-runtime';
import { handlePostEvent } from '../../lambdas/services/post-service';
import type { XClientPort } from '../../lambdas/ports/x-client';
import { startFacebookServer, type LocalFacebookServer } from '../../local/facebook-server';
import { sampleWith } from '../support/config-text';
import { startTestStack } from '../support/local-stack';

const PAGE_ID = '100064000000001';
const TOKEN = 'local-page-token';
const FACEBOOK_TEXT =
  "We're signing off for the {closedPeriod}. This Page is not monitored until {reopenDay}: if you need urgent help call NHS 111 or 999.";

const loaded = parseConfig(
  sampleWith(
    [
      '    secret: social-duty/x/main',
      `    secret: social-duty/x/main\n  page:\n    network: facebook\n    pageId: "${PAGE_ID}"\n    name: Example Trust\n    secret: social-duty/facebook/page`,
    ],
    [
      'closing:                                 # the automated sign-off before every closed period\n  account: main',
      'closing:\n  account: [main, page]',
    ],
    [
      '  text: "We\'re signing off for the {closedPeriod}.',
      `  text:\n    facebook: "${FACEBOOK_TEXT}"\n    x: "We're signing off for the {closedPeriod}.`,
    ],
  ),
  'cfg.yaml',
);

describe('one sign-off on X and the Facebook Page', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  let facebook: LocalFacebookServer;
  let channels: Channels;

  beforeAll(async () => {
    stack = await startTestStack('2026-12-23T16:00:01Z', { loaded });
    facebook = await startFacebookServer({
      clock: () => stack.clock.now(),
      pages: { page: { pageId: PAGE_ID, name: 'Example Trust', pageAccessToken: TOKEN } },
    });
    const pages = buildChannels(
      loaded,
      { tableName: '', facebookBaseUrl: facebook.url, accountSecrets: { page: { pageAccessToken: TOKEN } } },
      {} as XClientPort,
    );
    channels = {
      forAccount: (account) =>
        account === 'page' ? pages.forAccount(account) : stack.deps.channels.forAccount(account),
    };
  });
  afterAll(async () => {
    await facebook.close();
    await stack.close();
  });

  const run = (kind: 'closing' | 'reopening', scheduledTime: string) =>
    handlePostEvent({ ...stack.deps, channels }, { kind, id: kind, scheduledTime });

  it('posts each network its own text, claimed per account', async () => {
    const outcome = await run('closing', '2026-12-23T16:00:00Z');
    expect(outcome).toMatchObject({
      outcome: 'per-account',
      accounts: { main: { outcome: 'posted' }, page: { outcome: 'posted' } },
    });
    const [pagePost] = facebook.posts();
    expect(pagePost?.message).toBe(
      "We're signing off for the holiday. This Page is not monitored until Tuesday 29 December: if you need urgent help call NHS 111 or 999.",
    );
    expect(stack.x.tweets()[0]?.text).toContain('back tweeting on Tuesday 29 December');
    for (const claimId of ['closing@main', 'closing@page'])
      expect((await stack.deps.state.posts.get(claimId, '2026-12-23T16:00:00Z'))?.status).toBe('posted');
  });

  it('the reopening deletes the sign-off on each account', async () => {
    stack.clock.set('2026-12-29T09:00:01Z');
    const outcome = await run('reopening', '2026-12-29T09:00:00Z');
    expect(outcome).toMatchObject({ outcome: 'per-account' });
    expect(facebook.posts().find((p) => p.message.includes('signing off'))?.deleted).toBe(true);
    expect(stack.x.tweets().find((t) => t.text.includes('signing off'))?.deleted).toBe(true);
    expect(
      (await stack.deps.state.posts.get('closing@page', '2026-12-23T16:00:00Z'))?.deletedAt,
    ).toBeDefined();
  });

  it('an expired Page token: X still posts, and the duty officer gets the exact text and how to renew it', async () => {
    stack.clock.set('2026-12-31T16:00:01Z');
    const before = (await stack.ses.sentEmails()).length;
    facebook.expireToken(PAGE_ID);
    const outcome = await run('closing', '2026-12-31T16:00:00Z');
    expect(outcome).toMatchObject({
      outcome: 'per-account',
      accounts: { main: { outcome: 'posted' }, page: { outcome: 'failed' } },
    });
    const emails = (await stack.ses.sentEmails()).slice(before);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.subject).toContain('Post failed: closing');
    expect(emails[0]?.text).toContain('This Page is not monitored until Monday');
    expect(emails[0]?.text).toContain('Facebook refused the account credentials');
    expect(emails[0]?.text).toContain('social-duty/facebook/page');
    expect(emails[0]?.text).not.toContain(TOKEN);
    expect((await stack.deps.state.posts.get('closing@page', '2026-12-31T16:00:00Z'))?.status).toBe('failed');
  });
});
