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

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  textNodeName: '#text',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ['entry', 'item', 'link', 'author'].includes(name),
});

type Node = Record<string, unknown>;

/** RSS 2.0 or Atom (Google Alerts) to mentions. Throws FeedError for malformed or hostile documents. */
export function parseFeed(xml: string, sourceId: string): Mention[] {
  // entity declarations are how billion-laughs attacks expand; no alert or news feed needs them
  if (/<!DOCTYPE[^>]*\[|<!ENTITY/i.test(xml))
    throw new FeedError('feed declares XML entities (refused: possible entity-expansion attack)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true)
    throw new FeedError(`feed is not well-formed XML (line ${valid.err.line}: ${valid.err.msg})`);
  const doc = parser.parse(xml) as Node;
  if (isNode(doc.feed))
    return asArray(doc.feed.entry)
      .slice(0, MAX_ENTRIES)
      .map((e) => atomEntry(e, sourceId));
  const channel = isNode(doc.rss) ? doc.rss.channel : undefined;
  if (isNode(channel))
    return asArray(channel.item)
      .slice(0, MAX_ENTRIES)
      .map((i) => rssItem(i, sourceId));
  throw new FeedError('not an RSS 2.0 or Atom feed');
}

function atomEntry(entry: unknown, source: string): Mention {
  const node = isNode(entry) ? entry : {};
  const links = asArray(node.link).filter(isNode);
  const alternate = links.find((l) => l['@_rel'] === undefined || l['@_rel'] === 'alternate') ?? links[0];
  const url = unwrapGoogleLink(text(alternate?.['@_href']));
  const title = htmlToText(text(node.title));
  const author = htmlToText(text(asArray(node.author).filter(isNode)[0]?.name)) || hostOf(url);
  const id = text(node.id) || url;
  return {
    source,
    sourceType: 'feed',
    id,
    author,
    title,
    text: htmlToText(text(node.content) || text(node.summary)) || title,
    url,
    at: isoOrEmpty(text(node.published) || text(node.updated)),
  };
}

function rssItem(item: unknown, source: string): Mention {
  const node = isNode(item) ? item : {};
  const url = unwrapGoogleLink(text(node.link));
  const title = htmlToText(text(node.title));
  return {
    source,
    sourceType: 'feed',
    id: text(node.guid) || url || title,
    author: htmlToText(text(node['dc:creator']) || text(node.author)) || hostOf(url),
    title,
    text: htmlToText(text(node.description)) || title,
    url,
    at: isoOrEmpty(text(node.pubDate)),
  };
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

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
