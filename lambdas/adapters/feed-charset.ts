/**
 * A feed's bytes as text, in the character encoding the feed is really in (XML 1.0 §4.3.3 and Appendix F,
 * RFC 7303 §3): a byte order mark first (bytes do not lie, and a server's default label often does), then
 * the charset parameter of Content-Type, then the XML declaration's `encoding`, then UTF-8. Older news feeds
 * still declare ISO-8859-1 and are served as plain `application/rss+xml` or `text/xml`.
 */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null): string {
  const bom = byteOrderMark(bytes);
  if (bom) return decoderFor(bom.encoding).decode(bytes.subarray(bom.length));
  const named = decoderForLabel(charsetParameter(contentType));
  if (named) return named.decode(bytes);
  return (decoderForLabel(declaredEncoding(bytes)) ?? decoderFor('utf-8')).decode(bytes);
}

interface Decoder {
  decode(bytes: Uint8Array): string;
}

function byteOrderMark(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return undefined;
}

/** `application/rss+xml; charset="ISO-8859-1"` → `ISO-8859-1` */
function charsetParameter(contentType: string | null): string | undefined {
  const parameter = contentType
    ?.split(';')
    .slice(1)
    .map((part) => part.trim().split('='))
    .find(([key]) => key?.trim().toLowerCase() === 'charset');
  return parameter?.[1]?.trim().replace(/^"(.*)"$/, '$1') || undefined;
}

/**
 * The `encoding` of an XML declaration, read the way Appendix F describes: a document without a BOM that
 * starts `<?xml` in one-byte characters declares itself in ASCII; one in UTF-16 shows it by the zero bytes.
 * White space before the declaration is not allowed, but real feeds have it, so it is skipped here too.
 */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0x00 && bytes[1] === 0x3c) return 'utf-16be';
  if (bytes[0] === 0x3c && bytes[1] === 0x00) return 'utf-16le';
  // the declaration is short and at the top; a latin1 view of the first bytes reads it whatever follows
  const head = Buffer.from(bytes.subarray(0, DECLARATION_SEARCH_BYTES)).toString('latin1');
  const declaration = /^\s*<\?xml\s[^?>]*?\bencoding\s*=\s*(["'])([A-Za-z][\w.:-]*)\1/.exec(head);
  const label = declaration?.[2];
  // bytes that spelled `<?xml` one per character are not UTF-16, whatever the declaration claims
  return label && /^utf-?16/i.test(label) ? 'utf-8' : label;
}

const DECLARATION_SEARCH_BYTES = 1024;

/** undefined for a label no decoder knows: the next clue decides */
function decoderForLabel(label: string | undefined): Decoder | undefined {
  if (!label) return undefined;
  try {
    return decoderFor(label);
  } catch {
    return undefined;
  }
}

function decoderFor(label: string): Decoder {
  const decoder = new TextDecoder(label);
  // the WHATWG labels ISO-8859-1, latin1 and US-ASCII all mean windows-1252, which is what such feeds hold
  return decoder.encoding === 'windows-1252' ? WINDOWS_1252 : decoder;
}

/**
 * windows-1252 by hand: Node since 20.18.3 / 22.13.0 decodes it as ISO-8859-1 (nodejs/node#60888), turning
 * the curly quotes, dashes and € of 0x80–0x9F into invisible control characters.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

const WINDOWS_1252: Decoder = {
  decode(bytes) {
    const chars: string[] = [];
    // in slices, so a 5 MB feed never needs one String.fromCharCode call with millions of arguments
    for (let start = 0; start < bytes.length; start += SLICE) {
      const codes = Array.from(bytes.subarray(start, start + SLICE), (byte) =>
        byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_HIGH[byte - 0x80] as number) : byte,
      );
      chars.push(String.fromCharCode(...codes));
    }
    return chars.join('');
  },
};

const SLICE = 8192;
