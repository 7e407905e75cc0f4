import type { DeployedRelease, DeploymentRecord } from '../../ports/state';
import type { ItemKey } from '../state-table';
import type { TableClient } from './table-client';

export const DEPLOYED_KEY: ItemKey = { pk: 'DEPLOYED', sk: 'DEPLOYED' };

/**
 * The item in DynamoDB's own JSON, as the stack's deploy-time PutItem sends it (lib/state-table.ts): written
 * beside the reader so the two cannot disagree on attribute names.
 */
export function deployedItem(release: DeployedRelease): Record<string, { S: string }> {
  return {
    pk: { S: DEPLOYED_KEY.pk },
    sk: { S: DEPLOYED_KEY.sk },
    configVersion: { S: release.configVersion },
    ...(release.commit ? { commit: { S: release.commit } } : {}),
    deployedAt: { S: release.deployedAt },
  };
}

export class DynamoDbDeploymentRecord implements DeploymentRecord {
  constructor(private readonly table: TableClient) {}

  async get(): Promise<DeployedRelease | undefined> {
    const item = await this.table.get(DEPLOYED_KEY);
    const configVersion = item?.['configVersion'];
    const deployedAt = item?.['deployedAt'];
    if (typeof configVersion !== 'string' || typeof deployedAt !== 'string') return undefined;
    const commit = item?.['commit'];
    return { configVersion, ...(typeof commit === 'string' ? { commit } : {}), deployedAt };
  }
}
