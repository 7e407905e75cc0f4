import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime, PortInUseError, type LocalServerName } from '../../local/local-runtime';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';
import { sampleLoaded } from '../support/local-stack';

const BIN = join(__dirname, '..', '..', 'bin', 'social-duty.js');

const FLAGS: Record<LocalServerName, string> = {
  dynamo: '--dynamo-port',
  ses: '--ses-port',
  x: '--x-port',
  feeds: '--feed-port',
  ack: '--ack-port',
  events: '--events-port',
  teams: '--teams-port',
  sms: '--sms-port',
  webhooks: '--webhooks-port',
  bluesky: '--bluesky-port',
  facebook: '--facebook-port',
};
const SERVERS = Object.keys(FLAGS) as LocalServerName[];

function listenOn(port: number): Promise<Server> {
  const server = createServer();
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Ports nothing listens on right now: taken by the system, then let go. */
async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(Array.from({ length: count }, () => listenOn(0)));
  const ports = servers.map((server) => (server.address() as { port: number }).port);
  await Promise.all(servers.map(close));
  return ports;
}

describe('start with a port that is taken', () => {
  it.each(SERVERS)(
    'the %s port: names that port and its flag, exits 1 within 5 s',
    async (taken) => {
      const blocker = await listenOn(0);
      const port = (blocker.address() as { port: number }).port;
      const cwd = mkdtempSync(join(tmpdir(), 'sd-port-'));
      const args = SERVERS.flatMap((server) => [FLAGS[server], server === taken ? String(port) : '0']);
      try {
        const started = Date.now();
        const child = spawn(process.execPath, [BIN, 'start', '--config', SAMPLE_CONFIG_FILE, ...args], {
          cwd,
        });
        let stderr = '';
        let stdout = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
        const code = await new Promise<number | null>((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
          child.on('exit', (exitCode) => {
            clearTimeout(timer);
            resolve(exitCode);
          });
        });
        expect(code).toBe(1);
        expect(Date.now() - started).toBeLessThan(5000);
        expect(stderr.trim()).toMatch(
          new RegExp(
            `^cannot start: port ${port} \\([^)]+\\) is already in use; pick another with ${FLAGS[taken]} N$`,
          ),
        );
        expect(stdout).not.toContain('Press Ctrl-C');
      } finally {
        await close(blocker);
      }
    },
    15_000,
  );

  it.each(SERVERS)('the %s port: every other server it started is closed again', async (taken) => {
    const [blocked, ...others] = await freePorts(SERVERS.length);
    const blocker = await listenOn(blocked as number);
    const ports = Object.fromEntries(
      SERVERS.map((server) => [server, server === taken ? blocked : others.shift()]),
    ) as Record<LocalServerName, number>;
    try {
      const failure = await startLocalRuntime(sampleLoaded(), {
        ports,
        stateDir: mkdtempSync(join(tmpdir(), 'sd-port-state-')),
      }).then(
        async (runtime) => {
          await runtime.close();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(PortInUseError);
      expect(failure).toMatchObject({ server: taken, port: blocked });
      // each other port can be taken at once: nothing of the failed start still listens there
      const reopened = await Promise.all(
        SERVERS.filter((server) => server !== taken).map((server) => listenOn(ports[server])),
      );
      await Promise.all(reopened.map(close));
    } finally {
      await close(blocker);
    }
  });
});
