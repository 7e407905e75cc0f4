import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import packageJson from '../../package.json';

const ROOT = join(__dirname, '..', '..');

/** What only a developer has: compilers and test tools. The installed CLI must not need any of them. */
const DEVELOPMENT_ONLY = new Set([...Object.keys(packageJson.devDependencies), 'ts-node', '.bin']);

/**
 * A copy of the package as `npm pack` would ship it (package.json's `files`), with a node_modules that
 * holds the runtime dependencies and their dependencies but none of the development tools, tsx above all.
 */
function installedCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sd-installed-'));
  for (const entry of packageJson.files) cpSync(join(ROOT, entry), join(dir, entry), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  mkdirSync(join(dir, 'node_modules'));
  for (const name of readdirSync(join(ROOT, 'node_modules'))) {
    if (DEVELOPMENT_ONLY.has(name)) continue;
    if (name.startsWith('@')) {
      mkdirSync(join(dir, 'node_modules', name));
      for (const scoped of readdirSync(join(ROOT, 'node_modules', name))) {
        if (DEVELOPMENT_ONLY.has(`${name}/${scoped}`)) continue;
        symlinkSync(join(ROOT, 'node_modules', name, scoped), join(dir, 'node_modules', name, scoped));
      }
    } else symlinkSync(join(ROOT, 'node_modules', name), join(dir, 'node_modules', name));
  }
  return dir;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the published bin', () => {
  let dir: string;
  const cli = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [join(dir, 'bin', 'social-duty.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      // the SDK warns about Node 20 unless told not to; the CLI must tell it, so the test does not
      env: { PATH: process.env.PATH ?? '', HOME: dir, ...env },
    });

  beforeAll(() => {
    dir = installedCopy();
  });

  it('is built JavaScript that needs no TypeScript tooling', () => {
    expect(() => require.resolve('tsx', { paths: [dir] })).toThrow();
    expect(() => require.resolve('typescript', { paths: [dir] })).toThrow();
    const built = readdirSync(join(dir, 'dist'), { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.js'),
    );
    expect(built).toContain('social-duty.js');
    for (const file of built) {
      const code = readFileSync(join(dir, 'dist', file), 'utf8');
      expect(code).not.toMatch(/require\(["'](tsx|typescript|ts-node)\b/);
    }
  });

  it('checks, previews and prints help without tsx installed', () => {
    const check = cli(['check', '--today', '2026-12-21']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^config\/social-duty\.yaml is valid/);

    const preview = cli(['preview', '--from', '2026-12-23', '--to', '2026-12-23', '--json']);
    expect(preview.status).toBe(0);
    expect(JSON.parse(preview.stdout).actions).toHaveLength(3);

    const help = cli(['preview', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: social-duty preview/);

    const version = cli(['--version']);
    expect(version.stdout.trim()).toBe(`social-duty ${packageJson.version}`);
  });

  it('a user error is one line and exit 1; no stack trace', () => {
    const result = cli(['preview', '--from', 'soon']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('--from must be a date as YYYY-MM-DD (got "soon")\n');
  });

  it("opens the local state without the AWS SDK's Node-version warning", async () => {
    const result = cli(['status', '--today', '2026-12-21'], {
      SOCIAL_DUTY_DYNAMO_PORT: String(await freePort()),
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Runtime pause: off');
  });
});
