#!/usr/bin/env node
// The CLI compiled to plain JavaScript (scripts/build-cli.mjs, run by `npm ci`): no TypeScript at run time.
let cli;
try {
  cli = require('../dist/social-duty.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && /dist[\\/]social-duty\.js/.test(String(error.message))) {
    process.stderr.write('social-duty: the CLI is not built; run `npm run build` (npm ci does it)\n');
    process.exit(1);
  }
  throw error;
}
cli.main();
