import type { ChannelBatch, ChannelPort, PublishedPost } from '../ports/channel';
import type { MentionSource, SourceBatch } from '../ports/mention-source';
import type { XClientPort } from '../ports/x-client';
import { XMentionsSource, XSearchSource } from './x-mention-sources';

export interface XChannelOptions {
  client: XClientPort;
  /** the trust's own handle per config account id: its own posts are not mentions */
  handles: Readonly<Record<string, string>>;
}

/**
 * The channel port on X: posting and deletion go straight to the X client; mentions and search reuse the X
 * timeline sources (since_id cursor, pages, own posts left out), one per account or query, kept per container
 * so the account's user id is looked up once.
 */
export class XChannel implements ChannelPort {
  readonly network = 'x' as const;
  private readonly timelines = new Map<string, MentionSource>();

  constructor(private readonly options: XChannelOptions) {}

  post(account: string, text: string): Promise<PublishedPost> {
    return this.options.client.post(account, text);
  }

  delete(account: string, postId: string): Promise<void> {
    return this.options.client.deleteTweet(account, postId);
  }

  mentions(account: string, cursor: string | undefined, now: Date): Promise<ChannelBatch> {
    const source = this.timeline(
      `mentions:${account}`,
      (id) => new XMentionsSource(this.sourceOptions(id, account)),
    );
    return source.fetchNew(cursor, now).then(asChannelBatch);
  }

  search(account: string, query: string, cursor: string | undefined, now: Date): Promise<ChannelBatch> {
    const source = this.timeline(
      `search:${account}:${query}`,
      (id) => new XSearchSource({ ...this.sourceOptions(id, account), query }),
    );
    return source.fetchNew(cursor, now).then(asChannelBatch);
  }

  /** `key` is also the timeline's id in its logs (the page-limit warning), so they say which was cut short */
  private timeline(key: string, create: (id: string) => MentionSource): MentionSource {
    let source = this.timelines.get(key);
    if (!source) {
      source = create(key);
      this.timelines.set(key, source);
    }
    return source;
  }

  private sourceOptions(id: string, account: string) {
    return {
      id,
      account,
      handle: this.options.handles[account] ?? account,
      client: this.options.client,
    };
  }
}

function asChannelBatch(batch: SourceBatch): ChannelBatch {
  return {
    mentions: batch.mentions.map(({ source: _source, sourceType: _type, ...mention }) => mention),
    ...(batch.nextCursor ? { nextCursor: batch.nextCursor } : {}),
  };
}
