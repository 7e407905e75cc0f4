import { build } from 'esbuild';
import { join } from 'node:path';
import type { LoadedConfig } from '../lambdas/core/config/parse-config';

export const HANDLERS = ['post', 'sweep', 'briefing'] as const;
export type HandlerName = (typeof HANDLERS)[number];

/**
 * Bundles a handler (or a few lines of code) the way the CDK stack does (CJS, node22, minified, config defined
 * in), so its size and cold start can be measured without deploying.
 */
export async function bundleHandler(
  entry: string | { contents: string },
  loaded: LoadedConfig | undefined,
  outfile: string,
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
    define: loaded ? { SOCIAL_DUTY_BUNDLED_CONFIG: JSON.stringify(loaded) } : {},
  });
  const outputs = result.metafile?.outputs ?? {};
  return Object.values(outputs).reduce((sum, output) => sum + output.bytes, 0);
}
