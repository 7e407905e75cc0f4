import { isKnownZone } from '../calendar/zoned-time';
import { PLACEHOLDERS, fillPlaceholders, placeholdersIn, unknownPlaceholders, type TextKind } from '../texts';
import { postLength } from '../post-length';
import type { Network } from '../config/vocabulary';
import type { ConfigParts } from './config-parts';
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

  // each text is measured by the rule of the network its account is on; X when the account names none
  const networkOf = (account: string | undefined): Network =>
    (account ? (config.accounts?.[account] as { network?: Network } | undefined)?.network : undefined) ?? 'x';

  const checkText = (
    path: ConfigPath,
    text: string | undefined,
    kind: TextKind,
    label: string,
    extra: Record<string, string> = {},
    account?: string,
  ) => {
    if (text === undefined) return;
    const unknown = unknownPlaceholders(text, kind);
    for (const name of unknown) {
      problems.push({
        path,
        message: `uses {${name}}, which does not exist here (allowed: ${PLACEHOLDERS[kind].map((p) => `{${p}}`).join(', ')})`,
      });
    }
    if (kind === 'reply' || unknown.length > 0) return;
    const values = { ...orgValues, ...extra };
    // a placeholder whose value was refused (a bad website) cannot be measured; the schema has said why
    if (placeholdersIn(text).some((name) => values[name] === undefined)) return;
    const { length, limit, counted } = postLength(networkOf(account), fillPlaceholders(text, values));
    if (length > limit) problems.push({ path, message: `${label} is ${length} ${counted} (max ${limit})` });
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
    checkAccount(['posts', i, 'account'], post.account);
    if (post.from && post.until && post.until < post.from) {
      problems.push({
        path: ['posts', i, 'until'],
        message: `(${post.until}) is before from (${post.from})`,
      });
    }
    const name = post.id ?? String(i + 1);
    post.variants?.forEach((variant, v) =>
      checkText(
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
    checkAccount(['closing', 'account'], config.closing.account);
    checkText(
      ['closing', 'text'],
      config.closing.text,
      'closing',
      'the closing text at its longest',
      LONGEST_CLOSING_VALUES,
      config.closing.account,
    );
    if (config.closing.reopening) {
      checkText(
        ['closing', 'reopening', 'text'],
        config.closing.reopening.text,
        'reopening',
        'the reopening text',
        { closedPeriod: LONGEST_CLOSING_VALUES.closedPeriod },
        config.closing.account,
      );
    }
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
      if ('account' in source) checkAccount(['sweeps', 'sources', i, 'account'], source.account);
    });
  }

  for (const kind of ['concern', 'urgent', 'general'] as const) {
    checkText(['replies', kind], config.replies?.[kind], 'reply', `reply ${kind}`);
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
