import type { PauseStore, RuntimePause } from '../../ports/state';
import { stateKeys } from '../state-table';
import type { TableClient } from './table-client';

export class DynamoDbPauseStore implements PauseStore {
  constructor(private readonly table: TableClient) {}

  async get(): Promise<RuntimePause | undefined> {
    const item = await this.table.get(stateKeys.pause());
    if (!item) return undefined;
    return { until: String(item['until']), reason: String(item['reason']), setAt: String(item['setAt']) };
  }

  async set(pause: RuntimePause): Promise<void> {
    await this.table.put(stateKeys.pause(), { until: pause.until, reason: pause.reason, setAt: pause.setAt });
  }

  async clear(): Promise<void> {
    await this.table.delete(stateKeys.pause());
  }
}
