#!/usr/bin/env node
// Runs the TypeScript CLI directly (tsx compiles on load), so `npx social-duty` works right after `npm ci`.
require('tsx/cjs/api').register();
require('../cli/main.ts').main();
