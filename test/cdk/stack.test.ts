/**
 * The synthesized template, with stub function code (no bundling: fast). Real bundling is in bundle.test.ts.
 * The plan is read from the core here, so the schedules on AWS and the local runner cannot drift.
 */
import { bundledConfigDefine } from '../../lambdas/runtime/lambda-runtime';
import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig, type LoadedConfig } from '../../lambdas/core/config/parse-config';
import { schedulePlan } from '../../lambdas/core/plan/schedule-plan';
import { ACK_FAILED_LOG_MESSAGE, MISSED_OUTCOMES, POST_LOG_MESSAGE } from '../../lib/alarms';
import { SocialDutyStack } from '../../lib/social-duty-stack';
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import { deployedItem } from '../../lambdas/adapters/dynamodb/deployment';
import { configWith, sampleConfigText } from '../support/example-config';
import { sampleLoaded } from '../support/local-stack';

const ROOT = join(__dirname, '..', '..');
const ACCOUNT = '111122223333';
const REGION = 'eu-west-2';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
  Metadata?: Json;
  DeletionPolicy?: string;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Json;
  Principal?: unknown;
}

function synthStub(loaded: LoadedConfig = sampleLoaded(), deployedAt?: string) {
  const app = new App();
  const stack = new SocialDutyStack(app, 'SocialDuty', {
    loaded,
    bundling: 'stub',
    ...(deployedAt ? { deployedAt } : {}),
    env: { account: ACCOUNT, region: REGION },
  });
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();
  const template = Template.fromStack(stack);
  const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
  return { stack, template, resources };
}

/** CloudFormation intrinsics rendered as text: `arn:${AWS::Partition}:…`, `${PostFunction1234.Arn}` */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const v = value as Json;
  if ('Ref' in v) return `\${${String(v.Ref)}}`;
  if ('Fn::GetAtt' in v) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
  if ('Fn::Join' in v) {
    const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
    return parts.map(render).join(separator);
  }
  return JSON.stringify(value);
}

const list = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** the logical id CDK gives the one Lambda behind every AwsCustomResource of a stack */
const CUSTOM_RESOURCE_PROVIDER = `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

describe('the CDK stack (stub assets)', () => {
  const { stack, template, resources } = synthStub();
  const logicalId = (type: string, prefix: string) => {
    const ids = Object.keys(resources(type)).filter((id) => id.startsWith(prefix));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };
  const statementsOf = (policyPrefix: string): Statement[] =>
    Object.entries(resources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(policyPrefix))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  const allStatements = () => statementsOf('');
  const actionsOf = (statements: Statement[], service: string) =>
    statements
      .flatMap((s) => list(s.Action))
      .filter((a) => a.startsWith(`${service}:`))
      .sort();

  describe('schedules', () => {
    const plan = schedulePlan(sampleLoaded().config);
    const schedules = Object.values(resources('AWS::Scheduler::Schedule'));
    const queueId = logicalId('AWS::SQS::Queue', 'ScheduleDeadLetters');

    it('has exactly one Schedule per plan entry and no other', () => {
      expect(plan.length).toBeGreaterThan(5);
      expect(schedules.map((s) => s.Properties.Name).sort()).toEqual(plan.map((e) => e.name).sort());
    });

    it.each(plan.map((entry) => [entry.name, entry] as const))(
      '%s: the same cron and time zone, flexible window off, in the stack group',
      (name, entry) => {
        const [schedule, ...others] = schedules.filter((s) => s.Properties.Name === name);
        expect(others).toHaveLength(0);
        expect(schedule?.Properties).toMatchObject({
          ScheduleExpression: `cron(${entry.cron})`,
          ScheduleExpressionTimezone: entry.timezone,
          FlexibleTimeWindow: { Mode: 'OFF' },
          GroupName: 'SocialDuty-schedules',
          State: 'ENABLED',
        });
      },
    );

    it.each(plan.map((entry) => [entry.name, entry] as const))(
      '%s: invokes its function with the payload and scheduled time, bounded retries, a dead-letter queue',
      (name, entry) => {
        const schedule = schedules.find((s) => s.Properties.Name === name) as Resource;
        const target = schedule.Properties.Target as Json;
        const functionId = logicalId(
          'AWS::Lambda::Function',
          `${entry.target[0]?.toUpperCase()}${entry.target.slice(1)}Function`,
        );
        expect(target.Arn).toEqual({ 'Fn::GetAtt': [functionId, 'Arn'] });
        expect(JSON.parse(target.Input as string)).toEqual({
          ...entry.payload,
          scheduledTime: '<aws.scheduler.scheduled-time>',
        });
        expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 });
        expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [queueId, 'Arn'] } });
      },
    );

    it('follows the plan of another config: its time zone, without the entries it drops', () => {
      const config = configWith((c) => {
        (c.organisation as Json).timezone = 'Europe/Dublin';
        delete (c.closing as Json).reopening;
        delete c.sweeps;
      });
      const other = synthStub({ config, version: 'test' });
      const otherPlan = schedulePlan(config);
      const otherSchedules = Object.values(other.resources('AWS::Scheduler::Schedule'));
      expect(otherSchedules).toHaveLength(otherPlan.length);
      expect(otherSchedules.map((s) => s.Properties.Name)).not.toContain('reopening');
      for (const entry of otherPlan) {
        other.template.hasResourceProperties('AWS::Scheduler::Schedule', {
          Name: entry.name,
          ScheduleExpression: `cron(${entry.cron})`,
          ScheduleExpressionTimezone: 'Europe/Dublin',
        });
      }
    });

    it('keeps the schedule group out of the way of a later deploy (deleted with the stack)', () => {
      template.hasResource('AWS::Scheduler::ScheduleGroup', {
        DeletionPolicy: 'Delete',
        Properties: { Name: 'SocialDuty-schedules' },
      });
    });
  });

  it('keeps the state table: on-demand, pk/sk, TTL, point-in-time recovery, encrypted, retained', () => {
    const tables = Object.keys(resources('AWS::DynamoDB::Table'));
    // the logical id of a retained table must never change
    expect(tables).toEqual([expect.stringMatching(/^State[0-9A-F]{8}$/)]);
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      }),
    });
    template.hasOutput('StateTableName', { Value: { Ref: tables[0] } });
  });

  it('says which config and commit it runs: outputs, and the commit bundled with the config', () => {
    template.hasOutput('ConfigVersion', { Value: sampleLoaded().version });
    template.hasOutput('DeployedCommit', { Value: 'none' });
    const loaded = { ...sampleLoaded(), commit: '3f9a1c2b7d4e5f60718293a4b5c6d7e8f9a0b1c2' };
    const withCommit = synthStub(loaded).template;
    withCommit.hasOutput('DeployedCommit', { Value: loaded.commit });
    const define = bundledConfigDefine(loaded);
    const bundled = JSON.parse(
      Buffer.from(JSON.parse(Object.values(define)[0] as string) as string, 'base64').toString('utf8'),
    ) as { commit?: string };
    expect(bundled.commit).toBe(loaded.commit);
  });

  describe('the DEPLOYED item, written at deploy time for the drift guard in status', () => {
    const COMMIT = '3f9a1c2b7d4e5f60718293a4b5c6d7e8f9a0b1c2';
    const AT = '2026-12-03T14:05:00.000Z';
    const deployed = synthStub({ ...sampleLoaded(), commit: COMMIT }, AT);
    const records = Object.entries(deployed.resources('Custom::AWS'));
    const tableId = Object.keys(deployed.resources('AWS::DynamoDB::Table'))[0] as string;
    const call = (resource: Resource, phase: 'Create' | 'Update' | 'Delete') =>
      resource.Properties[phase] === undefined
        ? undefined
        : (JSON.parse(render(resource.Properties[phase])) as Json);

    it('puts {configVersion, commit, deployedAt} on the stack table at create and at update, nothing on delete', () => {
      expect(records).toHaveLength(1);
      const [, record] = records[0] as [string, Resource];
      const put = {
        service: 'DynamoDB',
        action: 'PutItem',
        parameters: {
          TableName: `\${${tableId}}`,
          Item: deployedItem({ configVersion: sampleLoaded().version, commit: COMMIT, deployedAt: AT }),
        },
        physicalResourceId: { id: expect.any(String) },
      };
      expect(call(record, 'Create')).toEqual(put);
      expect(call(record, 'Update')).toEqual(put);
      expect(call(record, 'Delete')).toBeUndefined();
      // a deploy must not need the internet to fetch an SDK
      expect(record.Properties.InstallLatestAwsSdk).toBe(false);
      expect(JSON.stringify(call(record, 'Create'))).toContain(
        `"configVersion":{"S":"${sampleLoaded().version}"}`,
      );
    });

    it('leaves the commit out when the deploy named none, and defaults deployedAt to the synth time', () => {
      const before = Date.now();
      const plain = synthStub();
      const [, record] = Object.entries(plain.resources('Custom::AWS'))[0] as [string, Resource];
      const item = (call(record, 'Create')?.parameters as { Item: Record<string, { S: string }> }).Item;
      expect(Object.keys(item).sort()).toEqual(['configVersion', 'deployedAt', 'pk', 'sk']);
      expect(Date.parse(item.deployedAt?.S as string)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(item.deployedAt?.S as string)).toBeLessThanOrEqual(Date.now());
    });

    it('is written only once the functions it names are in place', () => {
      const [, record] = records[0] as [string, Resource & { DependsOn?: string[] }];
      for (const name of ['Post', 'Sweep', 'Briefing', 'Acknowledge'])
        expect(record.DependsOn).toContainEqual(
          expect.stringMatching(new RegExp(`^${name}Function[0-9A-F]{8}$`)),
        );
    });

    it("runs CDK's provider under its own role: PutItem on this table and its own log group, nothing else", () => {
      const providers = Object.entries(deployed.resources('AWS::Lambda::Function')).filter(([id]) =>
        id.startsWith(CUSTOM_RESOURCE_PROVIDER),
      );
      expect(providers).toHaveLength(1);
      const [, provider] = providers[0] as [string, Resource];
      const roleId = ((provider.Properties.Role as Json)['Fn::GetAtt'] as string[])[0] as string;
      const logsId = ((provider.Properties.LoggingConfig as Json).LogGroup as Json).Ref as string;
      const statements = Object.values(deployed.resources('AWS::IAM::Policy'))
        .filter((p) => (p.Properties.Roles as Json[]).some((r) => r.Ref === roleId))
        .flatMap((p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
      expect(
        statements.map((s) => ({
          effect: s.Effect,
          actions: list(s.Action),
          resources: list(s.Resource).map(render),
        })),
      ).toEqual(
        expect.arrayContaining([
          { effect: 'Allow', actions: ['dynamodb:PutItem'], resources: [`\${${tableId}.Arn}`] },
          {
            effect: 'Allow',
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [`\${${logsId}.Arn}`],
          },
        ]),
      );
      expect(statements).toHaveLength(2);
      expect(deployed.resources('AWS::IAM::Role')[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    });
  });

  describe('functions', () => {
    // the deploy-time PutItem's provider is CDK's function, tested under 'the DEPLOYED item'
    const functions = Object.entries(resources('AWS::Lambda::Function')).filter(
      ([id]) => !id.startsWith(CUSTOM_RESOURCE_PROVIDER),
    );

    it('runs post, sweep, briefing and acknowledge on Node.js 22, arm64, with JSON logs in their own log group (3 months)', () => {
      expect(functions.map(([id]) => id.replace(/Function[0-9A-F]{8}$/, '')).sort()).toEqual([
        'Acknowledge',
        'Briefing',
        'Post',
        'Sweep',
      ]);
      for (const [id, fn] of functions) {
        const name = id.replace(/Function[0-9A-F]{8}$/, '');
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          MemorySize: 256,
          LoggingConfig: {
            LogFormat: 'JSON',
            LogGroup: { Ref: logicalId('AWS::Logs::LogGroup', `${name}Logs`) },
          },
        });
      }
      const groups = Object.values(resources('AWS::Logs::LogGroup'));
      // and the deploy-time PutItem's
      expect(groups).toHaveLength(5);
      for (const group of groups) expect(group.Properties.RetentionInDays).toBe(90);
    });

    it('has no secret in the environment: the table name, runtime settings, and where the ack links point', () => {
      // EVENT_BUS_NAME: every function publishes the outcomes it records
      const runtime = ['EVENT_BUS_NAME', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'];
      const ackSecret = { Ref: logicalId('AWS::SecretsManager::Secret', 'AckSigningKey') };
      const expected: Record<string, Json> = {
        Post: {},
        Briefing: {},
        // the sweep signs the links in urgent emails; the acknowledge function checks them
        Sweep: {
          ACK_URL: {
            'Fn::GetAtt': [logicalId('AWS::Lambda::Url', 'AcknowledgeFunctionFunctionUrl'), 'FunctionUrl'],
          },
          ACK_SIGNING_SECRET_ARN: ackSecret,
        },
        Acknowledge: { ACK_SIGNING_SECRET_ARN: ackSecret },
      };
      for (const [id, fn] of functions) {
        const env = (fn.Properties.Environment as { Variables: Json }).Variables;
        const extra = expected[id.replace(/Function[0-9A-F]{8}$/, '')] as Json;
        expect(Object.keys(env).sort()).toEqual([...runtime, ...Object.keys(extra)].sort());
        expect(env).toMatchObject(extra);
        expect(env.TABLE_NAME).toEqual({ Ref: logicalId('AWS::DynamoDB::Table', 'State') });
        expect(env.EVENT_BUS_NAME).toEqual({ Ref: logicalId('AWS::Events::EventBus', 'DutyEvents') });
      }
    });

    it('gives the briefing the post’s 150 s, long enough to wait out a claim’s lease', () => {
      const timeoutOf = (name: string) =>
        resources('AWS::Lambda::Function')[logicalId('AWS::Lambda::Function', `${name}Function`)]?.Properties
          .Timeout;
      expect(timeoutOf('Post')).toBe(150);
      expect(timeoutOf('Briefing')).toBe(150);
      expect(timeoutOf('Sweep')).toBe(120);
    });

    it('retries a failed event twice within an hour, then dead-letters it', () => {
      const queueId = logicalId('AWS::SQS::Queue', 'ScheduleDeadLetters');
      const configs = Object.values(resources('AWS::Lambda::EventInvokeConfig'));
      expect(configs).toHaveLength(3);
      for (const config of configs) {
        expect(config.Properties).toMatchObject({
          MaximumRetryAttempts: 2,
          MaximumEventAgeInSeconds: 3600,
          DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
        });
      }
    });
  });

  describe('IAM', () => {
    const dutyFrom = 'socialmedia@leedsandyorkpft.nhs.uk';

    it('lets each function send mail only as duty.from, on its SES identity', () => {
      for (const role of ['PostRole', 'SweepRole', 'BriefingRole']) {
        const ses = statementsOf(role).filter((s) => actionsOf([s], 'ses').length > 0);
        expect(ses).toHaveLength(1);
        expect(list(ses[0]?.Action)).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
        expect(ses[0]?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': dutyFrom } });
        expect(list(ses[0]?.Resource).map(render)).toEqual([
          `arn:\${AWS::Partition}:ses:${REGION}:${ACCOUNT}:identity/${dutyFrom}`,
          `arn:\${AWS::Partition}:ses:${REGION}:${ACCOUNT}:identity/leedsandyorkpft.nhs.uk`,
        ]);
      }
    });

    it('reads only the named X secret, and only from the functions that call X', () => {
      const xSecrets = (role: string) =>
        statementsOf(role).filter((s) =>
          list(s.Resource).map(render).join().includes(':secret:social-duty/x/'),
        );
      for (const role of ['PostRole', 'SweepRole']) {
        const secrets = xSecrets(role);
        expect(secrets).toHaveLength(1);
        expect(secrets[0]?.Action).toBe('secretsmanager:GetSecretValue');
        expect(list(secrets[0]?.Resource).map(render)).toEqual([
          `arn:\${AWS::Partition}:secretsmanager:${REGION}:${ACCOUNT}:secret:social-duty/x/main-??????`,
        ]);
      }
      expect(actionsOf(statementsOf('BriefingRole'), 'secretsmanager')).toEqual([]);
      expect(xSecrets('AcknowledgeRole')).toEqual([]);
    });

    it('lets only the sweep (signing links) and the acknowledge function (checking them) read the signing key', () => {
      const secretId = logicalId('AWS::SecretsManager::Secret', 'AckSigningKey');
      const ackSecret = `\${${secretId}}`;
      const readers = (role: string) =>
        statementsOf(role).filter((s) => list(s.Resource).map(render).includes(ackSecret));
      for (const role of ['SweepRole', 'AcknowledgeRole']) {
        expect(readers(role)).toEqual([
          expect.objectContaining({
            Effect: 'Allow',
            Action: 'secretsmanager:GetSecretValue',
            Resource: { Ref: secretId },
          }),
        ]);
      }
      for (const role of ['PostRole', 'BriefingRole']) expect(readers(role)).toEqual([]);
      const anyReader = allStatements().filter((s) => list(s.Resource).map(render).includes(ackSecret));
      expect(anyReader).toHaveLength(2);
    });

    it('gives each function exactly the table calls its service makes, on the table alone', () => {
      const tableArn = `\${${logicalId('AWS::DynamoDB::Table', 'State')}.Arn}`;
      const expected: Record<string, string[]> = {
        PostRole: ['GetItem', 'PutItem', 'UpdateItem'],
        SweepRole: ['BatchGetItem', 'BatchWriteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
        BriefingRole: ['BatchGetItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
        AcknowledgeRole: ['GetItem', 'PutItem', 'UpdateItem'],
      };
      for (const [role, actions] of Object.entries(expected)) {
        const table = statementsOf(role).filter((s) => actionsOf([s], 'dynamodb').length > 0);
        expect(actionsOf(table, 'dynamodb')).toEqual(actions.map((a) => `dynamodb:${a}`));
        for (const s of table) expect(list(s.Resource).map(render)).toEqual([tableArn]);
      }
    });

    it('grants no `*` resource; the only wildcards are the secret suffix and the invoke grant on a function', () => {
      for (const statement of allStatements()) {
        for (const resource of list(statement.Resource).map(render)) {
          expect(resource).not.toBe('*');
          if (resource.includes('?')) expect(resource).toMatch(/:secret:[\w/+=.@-]+-\?{6}$/);
          if (resource.includes('*')) {
            expect(resource).toMatch(/^\$\{(Post|Sweep|Briefing)Function[0-9A-F]{8}\.Arn\}:\*$/);
            expect(statement.Action).toBe('lambda:InvokeFunction');
          }
        }
      }
    });

    it('uses no managed policies, and lets the schedules only invoke and dead-letter', () => {
      for (const role of Object.values(resources('AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
      const schedulerActions = actionsOf(statementsOf('SchedulerRole'), 'lambda').concat(
        actionsOf(statementsOf('SchedulerRole'), 'sqs'),
      );
      expect([...new Set(schedulerActions)].sort()).toEqual(['lambda:InvokeFunction', 'sqs:SendMessage']);
    });
  });

  describe('acknowledge endpoint', () => {
    const fnId = logicalId('AWS::Lambda::Function', 'AcknowledgeFunction');
    const fn = resources('AWS::Lambda::Function')[fnId] as Resource;
    const secretId = logicalId('AWS::SecretsManager::Secret', 'AckSigningKey');

    it('is a public function URL (AuthType NONE: the signed token is the credential) on the acknowledge function', () => {
      const urls = Object.entries(resources('AWS::Lambda::Url'));
      expect(urls).toHaveLength(1);
      const [urlId, url] = urls[0] as [string, Resource];
      expect(url.Properties).toEqual({
        AuthType: 'NONE',
        TargetFunctionArn: { 'Fn::GetAtt': [fnId, 'Arn'] },
      });
      // function URLs need both grants to anyone: InvokeFunctionUrl, and InvokeFunction only through the URL
      const permissions = Object.values(resources('AWS::Lambda::Permission')).filter(
        (p) => render(p.Properties.FunctionName) === `\${${fnId}.Arn}`,
      );
      expect(
        permissions.map((p) => p.Properties).sort((a, b) => String(a.Action).localeCompare(String(b.Action))),
      ).toEqual([
        {
          Action: 'lambda:InvokeFunction',
          FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
          Principal: '*',
          InvokedViaFunctionUrl: true,
        },
        {
          Action: 'lambda:InvokeFunctionUrl',
          FunctionName: { 'Fn::GetAtt': [fnId, 'Arn'] },
          Principal: '*',
          FunctionUrlAuthType: 'NONE',
        },
      ]);
      template.hasOutput('AcknowledgeUrl', { Value: { 'Fn::GetAtt': [urlId, 'FunctionUrl'] } });
    });

    it('runs with reserved concurrency, a short timeout, and no async retries (a person is waiting)', () => {
      expect(fn.Properties).toMatchObject({ ReservedConcurrentExecutions: 5, Timeout: 10 });
      const invokeConfigs = Object.values(resources('AWS::Lambda::EventInvokeConfig'));
      expect(invokeConfigs.map((c) => c.Properties.FunctionName)).not.toContainEqual({ Ref: fnId });
    });

    it('signs with a generated 64-character key in Secrets Manager, deleted with the stack', () => {
      template.hasResource('AWS::SecretsManager::Secret', {
        DeletionPolicy: 'Delete',
        Properties: Match.objectLike({
          GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
        }),
      });
      expect(Object.keys(resources('AWS::SecretsManager::Secret'))).toEqual([secretId]);
      // no rotation: it would break every link already sent (the SMG4 suppression says so)
      expect(resources('AWS::SecretsManager::RotationSchedule')).toEqual({});
    });

    it('may only write its logs, get, update and put table items, and read its signing key', () => {
      const statements = statementsOf('AcknowledgeRole');
      const byAction = statements.map((s) => ({
        actions: list(s.Action).sort(),
        resources: list(s.Resource).map(render),
      }));
      expect(byAction).toEqual(
        expect.arrayContaining([
          {
            actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
            resources: [`\${${logicalId('AWS::Logs::LogGroup', 'AcknowledgeLogs')}.Arn}`],
          },
          {
            actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
            resources: [`\${${logicalId('AWS::DynamoDB::Table', 'State')}.Arn}`],
          },
          { actions: ['secretsmanager:GetSecretValue'], resources: [`\${${secretId}}`] },
          {
            actions: ['events:PutEvents'],
            resources: [`\${${logicalId('AWS::Events::EventBus', 'DutyEvents')}.Arn}`],
          },
        ]),
      );
      expect(byAction).toHaveLength(4);
      for (const s of statements) expect(s.Effect).toBe('Allow');
      expect(fn.Properties.Role).toEqual({
        'Fn::GetAtt': [logicalId('AWS::IAM::Role', 'AcknowledgeRole'), 'Arn'],
      });
    });
  });

  describe('alarms', () => {
    const topicId = logicalId('AWS::SNS::Topic', 'Alarms');
    const alarms = Object.values(resources('AWS::CloudWatch::Alarm'));

    it('alarms on each function’s errors, dead letters, a missed sign-off, a press not recorded and failed event publishes, all to the topic', () => {
      expect(alarms).toHaveLength(8);
      for (const alarm of alarms) {
        expect(alarm.Properties).toMatchObject({
          AlarmActions: [{ Ref: topicId }],
          Threshold: 1,
          ComparisonOperator: 'GreaterThanOrEqualToThreshold',
          TreatMissingData: 'notBreaching',
        });
      }
      for (const fn of ['Post', 'Sweep', 'Briefing', 'Acknowledge']) {
        template.hasResourceProperties('AWS::CloudWatch::Alarm', {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Statistic: 'Sum',
          Dimensions: [
            { Name: 'FunctionName', Value: { Ref: logicalId('AWS::Lambda::Function', `${fn}Function`) } },
          ],
        });
      }
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Statistic: 'Maximum',
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'SocialDuty',
        MetricName: 'SignOffMissed',
        Statistic: 'Sum',
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'SocialDuty',
        MetricName: 'EventsFailedToPublish',
        Statistic: 'Sum',
      });
    });

    it('counts closing events that ended without a sign-off, from the post function’s logs', () => {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logicalId('AWS::Logs::LogGroup', 'PostLogs') },
        FilterPattern:
          '{ ($.message = "post event handled") && ($.kind = "closing") && (($.outcome = "failed") || ($.outcome = "stuck")) }',
        MetricTransformations: [
          { MetricNamespace: 'SocialDuty', MetricName: 'SignOffMissed', MetricValue: '1' },
        ],
      });
      // the filter reads what the handler writes and the outcomes the service returns
      const handler = readFileSync(join(ROOT, 'lambdas', 'handlers', 'post.ts'), 'utf8');
      expect(handler).toContain(`logger.info('${POST_LOG_MESSAGE}'`);
      expect(handler).toMatch(/kind: postEvent\.kind/);
      expect(handler).toMatch(/outcome: outcome\.outcome/);
      const service = readFileSync(join(ROOT, 'lambdas', 'services', 'post-service.ts'), 'utf8');
      for (const outcome of MISSED_OUTCOMES) expect(service).toContain(`{ outcome: '${outcome}'`);
    });

    it('alarms when a press of "I\'m handling this" could not be recorded, from the acknowledge function’s logs', () => {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: { Ref: logicalId('AWS::Logs::LogGroup', 'AcknowledgeLogs') },
        FilterPattern: `{ $.message = "${ACK_FAILED_LOG_MESSAGE}" }`,
        MetricTransformations: [
          { MetricNamespace: 'SocialDuty', MetricName: 'AcknowledgeFailed', MetricValue: '1' },
        ],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: 'AcknowledgeFailed',
        Namespace: 'SocialDuty',
        Threshold: 1,
      });
      const handler = readFileSync(join(ROOT, 'lambdas', 'handlers', 'acknowledge.ts'), 'utf8');
      expect(handler).toContain(`logger.error('${ACK_FAILED_LOG_MESSAGE}'`);
    });

    it('mails duty.fallback through a topic CloudWatch can publish to: own rotated key, SSL only', () => {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: 'comms.team@leedsandyorkpft.nhs.uk',
        TopicArn: { Ref: topicId },
      });
      const keyId = logicalId('AWS::KMS::Key', 'AlarmsKey');
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
      template.hasResourceProperties('AWS::KMS::Key', {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Principal: { Service: 'cloudwatch.amazonaws.com' },
              Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
            }),
          ]),
        },
      });
      const topicStatements = Object.values(resources('AWS::SNS::TopicPolicy')).flatMap(
        (p) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
      );
      expect(topicStatements).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
          expect.objectContaining({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
          }),
        ]),
      );
      const allow = topicStatements.find((s) => s.Effect === 'Allow') as Statement;
      expect(render((allow.Condition?.ArnLike as Json)['aws:SourceArn'])).toBe(
        `arn:\${AWS::Partition}:cloudwatch:${REGION}:${ACCOUNT}:alarm:*`,
      );
    });

    it('keeps dead letters encrypted, SSL only, for two weeks', () => {
      template.hasResourceProperties('AWS::SQS::Queue', {
        SqsManagedSseEnabled: true,
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
        PolicyDocument: {
          Statement: [
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ],
        },
      });
    });
  });

  it('passes the cdk-nag AwsSolutions checks; every suppression is scoped and has a reason', () => {
    const findings = [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((f) => `${f.id}: ${String(f.entry.data).split('\n')[0]}`)).toEqual([]);

    type Suppression = { id: string; reason: string; applies_to?: unknown[] };
    const rules = (metadata: Json | undefined) =>
      (metadata?.cdk_nag as { rules_to_suppress?: Suppression[] } | undefined)?.rules_to_suppress ?? [];
    const stackWide = rules(template.toJSON().Metadata as Json | undefined);
    const perResource = Object.values(template.toJSON().Resources as Record<string, Resource>).flatMap((r) =>
      rules(r.Metadata),
    );
    expect(stackWide.length + perResource.length).toBeGreaterThan(0);
    for (const s of [...stackWide, ...perResource]) expect(s.reason.length).toBeGreaterThan(60);
    // a stack-wide suppression must name the exact findings it accepts
    for (const s of stackWide) expect(s.applies_to?.length).toBeGreaterThan(0);
  });
});

describe('the CDK app (bin/app.ts)', () => {
  const runApp = (context: Json) => {
    const outdir = mkdtempSync(join(tmpdir(), 'sd-cdk-'));
    return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'app.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
    });
  };

  it('stops synth on a config error with the FILE:LINE:COL lines of check, and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-cdk-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      sampleConfigText()
        .replace('at: "10:30"', 'at: "10.30"')
        .replace('fallback: comms.team@', 'fallback: comms.team-at-'),
    );
    const run = runApp({ config: file });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/bad\.yaml:\d+:9 posts\[0\]\.at write the time as "10:30", in quotes$/),
      expect.stringMatching(/bad\.yaml:\d+:\d+ duty\.fallback is not a valid email address$/),
    ]);
    expect(run.stderr).not.toMatch(/^\s+at .*:\d+:\d+\)?$/m);

    const check = spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'social-duty.js'), 'check', '--config', file],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(check.status).toBe(1);
    expect(
      `${check.stdout}${check.stderr}`
        .trim()
        .split('\n')
        .filter((l) => l.includes('bad.yaml')),
    ).toEqual(lines);
  });

  it('names a missing config file the same way', () => {
    const run = runApp({ config: 'config/no-such-file.yaml' });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      'config/no-such-file.yaml:1:1 cannot read the config file: it does not exist',
    );
  });
});

describe('account secrets on several networks', () => {
  // the Facebook Page only posts (no facebook-comments source), and a campaign account is never swept
  const text = readFileSync(join(ROOT, 'config', 'examples', 'three-networks.yaml'), 'utf8')
    .replace(
      "    - id: facebook-comments\n      type: facebook-comments            # comments on the Page's posts, and posts that tag the Page\n      account: facebook\n",
      '',
    )
    .replace(
      'accounts:\n',
      'accounts:\n  campaigns:\n    handle: LYPFTCampaigns\n    secret: social-duty/x/campaigns\n',
    )
    .replace('  - id: wyg\n    account: main', '  - id: wyg\n    account: campaigns');
  const { resources } = synthStub(parseConfig(text, 'three-networks.yaml'));
  const secretsOf = (policyPrefix: string): string[] =>
    Object.entries(resources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(policyPrefix))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement)
      .filter((s) => list(s.Action).includes('secretsmanager:GetSecretValue'))
      .flatMap((s) => list(s.Resource).map(render))
      .filter((arn) => arn.includes(':secret:social-duty/') && !arn.includes('ack'))
      .map((arn) => arn.slice(arn.indexOf(':secret:') + ':secret:'.length))
      .sort();

  it('gives the post function the secrets of the accounts posts and the sign-off go to', () => {
    expect(text).toContain('account: campaigns');
    expect(secretsOf('PostRole')).toEqual([
      'social-duty/bluesky/main-??????',
      'social-duty/facebook/page-??????',
      'social-duty/x/campaigns-??????',
      'social-duty/x/main-??????',
    ]);
  });

  it('gives the sweep only the secrets of the accounts its sources read', () => {
    expect(secretsOf('SweepRole')).toEqual(['social-duty/bluesky/main-??????', 'social-duty/x/main-??????']);
    expect(secretsOf('BriefingRole')).toEqual([]);
  });
});
