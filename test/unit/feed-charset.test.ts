import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFeedBytes } from '../../lambdas/adapters/feed-charset';

const bytes = (name: string) => readFileSync(join(__dirname, '..', 'fixtures', 'feeds', name));

describe('feed character encodings', () => {
  it.each([null, 'application/rss+xml', 'text/xml', 'application/xml; q=0.9'])(
    'decodes an ISO-8859-1 feed by its XML declaration when the content type (%s) names no charset',
    (contentType) => {
      const text = decodeFeedBytes(bytes('latin1-declared.rss.xml'), contentType);
      expect(text).toContain('Mãe de utente elogia equipa de saúde mental de Leeds');
      expect(text).toContain('João Araújo');
      // ISO-8859-1 is read as windows-1252, as browsers do: the curly quotes its authors typed come through
      expect(text).toContain('“fez toda a diferença”');
      expect(text).not.toContain('\uFFFD');
    },
  );

  it('decodes windows-1252: the euro sign, the oe ligature, dashes and apostrophes', () => {
    const text = decodeFeedBytes(bytes('windows-1252.rss.xml'), 'text/xml');
    expect(text).toContain('Un budget de 2 millions d’€ et un cœur d’équipe très engagé — retour');
    expect(text).toContain('jeu., 03 déc. 2026');
  });

  it('lets a charset parameter win over the declaration', () => {
    // a CMS that re-encoded its feed to UTF-8 and left the old declaration in
    const utf8 = Buffer.from(
      '<?xml version="1.0" encoding="ISO-8859-1"?><rss><channel><title>Café</title></channel></rss>',
      'utf8',
    );
    expect(decodeFeedBytes(utf8, 'application/rss+xml; charset="UTF-8"')).toContain('<title>Café</title>');
    expect(decodeFeedBytes(utf8, 'application/rss+xml')).toContain('<title>CafÃ©</title>');
  });

  it('lets a byte order mark decide, and drops it', () => {
    const text = '<?xml version="1.0"?><feed><title>Santé</title></feed>';
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeFeedBytes(utf16le, 'application/atom+xml')).toBe(text);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
    expect(decodeFeedBytes(utf8, 'application/atom+xml; charset=iso-8859-1')).toBe(text);
  });

  it('reads UTF-16 without a BOM by its zero bytes', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><feed><title>Santé</title></feed>';
    const utf16be = Buffer.from(text, 'utf16le').swap16();
    expect(decodeFeedBytes(utf16be, null)).toBe(text);
  });

  it('finds the declaration after leading white space, and in single quotes', () => {
    const feed = Buffer.from(
      "\r\n  <?xml version='1.0' encoding='iso-8859-1'?><rss><title>S\xe9ance</title></rss>",
      'latin1',
    );
    expect(decodeFeedBytes(feed, null)).toContain('<title>Séance</title>');
  });

  it('falls back to UTF-8 for unknown labels and for UTF-16 claimed by one-byte text', () => {
    const text = '<?xml version="1.0" encoding="x-no-such-charset"?><rss><title>Café</title></rss>';
    expect(decodeFeedBytes(Buffer.from(text, 'utf8'), 'text/xml; charset=nonsense')).toBe(text);
    const claimsUtf16 = '<?xml version="1.0" encoding="utf-16"?><rss><title>Café</title></rss>';
    expect(decodeFeedBytes(Buffer.from(claimsUtf16, 'utf8'), null)).toBe(claimsUtf16);
  });

  it('decodes a 5 MB windows-1252 feed in one go', () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x93);
    const text = decodeFeedBytes(big, 'text/xml; charset=windows-1252');
    expect(text).toHaveLength(big.length);
    expect(text[0]).toBe('“');
  });
});
