import { build } from 'esbuild';
import { loadConfigFile } from '../cli/config-file';
import { bundledConfigDefine } from '../lambdas/runtime/lambda-runtime';
import { LAMBDA_BUNDLING } from '../bench/bundle';
(async () => {
  const loaded = loadConfigFile('config/social-duty.yaml');
  for (const name of process.argv.slice(2)) {
    const r = await build({ entryPoints: [`lambdas/handlers/${name}.ts`], bundle: true, platform: 'node', target: 'node22', format: 'cjs', minify: true, outfile: `/tmp/b-${name}.js`, metafile: true, logLevel: 'silent', define: bundledConfigDefine(loaded), ...LAMBDA_BUNDLING });
    const out = Object.values(r.metafile!.outputs)[0]!;
    const groups: Record<string, number> = {};
    for (const [file, v] of Object.entries(out.inputs)) {
      const key = file.includes('node_modules') ? file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : file.replace(/^(lambdas\/[^/]+\/[^/]+).*/, '$1');
      groups[key] = (groups[key] ?? 0) + v.bytesInOutput;
    }
    console.log(name, out.bytes);
    for (const [k, v] of Object.entries(groups).sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log('  ', (v / 1024).toFixed(1), k);
  }
})();
