import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import type { ScheduleTarget } from '../lambdas/core/plan/schedule-plan';
import { functionDefines } from '../lambdas/runtime/lambda-runtime';
import { SCHEDULE_MAX_EVENT_AGE, SCHEDULE_RETRY_ATTEMPTS } from './schedules';

/** `esbuild` bundles each handler with the local esbuild (synth, deploy); `stub` skips it (template tests). */
export type FunctionBundling = 'esbuild' | 'stub';

export type DutyFunctions = Record<ScheduleTarget, lambda.Function>;

export const FUNCTION_TARGETS: readonly ScheduleTarget[] = ['post', 'sweep', 'briefing'];

const PROJECT_ROOT = join(__dirname, '..');

/**
 * Long enough for a post's retries and for a duplicate delivery to wait out a claim's 60-second lease (the
 * briefing's claim waits the same way as the post's).
 */
export const TIMEOUTS: Record<ScheduleTarget, Duration> = {
  post: Duration.seconds(150),
  sweep: Duration.seconds(120),
  briefing: Duration.seconds(150),
};

/** The cost table in the README's deploy guide assumes this size. */
export const MEMORY_MB = 256;

export interface DutyFunctionsProps {
  loaded: LoadedConfig;
  table: dynamodb.ITable;
  /** where an event goes when the function has failed on it and Lambda's own retries are used up */
  deadLetters: sqs.IQueue;
  bundling: FunctionBundling;
}

/** The three scheduled functions; what each may touch beyond its own logs is granted in permissions.ts. */
export function createDutyFunctions(scope: Construct, props: DutyFunctionsProps): DutyFunctions {
  return {
    post: createDutyFunction(scope, 'post', props),
    sweep: createDutyFunction(scope, 'sweep', props),
    briefing: createDutyFunction(scope, 'briefing', props),
  };
}

function createDutyFunction(
  scope: Construct,
  target: ScheduleTarget,
  props: DutyFunctionsProps,
): lambda.Function {
  return createHandlerFunction(scope, {
    handler: target,
    loaded: props.loaded,
    table: props.table,
    bundling: props.bundling,
    timeout: TIMEOUTS[target],
    options: {
      // Scheduler invokes asynchronously, so a crash is retried by Lambda, not by the schedule. The handlers'
      // claims make a retry safe; past an hour a post is too late to be the one the comms lead planned. What
      // still fails lands in the dead-letter queue, whose alarm tells a human.
      retryAttempts: SCHEDULE_RETRY_ATTEMPTS,
      maxEventAge: SCHEDULE_MAX_EVENT_AGE,
      onFailure: new destinations.SqsDestination(props.deadLetters),
    },
  });
}

export interface HandlerFunctionProps {
  /** the file in lambdas/handlers/ without `.ts`; also names the construct ids (`post` → PostFunction) */
  handler: string;
  loaded: LoadedConfig;
  table: dynamodb.ITable;
  bundling: FunctionBundling;
  timeout: Duration;
  /** more environment beside TABLE_NAME and the runtime settings: names and ARNs, never a secret */
  environment?: Record<string, string>;
  /** what differs between functions: async invocation settings, reserved concurrency */
  options?: Pick<
    lambda.FunctionOptions,
    'retryAttempts' | 'maxEventAge' | 'onFailure' | 'reservedConcurrentExecutions'
  >;
}

/**
 * One handler as a function, built the same way for each: Node.js 22 on arm64, JSON logs in its own log group,
 * its own role that may write only there, and the bundled config. What else it may touch is granted by the caller.
 */
export function createHandlerFunction(scope: Construct, props: HandlerFunctionProps): lambda.Function {
  const name = capitalise(props.handler);
  const logGroup = new logs.LogGroup(scope, `${name}Logs`, {
    retention: logs.RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  // our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group
  const role = new iam.Role(scope, `${name}Role`, {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description: `social-duty ${props.handler} function`,
  });
  role.addToPolicy(
    new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [logGroup.logGroupArn],
    }),
  );
  const common = {
    runtime: lambda.Runtime.NODEJS_22_X,
    architecture: lambda.Architecture.ARM_64,
    memorySize: MEMORY_MB,
    timeout: props.timeout,
    role,
    logGroup,
    // Powertools writes one JSON object a line; Lambda keeps such lines as they are in JSON format, so the
    // metric filter in alarms.ts can select on $.kind and $.outcome
    loggingFormat: lambda.LoggingFormat.JSON,
    environment: {
      TABLE_NAME: props.table.tableName,
      NODE_OPTIONS: '--enable-source-maps',
      POWERTOOLS_SERVICE_NAME: 'social-duty',
      ...props.environment,
    },
    description: `social-duty ${props.handler}`,
    ...props.options,
  };
  if (props.bundling === 'stub') {
    return new lambda.Function(scope, `${name}Function`, {
      ...common,
      code: lambda.Code.fromInline('exports.handler = async () => ({ stub: true });'),
      handler: 'index.handler',
    });
  }
  return new nodejs.NodejsFunction(scope, `${name}Function`, {
    ...common,
    entry: join(PROJECT_ROOT, 'lambdas', 'handlers', `${props.handler}.ts`),
    handler: 'handler',
    projectRoot: PROJECT_ROOT,
    depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
    bundling: {
      forceDockerBundling: false,
      minify: true,
      sourceMap: true,
      // stack traces need only the mappings; the sources would triple the upload
      sourcesContent: false,
      target: 'node22',
      // CommonJS: an ES module bundle of CommonJS dependencies needs a createRequire banner to load
      format: nodejs.OutputFormat.CJS,
      // prefer the ES module builds of dependencies, so esbuild can drop what is not used
      mainFields: ['module', 'main'],
      // The nodejs22.x runtime provides AWS SDK v3, kept patched by AWS. The calls we make (DynamoDB items,
      // SES SendEmail, GetSecretValue, EventBridge PutEvents, SNS Publish) are stable across v3, and leaving
      // the SDK out keeps several hundred KB of its clients out of each bundle.
      externalModules: ['@aws-sdk/*'],
      // the config `check` and `preview` validated, compiled in: one source of truth, no environment variable;
      // and the networks' clients this function needs, no more
      define: functionDefines(props.loaded, props.handler),
    },
  });
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
