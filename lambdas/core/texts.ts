/** Which placeholders each kind of text may use. */
export const PLACEHOLDERS = {
  post: ['website', 'organisation'],
  closing: ['website', 'organisation', 'reopenDay', 'reopenDate', 'closedPeriod'],
  reopening: ['website', 'organisation', 'closedPeriod'],
  reply: ['website', 'organisation', 'author'],
} as const;

export type TextKind = keyof typeof PLACEHOLDERS;

const PLACEHOLDER = /\{([A-Za-z]+)\}/g;

export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string);
}

export function unknownPlaceholders(text: string, kind: TextKind): string[] {
  const allowed: readonly string[] = PLACEHOLDERS[kind];
  return placeholdersIn(text).filter((name) => !allowed.includes(name));
}

/** Fills `{name}` placeholders; a name with no value is left as written so nothing is silently lost. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}
