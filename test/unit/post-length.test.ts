import { checkConfigRules } from '../../lambdas/core/config/config-rules';
import {
  BLUESKY_MAX_BYTES,
  BLUESKY_MAX_GRAPHEMES,
  graphemeCount,
  postLength,
} from '../../lambdas/core/post-length';

describe('each network measures a post by its own rule', () => {
  const link = 'https://www.leedsandyorkpft.nhs.uk/our-services/crisis-support-and-advice/';

  it('X weighs a link as 23 and an emoji as 2', () => {
    expect(postLength('x', `Support: ${link}`)).toMatchObject({ length: 9 + 23, limit: 280 });
    expect(postLength('x', '💙').length).toBe(2);
  });

  it('Bluesky counts graphemes: a family emoji or a flag is one, and a link counts in full', () => {
    expect(graphemeCount('👩‍👩‍👧🇬🇧é')).toBe(3);
    expect(postLength('bluesky', `Support: ${link}`)).toMatchObject({
      length: 9 + link.length,
      limit: BLUESKY_MAX_GRAPHEMES,
    });
    const atLimit = 'a'.repeat(299) + '💙';
    expect(postLength('bluesky', atLimit).length).toBe(300);
    expect(postLength('bluesky', atLimit + '!').length).toBe(301);
  });

  it('Bluesky also holds a text to 3,000 bytes, which only long emoji reach first', () => {
    const families = '👨‍👩‍👧‍👦'.repeat(200); // 200 graphemes of 25 bytes each
    expect(postLength('bluesky', families)).toEqual({
      length: 5000,
      limit: BLUESKY_MAX_BYTES,
      counted: 'bytes of UTF-8 on Bluesky',
    });
  });

  it('Facebook takes long posts: 63,206 characters, an emoji one', () => {
    expect(postLength('facebook', 'x'.repeat(2000) + '💙')).toMatchObject({ length: 2001, limit: 63_206 });
  });
});

describe('check measures a text by the network of the account it goes to', () => {
  const organisation = { name: 'Example NHS Trust', website: 'https://example.nhs.uk' };
  const problemsFor = (network: string | undefined, text: string) =>
    checkConfigRules({
      organisation,
      accounts: { main: { handle: 'ExampleNHS', secret: 's', ...(network ? { network } : {}) } },
      posts: [{ id: 'pals', account: 'main', variants: [text] }],
    } as never).map((p) => p.message);

  it('an X account by default: 300 letters are too many', () => {
    expect(problemsFor(undefined, 'a'.repeat(300))).toEqual([
      `post "pals" variant 1 is 300 characters by X's count (max 280)`,
    ]);
  });

  it('a Bluesky account: 290 letters and a family emoji fit, 301 graphemes do not', () => {
    expect(problemsFor('bluesky', 'a'.repeat(290) + '👨‍👩‍👧‍👦')).toEqual([]);
    expect(problemsFor('bluesky', 'a'.repeat(301))).toEqual([
      'post "pals" variant 1 is 301 characters on Bluesky (graphemes) (max 300)',
    ]);
  });

  it('a Facebook account: a long post is fine', () => {
    expect(problemsFor('facebook', 'a'.repeat(2000))).toEqual([]);
  });
});
