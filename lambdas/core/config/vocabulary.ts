/** The config's fixed words, kept apart from the zod schema so code that runs in Lambda needs no zod. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const BANK_HOLIDAY_REGIONS = ['england-and-wales', 'scotland', 'northern-ireland', 'none'] as const;
export type BankHolidayRegion = (typeof BANK_HOLIDAY_REGIONS)[number];

/** The social networks an account can be on; `x` when the config names none. */
export const NETWORKS = ['x', 'bluesky', 'facebook'] as const;
export type Network = (typeof NETWORKS)[number];

/** what each network is called in emails, previews and errors */
export const NETWORK_NAMES: Record<Network, string> = { x: 'X', bluesky: 'Bluesky', facebook: 'Facebook' };

/** the kinds of sweep source; each but `feed` reads one account on its network */
export const SOURCE_TYPES = [
  'x-mentions',
  'x-search',
  'bluesky-mentions',
  'bluesky-search',
  'facebook-comments',
  'feed',
] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** the network each account-reading source type reads */
export const SOURCE_NETWORKS: Record<Exclude<SourceType, 'feed'>, Network> = {
  'x-mentions': 'x',
  'x-search': 'x',
  'bluesky-mentions': 'bluesky',
  'bluesky-search': 'bluesky',
  'facebook-comments': 'facebook',
};
