import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/** Jest global setup: the tests that spawn the bin run the CLI built from the sources as they are now. */
export default function buildCli(): void {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'build-cli.mjs'), '--quiet'], {
    stdio: 'inherit',
  });
}
