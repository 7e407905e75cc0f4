/**
 * The duty events on AWS: the bus and its archive, what publishes to it, and, for a config with a `notify:`
 * section, the notify function with one rule per consumer. Stub assets, one synth per config.
 */
import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { FAILED_METRIC, metricsLine } from '../../lambdas/adapters/eventbridge-publisher';
import { parseConfig, type LoadedConfig } from '../../lambdas/core/config/parse-config';
import { EVENT_SOURCE } from '../../lambdas/core/events/detail-types';
import { notifyConsumers, type NotifyConsumer } from '../../lambdas/core/notify/consumers';
import { SocialDutyStack } from '../../lib/social-duty-stack';
import { sampleConfigText } from '../support/example-config';
import { PLANNED_NOTIFY, PLANNED_NOTIFY_YAML } from '../support/planned-notify';

const ACCOUNT = '111122223333';
const REGION = 'eu-west-2';

type Json = Record<string, unknown>;
interface Resource {
  Type: string;
  Properties: Json;
}
interface Statement {
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  NotResource?: unknown;
  Condition?: Json;
  Principal?: unknown;
}

const TEAMS_SECRET = PLANNED_NOTIFY.teams[0]!.secret;
const WEBHOOK_SECRET = PLANNED_NOTIFY.webhooks[0]!.secret;

const NOTIFY_SECTION = PLANNED_NOTIFY_YAML;

/** Teams only, two channels sharing one secret: no texts, and no secret but that one */
const TEAMS_ONLY_SECTION = `
notify:
  teams:
    - id: comms-channel
      secret: ${TEAMS_SECRET}
    - id: duty-managers
      secret: ${TEAMS_SECRET}
`;

function loadedWith(section: string): LoadedConfig {
  return parseConfig(`${sampleConfigText()}${section}`, 'social-duty.yaml');
}

function synth(loaded: LoadedConfig, nag = false) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new SocialDutyStack(app, 'SocialDuty', {
    loaded,
    bundling: 'stub',
    env: { account: ACCOUNT, region: REGION },
  });
  if (nag) Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  app.synth();
  const template = Template.fromStack(stack);
  const resources = (type: string) => template.findResources(type) as Record<string, Resource>;
  const idsOf = (type: string, prefix: string) =>
    Object.keys(resources(type)).filter((id) => id.startsWith(prefix));
  const logicalId = (type: string, prefix: string) => {
    const ids = idsOf(type, prefix);
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };
  const statementsOf = (rolePrefix: string): Statement[] =>
    Object.entries(resources('AWS::IAM::Policy'))
      .filter(([id]) => id.startsWith(rolePrefix))
      .flatMap(([, p]) => (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
  return { stack, template, resources, idsOf, logicalId, statementsOf };
}
type Synth = ReturnType<typeof synth>;

/** each config is synthesized once, by the first describe block that needs it */
function once<T>(make: () => T): () => T {
  let made: T | undefined;
  return () => (made ??= make());
}
const withConsumers = once(() => {
  const loaded = loadedWith(NOTIFY_SECTION);
  return { loaded, ...synth(loaded, true) };
});
const withoutNotify = once(() => synth(loadedWith('')));

/** CloudFormation intrinsics rendered as text: `arn:${AWS::Partition}:…`, `${State1234.Arn}` */
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

const list = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const PUBLISHERS = ['Post', 'Sweep', 'Briefing', 'Acknowledge'];
const secretArn = (name: string) =>
  `arn:\${AWS::Partition}:secretsmanager:${REGION}:${ACCOUNT}:secret:${name}-??????`;

/** the bus, its archive and its publishers: the same whether or not anything subscribes */
function describeTheBus(name: string, synthOf: () => Synth) {
  describe(`the bus (${name})`, () => {
    let s: Synth;
    let busId: string;
    beforeAll(() => {
      s = synthOf();
      busId = s.logicalId('AWS::Events::EventBus', 'DutyEvents');
    });

    it('is a custom bus named after the stack, its name a stack output', () => {
      expect(s.resources('AWS::Events::EventBus')[busId]?.Properties.Name).toBe('SocialDuty-duty-events');
      s.template.hasOutput('EventBusName', { Value: { Ref: busId } });
    });

    it("archives 30 days of the bus's social-duty events", () => {
      const archives = Object.values(s.resources('AWS::Events::Archive'));
      expect(archives).toHaveLength(1);
      expect(archives[0]?.Properties).toMatchObject({
        SourceArn: { 'Fn::GetAtt': [busId, 'Arn'] },
        RetentionDays: 30,
        EventPattern: { source: [EVENT_SOURCE] },
      });
    });

    it.each(PUBLISHERS)('%s: knows the bus by name and may put events on it and no other', (fn) => {
      const resource =
        s.resources('AWS::Lambda::Function')[s.logicalId('AWS::Lambda::Function', `${fn}Function`)];
      const env = (resource?.Properties.Environment as { Variables: Json }).Variables;
      expect(env.EVENT_BUS_NAME).toEqual({ Ref: busId });
      const putEvents = s
        .statementsOf(`${fn}Role`)
        .filter((st) => list(st.Action).some((a) => a.startsWith('events:')));
      expect(putEvents).toEqual([
        { Effect: 'Allow', Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } },
      ]);
    });

    it('lets nothing else put events, and nothing put them on another bus', () => {
      const all = s.statementsOf('');
      const putters = Object.entries(s.resources('AWS::IAM::Policy'))
        .filter(([, p]) =>
          (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some((st) =>
            list(st.Action).includes('events:PutEvents'),
          ),
        )
        .map(([id]) => id.replace(/RoleDefaultPolicy[0-9A-F]{8}$/, ''))
        .sort();
      expect(putters).toEqual([...PUBLISHERS].sort());
      for (const st of all.filter((x) => list(x.Action).some((a) => a.startsWith('events:')))) {
        expect(list(st.Action)).toEqual(['events:PutEvents']);
        expect(list(st.Resource).map(render)).toEqual([`\${${busId}.Arn}`]);
      }
    });

    it('alarms on events the functions gave up publishing: the metric their EMF line writes, Sum over 5 minutes', () => {
      const emf = (
        JSON.parse(metricsLine({ published: 0, failed: 1 }, 0)) as {
          _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> };
        }
      )._aws.CloudWatchMetrics[0];
      expect(emf?.Dimensions).toEqual([[]]);
      const alarms = Object.values(s.resources('AWS::CloudWatch::Alarm')).filter(
        (a) => a.Properties.MetricName === FAILED_METRIC,
      );
      expect(alarms).toHaveLength(1);
      expect(alarms[0]?.Properties).toMatchObject({
        Namespace: emf?.Namespace,
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: s.logicalId('AWS::SNS::Topic', 'Alarms') }],
      });
      // no dimensions on either side, or the alarm would watch a metric nobody writes
      expect(alarms[0]?.Properties.Dimensions).toBeUndefined();
    });
  });
}

describe('a config with Teams, SMS and webhook consumers', () => {
  let s: Synth;
  let consumers: NotifyConsumer[];
  let fnId: string;
  let busId: string;
  beforeAll(() => {
    s = withConsumers();
    consumers = notifyConsumers(withConsumers().loaded.config);
    fnId = s.logicalId('AWS::Lambda::Function', 'NotifyFunction');
    busId = s.logicalId('AWS::Events::EventBus', 'DutyEvents');
  });

  const ruleOf = (key: string): [string, Resource] => {
    const found = Object.entries(s.resources('AWS::Events::Rule')).filter(
      ([, r]) => r.Properties.Description === `social-duty: duty events for ${key}`,
    );
    expect(found).toHaveLength(1);
    return found[0] as [string, Resource];
  };
  const targetOf = (rule: Resource) => {
    const targets = rule.Properties.Targets as Json[];
    expect(targets).toHaveLength(1);
    return targets[0] as Json;
  };
  const queueIdOf = (rule: Resource) =>
    ((targetOf(rule).DeadLetterConfig as Json).Arn as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];

  it('has the three consumers the section declares', () => {
    expect(consumers.map((c) => c.key)).toEqual([
      'teams:comms-channel',
      'sms:on-call-manager',
      'webhook:service-desk',
    ]);
  });

  describe('rules', () => {
    it('has one rule per consumer, on the bus, and no other', () => {
      const rules = Object.values(s.resources('AWS::Events::Rule'));
      expect(rules).toHaveLength(consumers.length);
      for (const rule of rules) {
        expect(rule.Properties).toMatchObject({ EventBusName: { Ref: busId }, State: 'ENABLED' });
      }
    });

    it("matches each consumer's pattern exactly, $or included", () => {
      for (const consumer of consumers) {
        expect(ruleOf(consumer.key)[1].Properties.EventPattern).toEqual(consumer.pattern);
      }
      // failures: the two post problems, nothing else
      expect(ruleOf('webhook:service-desk')[1].Properties.EventPattern).toEqual({
        source: [EVENT_SOURCE],
        'detail-type': ['Post Failed', 'Post Needs Checking'],
      });
      // sign-off: Post Published and Post Skipped only for the closing and reopening posts, in a branch of its own
      const teams = ruleOf('teams:comms-channel')[1].Properties.EventPattern as { $or?: Json[] };
      expect(teams.$or).toContainEqual({
        'detail-type': ['Post Published', 'Post Skipped'],
        detail: { postId: ['closing', 'reopening'] },
      });
    });

    it('hands the notify function the consumer key and the whole event', () => {
      for (const consumer of consumers) {
        const target = targetOf(ruleOf(consumer.key)[1]);
        expect(target.Arn).toEqual({ 'Fn::GetAtt': [fnId, 'Arn'] });
        const transformer = target.InputTransformer as {
          InputPathsMap: Record<string, string>;
          InputTemplate: string;
        };
        const paths = Object.entries(transformer.InputPathsMap);
        expect(paths).toHaveLength(1);
        const [field, path] = paths[0] as [string, string];
        expect(path).toBe('$');
        // the template with the event put in is the NotifyInput the handler reads
        const event = {
          id: 'e-1',
          'detail-type': 'Post Failed',
          source: EVENT_SOURCE,
          detail: { postId: 'pals' },
        };
        const filled = transformer.InputTemplate.replace(`<${field}>`, JSON.stringify(event));
        expect(JSON.parse(filled)).toEqual({ consumer: consumer.key, event });
      }
    });

    it('retries twice within the hour, then dead-letters to a queue of its own', () => {
      const queueIds = consumers.map((consumer) => {
        const target = targetOf(ruleOf(consumer.key)[1]);
        expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
        return queueIdOf(ruleOf(consumer.key)[1]);
      });
      expect(new Set(queueIds).size).toBe(consumers.length);
      const scheduleQueue = s.logicalId('AWS::SQS::Queue', 'ScheduleDeadLetters');
      expect(queueIds).not.toContain(scheduleQueue);
    });

    it('keeps each dead-letter queue encrypted, SSL only, for 14 days, and lets only its own rule send', () => {
      for (const consumer of consumers) {
        const [ruleId, rule] = ruleOf(consumer.key);
        const queueId = queueIdOf(rule);
        expect(s.resources('AWS::SQS::Queue')[queueId]?.Properties).toMatchObject({
          SqsManagedSseEnabled: true,
          MessageRetentionPeriod: 14 * 24 * 3600,
        });
        const policies = Object.values(s.resources('AWS::SQS::QueuePolicy')).filter((p) =>
          (p.Properties.Queues as unknown[]).some((q) => render(q) === `\${${queueId}}`),
        );
        expect(policies).toHaveLength(1);
        const statements = (policies[0]?.Properties.PolicyDocument as { Statement: Statement[] }).Statement;
        expect(statements).toContainEqual(
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        );
        const allows = statements.filter((st) => st.Effect === 'Allow');
        expect(allows).toEqual([
          expect.objectContaining({
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [ruleId, 'Arn'] } } },
          }),
        ]);
      }
    });

    it('lets EventBridge invoke the notify function for these rules only', () => {
      const invokers = Object.values(s.resources('AWS::Lambda::Permission')).filter(
        (p) => render(p.Properties.FunctionName) === `\${${fnId}.Arn}`,
      );
      expect(invokers.map((p) => render(p.Properties.SourceArn)).sort()).toEqual(
        consumers.map((c) => `\${${ruleOf(c.key)[0]}.Arn}`).sort(),
      );
      for (const p of invokers) {
        expect(p.Properties).toMatchObject({
          Action: 'lambda:InvokeFunction',
          Principal: 'events.amazonaws.com',
        });
      }
    });
  });

  describe('the notify function', () => {
    it('runs like the others, with where the ack links point and no bus to publish to', () => {
      const fn = s.resources('AWS::Lambda::Function')[fnId] as Resource;
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: 256,
        Timeout: 30,
        LoggingConfig: {
          LogFormat: 'JSON',
          LogGroup: { Ref: s.logicalId('AWS::Logs::LogGroup', 'NotifyLogs') },
        },
      });
      const env = (fn.Properties.Environment as { Variables: Json }).Variables;
      expect(Object.keys(env).sort()).toEqual(
        ['ACK_SIGNING_SECRET_ARN', 'ACK_URL', 'NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'TABLE_NAME'].sort(),
      );
      expect(env.ACK_SIGNING_SECRET_ARN).toEqual({
        Ref: s.logicalId('AWS::SecretsManager::Secret', 'AckSigningKey'),
      });
      expect(env.ACK_URL).toEqual({
        'Fn::GetAtt': [s.logicalId('AWS::Lambda::Url', 'AcknowledgeFunctionFunctionUrl'), 'FunctionUrl'],
      });
    });

    it('retries a failed delivery twice within the hour, then dead-letters it to the stack queue', () => {
      const configs = Object.values(s.resources('AWS::Lambda::EventInvokeConfig')).filter(
        (c) => render(c.Properties.FunctionName) === `\${${fnId}}`,
      );
      expect(configs).toHaveLength(1);
      expect(configs[0]?.Properties).toMatchObject({
        MaximumRetryAttempts: 2,
        MaximumEventAgeInSeconds: 3600,
        DestinationConfig: {
          OnFailure: {
            Destination: { 'Fn::GetAtt': [s.logicalId('AWS::SQS::Queue', 'ScheduleDeadLetters'), 'Arn'] },
          },
        },
      });
    });

    it('may read the urgent alerts, its consumers’ secrets by name and the signing key, and text phones only', () => {
      const statements = s.statementsOf('NotifyRole');
      for (const st of statements) {
        expect(st.Effect).toBe('Allow');
        for (const action of list(st.Action)) expect(action).not.toMatch(/\*/);
      }
      const byAction = (prefix: string) => statements.filter((st) => list(st.Action)[0]?.startsWith(prefix));
      expect(byAction('dynamodb:')).toEqual([
        {
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: { 'Fn::GetAtt': [s.logicalId('AWS::DynamoDB::Table', 'State'), 'Arn'] },
        },
      ]);
      const secrets = byAction('secretsmanager:');
      for (const st of secrets) expect(st.Action).toBe('secretsmanager:GetSecretValue');
      expect(secrets.flatMap((st) => list(st.Resource).map(render)).sort()).toEqual(
        [
          secretArn(TEAMS_SECRET),
          secretArn(WEBHOOK_SECRET),
          `\${${s.logicalId('AWS::SecretsManager::Secret', 'AckSigningKey')}}`,
        ].sort(),
      );
      expect(byAction('sns:')).toEqual([
        { Effect: 'Allow', Action: 'sns:Publish', NotResource: expect.anything() as unknown },
      ]);
      expect(render(byAction('sns:')[0]?.NotResource)).toBe('arn:${AWS::Partition}:sns:*:*:*');
      // its logs, and the stack queue its failed deliveries go to: nothing else
      const services = new Set(statements.flatMap((st) => list(st.Action).map((a) => a.split(':')[0])));
      expect([...services].sort()).toEqual(['dynamodb', 'logs', 'secretsmanager', 'sns', 'sqs']);
      for (const st of byAction('logs:')) {
        expect(list(st.Resource).map(render)).toEqual([
          `\${${s.logicalId('AWS::Logs::LogGroup', 'NotifyLogs')}.Arn}`,
        ]);
      }
      for (const st of byAction('sqs:')) {
        expect(list(st.Resource).map(render)).toEqual([
          `\${${s.logicalId('AWS::SQS::Queue', 'ScheduleDeadLetters')}.Arn}`,
        ]);
      }
    });

    it('is the only role that may publish to SNS at all', () => {
      const publishers = Object.entries(s.resources('AWS::IAM::Policy'))
        .filter(([, p]) =>
          (p.Properties.PolicyDocument as { Statement: Statement[] }).Statement.some((st) =>
            list(st.Action).includes('sns:Publish'),
          ),
        )
        .map(([id]) => id);
      expect(publishers).toEqual([expect.stringMatching(/^NotifyRole/)]);
    });
  });

  describe('alarms', () => {
    const alarmsWhere = (match: (p: Json) => boolean) =>
      Object.values(s.resources('AWS::CloudWatch::Alarm'))
        .map((a) => a.Properties)
        .filter(match);

    it('alarms on a message in any notify dead-letter queue', () => {
      for (const consumer of consumers) {
        const queueId = queueIdOf(ruleOf(consumer.key)[1]);
        const alarms = alarmsWhere(
          (p) =>
            p.MetricName === 'ApproximateNumberOfMessagesVisible' &&
            JSON.stringify(p.Dimensions) ===
              JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]),
        );
        expect(alarms).toHaveLength(1);
        expect(alarms[0]).toMatchObject({ Namespace: 'AWS/SQS', Statistic: 'Maximum', Threshold: 1 });
        expect(String(alarms[0]?.AlarmDescription)).toContain(consumer.key);
      }
    });

    it('alarms on failed invocations of each rule, by bus and rule name', () => {
      for (const consumer of consumers) {
        const [ruleId] = ruleOf(consumer.key);
        const alarms = alarmsWhere(
          (p) => p.MetricName === 'FailedInvocations' && JSON.stringify(p.Dimensions).includes(`"${ruleId}"`),
        );
        expect(alarms).toHaveLength(1);
        expect(alarms[0]).toMatchObject({
          Namespace: 'AWS/Events',
          Statistic: 'Sum',
          Period: 300,
          Threshold: 1,
        });
        expect(alarms[0]?.Dimensions).toEqual(
          expect.arrayContaining([
            { Name: 'EventBusName', Value: { Ref: busId } },
            { Name: 'RuleName', Value: { Ref: ruleId } },
          ]),
        );
        expect(alarms[0]?.Dimensions).toHaveLength(2);
      }
    });

    it('alarms on the notify function’s errors; every alarm goes to the topic', () => {
      expect(
        alarmsWhere(
          (p) =>
            p.Namespace === 'AWS/Lambda' &&
            JSON.stringify(p.Dimensions) === JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId } }]),
        ),
      ).toHaveLength(1);
      const topic = { Ref: s.logicalId('AWS::SNS::Topic', 'Alarms') };
      const all = alarmsWhere(() => true);
      // the seven of a stack without consumers, the failed publishes, the notify errors, two per consumer
      expect(all).toHaveLength(7 + 1 + 1 + 2 * consumers.length);
      for (const alarm of all) expect(alarm.AlarmActions).toEqual([topic]);
    });
  });

  it('passes the cdk-nag AwsSolutions checks', () => {
    const findings = [
      ...Annotations.fromStack(s.stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*')),
      ...Annotations.fromStack(s.stack).findWarning('*', Match.stringLikeRegexp('AwsSolutions-.*')),
    ];
    expect(findings.map((f) => `${f.id}: ${String(f.entry.data).split('\n')[0]}`)).toEqual([]);
  });
});

describe('a config whose only consumers are Teams channels', () => {
  let s: Synth;
  beforeAll(() => {
    s = synth(loadedWith(TEAMS_ONLY_SECTION));
  });

  it('grants no texts, and reads only the one secret they share besides the signing key', () => {
    const statements = s.statementsOf('NotifyRole');
    expect(statements.filter((st) => list(st.Action).some((a) => a.startsWith('sns:')))).toEqual([]);
    const secrets = statements.filter((st) => list(st.Action).includes('secretsmanager:GetSecretValue'));
    expect(secrets.flatMap((st) => list(st.Resource).map(render)).sort()).toEqual(
      [secretArn(TEAMS_SECRET), `\${${s.logicalId('AWS::SecretsManager::Secret', 'AckSigningKey')}}`].sort(),
    );
    expect(Object.values(s.resources('AWS::Events::Rule'))).toHaveLength(2);
  });
});

describe('a config without notify:', () => {
  let s: Synth;
  beforeAll(() => {
    s = withoutNotify();
  });

  it('creates no notify function, no rules, no texts, no dead-letter queue but the stack one', () => {
    expect(s.idsOf('AWS::Lambda::Function', 'Notify')).toEqual([]);
    expect(s.idsOf('AWS::IAM::Role', 'Notify')).toEqual([]);
    expect(s.resources('AWS::Events::Rule')).toEqual({});
    expect(Object.keys(s.resources('AWS::SQS::Queue'))).toEqual([
      s.logicalId('AWS::SQS::Queue', 'ScheduleDeadLetters'),
    ]);
    expect(s.statementsOf('').filter((st) => list(st.Action).includes('sns:Publish'))).toEqual([]);
    expect(
      Object.values(s.resources('AWS::Lambda::Permission')).filter(
        (p) => p.Properties.Principal === 'events.amazonaws.com',
      ),
    ).toEqual([]);
    // the seven of the stack and the failed publishes
    expect(Object.values(s.resources('AWS::CloudWatch::Alarm'))).toHaveLength(8);
  });
});

describeTheBus('with consumers', withConsumers);
describeTheBus('without notify:', withoutNotify);
