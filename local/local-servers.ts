/**
 * The servers of the local runtime, and starting several of them as one: all of them listen, or none
 * is left listening.
 */

export type LocalServerName =
  'dynamo' | 'ses' | 'x' | 'feeds' | 'ack' | 'events' | 'teams' | 'sms' | 'webhooks' | 'bluesky' | 'facebook';

/** where `start` puts each server unless told otherwise */
export const DEFAULT_PORTS: Record<LocalServerName, number> = {
  dynamo: 8420,
  ses: 8425,
  x: 8430,
  feeds: 8435,
  ack: 8440,
  events: 8445,
  teams: 8450,
  sms: 8455,
  webhooks: 8460,
  bluesky: 8465,
  facebook: 8470,
};

/** what each server is called in messages */
export const SERVER_LABELS: Record<LocalServerName, string> = {
  dynamo: 'local DynamoDB',
  ses: 'local SES',
  x: 'local X API',
  feeds: 'local feeds',
  ack: '"I\'m handling this" links',
  events: 'local EventBridge',
  teams: 'local Teams',
  sms: 'local SNS text messages',
  webhooks: 'local webhook receiver',
  bluesky: 'local Bluesky',
  facebook: 'local Facebook Graph API',
};

/** A port one of the servers was asked for is taken; names that port, not a neighbour's. */
export class PortInUseError extends Error {
  constructor(
    readonly server: LocalServerName,
    readonly port: number,
  ) {
    super(`port ${port} (${SERVER_LABELS[server]}) is already in use`);
    this.name = 'PortInUseError';
  }
}

/** Runs `start`, turning the system's "address in use" into a PortInUseError for `server`. */
export async function claimingPort<T>(
  server: LocalServerName,
  port: number,
  start: () => Promise<T>,
): Promise<T> {
  try {
    return await start();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(server, port);
    throw error;
  }
}

export interface Closable {
  close(): Promise<void>;
}

type Started<T extends Record<string, () => Promise<Closable>>> = {
  [K in keyof T]: Awaited<ReturnType<T[K]>>;
};

/**
 * Starts every server at once. When one fails, the others are waited for and closed before the failure is
 * passed on, so a failed start leaves no port listening and nothing holding the process open.
 */
export async function startAllOrNone<T extends Record<string, () => Promise<Closable>>>(
  starters: T,
): Promise<Started<T>> {
  const names = Object.keys(starters) as (keyof T)[];
  const settled = await Promise.allSettled(names.map((name) => starters[name]!()));
  const failure = settled.find((result) => result.status === 'rejected');
  if (failure) {
    await Promise.allSettled(
      settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value.close()] : [])),
    );
    throw failure.reason;
  }
  return Object.fromEntries(
    names.map((name, i) => [name, (settled[i] as PromiseFulfilledResult<Closable>).value]),
  ) as Started<T>;
}
