import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedError, parseFeed, unwrapGoogleLink } from '../../lambdas/adapters/feed-parser';

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name), 'utf8');

describe('feed parsing', () => {
  it('reads a Google Alerts Atom feed: unwrapped links, tags stripped, entities decoded, entry ids', () => {
    const [first, second, ...rest] = parseFeed(fixture('google-alerts.atom.xml'), 'google-alert-trust');
    expect(rest).toHaveLength(0);
    expect(first).toEqual({
      source: 'google-alert-trust',
      sourceType: 'feed',
      id: 'tag:google.com,2013:googlealerts/feed:10459813547103911342',
      author: 'forum.example.org',
      title: "Mum's long wait at Leeds and York Partnership clinic",
      text: 'My mum has been waiting 9 weeks for a call back from the Leeds and York Partnership team & nobody answers ...',
      url: 'https://forum.example.org/threads/long-wait-at-clinic.1234/',
      at: '2026-12-06T10:21:07.000Z',
    });
    expect(second?.url).toBe('https://news.example.co.uk/health/2026/12/05/award?ref=rss');
    expect(second?.text).toContain('for "outstanding" care');
  });

  it('reads RSS 2.0: guid, creator, CDATA HTML and numeric entities', () => {
    const [first, second] = parseFeed(fixture('news.rss.xml'), 'news');
    expect(first).toMatchObject({
      id: 'yhn-2026-12-04-001',
      author: 'Priya Shah',
      title: 'New crisis line for Leeds & York',
      text: 'The trust has opened a 24-hour crisis line – call 0800 000 0000.',
      url: 'https://news.example.co.uk/2026/12/crisis-line',
      at: '2026-12-04T09:15:00.000Z',
    });
    expect(second).toMatchObject({
      id: 'https://news.example.co.uk/2026/12/parking',
      author: 'news.example.co.uk',
      title: 'Parking charges at St Mary’s',
      text: 'Visitors complain about parking.',
    });
  });

  it('refuses a billion-laughs feed without expanding it', () => {
    const started = Date.now();
    expect(() => parseFeed(fixture('billion-laughs.xml'), 'x')).toThrow(
      new FeedError('feed declares XML entities (refused: possible entity-expansion attack)'),
    );
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses malformed XML and documents that are not feeds', () => {
    expect(() => parseFeed(fixture('malformed.xml'), 'x')).toThrow(/not well-formed XML \(line \d+/);
    expect(() => parseFeed('<html><body>hi</body></html>', 'x')).toThrow('not an RSS 2.0 or Atom feed');
  });

  it('leaves links that are not Google redirects alone', () => {
    expect(unwrapGoogleLink('https://example.org/a?url=b')).toBe('https://example.org/a?url=b');
    expect(unwrapGoogleLink('not a url')).toBe('not a url');
  });
});
