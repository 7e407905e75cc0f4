/**
 * The one test that pays for real bundling: `bin/app.ts` synthesizes the example config offline, as
 * `npx cdk synth` does, with the local esbuild (no Docker). Each bundle is measured, checked for the config
 * compiled into it, and loaded outside the repository.
 */
import { AwsCustomResource } from 'aws-cdk-lib/custom-resources';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledConfigDefine } from '../../lambdas/runtime/lambda-runtime';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';
import { sampleLoaded } from '../support/local-stack';

const ROOT = join(__dirname, '..', '..');
const CUSTOM_RESOURCE_PROVIDER = `AWS${AwsCustomResource.PROVIDER_FUNCTION_UUID.replace(/-/g, '')}`;

interface FunctionResource {
  Type: string;
  Properties: { Code: { S3Key: string }; Handler: string };
}

describe('synth of the example config with real bundling (local esbuild, no Docker)', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'sd-synth-'));
  let synth: ReturnType<typeof spawnSync>;
  let bundles: Array<{ name: string; file: string }> = [];

  beforeAll(() => {
    synth = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bin', 'app.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      // no AWS credentials or region: synth must not need them
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        CDK_OUTDIR: outdir,
        CDK_CONTEXT_JSON: JSON.stringify({ config: SAMPLE_CONFIG_FILE }),
      },
    });
    if (synth.status !== 0) return;
    const template = JSON.parse(readFileSync(join(outdir, 'SocialDuty.template.json'), 'utf8')) as {
      Resources: Record<string, FunctionResource>;
    };
    bundles = Object.entries(template.Resources)
      // not CDK's own prebuilt provider of the deploy-time PutItem: it is none of our bundles
      .filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !id.startsWith(CUSTOM_RESOURCE_PROVIDER))
      .map(([id, r]) => ({
        name: id.replace(/Function[0-9A-F]{8}$/, '').toLowerCase(),
        // the staged asset sits in asset.<hash>, the zip's name without .zip
        file: join(outdir, `asset.${r.Properties.Code.S3Key.replace(/\.zip$/, '')}`, 'index.js'),
      }));
  }, 90_000);

  it('completes and bundles post, sweep, briefing and acknowledge', () => {
    expect({ status: synth.status, stderr: synth.status === 0 ? '' : synth.stderr }).toEqual({
      status: 0,
      stderr: '',
    });
    expect(bundles.map((b) => b.name).sort()).toEqual(['acknowledge', 'briefing', 'post', 'sweep']);
    const sizes = bundles.map((b) => `${b.name} ${(statSync(b.file).size / 1024).toFixed(0)} KB`);
    console.log(`bundle sizes (minified, AWS SDK from the runtime): ${sizes.join(', ')}`);
  });

  it('compiles in exactly the config that check validates', () => {
    const [defined] = Object.values(bundledConfigDefine(sampleLoaded()));
    for (const bundle of bundles) expect(readFileSync(bundle.file, 'utf8')).toContain(defined);
  });

  it('leaves out the AWS SDK (the runtime has it) and the full date-holidays data', () => {
    for (const bundle of bundles) {
      const sources = (JSON.parse(readFileSync(`${bundle.file}.map`, 'utf8')) as { sources: string[] })
        .sources;
      expect(sources.filter((s) => /node_modules\/(@aws-sdk|date-holidays)\//.test(s))).toEqual([]);
      expect(sources.some((s) => s.includes(`lambdas/handlers/${bundle.name}.ts`))).toBe(true);
    }
  });

  it('carries only the network clients the config uses: no Bluesky or Facebook client for an X-only trust, and none of twitter-api-v2 beyond its request maker', () => {
    for (const bundle of bundles) {
      const sources = (JSON.parse(readFileSync(`${bundle.file}.map`, 'utf8')) as { sources: string[] })
        .sources;
      expect(
        sources.filter((s) =>
          /node_modules\/@atproto\/|adapters\/(bluesky|facebook)-|twitter-api-v2\/dist\/esm\/(v1|v2|paginators)\//.test(
            s,
          ),
        ),
      ).toEqual([]);
      if (bundle.name === 'sweep')
        expect(sources.some((s) => s.includes('twitter-api-v2/dist/esm/client.base'))).toBe(true);
    }
  });

  /** runs `handler(event)` of a bundle in a fresh node outside the repository; prints the result or error */
  const invokeBundle = (file: string, event: unknown) =>
    spawnSync(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(file)}).handler(${JSON.stringify(event)}, {}).then((r) => console.log(JSON.stringify(r)), (e) => console.log(e.message))`,
      ],
      {
        encoding: 'utf8',
        cwd: tmpdir(),
        env: {
          PATH: process.env.PATH,
          TABLE_NAME: 'state',
          AWS_REGION: 'eu-west-2',
          ACK_SIGNING_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-2:111122223333:secret:ack-AbCdEf',
          SOCIAL_DUTY_LOG_LEVEL: 'silent',
        },
      },
    );

  it('loads each bundle outside the repository with only the AWS SDK beside it', () => {
    // stands in for the SDK the Lambda runtime provides; every other dependency must be inside the bundle
    mkdirSync(join(outdir, 'node_modules'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', '@aws-sdk'), join(outdir, 'node_modules', '@aws-sdk'), 'dir');
    for (const bundle of bundles) {
      const load = invokeBundle(bundle.file, {});
      expect(`${load.stdout}${load.stderr}`).toContain('invalid event');
    }
  });

  it('serves the acknowledge page from its bundle: a link without a token is refused, with the page headers', () => {
    const acknowledge = bundles.find((b) => b.name === 'acknowledge');
    expect(acknowledge).toBeDefined();
    // no token: refused before the table or the secret is touched, so this needs no AWS
    const run = invokeBundle(acknowledge?.file ?? '', {
      version: '2.0',
      rawPath: '/',
      rawQueryString: '',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/' } },
      isBase64Encoded: false,
    });
    const response = JSON.parse(run.stdout) as {
      statusCode: number;
      headers: Record<string, string>;
      body: string;
    };
    expect(response.statusCode).toBe(403);
    expect(response.headers['content-security-policy']).toContain("default-src 'none'");
    expect(response.body).toContain('This link is not valid');
  });
});
