import { isKnownZone } from '../calendar/zoned-time';
import { PLACEHOLDERS, fillPlaceholders, placeholdersIn, unknownPlaceholders, type TextKind } from '../texts';
import { postLength } from '../post-length';
import { NETWORK_NAMES, SOURCE_NETWORKS, type Network } from './vocabulary';
import type { PostText } from '../post-targets';
import type { ConfigParts, Salvaged } from './config-parts';
import { checkNotifyRules } from './notify-rules';
import type { ConfigPath } from './yaml-locator';

export interface RuleProblem {
  path: ConfigPath;
  message: string;
  /** point at the key rather than the value */
  key?: boolean;
}

/**
 * The longest value each closing placeholder can take, so the closing text is checked at its longest
 * rendering: "Wednesday 30 September" is the longest day, "bank holiday weekend" the longest period.
 */
const LONGEST_CLOSING_VALUES = {
  reopenDay: 'Wednesday 30 September',
  reopenDate: 'Wednesday 30 September',
  closedPeriod: 'bank holiday weekend',
};

/**
 * Rules that need more than one field at a time: references, date order, placeholders and lengths. They run
 * on the valid parts of the config (see config-parts.ts) and each rule only where every field it reads is
 * there, so a field the schema refused is reported once, by the schema, and the rest is still checked.
 */
export function checkConfigRules(config: ConfigParts): RuleProblem[] {
  const problems: RuleProblem[] = [];
  // undefined when the accounts: section itself is unusable: then no reference can be judged
  const accounts = config.accounts ? Object.keys(config.accounts) : undefined;
  const orgValues: Record<string, string> = {};
  if (config.organisation?.website !== undefined) orgValues.website = config.organisation.website;
  if (config.organisation?.name !== undefined) orgValues.organisation = config.organisation.name;

  const checkAccount = (path: ConfigPath, account: string | undefined) => {
    if (account === undefined || accounts === undefined || accounts.includes(account)) return;
    problems.push({
      path,
      message: `refers to account "${account}", which is not under accounts: (known: ${accounts.join(', ') || 'none'})`,
    });
  };

  const networkOf = (account: string): Network | undefined =>
    (config.accounts?.[account] as { network?: Network } | undefined)?.network ??
    (config.accounts?.[account] ? 'x' : undefined);

  const accountsIn = (ref: string | Array<string | undefined> | undefined): string[] =>
    ref === undefined
      ? []
      : typeof ref === 'string'
        ? [ref]
        : ref.filter((a): a is string => a !== undefined);

  const checkAccounts = (path: ConfigPath, ref: string | Array<string | undefined> | undefined) => {
    if (typeof ref === 'string') return checkAccount(path, ref);
    const seen = new Set<string>();
    ref?.forEach((account, i) => {
      if (account === undefined) return;
      if (seen.has(account)) problems.push({ path: [...path, i], message: `lists "${account}" twice` });
      seen.add(account);
      checkAccount([...path, i], account);
    });
  };

  /** the networks a post goes to, each with its first account (for messages); X when none is known yet */
  const networksOf = (ref: string | Array<string | undefined> | undefined): Map<Network, string> => {
    const networks = new Map<Network, string>();
    for (const account of accountsIn(ref)) {
      const network = networkOf(account);
      if (network && !networks.has(network)) networks.set(network, account);
    }
    return networks.size > 0 ? networks : new Map([['x', '']]);
  };

  const checkPlaceholders = (path: ConfigPath, text: string, kind: TextKind): boolean => {
    const unknown = unknownPlaceholders(text, kind);
    for (const name of unknown) {
      problems.push({
        path,
        message: `uses {${name}}, which does not exist here (allowed: ${PLACEHOLDERS[kind].map((p) => `{${p}}`).join(', ')})`,
      });
    }
    return unknown.length === 0;
  };

  const checkLength = (
    path: ConfigPath,
    text: string,
    label: string,
    extra: Record<string, string>,
    network: Network,
  ) => {
    const values = { ...orgValues, ...extra };
    // a placeholder whose value was refused (a bad website) cannot be measured; the schema has said why
    if (placeholdersIn(text).some((name) => values[name] === undefined)) return;
    const { length, limit, counted } = postLength(network, fillPlaceholders(text, values));
    if (length > limit) problems.push({ path, message: `${label} is ${length} ${counted} (max ${limit})` });
  };

  /**
   * A post's text, measured by the rule of each network it goes to. Texts by network must cover every network
   * the post's accounts are on (or give `default`).
   */
  const checkPostText = (
    path: ConfigPath,
    value: Salvaged<PostText> | undefined,
    kind: TextKind,
    label: string,
    extra: Record<string, string>,
    accountRef: string | Array<string | undefined> | undefined,
  ) => {
    if (value === undefined) return;
    const networks = networksOf(accountRef);
    if (typeof value === 'string') {
      if (!checkPlaceholders(path, value, kind)) return;
      for (const network of networks.keys())
        checkLength(
          path,
          value,
          networks.size > 1 ? `${label} on ${NETWORK_NAMES[network]}` : label,
          extra,
          network,
        );
      return;
    }
    for (const [key, text] of Object.entries(value)) {
      if (text !== undefined) checkPlaceholders([...path, key], text, kind);
    }
    for (const [network, account] of networks) {
      const key =
        value[network] !== undefined ? network : value.default !== undefined ? 'default' : undefined;
      if (key === undefined) {
        if (account)
          problems.push({
            path,
            message: `has no text for ${NETWORK_NAMES[network]} (account "${account}"): add ${network}: or default:`,
          });
        continue;
      }
      const text = value[key] as string;
      if (unknownPlaceholders(text, kind).length > 0) continue;
      checkLength([...path, key], text, `${label} for ${NETWORK_NAMES[network]}`, extra, network);
    }
  };

  const timezone = config.organisation?.timezone;
  if (timezone !== undefined && !isKnownZone(timezone)) {
    problems.push({
      path: ['organisation', 'timezone'],
      message: `"${timezone}" is not a known time zone (e.g. Europe/London)`,
    });
  }

  const seenPostIds = new Map<string, number>();
  (config.posts ?? []).forEach((post, i) => {
    if (!post) return;
    if (post.id !== undefined) {
      const first = seenPostIds.get(post.id);
      if (first !== undefined) {
        problems.push({
          path: ['posts', i, 'id'],
          message: `"${post.id}" is used twice (also posts[${first}])`,
        });
      } else {
        seenPostIds.set(post.id, i);
      }
      if (post.id === 'closing' || post.id === 'reopening') {
        problems.push({
          path: ['posts', i, 'id'],
          message: `"${post.id}" is reserved for the sign-off posts`,
        });
      }
    }
    checkAccounts(['posts', i, 'account'], post.account);
    if (post.from && post.until && post.until < post.from) {
      problems.push({
        path: ['posts', i, 'until'],
        message: `(${post.until}) is before from (${post.from})`,
      });
    }
    const name = post.id ?? String(i + 1);
    post.variants?.forEach((variant, v) =>
      checkPostText(
        ['posts', i, 'variants', v],
        variant,
        'post',
        `post "${name}" variant ${v + 1}`,
        {},
        post.account,
      ),
    );
  });

  if (config.closing) {
    const { closing } = config;
    checkAccounts(['closing', 'account'], closing.account);
    checkPostText(
      ['closing', 'text'],
      closing.text,
      'closing',
      'the closing text at its longest',
      LONGEST_CLOSING_VALUES,
      closing.account,
    );
    checkPostText(
      ['closing', 'reopening', 'text'],
      closing.reopening?.text,
      'reopening',
      'the reopening text',
      { closedPeriod: LONGEST_CLOSING_VALUES.closedPeriod },
      closing.account,
    );
  }

  if (config.sweeps) {
    const { workingHours, sources } = config.sweeps;
    if (
      workingHours?.from !== undefined &&
      workingHours.to !== undefined &&
      workingHours.to <= workingHours.from
    ) {
      problems.push({
        path: ['sweeps', 'workingHours', 'to'],
        message: `(${workingHours.to}) must be after from (${workingHours.from})`,
      });
    }
    const seenSources = new Set<string>();
    (sources ?? []).forEach((source, i) => {
      if (source?.id === undefined) return;
      if (seenSources.has(source.id))
        problems.push({ path: ['sweeps', 'sources', i, 'id'], message: `"${source.id}" is used twice` });
      seenSources.add(source.id);
      // feeds are read without an account
      if (!('account' in source) || source.account === undefined || source.type === undefined) return;
      checkAccount(['sweeps', 'sources', i, 'account'], source.account);
      const wanted = SOURCE_NETWORKS[source.type];
      const actual = networkOf(source.account);
      if (actual && actual !== wanted)
        problems.push({
          path: ['sweeps', 'sources', i, 'account'],
          message: `"${source.account}" is a ${NETWORK_NAMES[actual]} account, but ${source.type} reads a ${NETWORK_NAMES[wanted]} account`,
        });
    });
  }

  for (const kind of ['concern', 'urgent', 'general'] as const) {
    const reply = config.replies?.[kind];
    if (reply !== undefined) checkPlaceholders(['replies', kind], reply, 'reply');
  }

  const seenOverrides = new Set<string>();
  (config.duty?.overrides ?? []).forEach((override, i) => {
    if (override?.date === undefined) return;
    if (seenOverrides.has(override.date)) {
      problems.push({
        path: ['duty', 'overrides', i, 'date'],
        message: `${override.date} has two overrides`,
      });
    }
    seenOverrides.add(override.date);
  });

  (config.pauses ?? []).forEach((pause, i) => {
    if (pause?.from !== undefined && pause.until !== undefined && pause.until < pause.from)
      problems.push({
        path: ['pauses', i, 'until'],
        message: `(${pause.until}) is before from (${pause.from})`,
      });
  });

  problems.push(...checkNotifyRules(config));
  return problems;
}
