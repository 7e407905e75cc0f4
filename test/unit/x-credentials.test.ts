import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import {
  clearXCredentialsCache,
  parseXCredentials,
  secretsManagerCredentials,
  staticCredentials,
  XCredentialsError,
  type SecretsManagerCredentialsOptions,
  type XCredentials,
} from '../../lambdas/adapters/x-credentials';

const SECRET_ID = 'social-duty/x/main';
const GOOD: XCredentials = {
  appKey: 'APPKEY-7f3a',
  appSecret: 'APPSECRET-91bc',
  accessToken: 'ACCESSTOKEN-22de',
  accessSecret: 'ACCESSSECRET-e0f1',
};
const SECRET_VALUES = Object.values(GOOD);

function parseError(secretString: string | undefined): XCredentialsError {
  try {
    parseXCredentials(SECRET_ID, secretString);
  } catch (error) {
    if (error instanceof XCredentialsError) return error;
    throw error;
  }
  throw new Error('expected parseXCredentials to throw');
}

function expectNoSecretIn(message: string): void {
  for (const value of SECRET_VALUES) expect(message).not.toContain(value);
}

describe('parseXCredentials', () => {
  it('reads the four keys', () => {
    expect(parseXCredentials(SECRET_ID, JSON.stringify(GOOD))).toEqual(GOOD);
  });

  it('keeps only the four keys when the secret holds more', () => {
    expect(parseXCredentials(SECRET_ID, JSON.stringify({ ...GOOD, bearerToken: 'BEARER-1' }))).toEqual(GOOD);
  });

  it('bad JSON names the secret and quotes none of it', () => {
    const secretString = `{"appKey": "${GOOD.appKey}", "appSecret": ${GOOD.appSecret}}`;

    const error = parseError(secretString);

    expect(error.message).toBe(
      'Secret "social-duty/x/main" is not valid JSON: expected an object with appKey, appSecret, accessToken, accessSecret',
    );
    expectNoSecretIn(error.message);
  });

  it('JSON that is not an object is refused', () => {
    expect(parseError(JSON.stringify(GOOD.appKey)).message).toBe(
      'Secret "social-duty/x/main" is not a JSON object: expected appKey, appSecret, accessToken, accessSecret',
    );
  });

  it('names every missing field', () => {
    const { appKey, accessToken } = GOOD;

    const error = parseError(JSON.stringify({ appKey, accessToken }));

    expect(error.message).toBe(
      'Secret "social-duty/x/main" is not valid X credentials: appSecret is missing; accessSecret is missing',
    );
    expectNoSecretIn(error.message);
  });

  it('names empty or non-string fields without their values', () => {
    const error = parseError(JSON.stringify({ ...GOOD, appSecret: '', accessSecret: 12345678 }));

    expect(error.message).toBe(
      'Secret "social-duty/x/main" is not valid X credentials: appSecret must be a non-empty string; accessSecret must be a non-empty string',
    );
    expectNoSecretIn(error.message);
    expect(error.message).not.toContain('12345678');
  });

  it('a secret without a SecretString is refused', () => {
    expect(parseError(undefined).message).toContain('Secret "social-duty/x/main" has no SecretString');
  });
});

describe('secretsManagerCredentials', () => {
  beforeEach(() => clearXCredentialsCache());

  function fakeSecretsManager(answers: (() => Promise<{ SecretString?: string }>)[]) {
    const requested: string[] = [];
    const client = {
      send: async (command: GetSecretValueCommand) => {
        requested.push(String(command.input.SecretId));
        const answer = answers.shift();
        if (!answer) throw new Error('no more answers');
        return answer();
      },
    };
    // the SDK's overloaded `send` cannot be written as a plain function without a cast
    return {
      client: client as unknown as NonNullable<SecretsManagerCredentialsOptions['client']>,
      requested,
    };
  }

  it('fetches the configured secret once for concurrent callers', async () => {
    const { client, requested } = fakeSecretsManager([async () => ({ SecretString: JSON.stringify(GOOD) })]);
    const provider = secretsManagerCredentials({ main: { secret: SECRET_ID } }, { client });

    const results = await Promise.all([provider('main'), provider('main')]);

    expect(results).toEqual([GOOD, GOOD]);
    expect(requested).toEqual([SECRET_ID]);
  });

  it('does not cache a failure', async () => {
    const { client, requested } = fakeSecretsManager([
      async () => {
        throw new Error('throttled');
      },
      async () => ({ SecretString: JSON.stringify(GOOD) }),
    ]);
    const provider = secretsManagerCredentials({ main: { secret: SECRET_ID } }, { client });

    await expect(provider('main')).rejects.toThrow('throttled');
    await expect(provider('main')).resolves.toEqual(GOOD);
    expect(requested).toEqual([SECRET_ID, SECRET_ID]);
  });

  it('an account missing from the config is a credentials error', async () => {
    const provider = secretsManagerCredentials({ main: { secret: SECRET_ID } }, fakeSecretsManager([]));

    await expect(provider('campaigns')).rejects.toThrow(
      new XCredentialsError('No X account "campaigns" in the config'),
    );
  });
});

describe('staticCredentials', () => {
  it('answers by account id and refuses unknown accounts', async () => {
    const provider = staticCredentials({ main: GOOD });

    await expect(provider('main')).resolves.toEqual(GOOD);
    await expect(provider('other')).rejects.toBeInstanceOf(XCredentialsError);
  });
});
