// Builds the CLI into one plain-JavaScript file, dist/social-duty.js, so the bin starts without compiling
// TypeScript. Runs at `npm ci` (prepare), before `npm start` and the test run; it takes well under a second.
// With --bench it also builds the benchmark (dist/bench.js) the same way: tsx cannot load @atproto/api's ES
// module dependencies, which the local stack's Bluesky stand-in needs, and a bundle can.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Left to node_modules: the AWS SDK (large, and only the state commands, simulate and start load it), the
 * local servers that ship native code or read their own files, and the CDK (never imported by the CLI).
 * Everything else is bundled, because one file parses faster than many small modules are found and read.
 */
const EXTERNAL = ['@aws-sdk/*', '@smithy/*', 'dynalite', 'aws-ses-v2-local', 'aws-cdk-lib', 'constructs'];

/** The command modules the registry loads on demand; each becomes its own file beside the dispatcher. */
const COMMAND_MODULES = [
  'check',
  'preview-command',
  'simulate-command',
  'start-command',
  'state-command',
  'classify',
  'sources-check',
  'diff-command',
];

/**
 * Leaves the registry's `import('./commands/…')` as a require of the built file next to the dispatcher, so
 * `--help` and `check` parse only their own code, not the whole CLI.
 */
const commandsStayApart = {
  name: 'commands-stay-apart',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^\.\/commands\// }, (args) =>
      args.importer.endsWith('command-registry.ts') ? { path: `${args.path}.js`, external: true } : undefined,
    );
  },
};

/**
 * zod re-exports translations of its messages into some fifty languages; the config's messages are our own,
 * in English, so the bundle keeps only zod's English and drops a quarter of a megabyte.
 */
const englishZodOnly = {
  name: 'english-zod-only',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(dirname(args.importer), '..', 'locales', 'en.js'), namespace: 'zod-locales' }
        : undefined,
    );
    pluginBuild.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path)};`,
      resolveDir: dirname(args.path),
    }));
  },
};

const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: process.env.SOCIAL_DUTY_BUILD_READABLE !== '1',
  // keeps class and function names, which error messages and the dispatcher's error handling rely on
  keepNames: true,
  sourcemap: 'linked',
  external: EXTERNAL,
  legalComments: 'linked',
  logLevel: 'warning',
  // a real import() would send the command through Node's ES module loader, which re-parses it (tens of ms)
  supported: { 'dynamic-import': false },
};

const started = Date.now();
const bench = process.argv.includes('--bench')
  ? [
      build({
        ...shared,
        entryPoints: ['bench/run.ts'],
        // one level below the root, like bench/, so its paths from __dirname hold; esbuild measures the bundles
        outfile: 'dist/bench.js',
        external: [...EXTERNAL, 'esbuild'],
        plugins: [englishZodOnly],
      }),
    ]
  : [];
await Promise.all([
  ...bench,
  build({
    ...shared,
    entryPoints: ['cli/main.ts'],
    outfile: 'dist/social-duty.js',
    plugins: [commandsStayApart, englishZodOnly],
  }),
  build({
    ...shared,
    entryPoints: COMMAND_MODULES.map((name) => `cli/commands/${name}.ts`),
    outdir: 'dist/commands',
    plugins: [englishZodOnly],
  }),
]);
if (!process.argv.includes('--quiet')) console.log(`built dist/ in ${Date.now() - started} ms`);
