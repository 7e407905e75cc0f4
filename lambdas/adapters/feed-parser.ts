import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseFeedDate } from '../core/feed-dates';
import type { Mention } from '../ports/mention';
import { htmlToText } from './html-text';

/** A feed that could not be read: the message names the problem, never the feed's text. */
export class FeedError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FeedError';
  }
}

/** more than any real alert feed holds; a feed listing thousands is cut, not trusted */
export const MAX_ENTRIES = 200;

/**
 * The only entities a feed needs are XML's five and character references. Declared (DOCTYPE) entities are
 * how billion-laughs attacks expand, and no alert or news feed uses them: the parser hands us any it finds
 * and we refuse the document, and since this decoder knows no others, nothing declared is ever expanded.
 */
const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const xmlEntityDecoder = {
  decode: (value: string) =>
    value.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
      if (!name.startsWith('#')) return XML_ENTITIES[name] ?? whole;
      const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return isXmlChar(code) ? String.fromCodePoint(code) : whole;
    }),
  addInputEntities: (entities: Record<string, string>) => {
    if (Object.keys(entities).length > 0)
      throw new FeedError('feed declares XML entities (refused: possible entity-expansion attack)');
  },
  setExternalEntities: () => undefined,
  reset: () => undefined,
  setXmlVersion: () => undefined,
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  entityDecoder: xmlEntityDecoder,
  isArray: (name) => ['entry', 'item', 'link', 'author'].includes(name),
});

type Node = Record<string, unknown>;

/**
 * RSS 2.0 or Atom (Google Alerts) to mentions, at most MAX_ENTRIES of them. Throws FeedError for malformed or
 * hostile documents. Entries without an id (nor a link or title to stand in for one) cannot be deduplicated
 * and are left out; links that are not http(s) become '' so they can never be a script link in an email.
 * An entry whose own date cannot be read is timed `firstSeenAt` and says so (`timeSource: 'first-seen'`):
 * the feed's own updated time is when the feed last changed, not when that entry was written.
 */
export function parseFeed(xml: string, sourceId: string, firstSeenAt: Date): Mention[] {
  // XML allows nothing before its declaration, but real feeds start with a newline or a BOM left in the text
  const document = xml.trimStart();
  const valid = XMLValidator.validate(document);
  if (valid !== true)
    throw new FeedError(`feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc = parseXml(document);
  const firstSeen = firstSeenAt.toISOString();
  if (isNode(doc.feed)) {
    return asArray(doc.feed.entry)
      .slice(0, MAX_ENTRIES)
      .map((e) => atomEntry(e, sourceId, firstSeen))
      .filter((m) => m.id !== '')
      .map(withKeySizedId);
  }
  const channel = isNode(doc.rss) ? doc.rss.channel : undefined;
  if (isNode(channel)) {
    return asArray(channel.item)
      .slice(0, MAX_ENTRIES)
      .map((i) => rssItem(i, sourceId, firstSeen))
      .filter((m) => m.id !== '')
      .map(withKeySizedId);
  }
  throw new FeedError('not an RSS 2.0 or Atom feed');
}

/** DynamoDB sort keys hold at most 1 KB; ids (or the links and titles standing in for them) can be longer */
const MAX_ID_LENGTH = 200;

function withKeySizedId(mention: Mention): Mention {
  if (mention.id.length <= MAX_ID_LENGTH) return mention;
  return { ...mention, id: `sha256:${createHash('sha256').update(mention.id).digest('hex')}` };
}

function parseXml(xml: string): Node {
  try {
    return parser.parse(xml) as Node;
  } catch (error) {
    if (error instanceof FeedError) throw error;
    throw new FeedError(`feed could not be parsed (${(error as Error).message})`);
  }
}

function atomEntry(entry: unknown, source: string, firstSeen: string): Mention {
  const node = isNode(entry) ? entry : {};
  const links = asArray(node.link).filter(isNode);
  const alternate = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? links[0];
  const url = webLink(text(alternate?.['@_href']));
  const title = htmlToText(text(node.title));
  const author = htmlToText(text(asArray(node.author).filter(isNode)[0]?.name)) || hostOf(url);
  const id = text(node.id) || url || title;
  return {
    source,
    sourceType: 'feed',
    id,
    author,
    title,
    text: htmlToText(text(node.content) || text(node.summary)) || title,
    url,
    ...timeOf([node.published, node.updated, node['dc:date']], firstSeen),
  };
}

function rssItem(item: unknown, source: string, firstSeen: string): Mention {
  const node = isNode(item) ? item : {};
  const url = webLink(text(node.link));
  const title = htmlToText(text(node.title));
  return {
    source,
    sourceType: 'feed',
    id: text(node.guid) || url || title,
    author: htmlToText(text(node['dc:creator']) || text(node.author)) || hostOf(url),
    title,
    text: htmlToText(text(node.description)) || title,
    url,
    ...timeOf([node.pubDate, node['dc:date'], node['a10:updated']], firstSeen),
  };
}

/** the first of an entry's dates that can be read, else the time the sweep first saw it, marked as such */
function timeOf(dates: unknown[], firstSeen: string): Pick<Mention, 'at' | 'timeSource'> {
  for (const date of dates) {
    const at = parseFeedDate(text(date));
    if (at) return { at, timeSource: 'feed' };
  }
  return { at: firstSeen, timeSource: 'first-seen' };
}

/** the page a duty officer can open: unwrapped from Google's redirect, and only ever http(s) */
function webLink(link: string): string {
  const target = unwrapGoogleLink(link.trim());
  try {
    const { protocol } = new URL(target);
    return protocol === 'https:' || protocol === 'http:' ? target : '';
  } catch {
    return '';
  }
}

/** a redirect to a redirect to… is not a page; past this many layers the link is left as it is */
const MAX_REDIRECT_LAYERS = 5;

/**
 * Google Alerts links point at google.com/url?…&url=<target> (search results use `q`), and a target can be
 * another such redirect: the page at the end is what the duty officer needs.
 */
export function unwrapGoogleLink(link: string): string {
  let current = link;
  for (let layer = 0; layer < MAX_REDIRECT_LAYERS; layer++) {
    const target = googleRedirectTarget(current);
    if (target === undefined) return current;
    current = target;
  }
  return current;
}

function googleRedirectTarget(link: string): string | undefined {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return undefined;
  }
  if (!/(^|\.)google\.[a-z.]+$/.test(url.hostname) || url.pathname !== '/url') return undefined;
  const target = url.searchParams.get('url') ?? url.searchParams.get('q');
  // `q` can be a search phrase rather than an address: then the redirect itself is the best link there is
  return target !== null && URL.canParse(target) ? target : undefined;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (isNode(value))
    return text(value['#text'] ?? (typeof value['@_href'] === 'string' ? value['@_href'] : ''));
  return '';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'unknown site';
  }
}

/** a character XML allows: no NUL, no lone surrogates, nothing past Unicode's last code point */
function isXmlChar(code: number): boolean {
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
