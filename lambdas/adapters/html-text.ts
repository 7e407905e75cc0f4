/**
 * Plain text from the small HTML fragments feeds carry in titles and content (Google Alerts wraps matched words
 * in <b> and writes &#39;, &nbsp;, &amp;). Not a general HTML parser: enough to show readable text, which is
 * always escaped again before it goes into an email.
 */
const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  hellip: '…',
  pound: '£',
  euro: '€',
  copy: '©',
  eacute: 'é',
  Eacute: 'É',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  rsaquo: '›',
  lsaquo: '‹',
  middot: '·',
  bull: '•',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    // entity names are case-sensitive (&Eacute; is not &eacute;); unknown ones stay as written
    return NAMED_ENTITIES[name] ?? whole;
  });
}

const INLINE_TAG = /<\/?(?:b|i|em|strong|a|span|u|small|mark|abbr|code)\b[^>]*>/gi;

/** tags out (inline ones vanish, others become spaces), entities decoded, white space collapsed */
export function htmlToText(html: string): string {
  const withoutTags = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(INLINE_TAG, '')
    .replace(/<[^>]*>/g, ' ');
  return decodeEntities(withoutTags).replace(/\s+/g, ' ').trim();
}
