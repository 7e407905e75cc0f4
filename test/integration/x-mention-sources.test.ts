import { XMentionsSource, XSearchSource } from '../../lambdas/adapters/x-mention-sources';
import type { TwitterApiXClient } from '../../lambdas/adapters/x-client';
import type { LocalXApiServer } from '../../local/x-api-server';
import { MAIN_ACCOUNT, startLocalX, TRUST_HANDLE } from '../support/local-x';

const SEARCH_QUERY = `"Leeds and York Partnership" -from:${TRUST_HANDLE}`;

describe('X mention sources against the local X API', () => {
  let now: Date;
  let server: LocalXApiServer;
  let client: TwitterApiXClient;

  beforeAll(async () => {
    // small pages so a handful of mentions already spans several pages
    ({ server, client } = await startLocalX({ clock: () => now }, { pageSize: 5 }));
  });

  afterAll(async () => {
    await server.close();
  });

  beforeEach(() => {
    server.reset();
    now = new Date('2026-12-29T09:00:00Z');
  });

  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();
  const mentionsSource = (maxPages?: number) =>
    new XMentionsSource({
      id: 'x-mentions',
      account: MAIN_ACCOUNT,
      handle: TRUST_HANDLE,
      client,
      ...(maxPages ? { maxPages } : {}),
    });
  const searchSource = () =>
    new XSearchSource({
      id: 'x-search',
      account: MAIN_ACCOUNT,
      handle: `@${TRUST_HANDLE}`,
      client,
      query: SEARCH_QUERY,
    });

  function addMentions(count: number, minutesAgoStart: number): string[] {
    return Array.from(
      { length: count },
      (_, index) =>
        server.addMention({
          authorUsername: `person${index}`,
          text: `@${TRUST_HANDLE} question number ${index}`,
          createdAt: minutesAgo(minutesAgoStart - index),
        }).id,
    );
  }

  it('turns a mention into a Mention with author, url and time', async () => {
    const posted = server.addMention({
      authorUsername: 'carer_jo',
      text: `Thank you @${TRUST_HANDLE} for the help today`,
      createdAt: '2026-12-29T08:30:00Z',
    });

    const batch = await mentionsSource().fetchNew(undefined, now);

    expect(batch).toEqual({
      mentions: [
        {
          source: 'x-mentions',
          sourceType: 'x-mentions',
          id: posted.id,
          author: '@carer_jo',
          text: `Thank you @${TRUST_HANDLE} for the help today`,
          url: `https://x.com/carer_jo/status/${posted.id}`,
          at: '2026-12-29T08:30:00.000Z',
        },
      ],
      nextCursor: posted.id,
    });
  });

  it('follows next_token across pages', async () => {
    const ids = addMentions(12, 120); // pages of 5: 5 + 5 + 2

    const batch = await mentionsSource().fetchNew(undefined, now);

    expect(batch.mentions.map((mention) => mention.id).sort()).toEqual([...ids].sort());
    expect(batch.nextCursor).toBe(ids[ids.length - 1]);
  });

  it('stops at maxPages and still moves the cursor to the newest mention', async () => {
    const ids = addMentions(12, 120);
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);

    const batch = await mentionsSource(2).fetchNew(undefined, now);

    // newest first: the two pages hold the ten newest
    expect(batch.mentions.map((mention) => mention.id)).toEqual(ids.slice(2).reverse());
    expect(batch.nextCursor).toBe(ids[ids.length - 1]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('page limit'));
    expect(warn.mock.calls.join(' ')).not.toContain('question');
    warn.mockRestore();
  });

  it('the cursor carries over: a second sweep sees only what is new, a third sees nothing', async () => {
    const source = mentionsSource();
    const [firstId] = addMentions(1, 30);
    const first = await source.fetchNew(undefined, now);
    expect(first.nextCursor).toBe(firstId);

    now = new Date(now.getTime() + 15 * 60_000);
    const later = [
      server.addMention({
        authorUsername: 'sam_n',
        text: `@${TRUST_HANDLE} still waiting`,
        createdAt: minutesAgo(5),
      }).id,
      server.addMention({
        authorUsername: 'alex_p',
        text: `@${TRUST_HANDLE} thanks`,
        createdAt: minutesAgo(1),
      }).id,
    ];
    const second = await source.fetchNew(first.nextCursor, now);
    expect(second.mentions.map((mention) => mention.id)).toEqual([...later].reverse());
    expect(second.nextCursor).toBe(later[1]);

    const third = await source.fetchNew(second.nextCursor, now);
    expect(third).toEqual({ mentions: [], nextCursor: later[1] });
  });

  it('a first run looks back 24 hours only', async () => {
    server.addMention({
      authorUsername: 'old_news',
      text: `@${TRUST_HANDLE} from last week`,
      createdAt: minutesAgo(25 * 60),
    });
    const recent = server.addMention({
      authorUsername: 'sam_n',
      text: `@${TRUST_HANDLE} hello`,
      createdAt: minutesAgo(23 * 60),
    });

    const batch = await mentionsSource().fetchNew(undefined, now);

    expect(batch.mentions.map((mention) => mention.id)).toEqual([recent.id]);
  });

  it('a first run with nothing to find leaves no cursor', async () => {
    await expect(mentionsSource().fetchNew(undefined, now)).resolves.toEqual({ mentions: [] });
  });

  it('drops the trust’s own posts but moves the cursor past them', async () => {
    const reply = server.addMention({
      authorUsername: 'sam_n',
      text: `@${TRUST_HANDLE} when do you open?`,
      createdAt: minutesAgo(10),
    });
    const own = server.addMention({
      authorUsername: TRUST_HANDLE.toLowerCase(),
      text: `@sam_n we open at 9. @${TRUST_HANDLE} team`,
      createdAt: minutesAgo(5),
      inReplyTo: reply.id,
    });

    const batch = await mentionsSource().fetchNew(undefined, now);

    expect(batch.mentions.map((mention) => mention.author)).toEqual(['@sam_n']);
    expect(batch.nextCursor).toBe(own.id);
  });

  it('a reply to the trust counts as a mention even without the @handle in its text', async () => {
    const { id: postId } = await client.post(MAIN_ACCOUNT, 'We are open today from 9 until 5.');
    const reply = server.addMention({
      authorUsername: 'sam_n',
      text: 'Great, thanks!',
      inReplyTo: postId,
      createdAt: now,
    });

    const batch = await mentionsSource().fetchNew(undefined, now);

    expect(batch.mentions.map((mention) => mention.id)).toEqual([reply.id]);
  });

  describe('search', () => {
    it('finds posts matching the query, pages through them and drops the trust’s own', async () => {
      const found = Array.from(
        { length: 12 },
        (_, index) =>
          server.addMention({
            authorUsername: `reader${index}`,
            text: `Story ${index} about leeds and york partnership services`,
            createdAt: minutesAgo(60 - index),
          }).id,
      );
      server.addMention({
        authorUsername: 'someone',
        text: 'Leeds and York are lovely',
        createdAt: minutesAgo(3),
      });
      // the query's -from: keeps this out on X; the source must not rely on it alone
      const ownSearch = new XSearchSource({
        id: 'x-search',
        account: MAIN_ACCOUNT,
        handle: TRUST_HANDLE,
        client,
        query: '"Leeds and York Partnership"',
      });
      const own = await client.post(MAIN_ACCOUNT, 'Leeds and York Partnership is recruiting');

      const batch = await searchSource().fetchNew(undefined, now);
      const unfiltered = await ownSearch.fetchNew(undefined, now);

      expect(batch.mentions.map((mention) => mention.id).sort()).toEqual([...found].sort());
      expect(
        batch.mentions.every((mention) => mention.sourceType === 'x-search' && mention.source === 'x-search'),
      ).toBe(true);
      expect(unfiltered.mentions.map((mention) => mention.id).sort()).toEqual([...found].sort());
      expect(unfiltered.nextCursor).toBe(own.id);
    });

    it('uses the cursor as since_id on the next sweep', async () => {
      const source = searchSource();
      server.addMention({
        authorUsername: 'reader',
        text: 'Leeds and York Partnership news',
        createdAt: minutesAgo(30),
      });
      const first = await source.fetchNew(undefined, now);

      const newer = server.addMention({
        authorUsername: 'writer',
        text: 'More Leeds and York Partnership news',
        createdAt: minutesAgo(1),
      });
      const second = await source.fetchNew(first.nextCursor, now);

      expect(second.mentions.map((mention) => mention.id)).toEqual([newer.id]);
      expect(second.nextCursor).toBe(newer.id);
    });
  });
});
