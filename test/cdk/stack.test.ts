import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { schedulePlan } from '../../lambdas/core/plan/schedule-plan';
import { SocialDutyStack } from '../../lib/social-duty-stack';
import { sampleConfigText } from '../support/example-config';
import { sampleLoaded } from '../support/local-stack';

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = { Action: string | string[]; Resource: unknown; Condition?: Record<string, unknown> };

function synthStub() {
  const app = new App();
  const stack = new SocialDutyStack(app, 'SocialDuty', {
    loaded: sampleLoaded(),
    bundling: 'stub',
    env: { account: '111122223333', region: 'eu-west-2' },
  });
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();
  return { stack, template: Template.fromStack(stack) };
}

describe('the CDK stack (stub assets)', () => {
  const { stack, template } = synthStub();
  const resources = (type: string) => Object.values(template.findResources(type)) as Resource[];
  const roleStatements = (logicalIdPrefix: string): Statement[] =>
    Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(logicalIdPrefix))
      .flatMap(
        ([, p]) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement,
      );

  it('has exactly one Schedule per plan entry, with the same cron and time zone', () => {
    const plan = schedulePlan(sampleLoaded().config);
    const schedules = resources('AWS::Scheduler::Schedule');
    expect(schedules).toHaveLength(plan.length);
    for (const entry of plan) {
      const matching = schedules.filter((s) => s.Properties.Name === entry.name);
      expect(matching).toHaveLength(1);
      expect(matching[0]?.Properties).toMatchObject({
        ScheduleExpression: `cron(${entry.cron})`,
        ScheduleExpressionTimezone: 'Europe/London',
        FlexibleTimeWindow: { Mode: 'OFF' },
      });
      const target = matching[0]?.Properties.Target as {
        Input: string;
        RetryPolicy: object;
        DeadLetterConfig: object;
      };
      expect(JSON.parse(target.Input)).toEqual({
        ...entry.payload,
        scheduledTime: '<aws.scheduler.scheduled-time>',
      });
      expect(target.RetryPolicy).toEqual({ MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 });
      expect(target.DeadLetterConfig).toBeDefined();
    }
  });

  it('keeps the state table: on-demand, pk/sk, TTL, point-in-time recovery, retained', () => {
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
      }),
    });
  });

  it('runs Node.js 22 on arm64 with log retention, and no secret in the environment', () => {
    const functions = resources('AWS::Lambda::Function');
    expect(functions).toHaveLength(3);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'] });
      const env = (fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(Object.keys(env).sort()).toEqual(['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME']);
    }
    for (const group of resources('AWS::Logs::LogGroup')) expect(group.Properties.RetentionInDays).toBe(90);
  });

  it('lets each function send mail only from duty.from', () => {
    for (const prefix of ['PostRole', 'SweepRole', 'BriefingRole']) {
      const ses = roleStatements(prefix).filter((s) => JSON.stringify(s.Action).includes('ses:'));
      expect(ses).toHaveLength(1);
      expect(ses[0]?.Condition).toEqual({
        StringEquals: { 'ses:FromAddress': 'socialmedia@leedsandyorkpft.nhs.uk' },
      });
      expect(JSON.stringify(ses[0]?.Resource)).toContain('identity/socialmedia@leedsandyorkpft.nhs.uk');
    }
  });

  it('reads only the named X secret, and only from the functions that call X', () => {
    const secretsOf = (prefix: string) =>
      roleStatements(prefix).filter((s) => JSON.stringify(s.Action).includes('secretsmanager'));
    for (const prefix of ['PostRole', 'SweepRole']) {
      const [statement, ...more] = secretsOf(prefix);
      expect(more).toHaveLength(0);
      expect(statement?.Action).toBe('secretsmanager:GetSecretValue');
      expect(JSON.stringify(statement?.Resource)).toContain(':secret:social-duty/x/main-??????');
    }
    expect(secretsOf('BriefingRole')).toHaveLength(0);
  });

  it('grants no * resource, and table access per function', () => {
    const all = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (p) => ((p as Resource).Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
    for (const statement of all) expect(statement.Resource).not.toBe('*');
    const tableActions = (prefix: string) =>
      roleStatements(prefix)
        .flatMap((s) => [s.Action].flat())
        .filter((a) => a.startsWith('dynamodb:'))
        .sort();
    expect(tableActions('BriefingRole')).toContain('dynamodb:Query');
    expect(tableActions('PostRole')).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem']);
    expect(tableActions('SweepRole')).not.toContain('dynamodb:Query');
  });

  it('alarms on function errors, dead letters and a missed sign-off, to an email subscription', () => {
    const alarms = resources('AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(5);
    expect(alarms.every((a) => JSON.stringify(a.Properties.AlarmActions).includes('Alarms'))).toBe(true);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'comms.team@leedsandyorkpft.nhs.uk',
    });
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: Match.stringLikeRegexp('closing'),
      MetricTransformations: [Match.objectLike({ MetricName: 'SignOffMissed' })],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
    });
  });

  it('passes the cdk-nag AwsSolutions checks, every suppression with a reason', () => {
    const findings = [
      ...Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((f) => `${f.id}: ${String(f.entry.data).split('\n')[0]}`)).toEqual([]);
    const suppressions =
      (
        stack.templateOptions.metadata?.cdk_nag as
          { rules_to_suppress: Array<{ reason: string }> } | undefined
      )?.rules_to_suppress ?? [];
    expect(suppressions.length).toBeGreaterThan(0);
    for (const s of suppressions) expect(s.reason.length).toBeGreaterThan(40);
  });
});

describe('the CDK app', () => {
  it('stops synth on a config error with the FILE:LINE:COL lines of check', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-cdk-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, sampleConfigText().replace('at: "10:30"', 'at: "10.30"'));
    const root = join(__dirname, '..', '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bin', 'app.ts')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ config: file }), CDK_OUTDIR: dir },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/bad\.yaml:\d+:9 posts\[0\]\.at must be a 24-hour time/);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });
});
