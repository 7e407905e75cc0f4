import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime, type LocalPorts, type LocalRuntime } from '../../local/local-runtime';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';
import { sampleLoaded } from '../support/local-stack';

const BIN = join(__dirname, '..', '..', 'bin', 'social-duty.js');
// typed, so a server added to the runtime must be added here too or its default port is used
const FREE_PORTS: LocalPorts = {
  dynamo: 0,
  ses: 0,
  x: 0,
  feeds: 0,
  ack: 0,
  events: 0,
  teams: 0,
  sms: 0,
  webhooks: 0,
  bluesky: 0,
  facebook: 0,
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A state command of the built CLI, run in `cwd` (a checkout), looking for `start` on `dynamoPort`. */
function stateCommand(cwd: string, dynamoPort: number, args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [BIN, ...args, '--config', SAMPLE_CONFIG_FILE], {
    cwd,
    env: { ...process.env, SOCIAL_DUTY_DYNAMO_PORT: String(dynamoPort) },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function listening(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );
}

/** a port nothing listens on */
async function quietPort(): Promise<number> {
  const server = createServer();
  const port = await listening(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const checkout = () => mkdtempSync(join(tmpdir(), 'sd-checkout-'));
const stateDirOf = (dir: string) => join(dir, '.social-duty', 'dynamodb');

describe('which state pause, resume, status and audit act on', () => {
  it('a program that is not social-duty on the DynamoDB port is left alone: the local files are used', async () => {
    const requests: string[] = [];
    const foreign = createServer((request: IncomingMessage, response) => {
      requests.push(`${request.method} ${request.url}`);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('hello from something else');
    });
    const port = await listening(foreign);
    try {
      const dir = checkout();
      const paused = await stateCommand(dir, port, ['pause', '--until', '2099-01-01', '--reason', 'test']);
      expect(paused.stderr).toBe('');
      expect(paused.code).toBe(0);
      const status = await stateCommand(dir, port, ['status']);
      expect(status.stdout).toContain(`State: local state in ${join('.social-duty', 'dynamodb')}`);
      expect(status.stdout).toMatch(/paused/i);
      // it was asked who it is, and nothing else
      expect(new Set(requests)).toEqual(new Set(['GET /_social-duty']));
    } finally {
      await new Promise((resolve) => foreign.close(resolve));
    }
  }, 30_000);

  describe('with a `start` running', () => {
    let ours: LocalRuntime;
    let theirs: LocalRuntime;
    let ourCheckout: string;
    beforeAll(async () => {
      ourCheckout = checkout();
      ours = await startLocalRuntime(sampleLoaded(), {
        ports: FREE_PORTS,
        stateDir: stateDirOf(ourCheckout),
      });
      theirs = await startLocalRuntime(sampleLoaded(), {
        ports: FREE_PORTS,
        stateDir: stateDirOf(checkout()),
      });
    }, 30_000);
    afterAll(async () => {
      await Promise.all([ours?.close(), theirs?.close()]);
    });

    it("this checkout's start is used through its DynamoDB port", async () => {
      const run = await stateCommand(ourCheckout, ours.stack.dynamo.port, [
        'pause',
        '--until',
        '2099-01-01',
        '--reason',
        'ours',
      ]);
      expect(run.code).toBe(0);
      expect((await ours.stack.deps.state.pause.get())?.reason).toBe('ours');
      // and told the notify consumers, through its local EventBridge
      await ours.stack.events.settled();
      expect(
        ours.stack.events
          .events()
          .filter((e) => e.detailType === 'Pause Changed')
          .map((e) => e.detail),
      ).toEqual([expect.objectContaining({ paused: true, until: '2099-01-01', reason: 'ours' })]);
      expect(theirs.stack.events.events()).toEqual([]);
      expect(await theirs.stack.deps.state.pause.get()).toBeUndefined();
    }, 30_000);

    it("another checkout's start on the port is not paused: this checkout's files are, and status says why", async () => {
      const dir = checkout();
      const run = await stateCommand(dir, theirs.stack.dynamo.port, [
        'pause',
        '--until',
        '2099-01-01',
        '--reason',
        'not theirs',
      ]);
      expect(run.code).toBe(0);
      expect(await theirs.stack.deps.state.pause.get()).toBeUndefined();
      const status = await stateCommand(dir, theirs.stack.dynamo.port, ['status']);
      expect(status.stdout).toContain(
        `(the \`social-duty start\` on port ${theirs.stack.dynamo.port} is another checkout's: ${theirs.identity.checkout})`,
      );
    }, 30_000);

    it('files held by a start on a port nobody would guess: one line naming it and the --endpoint to use', async () => {
      const run = await stateCommand(ourCheckout, await quietPort(), ['status']);
      expect(run.code).toBe(1);
      expect(run.stderr.trim()).toBe(
        `the local state in ${join('.social-duty', 'dynamodb')} is in use by \`social-duty start\` (pid ${process.pid}, DynamoDB on port ${ours.stack.dynamo.port}); point at it with --endpoint http://127.0.0.1:${ours.stack.dynamo.port}, or stop it`,
      );
    }, 30_000);
  });

  it('--endpoint where no DynamoDB answers: one line, exit 1', async () => {
    const port = await quietPort();
    const run = await stateCommand(checkout(), port, ['status', '--endpoint', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^cannot use DynamoDB at http://127\\.0\\.0\\.1:${port} \\(.+\\); is \`social-duty start\` running there\\?$`,
        ),
      ),
    ]);
  }, 30_000);
});
