/**
 * "Which approved change posted this": the commit a deploy names, in the audit trail the functions write, and
 * the DEPLOYED item the stack writes at deploy time, which `status` compares with the local config.
 */
import { PutItemCommand, type PutItemCommandInput } from '@aws-sdk/client-dynamodb';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatAudit } from '../../cli/commands/audit';
import { parseConfig, type LoadedConfig } from '../../lambdas/core/config/parse-config';
import { handlePostEvent } from '../../lambdas/services/post-service';
import { SocialDutyStack } from '../../lib/social-duty-stack';
import { SAMPLE_CONFIG_FILE, sampleConfigText } from '../support/example-config';
import { sampleLoaded, startTestStack } from '../support/local-stack';
import { runCliIn } from '../support/run-cli-in';

const COMMIT = '3f9a1c2b7d4e5f60718293a4b5c6d7e8f9a0b1c2';
const DEPLOYED_AT = '2026-12-03T14:05:00.000Z';

/**
 * The PutItem the synthesized stack's custom resource makes at deploy time, aimed at `tableName`: the same
 * parameters CloudFormation hands CDK's provider, with the table's Ref resolved.
 */
function deployTimePut(loaded: LoadedConfig, tableName: string): PutItemCommandInput {
  const stack = new SocialDutyStack(new App({ builtinCloudFormationValidation: false }), 'SocialDuty', {
    loaded,
    bundling: 'stub',
    deployedAt: DEPLOYED_AT,
  });
  const template = Template.fromStack(stack);
  const [record, ...others] = Object.values(template.findResources('Custom::AWS')) as Array<{
    Properties: { Create: { 'Fn::Join': [string, unknown[]] } };
  }>;
  expect(others).toEqual([]);
  const [separator, parts] = (record as NonNullable<typeof record>).Properties.Create['Fn::Join'];
  const tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0];
  const text = parts
    .map((part) => {
      if (typeof part === 'string') return part;
      expect(part).toEqual({ Ref: tableId });
      return tableName;
    })
    .join(separator);
  const call = JSON.parse(text) as { service: string; action: string; parameters: PutItemCommandInput };
  expect([call.service, call.action]).toEqual(['DynamoDB', 'PutItem']);
  return call.parameters;
}

describe('which approved change posted this: the deployed commit in the audit trail and in status', () => {
  const loaded = { ...sampleLoaded(), commit: COMMIT };
  const cwd = mkdtempSync(join(tmpdir(), 'sd-deployed-'));
  let stack: Awaited<ReturnType<typeof startTestStack>>;
  const cli = (...args: string[]) =>
    runCliIn(
      cwd,
      ...args,
      '--endpoint',
      stack.dynamo.endpoint,
      '--table',
      stack.dynamo.tableName,
      '--today',
      '2026-12-04',
    );

  beforeAll(async () => {
    stack = await startTestStack('2026-12-04T16:00:01Z', { loaded });
  });
  afterAll(async () => stack.close());

  it('a post made by the real service carries the commit through DynamoDB, to audit and audit --json', async () => {
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

    const run = await cli(
      'audit',
      '--from',
      '2026-12-04',
      '--to',
      '2026-12-04',
      '--config',
      SAMPLE_CONFIG_FILE,
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { records: Array<Record<string, unknown>> };
    expect(json.records).toEqual([
      expect.objectContaining({
        event: 'posted',
        subject: 'closing',
        configVersion: loaded.version,
        commit: COMMIT,
      }),
    ]);
  });

  it('status says nothing about deployment where no deploy wrote the DEPLOYED item', async () => {
    const run = await cli('status', '--config', SAMPLE_CONFIG_FILE);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Last 5 outcomes:');
    expect(run.stdout).not.toMatch(/deployed/i);
  });

  describe('with the item the stack writes at deploy time', () => {
    beforeAll(async () => {
      await stack.dynamo.client.send(new PutItemCommand(deployTimePut(loaded, stack.dynamo.tableName)));
    });

    it('names the deployed config, commit and time, and no drift when the local config is that one', async () => {
      const run = await cli('status', '--config', SAMPLE_CONFIG_FILE);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')).toContain(
        `Deployed: config ${loaded.version} (commit ${COMMIT.slice(0, 12)}, 2026-12-03 14:05)`,
      );
      expect(run.stdout).not.toContain('differs');
    });

    it('says when the local config is another one: a change not deployed, or not yet approved', async () => {
      const edited = sampleConfigText().replace(/^(\s*text: ")/m, '$1Edited: ');
      const file = join(cwd, 'edited.yaml');
      writeFileSync(file, edited);
      const local = parseConfig(edited, file).version;
      expect(local).not.toBe(loaded.version);
      const run = await cli('status', '--config', file);
      expect(run.code).toBe(0);
      expect(run.stdout.split('\n')).toEqual(
        expect.arrayContaining([
          `Deployed: config ${loaded.version} (commit ${COMMIT.slice(0, 12)}, 2026-12-03 14:05)`,
          `Local config differs from the deployed one (local ${local}): deploy it, or it is a change not yet approved.`,
        ]),
      );
    });

    it('a deploy that named no commit shows none', async () => {
      const plain = sampleLoaded();
      await stack.dynamo.client.send(new PutItemCommand(deployTimePut(plain, stack.dynamo.tableName)));
      const run = await cli('status', '--config', SAMPLE_CONFIG_FILE);
      expect(run.stdout.split('\n')).toContain(`Deployed: config ${plain.version} (2026-12-03 14:05)`);
      expect(run.stdout).not.toContain('commit');
    });
  });
});
