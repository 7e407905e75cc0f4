import type { ConfigParts } from './config-parts';
import type { RuleProblem } from './config-rules';
import type { ConfigPath } from './yaml-locator';

type Channel = 'teams' | 'sms' | 'webhooks';

/** what a secret of each kind holds, to say why two kinds cannot share one */
const SECRET_HOLDS = {
  account: "an X account's credentials",
  teams: 'a Teams Workflows URL',
  webhooks: "a webhook's signing key",
};

/**
 * The `notify:` rules that read more than one field: a consumer id is its rule's and its queue's name, so it is
 * unique within its channel; and one secret cannot hold two kinds of value, so a Teams secret, a webhook secret
 * and an X account's secret are never the same one.
 */
export function checkNotifyRules(config: ConfigParts): RuleProblem[] {
  const notify = config.notify;
  if (!notify) return [];
  const problems: RuleProblem[] = [];

  for (const channel of ['teams', 'sms', 'webhooks'] as const) {
    const first = new Map<string, number>();
    (notify[channel] ?? []).forEach((consumer, i) => {
      if (consumer?.id === undefined) return;
      const earlier = first.get(consumer.id);
      if (earlier === undefined) first.set(consumer.id, i);
      else
        problems.push({
          path: ['notify', channel, i, 'id'],
          message: `"${consumer.id}" is used twice (also ${pathName(channel, earlier)})`,
        });
    });
  }

  const owners = new Map<string, { kind: keyof typeof SECRET_HOLDS; path: ConfigPath }>();
  for (const [name, account] of Object.entries(config.accounts ?? {})) {
    if (account?.secret !== undefined)
      owners.set(account.secret, { kind: 'account', path: ['accounts', name, 'secret'] });
  }
  for (const channel of ['teams', 'webhooks'] as const) {
    (notify[channel] ?? []).forEach((consumer, i) => {
      if (consumer?.secret === undefined) return;
      const owner = owners.get(consumer.secret);
      if (owner === undefined) {
        owners.set(consumer.secret, { kind: channel, path: ['notify', channel, i, 'secret'] });
      } else if (owner.kind !== channel) {
        problems.push({
          path: ['notify', channel, i, 'secret'],
          message: `"${consumer.secret}" is also ${secretPathName(owner.path)}: it must hold ${SECRET_HOLDS[channel]}, that one ${SECRET_HOLDS[owner.kind]}, so give each its own secret`,
        });
      }
    });
  }
  return problems;
}

function pathName(channel: Channel, index: number): string {
  return `notify.${channel}[${index}]`;
}

function secretPathName(path: ConfigPath): string {
  const [section, name, index] = path;
  return section === 'accounts'
    ? `accounts.${String(name)}.secret`
    : `${pathName(name as Channel, index as number)}.secret`;
}
