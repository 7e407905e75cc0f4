import { parseSeed, SeedError } from '../../local/simulation-seed';

const SOURCES = [
  { id: 'x-mentions', type: 'x-mentions' },
  { id: 'google-alert-trust', type: 'feed' },
];

const mention = (fields: Record<string, unknown>) =>
  JSON.stringify({
    mentions: [
      {
        at: '2026-12-26T22:10:00Z',
        id: 'tag:google.com,2013:googlealerts/feed:1',
        text: 'Leeds and York Partnership crisis line answered within minutes',
        ...fields,
      },
    ],
  });

describe('simulate seed: authors', () => {
  it('accepts a feed mention with an empty author, or none, as real Google Alerts items have', () => {
    for (const author of [{ author: '' }, {}]) {
      const seed = parseSeed(mention({ source: 'google-alert-trust', ...author }), SOURCES);
      expect(seed.mentions[0]?.author).toBe('');
    }
  });

  it('still needs the @handle of an X mention', () => {
    expect(() => parseSeed(mention({ source: 'x-mentions', author: '' }), SOURCES)).toThrow(
      new SeedError(["mentions.0.author: an X mention needs the author's @handle"]),
    );
    expect(() => parseSeed(mention({ source: 'x-mentions', author: '@' }), SOURCES)).toThrow(SeedError);
  });
});
