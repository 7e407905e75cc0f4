import type { ChannelBatch } from '../../ports/channel';
import type { Mention } from '../../ports/mention';
import type { MentionSource, SourceBatch } from '../../ports/mention-source';

export interface ChannelSourceOptions {
  /** the config's source id */
  id: string;
  sourceType: Exclude<Mention['sourceType'], 'feed'>;
  /** one read of the channel: its mentions or a search, since the cursor */
  read(cursor: string | undefined, now: Date): Promise<ChannelBatch>;
}

/** A configured source read through a network's channel: the mentions it finds carry the source's id and type. */
export function channelSource(options: ChannelSourceOptions): MentionSource {
  return {
    id: options.id,
    async fetchNew(cursor, now): Promise<SourceBatch> {
      const batch = await options.read(cursor, now);
      return {
        mentions: batch.mentions.map((mention) => ({
          ...mention,
          source: options.id,
          sourceType: options.sourceType,
        })),
        ...(batch.nextCursor ? { nextCursor: batch.nextCursor } : {}),
      };
    },
  };
}
