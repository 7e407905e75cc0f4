import { ACKNOWLEDGE_TABLE_ACTIONS, TABLE_ACTIONS } from '../../lib/permissions';
import { handleBriefing } from '../../lambdas/services/briefing-service';
import { handlePostEvent } from '../../lambdas/services/post-service';
import { handleSweep } from '../../lambdas/services/sweep-service';
import { pressAckButton } from '../../local/ack-server';
import { startTestStack } from '../support/local-stack';

type Stack = Awaited<ReturnType<typeof startTestStack>>;

/**
 * The table calls each function really makes, against the IAM actions the stack grants it: a call the policy
 * lacks would fail only on AWS, at the worst moment (an urgent alert at 02:00).
 */
describe('each function’s DynamoDB calls are granted by its IAM policy', () => {
  let stack: Stack;
  beforeEach(async () => {
    stack = await startTestStack('2027-01-15T09:00:00Z');
    // the local SES server's store is shared by every server in this process
    await stack.ses.clear();
  });
  afterEach(async () => {
    await stack.close();
  });

  /** the DynamoDB operations `work` made, as IAM actions */
  async function operationsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const before = new Map(
      [...stack.dynamo.operationsSeen()].map((op) => [op, stack.dynamo.requestCount(op)]),
    );
    await work();
    return [...stack.dynamo.operationsSeen()]
      .filter((op) => stack.dynamo.requestCount(op) > (before.get(op) ?? 0))
      .map((op) => `dynamodb:${op}`);
  }
  const sweepAt = (iso: string) => {
    stack.clock.set(iso);
    return handleSweep(stack.deps, iso);
  };
  const mention = (author: string, text: string, createdAt: string) =>
    stack.x.addMention({ authorUsername: author, text: `@LeedsandYorkPFT ${text}`, createdAt });

  it('sweep: urgent alerts, escalations, working-hours alerts, held mentions, cursors and seen marks', async () => {
    const used = await operationsDuring(async () => {
      mention('a', 'I feel suicidal', '2027-01-15T09:58:00Z');
      mention('b', 'rude staff', '2027-01-15T09:59:00Z');
      await sweepAt('2027-01-15T10:00:00Z');
      await sweepAt('2027-01-15T10:15:00Z');
      mention('c', 'still waiting', '2027-01-15T20:00:00Z');
      await sweepAt('2027-01-15T20:05:00Z');
    });
    expect(used).toEqual(
      expect.arrayContaining(['dynamodb:Query', 'dynamodb:BatchWriteItem', 'dynamodb:UpdateItem']),
    );
    expect(TABLE_ACTIONS.sweep).toEqual(expect.arrayContaining(used));
  });

  it('briefing: its claim, the mentions found with their urgent alerts, the audit trail', async () => {
    mention('a', 'I feel suicidal', '2027-01-15T20:00:00Z');
    mention('b', 'rude staff', '2027-01-15T20:01:00Z');
    await sweepAt('2027-01-15T20:05:00Z');
    const used = await operationsDuring(async () => {
      stack.clock.set('2027-01-18T08:45:00Z');
      await handleBriefing(stack.deps, '2027-01-18T08:45:00Z');
      await handleBriefing(stack.deps, '2027-01-18T08:45:00Z');
    });
    expect(used).toContain('dynamodb:BatchGetItem');
    expect(TABLE_ACTIONS.briefing).toEqual(expect.arrayContaining(used));
  });

  it('post: the pause, rotation, claims and the sign-off deletion', async () => {
    const used = await operationsDuring(async () => {
      stack.clock.set('2027-01-15T16:00:00Z');
      await handlePostEvent(stack.deps, {
        kind: 'closing',
        id: 'closing',
        scheduledTime: '2027-01-15T16:00:00Z',
      });
      stack.clock.set('2027-01-18T09:00:00Z');
      await handlePostEvent(stack.deps, {
        kind: 'reopening',
        id: 'reopening',
        scheduledTime: '2027-01-18T09:00:00Z',
      });
      stack.clock.set('2027-01-19T10:30:00Z');
      await handlePostEvent(stack.deps, { kind: 'post', id: 'pals', scheduledTime: '2027-01-19T10:30:00Z' });
    });
    expect(TABLE_ACTIONS.post).toEqual(expect.arrayContaining(used));
  });

  it('acknowledge: opening the page and pressing the button', async () => {
    mention('a', 'I feel suicidal', '2027-01-15T20:00:00Z');
    await sweepAt('2027-01-15T20:05:00Z');
    const [urgent] = await stack.ses.sentEmails();
    const link = /https?:\/\/\S+\/ack\?t=\S+/.exec(urgent?.text ?? '')?.[0] as string;
    const used = await operationsDuring(async () => {
      expect((await fetch(link)).status).toBe(200);
      expect((await pressAckButton(link)).status).toBe(200);
      expect((await pressAckButton(link)).status).toBe(409);
    });
    expect(ACKNOWLEDGE_TABLE_ACTIONS).toEqual(expect.arrayContaining(used));
  });
});
