import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { handleSweep } from '../lambdas/services/sweep-service';
import { startLocalStack } from '../local/local-stack';
import { VirtualClock } from '../local/virtual-clock';

/**
 * One working-hours sweep over `count` X mentions against dynalite, either all new or all seen already; counts
 * the DynamoDB requests at dynalite's HTTP layer.
 */
export async function benchSweeps(
  loaded: LoadedConfig,
  kind: 'seen' | 'new',
  count: number,
): Promise<{ ms: number; dynamoRequests: number }> {
  const clock = new VirtualClock('2027-03-02T09:00:00Z');
  const config = {
    ...loaded.config,
    sweeps: loaded.config.sweeps && {
      ...loaded.config.sweeps,
      sources: loaded.config.sweeps.sources.filter((s) => s.type === 'x-mentions'),
    },
  };
  const stack = await startLocalStack({ ...loaded, config }, { clock, xClock: () => clock.now() });
  try {
    const first = loaded.config.accounts[Object.keys(loaded.config.accounts)[0] as string];
    const handle = first?.network === 'x' ? first.handle : '';
    for (let i = 0; i < count; i++) {
      stack.x.addMention({
        authorUsername: `person${i}`,
        text: `@${handle} hello number ${i}`,
        createdAt: new Date(Date.parse('2027-03-02T08:00:00Z') + i * 1000),
      });
    }
    if (kind === 'seen') {
      clock.set('2027-03-02T09:00:00Z');
      await handleSweep(stack.deps, '2027-03-02T09:00:00Z');
      // forget the cursor so the next sweep reads every mention again and must find them all seen
      await stack.deps.state.ledger.setCursor('x-mentions', '1');
    }
    clock.set('2027-03-02T09:15:00Z');
    const before = stack.dynamo.requestCount();
    const started = performance.now();
    await handleSweep(stack.deps, '2027-03-02T09:15:00Z');
    return { ms: performance.now() - started, dynamoRequests: stack.dynamo.requestCount() - before };
  } finally {
    await stack.close();
  }
}
