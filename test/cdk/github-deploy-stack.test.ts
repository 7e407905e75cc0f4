import { App, Aspects } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { GitHubDeployStack } from '../../lib/github-deploy-stack';

function synth(props: { repository: string; existingProviderArn?: string }) {
  const app = new App({ builtinCloudFormationValidation: false });
  const stack = new GitHubDeployStack(app, 'Deploy', props);
  Aspects.of(stack).add(new AwsSolutionsChecks({ verbose: true }));
  return { stack, template: Template.fromStack(stack) };
}

describe('GitHubDeployStack: the role the deploy workflow assumes', () => {
  const { stack, template } = synth({ repository: 'leeds-york-pft/social-duty-config' });

  it("only the repository's production environment, with the STS audience, may assume it: exact matches", () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRoleWithWebIdentity',
            Effect: 'Allow',
            Principal: { Federated: Match.anyValue() },
            Condition: {
              StringEquals: {
                'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
                'token.actions.githubusercontent.com:sub':
                  'repo:leeds-york-pft/social-duty-config:environment:production',
              },
            },
          },
        ],
      },
    });
    const roles = template.findResources('AWS::IAM::Role');
    const json = JSON.stringify(Object.values(roles).map((r) => r.Properties.AssumeRolePolicyDocument));
    expect(json).not.toContain('StringLike');
    expect(json).not.toContain('*');
  });

  it('may do nothing but assume the CDK bootstrap roles', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes('DeployRole'),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement as object[]);
    expect(statements).toEqual([
      {
        Action: 'sts:AssumeRole',
        Effect: 'Allow',
        Resource: {
          'Fn::Join': [
            '',
            ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':role/cdk-hnb659fds-*'],
          ],
        },
      },
    ]);
    expect(template.toJSON().Resources).not.toHaveProperty(['DeployRole', 'Properties', 'ManagedPolicyArns']);
    template.hasOutput('DeployRoleArn', {});
  });

  it("creates GitHub's OIDC provider, or uses the one the account has", () => {
    template.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 1);
    template.hasResourceProperties('Custom::AWSCDKOpenIdConnectProvider', {
      Url: 'https://token.actions.githubusercontent.com',
      ClientIDList: ['sts.amazonaws.com'],
    });
    const existing = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';
    const reused = synth({ repository: 'a/b', existingProviderArn: existing }).template;
    reused.resourceCountIs('Custom::AWSCDKOpenIdConnectProvider', 0);
    reused.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Federated: existing } })] },
    });
  });

  it('refuses a repository that is not OWNER/NAME', () => {
    expect(() => synth({ repository: 'just-a-name' })).toThrow('githubRepo must be OWNER/NAME');
  });

  it('cdk-nag: no findings left unexplained', () => {
    const errors = Annotations.fromStack(stack).findError('*', Match.stringLikeRegexp('AwsSolutions-.*'));
    expect(errors.map((e) => e.entry.data)).toEqual([]);
  });
});
