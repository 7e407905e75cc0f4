import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SocialDutyStack } from '../../lib/social-duty-stack';
import { sampleLoaded } from '../support/local-stack';

describe('real bundling of each handler (local esbuild, no Docker)', () => {
  it('bundles post, sweep and briefing with the config inside, and each bundle loads', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'sd-bundle-'));
    const app = new App({ outdir });
    const stack = new SocialDutyStack(app, 'SocialDuty', {
      loaded: sampleLoaded(),
      env: { account: '111122223333', region: 'eu-west-2' },
    });
    app.synth();
    const functions = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    const sizes: string[] = [];
    for (const [id, fn] of Object.entries(functions)) {
      // the asset's zip is named by its hash, and the staged bundle sits in asset.<hash>
      const key = (fn as { Properties: { Code: { S3Key: string } } }).Properties.Code.S3Key;
      const bundle = join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.js');
      sizes.push(`${id}: ${(statSync(bundle).size / 1024).toFixed(0)} KB`);
      // the bundle must load outside the repository and find its config inside itself; NODE_PATH stands in for
      // the AWS SDK that the Lambda runtime provides
      const load = spawnSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(bundle)}).handler({}, {}).catch((e) => { console.log(e.message); })`,
        ],
        {
          encoding: 'utf8',
          cwd: tmpdir(),
          env: {
            PATH: process.env.PATH,
            NODE_PATH: join(__dirname, '..', '..', 'node_modules'),
            TABLE_NAME: 'state',
            AWS_REGION: 'eu-west-2',
          },
        },
      );
      expect(`${load.stdout}${load.stderr}`).toContain('invalid event');
    }
    console.log(`bundle sizes: ${sizes.join(', ')}`);
    expect(sizes).toHaveLength(3);
  }, 120_000);
});
