import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { startBlueskyServer, type LocalBlueskyServer } from '../../local/bluesky-server';
import { startFacebookServer, type LocalFacebookServer } from '../../local/facebook-server';
import { localNetworkAccounts } from '../../local/local-network-accounts';
import type { SourcesCheckJson } from '../../cli/commands/sources-check';
import { runCliIn } from '../support/run-cli-in';

const CONFIG_FILE = join(__dirname, '..', '..', 'config', 'examples', 'three-networks.yaml');
const HANDLE = 'leedsandyorkpft.bsky.social';
const PAGE_ID = '100064000000001';

/** `sources check` on the Bluesky and Facebook sources, against the stand-ins `npm start` runs */
describe('sources check on Bluesky and Facebook', () => {
  const loaded = parseConfig(readFileSync(CONFIG_FILE, 'utf8'), CONFIG_FILE);
  const accounts = localNetworkAccounts(loaded);
  let bluesky: LocalBlueskyServer;
  let facebook: LocalFacebookServer;
  const cwd = mkdtempSync(join(tmpdir(), 'sd-sources-networks-'));
  const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

  beforeAll(async () => {
    bluesky = await startBlueskyServer({ accounts: accounts.bluesky });
    facebook = await startFacebookServer({ pages: accounts.facebook });
    bluesky.addMention({
      to: HANDLE,
      authorHandle: 'worried.bsky.social',
      text: `@${HANDLE} my appointment was cancelled again`,
      at: minutesAgo(30),
    });
    bluesky.addPost({
      authorHandle: 'fan.bsky.social',
      text: 'Leeds and York Partnership nurses were brilliant',
      at: minutesAgo(20),
    });
    facebook.addTag({
      pageId: PAGE_ID,
      authorName: 'Pat Smith',
      message: 'Thank you to the ward team',
      createdAt: minutesAgo(10),
    });
  });
  afterAll(async () => {
    await bluesky.close();
    await facebook.close();
  });

  const check = (...args: string[]) => runCliIn(cwd, 'sources', 'check', '--config', CONFIG_FILE, ...args);

  it('--json reads Bluesky mentions and search and the Page, each item classified, with no state written', async () => {
    const result = await check('--json', '--source', 'bluesky-mentions', '--bluesky-endpoint', bluesky.url);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as SourcesCheckJson;
    expect(json.sources).toEqual([
      {
        id: 'bluesky-mentions',
        ok: true,
        error: null,
        items: [
          {
            id: expect.stringMatching(/^at:\/\//),
            author: '@worried.bsky.social',
            text: `@${HANDLE} my appointment was cancelled again`,
            url: expect.stringMatching(/^https:\/\/bsky\.app\/profile\/worried\.bsky\.social\/post\//),
            at: expect.any(String),
            category: 'concern',
          },
        ],
      },
    ]);

    const search = JSON.parse(
      (await check('--json', '--source', 'bluesky-search', '--bluesky-endpoint', bluesky.url)).stdout,
    ) as SourcesCheckJson;
    expect(search.sources[0]?.items.map((item) => item.author)).toEqual(['@fan.bsky.social']);

    const page = JSON.parse(
      (await check('--json', '--source', 'facebook-comments', '--facebook-endpoint', facebook.url)).stdout,
    ) as SourcesCheckJson;
    expect(page.sources[0]).toMatchObject({
      ok: true,
      items: [{ author: 'Pat Smith', text: 'Thank you to the ward team', category: 'general' }],
    });
  });

  it('the text output names the account and network each source reads', async () => {
    const result = await check('--source', 'facebook-comments', '--facebook-endpoint', facebook.url);
    expect(result.stdout.split('\n')[0]).toBe(
      'facebook-comments (facebook-comments, the Leeds and York Partnership NHS Foundation Trust Page on Facebook): OK, 1 item',
    );
  });

  it('a Bluesky service that cannot be reached fails that source in one line, exit 1', async () => {
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const result = await check(
      '--source',
      'bluesky-mentions',
      '--bluesky-endpoint',
      `http://127.0.0.1:${closed}`,
    );
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(
      /^bluesky-mentions \(bluesky-mentions, @leedsandyorkpft\.bsky\.social on Bluesky\): FAILED: Bluesky login failed: ECONNREFUSED$/,
    );
  });

  it('a bad --bluesky-endpoint is a usage error', async () => {
    const result = await check('--bluesky-endpoint', 'not a url');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      '--bluesky-endpoint not a url: not a URL; give e.g. http://127.0.0.1:8465',
    );
  });
});
