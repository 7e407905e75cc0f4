import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FeedError, MAX_ENTRIES, parseFeed, unwrapGoogleLink } from '../../lambdas/adapters/feed-parser';

/** when the sweep reading the feed first saw its items */
const SEEN = new Date('2026-12-08T09:05:00Z');

const fixture = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name), 'utf8');

describe('feed parsing', () => {
  it('reads a Google Alerts Atom feed: unwrapped links, tags stripped, entities decoded, entry ids', () => {
    const [first, second, ...rest] = parseFeed(fixture('google-alerts.atom.xml'), 'google-alert-trust', SEEN);
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
      timeSource: 'feed',
    });
    expect(second?.url).toBe('https://news.example.co.uk/health/2026/12/05/award?ref=rss');
    expect(second?.text).toContain('for "outstanding" care');
  });

  it('reads RSS 2.0: guid, creator, CDATA HTML and numeric entities', () => {
    const [first, second] = parseFeed(fixture('news.rss.xml'), 'news', SEEN);
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
    expect(() => parseFeed(fixture('billion-laughs.xml'), 'x', SEEN)).toThrow(
      new FeedError('feed declares XML entities (refused: possible entity-expansion attack)'),
    );
    expect(Date.now() - started).toBeLessThan(500);
  });

  it('refuses malformed XML and documents that are not feeds', () => {
    expect(() => parseFeed(fixture('malformed.xml'), 'x', SEEN)).toThrow(/not well-formed XML \(line \d+/);
    expect(() => parseFeed('<html><body>hi</body></html>', 'x', SEEN)).toThrow('not an RSS 2.0 or Atom feed');
  });

  it('leaves links that are not Google redirects alone', () => {
    expect(unwrapGoogleLink('https://example.org/a?url=b')).toBe('https://example.org/a?url=b');
    expect(unwrapGoogleLink('not a url')).toBe('not a url');
  });

  const atom = (entries: string, head = '') =>
    `<?xml version="1.0"?>${head}<feed xmlns="http://www.w3.org/2005/Atom"><updated>2026-12-01T00:00:00Z</updated>${entries}</feed>`;

  it('never passes on a link that is not http(s), wrapped by Google or not', () => {
    const mentions = parseFeed(
      atom(
        '<entry><id>a</id><title>a</title><link href="javascript:alert(1)"/></entry>' +
          '<entry><id>b</id><title>b</title><link href="https://www.google.com/url?rct=j&amp;sa=t&amp;url=javascript:alert(1)&amp;ct=ga"/></entry>' +
          '<entry><id>c</id><title>c</title><link href=" https://example.org/c "/></entry>',
      ),
      'f',
      SEEN,
    );
    expect(mentions.map((m) => [m.id, m.url])).toEqual([
      ['a', ''],
      ['b', ''],
      ['c', 'https://example.org/c'],
    ]);
  });

  it('accepts a feed whose text merely talks about entities, and a DOCTYPE without declarations', () => {
    const article = parseFeed(
      atom(
        '<entry><id>x</id><title>XXE</title><content type="html"><![CDATA[<p>Never allow <!ENTITY in feeds</p>]]></content></entry>',
      ),
      'f',
      SEEN,
    );
    expect(article[0]?.text).toBe('Never allow');
    const rss091 =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">' +
      '<rss version="0.91"><channel><title>t</title><item><title>Old &amp; gold</title><link>https://example.org/old</link></item></channel></rss>';
    expect(parseFeed(rss091, 'f', SEEN)).toMatchObject([
      { id: 'https://example.org/old', title: 'Old & gold' },
    ]);
  });

  it('refuses any declared entity, even one that expands to nothing much', () => {
    const oneEntity = atom(
      '<entry><id>1</id><title>&trust;</title></entry>',
      '<!DOCTYPE feed [<!ENTITY trust "LYPFT">]>',
    );
    expect(() => parseFeed(oneEntity, 'f', SEEN)).toThrow(FeedError);
    expect(() => parseFeed(oneEntity, 'f', SEEN)).toThrow('entity-expansion');
  });

  it('decodes XML character references in ids; an entry without a date is timed when first seen, not by the feed', () => {
    const [entry] = parseFeed(atom('<entry><id>tag:a&#x2C;b&#38;c</id><title>t</title></entry>'), 'f', SEEN);
    // the feed's own <updated> is when the feed last changed: it says nothing about this entry
    expect(entry).toMatchObject({
      id: 'tag:a,b&c',
      at: '2026-12-08T09:05:00.000Z',
      timeSource: 'first-seen',
      author: 'unknown site',
    });
  });

  it('leaves out entries with nothing to dedupe them by, and takes at most MAX_ENTRIES', () => {
    expect(
      parseFeed(atom('<entry><content>anonymous</content></entry><entry><id>k</id></entry>'), 'f', SEEN),
    ).toEqual([expect.objectContaining({ id: 'k' })]);
    const many = Array.from(
      { length: MAX_ENTRIES + 50 },
      (_, i) => `<entry><id>e${i}</id><title>t</title></entry>`,
    );
    const mentions = parseFeed(atom(many.join('')), 'f', SEEN);
    expect(mentions).toHaveLength(MAX_ENTRIES);
    expect(mentions[MAX_ENTRIES - 1]?.id).toBe(`e${MAX_ENTRIES - 1}`);
  });

  it('reports an empty document as malformed', () => {
    expect(() => parseFeed('', 'f', SEEN)).toThrow(FeedError);
  });
});

describe('feed entry ids', () => {
  it('replaces an id too long for a DynamoDB key with a stable hash', () => {
    const long = 'x'.repeat(1100);
    const feed = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry><id>${long}</id><title>t</title><link href="https://e.org/a"/></entry></feed>`;
    const [first] = parseFeed(feed, 'f', SEEN);
    const [again] = parseFeed(feed, 'f', SEEN);
    expect(first?.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(again?.id).toBe(first?.id);
  });
});

describe('feeds as they really come', () => {
  it('reads a feed that starts with a newline before its XML declaration', () => {
    const xml = fixture('google-alerts-nested-redirect.atom.xml');
    expect(xml.startsWith('\n<?xml')).toBe(true);
    expect(parseFeed(xml, 'alerts', SEEN)).toHaveLength(2);
  });

  it('reads one that starts with a BOM, CRLF and spaces, and still refuses anything else before the root', () => {
    const xml = `\uFEFF\r\n  ${fixture('news.rss.xml')}`;
    expect(parseFeed(xml, 'news', SEEN)).toHaveLength(2);
    expect(() => parseFeed(`junk ${fixture('news.rss.xml')}`, 'news', SEEN)).toThrow(FeedError);
  });

  it('stays strict after the white space: declared entities are still refused', () => {
    expect(() => parseFeed(`\n\n${fixture('billion-laughs.xml')}`, 'x', SEEN)).toThrow('entity-expansion');
  });

  it('unwraps a Google redirect wrapping another Google redirect, and stops at a link that never ends', () => {
    const [nested, looping] = parseFeed(fixture('google-alerts-nested-redirect.atom.xml'), 'alerts', SEEN);
    expect(nested?.url).toBe(
      'https://www.yorkshire-voices.example.org/2026/12/08/crisis-café-opens?utm_source=alerts',
    );
    expect(nested?.author).toBe('yorkshire-voices.example.org');
    expect(nested?.text).toBe(
      'The crisis café, run with Leeds and York Partnership, is open evenings from Monday ...',
    );
    // eight layers deep: the first five come off, and what is left is still only ever an https link
    expect(looping?.url).toMatch(/^https:\/\/www\.google\.co\.uk\/url\?sa=t&url=https/);
  });

  it('unwraps `q` redirects only when they hold an address', () => {
    expect(unwrapGoogleLink('https://www.google.com/url?q=https://example.org/page&sa=D')).toBe(
      'https://example.org/page',
    );
    expect(unwrapGoogleLink('https://www.google.com/url?q=crisis+cafe+leeds')).toBe(
      'https://www.google.com/url?q=crisis+cafe+leeds',
    );
  });

  it('reads the date of every item it can, in any of the common forms and languages', () => {
    const mentions = parseFeed(fixture('dates.rss.xml'), 'press', SEEN);
    expect(Object.fromEntries(mentions.map((m) => [m.id, [m.at, m.timeSource]]))).toEqual({
      'd-pt': ['2018-09-24T22:42:40.000Z', 'feed'],
      'd-2digit': ['2002-04-03T15:00:00.000Z', 'feed'],
      'd-de': ['2026-12-24T17:00:00.000Z', 'feed'],
      'd-es': ['2026-12-02T15:20:00.000Z', 'feed'],
      'd-nl': ['2026-12-02T12:45:00.000Z', 'feed'],
      'd-it': ['2026-12-02T08:10:00.000Z', 'feed'],
      'd-est': ['2026-12-02T13:00:00.000Z', 'feed'],
      'd-iso': ['2026-12-02T09:21:07.000Z', 'feed'],
      // no date, or one nobody can read: the sweep's time, and said to be so
      'd-none': ['2026-12-08T09:05:00.000Z', 'first-seen'],
      'd-nonsense': ['2026-12-08T09:05:00.000Z', 'first-seen'],
    });
  });

  it('takes Atom `updated` when `published` cannot be read', () => {
    const [entry] = parseFeed(
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>u</id><title>t</title>' +
        '<published>soon</published><updated>2026-12-07T18:00:00+00:00</updated></entry></feed>',
      'f',
      SEEN,
    );
    expect(entry).toMatchObject({ at: '2026-12-07T18:00:00.000Z', timeSource: 'feed' });
  });
});
