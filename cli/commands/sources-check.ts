import { localDateTime } from '../../lambdas/core/calendar/dates';
import { compileKeywords, type MentionCategory } from '../../lambdas/core/classify';
import type { LoadedConfig } from '../../lambdas/core/config/parse-config';
import type { SourceConfig } from '../../lambdas/core/config/schema';
import { TwitterApiXClient } from '../../lambdas/adapters/x-client';
import {
  secretsManagerCredentials,
  staticCredentials,
  XCredentialsError,
  type XCredentials,
  type XCredentialsProvider,
} from '../../lambdas/adapters/x-credentials';
import type { Mention } from '../../lambdas/ports/mention';
import { MENTION_TTL_DAYS } from '../../lambdas/ports/state';
import type { MentionSource } from '../../lambdas/ports/mention-source';
import { buildMentionSources } from '../../lambdas/services/mention-sources';
import { buildChannels } from '../../lambdas/runtime/channel-runtime';
import { classifyMention, tooOldForSweep } from '../../lambdas/services/sweep/new-mentions';
import { localXAccounts } from '../../local/local-x-accounts';
import { localNetworkAccounts } from '../../local/local-network-accounts';
import { accountLabel } from '../../lambdas/core/network-links';
import type { RuntimeEndpoints } from '../../lambdas/runtime/endpoints';
import type { OptionValues } from '../command-registry';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config-file';
import { UsageError } from '../errors';
import type { Output } from '../output';

/** the `sources check --json` shape, exactly as the contract gives it */
export interface SourcesCheckJson {
  sources: {
    id: string;
    ok: boolean;
    error: string | null;
    items: { id: string; author: string; text: string; url: string; at: string; category: MentionCategory }[];
  }[];
}

/**
 * the JSON entry plus what the text output also says: the source's type, the account it reads as people know it
 * (`@h on Bluesky`), and how many items were too old
 */
type SourceCheck = SourcesCheckJson['sources'][number] & {
  type: SourceConfig['type'];
  where?: string;
  tooOld: number;
};

/** where each network is read from, when not the real service */
interface Endpoints {
  x?: string;
  bluesky?: string;
  facebook?: string;
}

/** how much of an error message is kept: the sweep keeps as much in a source's health record */
const MAX_ERROR_CHARS = 300;
const MAX_TEXT_CHARS = 100;

/**
 * `sources check [--source ID] [--json] [--endpoint URL]`: reads each configured source once, now, as a sweep
 * would (no cursor, so X looks back 24 hours), and shows what it returned with the category the sweep would
 * give each item. Changes no state: no cursor, no seen marks, no source health, no email.
 */
export async function run(values: OptionValues, _positionals: string[], out: Output): Promise<number> {
  const endpoints: Endpoints = {
    ...endpointOption(values, 'endpoint', 'x', 'http://127.0.0.1:8430'),
    ...endpointOption(values, 'bluesky-endpoint', 'bluesky', 'http://127.0.0.1:8465'),
    ...endpointOption(values, 'facebook-endpoint', 'facebook', 'http://127.0.0.1:8470'),
  };
  const loaded = loadConfigFile((values.config as string | undefined) ?? DEFAULT_CONFIG_FILE);
  const { config, file } = loaded;
  const configured = config.sweeps?.sources ?? [];
  const wanted = values.source as string | undefined;
  if (wanted !== undefined && !configured.some((s) => s.id === wanted)) {
    throw new UsageError(
      configured.length === 0
        ? `--source ${wanted}: no such source; ${file} configures no sources`
        : `--source ${wanted}: no such source; the sources are ${configured.map((s) => s.id).join(', ')}`,
    );
  }
  if (configured.length === 0) {
    out.stdout(
      values.json
        ? JSON.stringify({ sources: [] } satisfies SourcesCheckJson)
        : `no sources configured: ${file} has no sweeps.sources, so a sweep reads nothing`,
    );
    return 0;
  }

  const chosen = configured.filter((s) => wanted === undefined || s.id === wanted);
  const checks = await checkSources(loaded, chosen, endpoints, new Date());
  if (values.json) {
    const json: SourcesCheckJson = {
      sources: checks.map(({ type: _type, where: _where, tooOld: _tooOld, ...check }) => check),
    };
    out.stdout(JSON.stringify(json, null, 2));
  } else {
    out.stdout(formatChecks(checks, config.organisation.timezone));
  }
  return checks.every((c) => c.ok) ? 0 : 1;
}

function endpointOption(
  values: OptionValues,
  flag: string,
  network: keyof Endpoints,
  example: string,
): Endpoints {
  const value = values[flag] as string | undefined;
  if (value === undefined) return {};
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--${flag} ${value}: not a URL; give e.g. ${example}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new UsageError(`--${flag} ${value}: only http(s) URLs`);
  return { [network]: value };
}

async function checkSources(
  loaded: LoadedConfig,
  chosen: SourceConfig[],
  endpoints: Endpoints,
  now: Date,
): Promise<SourceCheck[]> {
  const { config } = loaded;
  const xBaseUrl = endpoints.x;
  const credentials = await xCredentials(loaded, chosen, xBaseUrl);
  const client = new TwitterApiXClient({
    credentials: staticCredentials(credentials.found),
    ...(xBaseUrl ? { baseUrl: xBaseUrl } : {}),
  });
  // the same sources, built the same way, as the sweep's; only the ones asked for
  const sources = buildMentionSources(
    { ...config, sweeps: { ...config.sweeps!, sources: chosen } },
    // Bluesky and Facebook accounts are read with each one's secret from Secrets Manager, as the sweep reads
    // them, or as `npm start` does against its local stand-ins
    buildChannels(loaded, networkEndpoints(loaded, endpoints), client),
  );
  const classify = compileKeywords(config.sweeps?.keywords ?? { concern: [], urgent: [] });

  return Promise.all(
    chosen.map(async (sourceConfig, i): Promise<SourceCheck> => {
      const source = sources[i] as MentionSource;
      const base = {
        id: sourceConfig.id,
        type: sourceConfig.type,
        ...(sourceConfig.type === 'feed'
          ? {}
          : { where: accountLabel(config.accounts, sourceConfig.account) }),
        tooOld: 0,
      };
      const missing = sourceConfig.type === 'feed' ? undefined : credentials.missing[sourceConfig.account];
      if (missing !== undefined) return { ...base, ok: false, error: missing, items: [] };
      try {
        const batch = await source.fetchNew(undefined, now);
        const recent = batch.mentions.filter((m) => !tooOldForSweep(m, now));
        const items = [...recent].sort(byTime).map((mention) => ({
          id: mention.id,
          author: mention.author,
          text: mention.text,
          url: mention.url,
          at: utc(mention.at),
          category: classifyMention(classify, mention).category,
        }));
        return { ...base, ok: true, error: null, items, tooOld: batch.mentions.length - recent.length };
      } catch (error) {
        return { ...base, ok: false, error: oneLine(error), items: [] };
      }
    }),
  );
}

/**
 * Where the Bluesky and Facebook channels connect. The local stand-ins know the accounts by the fixed secrets
 * `npm start` gives them, so with either one local both are read with those; otherwise each account's secret
 * comes from Secrets Manager.
 */
function networkEndpoints(loaded: LoadedConfig, endpoints: Endpoints): RuntimeEndpoints {
  return {
    tableName: '',
    ...(endpoints.bluesky ? { blueskyServiceUrl: endpoints.bluesky } : {}),
    ...(endpoints.facebook ? { facebookBaseUrl: endpoints.facebook } : {}),
    ...(endpoints.bluesky || endpoints.facebook
      ? { accountSecrets: localNetworkAccounts(loaded).secrets }
      : {}),
  };
}

/**
 * Each X account's credentials, read once: from the local stand-ins' fixed ones when --endpoint points at a
 * local X API (what `npm start` signs with), otherwise from Secrets Manager as the deployed functions read them
 * (with the standard AWS credentials). An account whose credentials cannot be had gets its reason instead.
 */
async function xCredentials(
  loaded: LoadedConfig,
  chosen: SourceConfig[],
  xBaseUrl: string | undefined,
): Promise<{ found: Record<string, XCredentials>; missing: Record<string, string> }> {
  const accounts = [
    ...new Set(chosen.flatMap((s) => (s.type === 'x-mentions' || s.type === 'x-search' ? [s.account] : []))),
  ];
  const found: Record<string, XCredentials> = {};
  const missing: Record<string, string> = {};
  if (accounts.length === 0) return { found, missing };
  const provider: XCredentialsProvider = xBaseUrl
    ? staticCredentials(localXAccounts(loaded).credentials)
    : secretsManagerCredentials(loaded.config.accounts);
  await Promise.all(
    accounts.map(async (account) => {
      try {
        found[account] = await provider(account);
      } catch (error) {
        const secret = loaded.config.accounts[account]?.secret;
        const why =
          error instanceof XCredentialsError || secret === undefined
            ? oneLine(error)
            : `cannot read secret "${secret}" of account "${account}" from AWS Secrets Manager (${awsReason(error)})`;
        missing[account] = `no X credentials: ${why}`.slice(0, MAX_ERROR_CHARS);
      }
    }),
  );
  return { found, missing };
}

/** the SDK's reason, with what to do for the one a laptop meets first */
function awsReason(error: unknown): string {
  const reason = `${(error as Error).name}: ${oneLine(error)}`;
  return /region is missing/i.test(reason)
    ? 'no AWS region: set AWS_REGION, e.g. AWS_REGION=eu-west-2, or use --endpoint for the local X API'
    : reason;
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_CHARS);
}

function byTime(a: Mention, b: Mention): number {
  return a.at.localeCompare(b.at);
}

/** the instant in UTC, `2026-12-06T10:21:07Z` (milliseconds only when there are some); else as it was */
function utc(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? at : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/**
 * Per source a header, `ID (TYPE): OK, N items` (with how many were too old for a sweep, if any) or `ID (TYPE): FAILED: REASON`, then one line per item:
 * `  YYYY-MM-DD HH:MM  CATEGORY  AUTHOR  TEXT  URL`, the time in the organisation's zone; a blank line between
 * sources and a count at the end.
 */
export function formatChecks(checks: SourceCheck[], zone: string): string {
  const blocks = checks.map((check) => {
    const about = check.where ? `${check.type}, ${check.where}` : check.type;
    const header = check.ok
      ? `${check.id} (${about}): OK, ${check.items.length} item${check.items.length === 1 ? '' : 's'}${tooOldNote(check.tooOld)}`
      : `${check.id} (${about}): FAILED: ${check.error ?? 'unknown error'}`;
    const lines = check.items.map((item) => {
      const when = Number.isNaN(Date.parse(item.at)) ? item.at : localTime(item.at, zone);
      return `  ${when}  ${item.category.padEnd(7)}  ${item.author}  ${truncate(item.text)}  ${item.url}`;
    });
    return [header, ...lines].join('\n');
  });
  const failed = checks.filter((c) => !c.ok).length;
  const summary = `${checks.length} source${checks.length === 1 ? '' : 's'} read: ${checks.length - failed} OK, ${failed} failed`;
  return [...blocks, summary].join('\n\n');
}

function tooOldNote(tooOld: number): string {
  if (tooOld === 0) return '';
  return ` (and ${tooOld} published over ${MENTION_TTL_DAYS} days ago, which a sweep ignores)`;
}

function localTime(at: string, zone: string): string {
  const { date, time } = localDateTime(at, zone);
  return `${date} ${time}`;
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_TEXT_CHARS ? flat : `${flat.slice(0, MAX_TEXT_CHARS - 1).trimEnd()}…`;
}
