import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../cli/main';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import { ConfigError } from '../../lambdas/core/config/problems';
import { positionOf } from '../support/config-text';
import { sampleConfigText } from '../support/example-config';
import { PLANNED_NOTIFY, PLANNED_NOTIFY_YAML } from '../support/planned-notify';

const PLANNED = PLANNED_NOTIFY_YAML;

function withNotify(section: string): string {
  return `${sampleConfigText()}${section}`;
}

/** the `FILE:LINE:COL message` lines the text is refused with */
function problems(text: string): string[] {
  try {
    parseConfig(text, 'cfg.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return error.message.split('\n');
    throw error;
  }
  throw new Error('the config was accepted');
}

/** `LINE:COL` of the last occurrence of `fragment`, plus `shift` characters */
function positionOfLast(text: string, fragment: string, shift = 0): string {
  const offset = text.lastIndexOf(fragment);
  if (offset < 0) throw new Error(`text has no "${fragment}"`);
  const before = text.slice(0, offset + shift);
  return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
}

/** the planned section with one piece replaced; fails loudly if the piece is not there */
function plannedWith(find: string, replace: string): string {
  if (!PLANNED.includes(find)) throw new Error(`the planned section has no "${find}"`);
  return withNotify(PLANNED.replace(find, replace));
}

describe('the notify: section', () => {
  it('is optional: a config without it has none, so its version (the fingerprint of the config) is unchanged', () => {
    const without = parseConfig(sampleConfigText(), 'cfg.yaml');
    // a default (empty lists) would have changed the fingerprint of every config written before notify: existed
    expect(Object.keys(without.config)).not.toContain('notify');
    expect(parseConfig(withNotify(PLANNED), 'cfg.yaml').version).not.toBe(without.version);
  });

  it('accepts the planned section as written', () => {
    expect(parseConfig(withNotify(PLANNED), 'cfg.yaml').config.notify).toEqual(PLANNED_NOTIFY);
  });

  it('fills in the defaults: Teams urgent, escalated, failures; SMS urgent, escalated; webhooks all', () => {
    const text = withNotify(`
notify:
  teams:
    - { id: comms, secret: social-duty/teams/comms }
  sms:
    - { id: phone, to: '+447700900123' }
  webhooks:
    - { id: desk, url: 'https://desk.example.nhs.uk/h', secret: social-duty/webhooks/desk }
`);
    const { notify } = parseConfig(text, 'cfg.yaml').config;
    expect(notify?.teams[0]?.events).toEqual(['urgent', 'escalated', 'failures']);
    expect(notify?.sms[0]?.events).toEqual(['urgent', 'escalated']);
    expect(notify?.webhooks[0]?.events).toEqual(['all']);
    expect(parseConfig(withNotify('\nnotify:\n  teams: []\n'), 'x').config.notify).toEqual({
      teams: [],
      sms: [],
      webhooks: [],
    });
  });

  it('takes exact detail-types beside groups, and http only for this machine', () => {
    const text = plannedWith(
      '      url: https://servicedesk.example.nhs.uk/hooks/social-duty\n      secret: social-duty/webhooks/service-desk\n      events: [failures]',
      "      url: http://127.0.0.1:8080/hooks\n      secret: social-duty/webhooks/service-desk\n      events: ['Post Failed', Sign-off Deleted, pause]\n    - { id: other, url: 'http://localhost/h', secret: k }",
    );
    const { notify } = parseConfig(text, 'cfg.yaml').config;
    expect(notify?.webhooks.map((w) => [w.url, w.events])).toEqual([
      ['http://127.0.0.1:8080/hooks', ['Post Failed', 'Sign-off Deleted', 'pause']],
      ['http://localhost/h', ['all']],
    ]);
  });
});

describe('notify: problems are FILE:LINE:COL like every other config problem', () => {
  it('a UK phone number without +44 says what to write', () => {
    const text = plannedWith("to: '+447700900123'", "to: '07700 900123'");
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, "'07700 900123'")} notify.sms[0].to must start with the country code: '+447700900123' for a UK number`,
    ]);
  });

  it('an unquoted number is told to take quotes (YAML made it a number)', () => {
    const text = plannedWith("to: '+447700900123'", 'to: +447700900123');
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'to: +447700900123', 4)} notify.sms[0].to must be in quotes, e.g. to: '+447700900123' (unquoted, YAML reads a number and drops its + or leading 0)`,
    ]);
  });

  it.each([
    ["'+44 7700 900123'", "write it without spaces or dashes: '+447700900123'"],
    ["'00447700900123'", "write the 00 as +: '+447700900123'"],
    ["'447700900123'", "must start with +: '+447700900123'"],
    [
      "'ring the duty phone'",
      "must be a phone number in international (E.164) form, + and the country code first, e.g. '+447700900123'",
    ],
  ])('the number %s: %s', (written, message) => {
    const text = plannedWith("to: '+447700900123'", `to: ${written}`);
    expect(problems(text)).toEqual([`cfg.yaml:${positionOf(text, written)} notify.sms[0].to ${message}`]);
  });

  it('an http webhook is refused at the URL', () => {
    const text = plannedWith(
      'url: https://servicedesk.example.nhs.uk/hooks/social-duty',
      'url: http://servicedesk.example.nhs.uk/hooks/social-duty',
    );
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'http://servicedesk')} notify.webhooks[0].url must start https:// (http:// only for 127.0.0.1 or localhost, when testing)`,
    ]);
  });

  it('a URL that is not a web address gets one message, not two', () => {
    const text = plannedWith('url: https://servicedesk', 'url: ftp://servicedesk');
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'ftp://servicedesk')} notify.webhooks[0].url must be a web address starting https://`,
    ]);
  });

  it('a webhook URL holding a password is refused', () => {
    const text = plannedWith('https://servicedesk', 'https://hook:pa55@servicedesk');
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'https://hook')} notify.webhooks[0].url must not hold a user name or password: deliveries are signed with the key in \`secret\``,
    ]);
  });

  it('an unknown event group is refused at the item; a near miss is named', () => {
    const text = plannedWith('sign-off, sources, briefing]', 'signoffs, sources, briefings, mentions]');
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'signoffs')} notify.teams[0].events[3] write it as sign-off`,
      `cfg.yaml:${positionOf(text, 'briefings')} notify.teams[0].events[5] write it as briefing`,
      `cfg.yaml:${positionOf(text, 'mentions]')} notify.teams[0].events[6] is not an event group or detail-type (groups: urgent, escalated, acknowledged, failures, sign-off, posts, sources, briefing, pause, sweeps, all; or a detail-type such as 'Post Failed')`,
    ]);
    const detailType = plannedWith('events: [failures]', "events: ['post failed']");
    expect(problems(detailType)).toEqual([
      `cfg.yaml:${positionOf(detailType, "'post failed'")} notify.webhooks[0].events[0] write it as 'Post Failed'`,
    ]);
  });

  it('two Teams consumers with one id: the second is refused, naming the first', () => {
    const text = withNotify(
      PLANNED.replace('  sms:', '    - id: comms-channel\n      secret: social-duty/teams/other\n  sms:'),
    );
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOfLast(text, 'comms-channel\n      secret: social-duty/teams/other')} notify.teams[1].id "comms-channel" is used twice (also notify.teams[0])`,
    ]);
    // one id in two channels is fine: the keys teams:ID and sms:ID differ
    expect(() => parseConfig(plannedWith('id: on-call-manager', 'id: comms-channel'), 'x')).not.toThrow();
  });

  it('SMS takes urgent and escalated only, and says where the rest can go', () => {
    const text = plannedWith(
      '      events: [urgent, escalated]',
      "      events: [urgent, failures, 'Urgent Mention Escalated']",
    );
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOfLast(text, 'failures, ')} notify.sms[0].events[1] cannot go by SMS: texts are for urgent mentions only (urgent or escalated); send failures to Teams or a webhook`,
      `cfg.yaml:${positionOf(text, "'Urgent Mention Escalated'")} notify.sms[0].events[2] write it as escalated`,
    ]);
  });

  it('an empty events list is refused (it would take nothing)', () => {
    const text = plannedWith('events: [failures]', 'events: []');
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, '[]')} notify.webhooks[0].events needs at least one event group, e.g. [urgent]`,
    ]);
  });

  it('a secret must be a Secrets Manager name: a pasted Workflows URL or an ARN is refused', () => {
    const url = 'https://prod-01.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=x';
    const pasted = plannedWith('secret: social-duty/teams/comms-channel', `secret: '${url}'`);
    expect(problems(pasted)).toEqual([
      `cfg.yaml:${positionOf(pasted, `'${url}'`)} notify.teams[0].secret is a web address, which is a credential here: store it in Secrets Manager and give the secret's name, e.g. social-duty/teams/comms-channel`,
    ]);
    const arn = 'arn:aws:secretsmanager:eu-west-2:123456789012:secret:desk';
    const byArn = plannedWith('secret: social-duty/webhooks/service-desk', `secret: ${arn}`);
    expect(problems(byArn)).toEqual([
      `cfg.yaml:${positionOf(byArn, arn)} notify.webhooks[0].secret must be the secret's name, not its ARN, e.g. social-duty/webhooks/service-desk`,
    ]);
    const spaced = plannedWith('secret: social-duty/webhooks/service-desk', 'secret: service desk key');
    expect(problems(spaced)).toEqual([
      `cfg.yaml:${positionOf(spaced, 'service desk key')} notify.webhooks[0].secret must be a Secrets Manager secret name: letters, digits and / _ + = . @ - (at most 512), e.g. social-duty/webhooks/service-desk`,
    ]);
  });

  it('one secret cannot hold two kinds of value', () => {
    const text = plannedWith('secret: social-duty/webhooks/service-desk', 'secret: social-duty/x/main');
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOfLast(text, 'social-duty/x/main')} notify.webhooks[0].secret "social-duty/x/main" is also accounts.main.secret: it must hold a webhook's signing key, that one an X account's credentials, so give each its own secret`,
    ]);
    const shared = plannedWith(
      'secret: social-duty/webhooks/service-desk',
      'secret: social-duty/teams/comms-channel',
    );
    expect(problems(shared)).toEqual([
      `cfg.yaml:${positionOfLast(shared, 'social-duty/teams/comms-channel')} notify.webhooks[0].secret "social-duty/teams/comms-channel" is also notify.teams[0].secret: it must hold a webhook's signing key, that one a Teams Workflows URL, so give each its own secret`,
    ]);
  });

  it('an unknown key in a consumer is refused at the key', () => {
    const text = plannedWith("      to: '+447700900123'", "      to: '+447700900123'\n      name: Jo");
    expect(problems(text)).toEqual([
      `cfg.yaml:${positionOf(text, 'name: Jo')} notify.sms[0].name is not a known key`,
    ]);
  });

  it('check prints them the same way, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-notify-'));
    const file = join(dir, 'social-duty.yaml');
    const text = plannedWith('url: https://servicedesk', 'url: http://servicedesk');
    writeFileSync(file, text);
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runCli(['check', '--config', file, '--today', '2026-12-03'], {
      stdout: (t) => stdout.push(t),
      stderr: (t) => stderr.push(t),
    });
    expect(code).toBe(1);
    expect(stderr.join('\n').split('\n')).toEqual([
      `${file}:${positionOf(text, 'http://servicedesk')} notify.webhooks[0].url must start https:// (http:// only for 127.0.0.1 or localhost, when testing)`,
    ]);
  });

  it('check summarises the consumers in one line, with their groups as written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sd-notify-'));
    const file = join(dir, 'social-duty.yaml');
    writeFileSync(file, withNotify(PLANNED));
    const stdout: string[] = [];
    const code = await runCli(['check', '--config', file, '--today', '2026-12-03'], {
      stdout: (t) => stdout.push(t),
      stderr: () => undefined,
    });
    expect(code).toBe(0);
    const lines = stdout.join('\n').split('\n');
    expect(lines.filter((line) => line.startsWith('  notify'))).toEqual([
      '  notify        3: teams:comms-channel (urgent, escalated, failures, sign-off, sources, briefing); sms:on-call-manager (urgent, escalated); webhook:service-desk (failures)',
    ]);
    const plain = mkdtempSync(join(tmpdir(), 'sd-notify-'));
    writeFileSync(join(plain, 'c.yaml'), sampleConfigText());
    const out: string[] = [];
    await runCli(['check', '--config', join(plain, 'c.yaml'), '--today', '2026-12-03'], {
      stdout: (t) => out.push(t),
      stderr: () => undefined,
    });
    expect(out.join('\n')).toContain('\n  notify        none\n');
  });
});
