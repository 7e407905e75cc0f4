import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { postUrl, profileUrl } from '../../lambdas/core/network-links';
import { previewActions } from '../../lambdas/core/plan/preview';
import { targetsOf, textFor } from '../../lambdas/core/post-targets';
import { positionOf, refusedWith } from '../support/config-text';
import { sampleConfig } from '../support/example-config';

const THREE_NETWORKS_FILE = join(__dirname, '..', '..', 'config', 'examples', 'three-networks.yaml');
const threeNetworks = () => readFileSync(THREE_NETWORKS_FILE, 'utf8');

function withEdit(text: string, find: string, replace: string): string {
  if (!text.includes(find)) throw new Error(`no "${find}" in the config`);
  return text.replace(find, replace);
}

const problems = refusedWith;

describe('accounts on several networks', () => {
  it('an account without network: is on X, so configs from before keep their meaning', () => {
    expect(sampleConfig().accounts.main).toEqual({
      network: 'x',
      handle: 'LeedsandYorkPFT',
      secret: 'social-duty/x/main',
    });
  });

  it('the three-network example is valid, with each account on its network', () => {
    const { config } = parseConfig(threeNetworks(), 'three-networks.yaml');
    expect(Object.values(config.accounts).map((a) => a.network)).toEqual(['x', 'bluesky', 'facebook']);
    expect(config.sweeps?.sources.map((s) => s.type)).toContain('facebook-comments');
  });

  it('an unknown network is refused with the ones there are', () => {
    const text = withEdit(threeNetworks(), 'network: bluesky', 'network: mastodon');
    expect(problems(text).join('\n')).toContain('network must be one of x, bluesky, facebook');
  });

  it('a Page id with letters is refused at its place', () => {
    const text = withEdit(threeNetworks(), 'pageId: "100064000000001"', 'pageId: trust-page');
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'trust-page')} accounts.facebook.pageId must be the Page ID: digits only, in quotes`,
    ]);
  });

  it('a source must read an account on its own network', () => {
    const text = withEdit(
      threeNetworks(),
      'type: bluesky-mentions             # mentions, replies and quotes of the account\n      account: bluesky',
      'type: bluesky-mentions\n      account: facebook',
    );
    expect(problems(text).join('\n')).toContain(
      '"facebook" is a Facebook account, but bluesky-mentions reads a Bluesky account',
    );
  });

  it('an account listed twice for one post is named', () => {
    const text = withEdit(
      threeNetworks(),
      'account: [main, bluesky, facebook]   #',
      'account: [main, main]   #',
    );
    expect(problems(text).join('\n')).toContain('lists "main" twice');
  });
});

describe('texts per network', () => {
  it('texts by network must cover every network the post goes to, or give default', () => {
    const text = withEdit(threeNetworks(), '      - default: "Got a query', '      - bluesky: "Got a query');
    expect(problems(text).join('\n')).toContain('has no text for X (account "main"): add x: or default:');
  });

  it('one text for three networks is measured by each: too long for X by its weights, within Bluesky’s 300', () => {
    // 260 letters and a link X counts as 23: 284 by X's count, too long there; 291 graphemes pass Bluesky
    const long = `${'a'.repeat(260)} https://example.org/${'p'.repeat(10)}`;
    const text = withEdit(
      threeNetworks(),
      `      - "PALS is here to help people using our services, and their carers, resolve concerns. Find out more: {website}/pals"`,
      `      - "${long}"`,
    );
    const messages = problems(text).join('\n');
    expect(messages).toContain("variant 2 on X is 284 characters by X's count (max 280)");
    expect(messages).not.toContain('on Bluesky is');
  });

  it('Bluesky counts graphemes: a family emoji is one, and a text of 301 of them is too long', () => {
    const emoji = '👩‍👩‍👧';
    const bluesky = withEdit(
      threeNetworks(),
      '    default: "We\'re signing off for the {closedPeriod}.',
      `    bluesky: "${emoji.repeat(301)}"\n    default: "We're signing off for the {closedPeriod}.`,
    );
    expect(problems(bluesky).join('\n')).toContain(
      'the closing text at its longest for Bluesky is 301 characters on Bluesky (graphemes) (max 300)',
    );
  });

  it('a long Facebook text is fine on Facebook alone', () => {
    const { config } = parseConfig(threeNetworks(), 'three-networks.yaml');
    const variant = config.posts[0]?.variants[0];
    expect(variant && textFor(variant, 'facebook')?.length).toBeGreaterThan(280);
  });
});

describe('targets, claims and links', () => {
  const accounts = {
    main: { network: 'x' as const, handle: 'ExampleNHS' },
    sky: { network: 'bluesky' as const, handle: 'examplenhs.bsky.social' },
    page: { network: 'facebook' as const, pageId: '1234567890' },
  };

  it('one account keeps the post id as its claim; several claim id@account each', () => {
    expect(targetsOf(accounts, 'pals', 'main')).toEqual([{ account: 'main', network: 'x', claimId: 'pals' }]);
    expect(targetsOf(accounts, 'closing', ['main', 'page']).map((t) => t.claimId)).toEqual([
      'closing@main',
      'closing@page',
    ]);
  });

  it('links to a post and a profile on each network', () => {
    expect(postUrl(accounts, 'main', '1870')).toBe('https://x.com/ExampleNHS/status/1870');
    expect(postUrl(accounts, 'sky', 'at://did:plc:abc/app.bsky.feed.post/3kabc')).toBe(
      'https://bsky.app/profile/examplenhs.bsky.social/post/3kabc',
    );
    expect(postUrl(accounts, 'page', '1234567890_42')).toBe('https://www.facebook.com/1234567890_42');
    expect(profileUrl(accounts, 'page')).toBe('https://www.facebook.com/1234567890');
  });

  it('preview lists each account of a post, with its own text and its network’s limit', () => {
    const { config } = parseConfig(threeNetworks(), 'three-networks.yaml');
    const preview = previewActions(config, new WorkingCalendar(config), '2026-12-22', '2026-12-22');
    const pals = preview.actions.filter((a) => a.id === 'pals');
    expect(pals.map((a) => [a.account, a.network, a.maxLength])).toEqual([
      ['main', 'x', 280],
      ['bluesky', 'bluesky', 300],
      ['facebook', 'facebook', 63_206],
    ]);
    expect(pals[0]?.weightedLength).toBe(pals[0]?.length);
    expect(pals[2]?.weightedLength).toBeUndefined();
    expect(pals[2]?.text).toContain('The team is open Monday to Friday');
    expect(pals[1]?.text).toBe(pals[0]?.text);
  });
});
