import { createHash } from 'node:crypto';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
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
 */
export function parseFeed(xml: string, sourceId: string): Mention[] {
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new FeedError(`feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc = parseXml(xml);
  if (isNode(doc.feed)) {
    const feedTime = text(doc.feed.updated);
    return asArray(doc.feed.entry)
      .slice(0, MAX_ENTRIES)
      .map((e) => atomEntry(e, sourceId, feedTime))
      .filter((m) => m.id !== '')
      .map(withKeySizedId);
  }
  const channel = isNode(doc.rss) ? doc.rss.channel : undefined;
  if (isNode(channel)) {
    const feedTime = text(channel.lastBuildDate) || text(channel.pubDate);
    return asArray(channel.item)
      .slice(0, MAX_ENTRIES)
      .map((i) => rssItem(i, sourceId, feedTime))
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

function atomEntry(entry: unknown, source: string, feedTime: string): Mention {
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
    at: isoOrEmpty(text(node.published) || text(node.updated) || feedTime),
  };
}

function rssItem(item: unknown, source: string, feedTime: string): Mention {
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
    at: isoOrEmpty(text(node.pubDate) || feedTime),
  };
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

/** Google Alerts links point at google.com/url?…&url=<target>: the target is what the duty officer needs */
export function unwrapGoogleLink(link: string): string {
  try {
    const url = new URL(link);
    if (/(^|\.)google\.[a-z.]+$/.test(url.hostname) && url.pathname === '/url')
      return url.searchParams.get('url') ?? link;
    return link;
  } catch {
    return link;
  }
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

function isoOrEmpty(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? '' : new Date(time).toISOString();
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
