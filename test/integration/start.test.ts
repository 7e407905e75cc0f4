import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalRuntime, type LocalPorts } from '../../local/local-runtime';
import { VirtualClock } from '../../local/virtual-clock';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';
import { sampleLoaded } from '../support/local-stack';

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

describe('npm start: the local runtime', () => {
  it('boots on free ports, posts what falls due when its clock moves, and keeps state across restarts', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'sd-start-'));
    const clock = new VirtualClock('2026-12-22T10:29:00Z');
    const runtime = await startLocalRuntime(sampleLoaded(), { ports: FREE_PORTS, stateDir, clock });
    try {
      expect(runtime.banner()).toContain('On duty today (2026-12-22)  sam.duty@leedsandyorkpft.nhs.uk');
      expect(runtime.banner()).toMatch(/Duty emails \(SES viewer\)\s+http:\/\/127\.0\.0\.1:\d+/);
      expect(runtime.banner()).toContain('2026-12-22 10:30  post      pals');
      await runtime.scheduler.tick();
      expect(runtime.stack.x.tweets()).toHaveLength(0);
      clock.set('2026-12-22T10:31:00Z');
      await runtime.scheduler.tick();
      expect(runtime.stack.x.tweets().map((t) => t.text)).toEqual([
        'Got a query or concern about our services? Our Patient Advice and Liaison Service (PALS) can help: https://www.leedsandyorkpft.nhs.uk/pals #PALS',
      ]);
    } finally {
      await runtime.close();
    }
    // the DynamoDB state persisted: the claim is still there after a restart
    const again = await startLocalRuntime(sampleLoaded(), { ports: FREE_PORTS, stateDir, clock });
    try {
      expect((await again.stack.deps.state.posts.get('pals', '2026-12-22T10:30:00Z'))?.status).toBe('posted');
    } finally {
      await again.close();
    }
  });

  it('`social-duty start` prints the banner, keeps running, and stops cleanly on Ctrl-C', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'sd-start-cli-'));
    const bin = join(__dirname, '..', '..', 'bin', 'social-duty.js');
    const child = spawn(
      process.execPath,
      [
        bin,
        'start',
        '--config',
        SAMPLE_CONFIG_FILE,
        '--dynamo-port',
        '0',
        '--ses-port',
        '0',
        '--x-port',
        '0',
        '--feed-port',
        '0',
        '--ack-port',
        '0',
        '--events-port',
        '0',
        '--teams-port',
        '0',
        '--sms-port',
        '0',
        '--webhooks-port',
        '0',
      ],
      { cwd },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner: ${output}`)), 20_000);
      child.stdout.on('data', () => {
        if (output.includes('Press Ctrl-C to stop.')) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(output).toContain(
      'social-duty is running locally for Leeds and York Partnership NHS Foundation Trust',
    );
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exit).toBe(0);
    expect(output).toContain('Stopping…');
  });
});
