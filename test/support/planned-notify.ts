import type { Config } from '../../lambdas/core/config/schema';

/** The `notify:` section as the README plans it: a Teams channel, a phone, a service desk webhook. */
export const PLANNED_NOTIFY_YAML = `
notify:
  teams:
    - id: comms-channel
      secret: social-duty/teams/comms-channel
      events: [urgent, escalated, failures, sign-off, sources, briefing]
  sms:
    - id: on-call-manager
      to: '+447700900123'
      events: [urgent, escalated]
  webhooks:
    - id: service-desk
      url: https://servicedesk.example.nhs.uk/hooks/social-duty
      secret: social-duty/webhooks/service-desk
      events: [failures]
`;

/** the same section as the validated config holds it */
export const PLANNED_NOTIFY: NonNullable<Config['notify']> = {
  teams: [
    {
      id: 'comms-channel',
      secret: 'social-duty/teams/comms-channel',
      events: ['urgent', 'escalated', 'failures', 'sign-off', 'sources', 'briefing'],
    },
  ],
  sms: [{ id: 'on-call-manager', to: '+447700900123', events: ['urgent', 'escalated'] }],
  webhooks: [
    {
      id: 'service-desk',
      url: 'https://servicedesk.example.nhs.uk/hooks/social-duty',
      secret: 'social-duty/webhooks/service-desk',
      events: ['failures'],
    },
  ],
};
