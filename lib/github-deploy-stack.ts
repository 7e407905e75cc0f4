import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';

export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';
export const GITHUB_OIDC_AUDIENCE = 'sts.amazonaws.com';
/** the qualifier `cdk bootstrap` uses unless told otherwise; its roles are cdk-<qualifier>-deploy-role-… */
export const CDK_BOOTSTRAP_QUALIFIER = 'hnb659fds';

export interface GitHubDeployStackProps extends StackProps {
  /** OWNER/NAME of the repository whose `production` environment may deploy */
  repository: string;
  /** an OIDC provider for GitHub already in the account (there can be only one per issuer); else one is made */
  existingProviderArn?: string;
}

/**
 * The role the deploy workflow assumes with GitHub's OIDC token: only a job of the named repository running in
 * its `production` environment (where the trust requires named reviewers) can assume it, and all it may do is
 * assume the CDK bootstrap roles, which `cdk deploy` then uses. No AWS keys exist to leak.
 */
export class GitHubDeployStack extends Stack {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: GitHubDeployStackProps) {
    super(scope, id, props);
    if (!/^[\w.-]+\/[\w.-]+$/.test(props.repository))
      throw new Error(
        `githubRepo must be OWNER/NAME, e.g. my-trust/social-duty-config (got "${props.repository}")`,
      );
    const providerArn =
      props.existingProviderArn ??
      new iam.OpenIdConnectProvider(this, 'GitHubOidc', {
        url: `https://${GITHUB_OIDC_ISSUER}`,
        clientIds: [GITHUB_OIDC_AUDIENCE],
      }).openIdConnectProviderArn;

    this.role = new iam.Role(this, 'DeployRole', {
      description: `cdk deploy of social-duty from ${props.repository}, production environment only`,
      assumedBy: new iam.FederatedPrincipal(
        providerArn,
        {
          // exact matches: a branch, a pull request or another environment of the repository cannot assume it
          StringEquals: {
            [`${GITHUB_OIDC_ISSUER}:aud`]: GITHUB_OIDC_AUDIENCE,
            [`${GITHUB_OIDC_ISSUER}:sub`]: `repo:${props.repository}:environment:production`,
          },
        },
        'sts:AssumeRoleWithWebIdentity',
      ),
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['sts:AssumeRole'],
        resources: [`arn:${this.partition}:iam::${this.account}:role/cdk-${CDK_BOOTSTRAP_QUALIFIER}-*`],
      }),
    );
    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'cdk bootstrap names its roles cdk-<qualifier>-<purpose>-<account>-<region> (deploy, file publishing, image publishing, lookup); cdk deploy picks among them, so the role may assume those and nothing else.',
          appliesTo: [
            `Resource::arn:<AWS::Partition>:iam::<AWS::AccountId>:role/cdk-${CDK_BOOTSTRAP_QUALIFIER}-*`,
          ],
        },
      ],
      true,
    );
    new CfnOutput(this, 'DeployRoleArn', {
      value: this.role.roleArn,
      description: 'the repository variable AWS_DEPLOY_ROLE_ARN of the deploy workflow',
    });
  }
}
