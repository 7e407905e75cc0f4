/**
 * One logged-in AtpAgent per Bluesky account, kept for the container's life. Bluesky limits app-password logins
 * (createSession) far more tightly than other calls, so a session is reused: the agent refreshes an expired
 * access token itself, and only a refused refresh leads to a new login with the app password.
 */
import { AtpAgent } from '@atproto/api';
import { ChannelError } from '../ports/channel';
import { AccountSecretError, type AccountSecrets } from './account-secrets';
import {
  isExpiredSession,
  renewAppPasswordAdvice,
  toBlueskyError,
  type BlueskyOperation,
} from './bluesky-errors';

export interface BlueskyAccount {
  /** the account's handle, e.g. `examplenhs.bsky.social` (the login identifier unless the secret names one) */
  handle: string;
  /** Secrets Manager secret holding `{"identifier"?: "...", "appPassword": "..."}` */
  secret: string;
  /** the account's PDS or entryway; default https://bsky.social */
  service?: string;
}

export interface BlueskySessionsOptions {
  accounts: Readonly<Record<string, BlueskyAccount>>;
  secrets: AccountSecrets;
  /** replaces every account's service (local runs point all accounts at the stand-in) */
  serviceUrl?: string;
  timeoutMs: number;
}

export interface BlueskySession {
  agent: AtpAgent;
  did: string;
  account: BlueskyAccount;
}

export const DEFAULT_SERVICE = 'https://bsky.social';

export class BlueskySessions {
  private readonly sessions = new Map<string, Promise<BlueskySession>>();

  constructor(private readonly options: BlueskySessionsOptions) {}

  accountOf(account: string): BlueskyAccount {
    const found = Object.hasOwn(this.options.accounts, account) ? this.options.accounts[account] : undefined;
    if (!found)
      throw new ChannelError(`Bluesky: no account "${account}" in the config`, 'rejected', 'bluesky');
    return found;
  }

  /**
   * Runs `call` on the account's session. A session Bluesky no longer accepts (the refresh token expired or was
   * revoked) is dropped and the call tried once more on a fresh login; every other failure is mapped as it is.
   */
  async run<T>(account: string, operation: BlueskyOperation, call: (session: BlueskySession) => Promise<T>) {
    const first = this.session(account);
    try {
      return await call(await first);
    } catch (error) {
      if (error instanceof ChannelError || !isExpiredSession(error))
        throw this.mapped(account, operation, error);
      this.drop(account, first);
    }
    const fresh = this.session(account);
    try {
      return await call(await fresh);
    } catch (error) {
      if (isExpiredSession(error)) this.drop(account, fresh);
      throw this.mapped(account, operation, error);
    }
  }

  private mapped(account: string, operation: BlueskyOperation, error: unknown): ChannelError {
    const failure = toBlueskyError(operation, error, {
      secretName: this.accountOf(account).secret,
      timeoutMs: this.options.timeoutMs,
      now: new Date(),
    });
    if (failure.kind === 'auth') this.options.secrets.forget(account);
    return failure;
  }

  /** forgets the account's session unless a concurrent call already replaced it */
  private drop(account: string, session: Promise<BlueskySession>): void {
    if (this.sessions.get(account) === session) this.sessions.delete(account);
  }

  private session(account: string): Promise<BlueskySession> {
    const cached = this.sessions.get(account);
    if (cached) return cached;
    const pending = this.login(account);
    // a failed login is not kept: the next call tries again (perhaps with a renewed secret)
    pending.catch(() => {
      if (this.sessions.get(account) === pending) this.sessions.delete(account);
    });
    this.sessions.set(account, pending);
    return pending;
  }

  private async login(account: string): Promise<BlueskySession> {
    const config = this.accountOf(account);
    const { identifier, appPassword } = await this.credentials(account, config);
    const agent = new AtpAgent({
      service: this.options.serviceUrl ?? config.service ?? DEFAULT_SERVICE,
      fetch: timedFetch(this.options.timeoutMs),
    });
    try {
      await agent.login({ identifier, password: appPassword });
    } catch (error) {
      throw this.mapped(account, 'login', error);
    }
    const did = agent.session?.did;
    if (!did) throw new ChannelError('Bluesky login: the answer held no account DID', 'server', 'bluesky');
    return { agent, did, account: config };
  }

  private async credentials(account: string, config: BlueskyAccount) {
    let value: Record<string, unknown>;
    try {
      value = await this.options.secrets.read(account);
    } catch (error) {
      if (error instanceof AccountSecretError && error.failure === 'shape')
        throw new ChannelError(`Bluesky login: ${error.message}`, 'auth', 'bluesky', {
          cause: error,
          advice: renewAppPasswordAdvice(config.secret),
        });
      throw new ChannelError(
        `Bluesky login: could not read secret "${config.secret}"`,
        'network',
        'bluesky',
        {
          cause: error,
        },
      );
    }
    const appPassword = value['appPassword'];
    const identifier = value['identifier'] ?? config.handle;
    if (typeof appPassword !== 'string' || appPassword === '' || typeof identifier !== 'string')
      throw new ChannelError(
        `Bluesky login: secret "${config.secret}" is not a Bluesky app password secret ` +
          '(appPassword must be a non-empty string; identifier, when given, a string)',
        'auth',
        'bluesky',
        { advice: renewAppPasswordAdvice(config.secret) },
      );
    return { identifier, appPassword };
  }
}

/** The agent's fetch with a deadline per request: the sweep must not hang on one network. */
function timedFetch(timeoutMs: number): typeof fetch {
  return (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}
