import { XChannel } from '../../lambdas/adapters/x-channel';
import type { TwitterApiXClient } from '../../lambdas/adapters/x-client';
import { ChannelError, type ChannelPort, type Channels } from '../../lambdas/ports/channel';
import { XApiError } from '../../lambdas/ports/x-client';
import { channelDirectory } from '../../lambdas/services/channel-directory';
import { handlePostEvent } from '../../lambdas/services/post-service';
import type { LocalXApiServer } from '../../local/x-api-server';
import { startTestStack } from '../support/local-stack';
import { MAIN_ACCOUNT, startLocalX, TRUST_HANDLE } from '../support/local-x';

describe('the X channel over the local X API', () => {
  let now: Date;
  let server: LocalXApiServer;
  let channel: XChannel;

  beforeAll(async () => {
    let client: TwitterApiXClient;
    ({ server, client } = await startLocalX({ clock: () => now }, { pageSize: 5 }));
    channel = new XChannel({ client, handles: { [MAIN_ACCOUNT]: TRUST_HANDLE } });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
    now = new Date('2026-12-29T09:00:00Z');
  });

  it('posts and deletes by the id the post returned', async () => {
    const posted = await channel.post(MAIN_ACCOUNT, 'Our PALS team is here to help');
    expect(server.tweets().find((t) => t.id === posted.id)?.deleted).toBe(false);
    await channel.delete(MAIN_ACCOUNT, posted.id);
    expect(server.tweets().find((t) => t.id === posted.id)?.deleted).toBe(true);
  });

  it('reads mentions since its cursor without repeats, leaving out the trust’s own posts', async () => {
    server.addMention({
      authorUsername: 'carer_jo',
      text: `@${TRUST_HANDLE} thank you`,
      createdAt: '2026-12-29T08:50:00Z',
    });
    const first = await channel.mentions(MAIN_ACCOUNT, undefined, now);
    expect(first.mentions.map((m) => m.author)).toEqual(['@carer_jo']);
    expect(first.nextCursor).toBe(first.mentions[0]?.id);

    server.addMention({
      authorUsername: 'sam',
      text: `@${TRUST_HANDLE} when do you open?`,
      createdAt: '2026-12-29T08:55:00Z',
    });
    await channel.post(MAIN_ACCOUNT, `@${TRUST_HANDLE} a note to ourselves`);
    const second = await channel.mentions(MAIN_ACCOUNT, first.nextCursor, now);
    expect(second.mentions.map((m) => m.author)).toEqual(['@sam']);
    expect(second.mentions[0]).not.toHaveProperty('source');
  });

  it('searches with the query it is given', async () => {
    server.addMention({
      authorUsername: 'news_desk',
      text: 'Leeds and York Partnership opens a new clinic',
      createdAt: '2026-12-29T08:40:00Z',
    });
    const found = await channel.search(MAIN_ACCOUNT, '"Leeds and York Partnership"', undefined, now);
    expect(found.mentions.map((m) => m.author)).toEqual(['@news_desk']);
  });

  it('fails as a ChannelError of the X network', async () => {
    server.injectFailure({
      from: new Date(0),
      until: new Date('2027-01-01T00:00:00Z'),
      status: 503,
      paths: ['POST /2/tweets'],
    });
    const failure = await channel.post(MAIN_ACCOUNT, 'x').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(XApiError);
    expect(failure).toBeInstanceOf(ChannelError);
    expect(failure).toMatchObject({ network: 'x', kind: 'server', status: 503, retryable: true });
  });
});

describe('the channel directory', () => {
  const x = { network: 'x' } as ChannelPort;
  const config = { accounts: { main: { network: 'x' as const, handle: 'Trust', secret: 's' } } };

  it('gives each account the channel of its network, X by default', () => {
    expect(channelDirectory(config, { x }).forAccount('main')).toBe(x);
  });

  it('refuses, for good, an account whose network has no channel here', () => {
    const lookup = () => channelDirectory(config, {}).forAccount('main');
    expect(lookup).toThrow(ChannelError);
    expect(lookup).toThrow(/no X channel for account "main"/);
  });
});

describe('the posting engine on any channel', () => {
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeAll(async () => {
    stack = await startTestStack('2026-11-27T16:00:01Z');
  });
  afterAll(async () => {
    await stack.close();
  });

  /** a network that refuses the credentials and says how to renew them, as the Facebook adapter will */
  const expiredToken: ChannelPort = {
    network: 'facebook',
    post: () =>
      Promise.reject(
        new ChannelError('Graph API: the Page access token has expired (code 190)', 'auth', 'facebook', {
          status: 400,
          advice: 'Renew the Page access token and store it in the secret social-duty/facebook/page',
        }),
      ),
    delete: () => Promise.resolve(),
    mentions: () => Promise.resolve({ mentions: [] }),
  };

  it('emails the exact text with the network’s reason and what to do, and records the failure', async () => {
    const channels: Channels = { forAccount: () => expiredToken };
    const scheduledTime = '2026-11-27T16:00:00Z';
    const outcome = await handlePostEvent(
      { ...stack.deps, channels },
      { kind: 'closing', id: 'closing', scheduledTime },
    );
    const reason =
      'Facebook refused the account credentials (HTTP 400). Renew the Page access token and store it in the secret social-duty/facebook/page';
    expect(outcome).toEqual({ outcome: 'failed', reason });
    const [email, ...others] = await stack.ses.sentEmails();
    expect(others).toHaveLength(0);
    expect(email?.text).toContain(reason);
    expect(email?.text).toContain("We're signing off for the weekend.");
    expect((await stack.deps.state.posts.get('closing', scheduledTime))?.status).toBe('failed');
    expect(stack.x.tweets()).toHaveLength(0);
  });
});
