import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { BUNDLED_CONFIG_DEFINE, functionDefines } from '../../lambdas/runtime/lambda-runtime';
import { sampleLoaded } from '../support/local-stack';

const THREE_NETWORKS = join(__dirname, '..', '..', 'config', 'examples', 'three-networks.yaml');

/** the per-network defines of a handler's bundle, without the config */
const networkDefines = (loaded: Parameters<typeof functionDefines>[0], handler: string) => {
  const { [BUNDLED_CONFIG_DEFINE]: config, ...networks } = functionDefines(loaded, handler);
  expect(config).toBeDefined();
  return networks;
};

describe('which network clients each function bundles', () => {
  it('an X-only trust bundles neither the Bluesky nor the Facebook client anywhere', () => {
    for (const handler of ['post', 'sweep', 'briefing', 'acknowledge', 'notify'])
      expect(networkDefines(sampleLoaded(), handler)).toEqual({
        SOCIAL_DUTY_WITH_BLUESKY: 'false',
        SOCIAL_DUTY_WITH_FACEBOOK: 'false',
      });
  });

  it('a trust on three networks bundles both into the post and sweep functions, and into no other', () => {
    const loaded = parseConfig(readFileSync(THREE_NETWORKS, 'utf8'), THREE_NETWORKS);
    for (const handler of ['post', 'sweep'])
      expect(networkDefines(loaded, handler)).toEqual({
        SOCIAL_DUTY_WITH_BLUESKY: 'true',
        SOCIAL_DUTY_WITH_FACEBOOK: 'true',
      });
    expect(networkDefines(loaded, 'briefing')).toEqual({
      SOCIAL_DUTY_WITH_BLUESKY: 'false',
      SOCIAL_DUTY_WITH_FACEBOOK: 'false',
    });
  });

  it('a sweep that reads no Facebook source leaves out the Facebook client, which the post function still carries', () => {
    const loaded = parseConfig(readFileSync(THREE_NETWORKS, 'utf8'), THREE_NETWORKS);
    const sources = (loaded.config.sweeps?.sources ?? []).filter(
      (source) => !source.type.startsWith('facebook'),
    );
    const noFacebookSource = {
      ...loaded,
      config: { ...loaded.config, sweeps: { ...loaded.config.sweeps, sources } },
    };
    expect(networkDefines(noFacebookSource as typeof loaded, 'sweep')).toEqual({
      SOCIAL_DUTY_WITH_BLUESKY: 'true',
      SOCIAL_DUTY_WITH_FACEBOOK: 'false',
    });
    expect(networkDefines(noFacebookSource as typeof loaded, 'post')['SOCIAL_DUTY_WITH_FACEBOOK']).toBe(
      'true',
    );
  });
});
