/**
 * The CDK app: `npx cdk synth|deploy [-c config=FILE] [-c stackName=NAME]`; with `-c githubRepo=OWNER/NAME`
 * (and `-c githubOidcProviderArn=ARN` when the account has GitHub's provider already) also the stack of the role
 * the GitHub deploy workflow assumes, `SocialDutyGitHubDeploy`. The config is read through the core,
 * so a mistake stops synth with the same FILE:LINE:COL lines as `social-duty check`, and no stack trace.
 */
import { App } from 'aws-cdk-lib';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../cli/config-file';
import { ConfigError } from '../lambdas/core/config/problems';
import { GitHubDeployStack } from '../lib/github-deploy-stack';
import { SocialDutyStack } from '../lib/social-duty-stack';

const DEFAULT_STACK_NAME = 'SocialDuty';

const app = new App();
const file = contextString('config') ?? DEFAULT_CONFIG_FILE;
const stackName = contextString('stackName') ?? DEFAULT_STACK_NAME;

try {
  const { config, version } = loadConfigFile(file);
  const commit = contextString('commit');
  if (commit !== undefined && !/^[0-9a-f]{7,40}$/.test(commit))
    throw new ConfigError(file, [
      { line: 1, col: 1, message: `-c commit must be a git commit id (got "${commit}")` },
    ]);
  new SocialDutyStack(app, stackName, {
    loaded: { config, version, ...(commit ? { commit } : {}) },
    // environment-agnostic unless the CLI knows the account: synth needs no credentials or network
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `social-duty for ${config.organisation.name} (config ${version}${commit ? `, commit ${commit.slice(0, 12)}` : ''})`,
  });
  const repository = contextString('githubRepo');
  if (repository) {
    const existingProviderArn = contextString('githubOidcProviderArn');
    new GitHubDeployStack(app, `${stackName}GitHubDeploy`, {
      repository,
      ...(existingProviderArn ? { existingProviderArn } : {}),
      env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
      description: `the role GitHub Actions of ${repository} assume to deploy social-duty`,
    });
  }
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

function contextString(key: string): string | undefined {
  const value: unknown = app.node.tryGetContext(key);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
