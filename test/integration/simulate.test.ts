import { join } from 'node:path';
import { runCli } from '../../cli/main';
import type { SimulationResult } from '../../local/simulate';
import { SAMPLE_CONFIG_FILE } from '../support/example-config';

const SEED = join(__dirname, '..', 'fixtures', 'seeds', 'christmas-2026.json');

type SimulationJson = SimulationResult;

async function simulateJson(args: string[]): Promise<SimulationJson> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(['simulate', '--config', SAMPLE_CONFIG_FILE, '--json', ...args], {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
  });
  if (code !== 0) throw new Error(err.join('\n'));
  return JSON.parse(out.join('\n')) as SimulationJson;
}

describe('simulate Christmas 2026 with a seed', () => {
  let result: SimulationJson;
  beforeAll(async () => {
    result = await simulateJson(['--from', '2026-12-21', '--to', '2026-12-31', '--seed', SEED]);
  }, 60_000);

  it('prints exactly the contract keys', () => {
    expect(Object.keys(result)).toEqual(['tweets', 'emails', 'events', 'notifications', 'skipped']);
    expect(Object.keys(result.tweets[0] ?? {})).toEqual(['at', 'account', 'source', 'tweetId', 'text']);
    expect(Object.keys(result.emails[0] ?? {})).toEqual(['at', 'kind', 'to', 'subject', 'text']);
  });

  it('posts before Christmas, skips the closure and bank holiday, and the reopening fails in the X outage', () => {
    expect(result.tweets.map((t) => `${t.at} ${t.source}`)).toEqual([
      '2026-12-21T09:00:00.000Z reopening',
      '2026-12-21T11:00:00.000Z wyg',
      '2026-12-22T10:30:00.000Z pals',
      '2026-12-23T12:00:00.000Z staff-awards',
      '2026-12-23T16:00:00.000Z closing',
      '2026-12-29T10:30:00.000Z pals',
      '2026-12-30T12:00:00.000Z staff-awards',
      '2026-12-31T10:30:00.000Z pals',
      '2026-12-31T16:00:00.000Z closing',
    ]);
    const signOff = result.tweets.find((t) => t.source === 'closing');
    expect(signOff?.text).toContain('back tweeting on Tuesday 29 December');
    // the reopening that would have deleted it never went out
    expect(signOff?.deletedAt).toBeUndefined();
    expect(result.tweets.every((t) => t.account === 'main')).toBe(true);
    expect(result.skipped).toEqual([
      { at: '2026-12-24T10:30:00.000Z', source: 'pals', reason: 'closure' },
      { at: '2026-12-28T11:00:00.000Z', source: 'wyg', reason: 'bank holiday' },
    ]);
  });

  it('sends the urgent mention at once on Sunday night, to the fallback and urgentAlso', () => {
    const urgent = result.emails.filter((e) => e.kind === 'urgent');
    expect(urgent).toHaveLength(1);
    // visible at 01:55, the minute of an urgent tick: emailed by that tick
    expect(urgent[0]).toMatchObject({
      at: '2026-12-27T01:55:00.000Z',
      mentionIds: ['1870000000000000002'],
      to: ['comms.team@leedsandyorkpft.nhs.uk', 'oncall.manager@leedsandyorkpft.nhs.uk'],
    });
    expect(urgent[0]?.text).toContain('I want to end my life');
    expect(urgent[0]?.text).toContain('Hi @nighttime, if you need urgent help please call NHS 111');
  });

  it("holds the Saturday-night concern and Boxing Day's feed item for Tuesday's briefing", () => {
    const briefing = result.emails.find((e) => e.kind === 'briefing' && e.at.startsWith('2026-12-29'));
    expect(briefing).toMatchObject({
      at: '2026-12-29T08:45:00.000Z',
      to: ['sam.duty@leedsandyorkpft.nhs.uk'],
    });
    expect(briefing?.subject).toContain('3 mentions');
    expect(briefing?.text).toContain("my son's appointment was cancelled again");
    expect(briefing?.text).toContain('Staff on the ward made Christmas lovely');
    expect(briefing?.text).toContain('https://forum.example.org/threads/christmas-on-the-ward');
    expect(briefing?.text.indexOf('[Urgent]')).toBeLessThan(briefing?.text.indexOf('[Concern]') ?? 0);
    // no alert emails over the closed days: nothing was in working hours
    expect(result.emails.filter((e) => e.kind === 'alert')).toHaveLength(0);
  });

  it('emails the duty officer the reopening text when X is down at 09:00', () => {
    const failure = result.emails.filter((e) => e.kind === 'failure' && /Post failed/.test(e.subject));
    expect(failure).toHaveLength(1);
    expect(failure[0]).toMatchObject({
      at: '2026-12-29T09:00:00.000Z',
      to: ['sam.duty@leedsandyorkpft.nhs.uk'],
    });
    expect(failure[0]?.text).toContain(
      "Good morning, we're back! Tweet us or see https://www.leedsandyorkpft.nhs.uk",
    );
    expect(failure[0]?.text).toContain('X had a server error (HTTP 503)');
    // the sign-off it would have deleted still says "back on Tuesday 29 December": the email says to delete it
    const signOff = result.tweets.find((t) => t.source === 'closing');
    expect(failure[0]?.subject).toMatch(/post it by hand and delete the sign-off$/);
    expect(failure[0]?.text).toContain(`https://x.com/LeedsandYorkPFT/status/${signOff?.tweetId}`);
    expect(failure[0]?.text).toContain(
      'Once you have posted it and deleted the sign-off, there is nothing more to do.',
    );
    expect(failure[0]?.text).not.toContain('Once you have posted it, there is nothing more to do.');
    const nextBriefing = result.emails.find((e) => e.kind === 'briefing' && e.at.startsWith('2026-12-30'));
    expect(nextBriefing?.text).toMatch(/reopening: failed/);
  });
});

describe('simulate input errors', () => {
  it('names the seed problem and exits 1', async () => {
    const err: string[] = [];
    const code = await runCli(
      [
        'simulate',
        '--config',
        SAMPLE_CONFIG_FILE,
        '--from',
        '2026-12-21',
        '--to',
        '2026-12-22',
        '--seed',
        SAMPLE_CONFIG_FILE,
      ],
      {
        stdout: () => undefined,
        stderr: (t) => err.push(t),
      },
    );
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/social-duty\.yaml: not valid JSON/);
  });
});
