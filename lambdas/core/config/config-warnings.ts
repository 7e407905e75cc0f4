import type { RuleProblem } from './config-rules';
import type { Config } from './schema';
import type { PostText } from '../post-targets';
import type { ConfigPath } from './yaml-locator';

/**
 * Things a valid config may do that were probably not meant: a day or a variant listed twice, an address that
 * only appears once and is not the organisation's. They do not stop `check` (unless `--strict`).
 */
export function configWarnings(config: Config): RuleProblem[] {
  return [
    ...repeatedDays(['organisation', 'workingDays'], config.organisation.workingDays),
    ...config.posts.flatMap((post, i) => [
      ...repeatedDays(['posts', i, 'days'], post.days),
      ...repeatedVariants(i, post.variants),
    ]),
    ...lonelyAddresses(config.duty),
  ];
}

function repeatedDays(path: ConfigPath, days: readonly string[]): RuleProblem[] {
  const seen = new Set<string>();
  return days.flatMap((day, i) => {
    if (!seen.has(day)) {
      seen.add(day);
      return [];
    }
    return [{ path: [...path, i], message: `${day} is listed twice; once is enough` }];
  });
}

function repeatedVariants(post: number, variants: readonly PostText[]): RuleProblem[] {
  const first = new Map<string, number>();
  return variants.flatMap((variant, i) => {
    const text = comparable(variant);
    const earlier = first.get(text);
    if (earlier === undefined) {
      first.set(text, i);
      return [];
    }
    return [
      {
        path: ['posts', post, 'variants', i],
        message: `is the same text as variant ${earlier + 1}, so that text goes out twice as often; change one or remove it`,
      },
    ];
  });
}

// a stray space or line break does not make a variant different on any network
function comparable(variant: PostText): string {
  const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');
  if (typeof variant === 'string') return tidy(variant);
  const byNetwork = Object.entries(variant).map(([network, text]) => `${network}=${tidy(text ?? '')}`);
  return JSON.stringify(byNetwork.sort());
}

type Duty = Config['duty'];

/** Who gets what from each address field that is checked for a typo. */
const RECEIVES = {
  override: "that day's briefing and urgent alerts go to it",
  urgentAlso: 'every urgent alert goes to it',
  escalation: 'unacknowledged urgent alerts go to it',
};

/**
 * An override, urgentAlso or escalation address that appears in no other duty field and is not on the
 * organisation's domain (the domain of duty.from and duty.fallback) is probably a typo, and the alerts meant
 * for someone would go nowhere. A typo that keeps the domain is not caught: that needs a person to read it.
 */
function lonelyAddresses(duty: Duty): RuleProblem[] {
  const domains = new Set([domainOf(duty.from), domainOf(duty.fallback)]);
  const checked: Array<{ path: ConfigPath; address: string; receives: string }> = [
    ...duty.overrides.map((o, i) => ({
      path: ['duty', 'overrides', i, 'to'],
      address: o.to,
      receives: RECEIVES.override,
    })),
    ...duty.urgentAlso.map((address, i) => ({
      path: ['duty', 'urgentAlso', i],
      address,
      receives: RECEIVES.urgentAlso,
    })),
    ...(duty.escalation?.to ?? []).map((address, i) => ({
      path: ['duty', 'escalation', 'to', i],
      address,
      receives: RECEIVES.escalation,
    })),
  ];
  const uses = new Map<string, number>();
  for (const address of [
    duty.from,
    duty.fallback,
    ...Object.values(duty.rota),
    ...checked.map((c) => c.address),
  ]) {
    const key = address.toLowerCase();
    uses.set(key, (uses.get(key) ?? 0) + 1);
  }
  const domainList = [...domains].join(' or ');
  return checked
    .filter(({ address }) => !domains.has(domainOf(address)) && (uses.get(address.toLowerCase()) ?? 0) < 2)
    .map(({ path, address, receives }) => ({
      path,
      message: `${address} is not on ${domainList} and is in no other duty field; check it for a typo (${receives})`,
    }));
}

function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}
