import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig, type LoadedConfig } from '../../lambdas/core/config/parse-config';
import { simulate, type SimulatedTweet, type SimulationResult } from '../../local/simulate';
import { parseSeed, type SimulationSeed } from '../../local/simulation-seed';

const CONFIG_FILE = join(__dirname, '..', '..', 'config', 'examples', 'three-networks.yaml');
const SEED_FILE = join(__dirname, '..', 'fixtures', 'seeds', 'christmas-2026-three-networks.json');

const graphemes = (text: string) =>
  [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;

/**
 * One sign-off to X, Bluesky and the Facebook Page over Christmas 2026, through the real handlers and adapters
 * against the three local networks: the trust closes after Wednesday 23 December (24th a closure, then the
 * bank holidays) and is back on Tuesday 29 December.
 */
describe('a simulated Christmas 2026 on X, Bluesky and Facebook', () => {
  const loaded: LoadedConfig = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE);
  const seed: SimulationSeed = parseSeed(
    readFileSync(SEED_FILE, 'utf8'),
    loaded.config.sweeps?.sources ?? [],
  );
  let result: SimulationResult;
  const posts = (id: string) => result.tweets.filter((post) => post.source === id);
  const byNetwork = (list: SimulatedTweet[]): Record<string, SimulatedTweet> =>
    Object.fromEntries(list.map((post) => [post.network, post]));

  beforeAll(async () => {
    result = await simulate(loaded, '2026-12-23', '2026-12-30', seed);
  }, 60_000);

  it('posts the sign-off to each network at 16:00 on the 23rd, each in its own words', () => {
    const signOffs = byNetwork(posts('closing'));
    expect(Object.keys(signOffs).sort()).toEqual(['bluesky', 'facebook', 'x']);
    for (const post of Object.values(signOffs)) {
      expect(post.at).toBe('2026-12-23T16:00:00.000Z');
      expect(post.text).toContain('Tuesday 29 December');
    }
    expect(signOffs['x']?.text).toContain('back tweeting');
    expect(signOffs['bluesky']?.text).not.toContain('tweeting');
    expect(graphemes(signOffs['bluesky']?.text ?? '')).toBeLessThanOrEqual(300);
    expect(signOffs['facebook']?.text).toContain('This Page is not monitored');
    expect(new Set(posts('closing').map((post) => post.tweetId)).size).toBe(3);
    expect(signOffs['bluesky']?.tweetId).toMatch(/^at:\/\/did:plc:/);
  });

  it('the reopening on the 29th goes to all three and deletes each network’s sign-off', () => {
    expect(
      posts('reopening')
        .map((post) => [post.network, post.at])
        .sort(),
    ).toEqual([
      ['bluesky', '2026-12-29T09:00:00.000Z'],
      ['facebook', '2026-12-29T09:00:00.000Z'],
      ['x', '2026-12-29T09:00:00.000Z'],
    ]);
    for (const post of posts('closing')) expect(post.deletedAt).toBe('2026-12-29T09:00:00.000Z');
  });

  it('nothing is posted on the closure or the bank holidays', () => {
    const closed = result.tweets.filter((post) => post.at >= '2026-12-24' && post.at < '2026-12-29');
    expect(closed).toEqual([]);
    expect(result.skipped.map((skip) => skip.reason).sort()).toEqual(['bank holiday', 'closure']);
  });

  it('PALS goes out on Tuesday 29th in the Facebook text on Facebook and the default on X and Bluesky', () => {
    const pals = byNetwork(posts('pals'));
    expect(pals['facebook']?.text).toContain('Patient Advice and Liaison Service (PALS) can help people');
    expect(pals['x']?.text).toBe(pals['bluesky']?.text);
    expect(pals['x']?.at).toBe('2026-12-29T10:30:00.000Z');
  });

  it('a crisis on Bluesky on Boxing Day night reaches a human within five minutes, naming Bluesky', () => {
    const urgent = result.emails.find((email) => email.kind === 'urgent');
    expect(urgent?.mentionIds).toEqual(['bsky-crisis']);
    expect(urgent?.subject).toContain('on Bluesky');
    expect(urgent?.text).toContain('@nightowl.bsky.social');
    expect(urgent?.text).toMatch(/https:\/\/bsky\.app\/profile\/nightowl\.bsky\.social\/post\/[a-z2-7]{13}/);
    const minutes = (Date.parse(urgent?.at ?? '') - Date.parse('2026-12-26T22:10:00Z')) / 60_000;
    expect(minutes).toBeGreaterThanOrEqual(0);
    expect(minutes).toBeLessThanOrEqual(5);
    // acknowledged at 22:20, before the 15-minute escalation
    expect(result.emails.filter((email) => email.kind === 'escalation')).toEqual([]);
  });

  it('the Facebook complaint and the Bluesky search find reach the duty officer on the 29th, once each', () => {
    const told = result.emails.filter((email) => email.kind === 'alert' || email.kind === 'briefing');
    const about = (id: string) => told.filter((email) => email.mentionIds?.includes(id));
    expect(about('fb-cancelled').length).toBeGreaterThan(0);
    expect(about('fb-cancelled').every((email) => email.at.startsWith('2026-12-29'))).toBe(true);
    expect(about('fb-cancelled').filter((email) => email.kind === 'alert').length).toBeLessThanOrEqual(1);
    expect(about('bsky-thanks').map((email) => email.kind)).toContain('alert');
    expect(about('bsky-thanks').filter((email) => email.kind === 'alert')).toHaveLength(1);
  });
});

describe('a Bluesky outage at sign-off time', () => {
  it('X and Facebook sign off; the duty officer gets the exact Bluesky text to post by hand', async () => {
    const loaded = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE);
    const result = await simulate(loaded, '2026-12-23', '2026-12-23', {
      mentions: [],
      acknowledgements: [],
      failures: [
        { from: '2026-12-23T15:50:00Z', until: '2026-12-23T16:30:00Z', service: 'bluesky', status: 503 },
      ],
    });
    const signOffs = result.tweets.filter((post) => post.source === 'closing');
    expect(signOffs.map((post) => post.network).sort()).toEqual(['facebook', 'x']);
    const failure = result.emails.find((email) => email.kind === 'failure');
    expect(failure?.subject).toContain('closing');
    expect(failure?.text).toContain('Bluesky');
    expect(failure?.text).toContain(
      "We're signing off for the holiday. If you need advice or support, please see https://www.leedsandyorkpft.nhs.uk. We'll be back on Tuesday 29 December.",
    );
  }, 60_000);
});
