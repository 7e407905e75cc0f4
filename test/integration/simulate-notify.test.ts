import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { simulate, type SimulationResult } from '../../local/simulate';
import { parseSeed } from '../../local/simulation-seed';
import { sampleConfigText } from '../support/example-config';

const SEED_FILE = join(__dirname, '..', 'fixtures', 'seeds', 'christmas-2026.json');
const SCHEMAS = join(__dirname, '..', '..', 'docs', 'events', 'schemas');

/** the example config with every kind of notify consumer, as the README shows them */
const NOTIFY = `
notify:
  teams:
    - id: comms-channel
      secret: social-duty/teams/comms-channel
      events: [urgent, escalated, failures, sign-off]
  sms:
    - id: on-call-manager
      to: '+447700900123'
  webhooks:
    - id: service-desk
      url: https://servicedesk.example.nhs.uk/hooks/social-duty
      secret: social-duty/webhooks/service-desk
      events: [failures]
`;

function schemaFile(detailType: string): string {
  return join(SCHEMAS, `${detailType.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.schema.json`);
}

describe('a simulated Christmas 2026 with Teams, SMS and a webhook configured', () => {
  let result: SimulationResult;
  const loaded = parseConfig(`${sampleConfigText()}${NOTIFY}`, 'notify.yaml');
  const seed = parseSeed(readFileSync(SEED_FILE, 'utf8'), loaded.config.sweeps?.sources ?? []);
  const mentionTexts = seed.mentions.map((m) => m.text);

  beforeAll(async () => {
    result = await simulate(loaded, '2026-12-21', '2026-12-31', seed);
  }, 60_000);

  it('texts the on-call manager and posts a card when the urgent mention comes on Sunday night, and at each escalation', () => {
    const urgentEmail = result.emails.find((e) => e.kind === 'urgent');
    expect(urgentEmail).toBeDefined();
    const at = (channel: string, summary: RegExp) =>
      result.notifications.filter((n) => n.channel === channel && summary.test(n.summary)).map((n) => n.at);
    expect(at('teams', /^urgent mention/)).toEqual([urgentEmail?.at]);
    expect(at('sms', /urgent mention$/)).toEqual([urgentEmail?.at]);
    const escalations = result.emails.filter((e) => e.kind === 'escalation').map((e) => e.at);
    expect(escalations.length).toBeGreaterThan(0);
    expect(at('sms', /escalated/)).toEqual(escalations);
    expect(at('teams', /^escalation/)).toEqual(escalations);
    expect(result.notifications.find((n) => n.channel === 'sms')?.to).toBe('+447700900123');
  });

  it('tells Teams and the service desk webhook about the reopening that failed in the X outage', () => {
    const failure = result.events.find((e) => e.detailType === 'Post Failed');
    expect(failure?.detail).toMatchObject({ postId: 'reopening' });
    const failedAt = Date.parse(failure?.at ?? '');
    // delivered in the same firing, while the virtual clock reads its time
    const forFailure = result.notifications.filter(
      (n) => Math.abs(Date.parse(n.at) - failedAt) < 60_000 && n.channel !== 'sms',
    );
    expect(forFailure.map((n) => n.channel).sort()).toEqual(['teams', 'webhook']);
    expect(result.notifications.filter((n) => n.channel === 'webhook').map((n) => n.to)).toEqual(
      expect.arrayContaining(['https://servicedesk.example.nhs.uk/hooks/social-duty']),
    );
  });

  it('posts the sign-off card to Teams, and sends the webhook only what it takes', () => {
    expect(result.notifications.some((n) => n.channel === 'teams' && /sign-off/.test(n.summary))).toBe(true);
    const webhookTypes = result.notifications.filter((n) => n.channel === 'webhook');
    expect(webhookTypes.length).toBeGreaterThan(0);
    expect(
      result.events.filter((e) => ['Post Failed', 'Post Needs Checking'].includes(e.detailType)),
    ).toHaveLength(webhookTypes.length);
  });

  it('publishes an event for every outcome, each valid against its schema, none holding a mention', () => {
    const types = new Set(result.events.map((e) => e.detailType));
    for (const type of ['Post Published', 'Post Skipped', 'Post Failed', 'Urgent Mention Alerted']) {
      expect(types).toContain(type);
    }
    expect(types).toContain('Urgent Mention Escalated');
    expect(types).toContain('Briefing Sent');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const event of result.events) {
      const validate = ajv.compile(JSON.parse(readFileSync(schemaFile(event.detailType), 'utf8')) as object);
      expect({
        type: event.detailType,
        valid: validate(event.detail),
        errors: validate.errors ?? null,
      }).toEqual({
        type: event.detailType,
        valid: true,
        errors: null,
      });
    }
    const published = JSON.stringify(result.events) + JSON.stringify(result.notifications);
    for (const text of mentionTexts) expect(published).not.toContain(text);
    expect(published).not.toContain('@nighttime');
  });
});
