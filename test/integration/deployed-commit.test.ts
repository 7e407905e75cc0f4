import { formatAudit } from '../../cli/commands/audit';
import { postingStatus } from '../../cli/commands/pause';
import { handlePostEvent } from '../../lambdas/services/post-service';
import { sampleLoaded, startTestStack } from '../support/local-stack';

const COMMIT = '3f9a1c2b7d4e5f60718293a4b5c6d7e8f9a0b1c2';

describe('which approved change posted this: the deployed commit in the audit trail and in status', () => {
  const loaded = { ...sampleLoaded(), commit: COMMIT };
  let stack: Awaited<ReturnType<typeof startTestStack>>;

  beforeAll(async () => {
    stack = await startTestStack('2026-12-04T16:00:01Z', { loaded });
  });
  afterAll(async () => stack.close());

  it('a post made by the real service carries the commit through DynamoDB, and audit shows it', async () => {
    const outcome = await handlePostEvent(stack.deps, {
      kind: 'closing',
      id: 'closing',
      scheduledTime: '2026-12-04T16:00:00Z',
    });
    expect(outcome.outcome).toBe('posted');
    const records = await stack.deps.state.audit.list('2026-12-04T00:00:00Z', '2026-12-05T00:00:00Z');
    expect(records.map((r) => [r.event, r.configVersion, r.commit])).toEqual([
      ['posted', loaded.version, COMMIT],
    ]);
    expect(formatAudit(records, 'Europe/London')).toContain(
      `config ${loaded.version} commit ${COMMIT.slice(0, 12)}`,
    );
  });

  it('status names the config and commit running, and says when the local config is another', async () => {
    const now = new Date('2026-12-04T16:05:00Z');
    const same = await postingStatus(stack.deps.state, loaded, '2026-12-04', now);
    expect(same).toContain(
      `Running: config ${loaded.version} (commit ${COMMIT.slice(0, 12)}), as of its last recorded outcome Fri 4 Dec 2026 16:00`,
    );
    expect(same).not.toContain('differs');
    const edited = { ...loaded, version: '000000000000' };
    const drift = await postingStatus(stack.deps.state, edited, '2026-12-04', now);
    expect(drift).toContain(
      'Local config differs from the one running (local 000000000000): deploy it, or it is a change not yet approved.',
    );
  });
});
