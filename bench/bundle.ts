import { build } from 'esbuild';
import { join } from 'node:path';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';
import { functionDefines } from '../lambdas/runtime/lambda-runtime';

export const HANDLERS = ['post', 'sweep', 'briefing', 'acknowledge', 'notify'] as const;

/**
 * As in the stack: the nodejs22.x runtime provides AWS SDK v3, so it is not bundled; packages' ES module builds
 * are preferred because esbuild can drop their unused parts.
 */
export const LAMBDA_BUNDLING = { external: ['@aws-sdk/*'], mainFields: ['module', 'main'] };

/**
 * Bundles a handler (or a few lines of code) the way the CDK stack does (CJS, node22, minified, config defined
 * in), so its size and cold start can be measured without deploying.
 */
export async function bundleHandler(
  entry: string | { contents: string },
  loaded: LoadedConfig | undefined,
  outfile: string,
  /** the handler's name, for its per-function defines (which network clients it carries) */
  handler = '',
): Promise<number> {
  const result = await build({
    ...(typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: join(__dirname, '..'), loader: 'js' as const } }),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    minify: true,
    sourcemap: false,
    outfile,
    metafile: true,
    logLevel: 'silent',
    define: loaded ? functionDefines(loaded, handler) : {},
    ...LAMBDA_BUNDLING,
  });
  const outputs = result.metafile?.outputs ?? {};
  return Object.values(outputs).reduce((sum, output) => sum + output.bytes, 0);
}
