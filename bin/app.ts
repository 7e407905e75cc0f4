/**
 * The CDK app: `npx cdk synth|deploy [-c config=FILE] [-c stackName=NAME]`. The config is read through the core,
 * so a mistake stops synth with the same FILE:LINE:COL lines as `social-duty check`.
 */
import { App } from 'aws-cdk-lib';
import { ConfigError } from '../lambdas/core/config/problems';
import { loadConfigFile, DEFAULT_CONFIG_FILE } from '../cli/config-file';
import { SocialDutyStack } from '../lib/social-duty-stack';

const app = new App();
const file = (app.node.tryGetContext('config') as string | undefined) ?? DEFAULT_CONFIG_FILE;
try {
  const loaded = loadConfigFile(file);
  new SocialDutyStack(app, (app.node.tryGetContext('stackName') as string | undefined) ?? 'SocialDuty', {
    loaded,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `social-duty for ${loaded.config.organisation.name} (config ${loaded.version})`,
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
