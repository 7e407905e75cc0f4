import type { Output } from './output';

/** What `parseArgs` gives a command: its options by long name, plus any bare words after the command. */
export type OptionValues = Record<string, string | boolean | undefined>;

export interface CommandModule {
  run(values: OptionValues, positionals: string[], out: Output): number | Promise<number>;
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** the placeholder in help, e.g. `D` for a date */
  value?: string;
  help: string;
}

export interface CommandSpec {
  name: string;
  /** one line for the overview */
  summary: string;
  /** what follows `social-duty NAME` in the usage line */
  synopsis: string;
  /** a few sentences for `NAME --help` */
  description: string;
  options: Record<string, OptionSpec>;
  /** bare words the command takes (classify's texts); others refuse them */
  positionals?: string;
  examples: string[];
  /** loaded only when the command runs, so `check` never pays for the AWS SDK or the local servers */
  load(): Promise<CommandModule>;
}

/** Every command takes these. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  config: { type: 'string', value: 'FILE', help: 'the config file (default config/social-duty.yaml)' },
  today: {
    type: 'string',
    value: 'D',
    help: "act as if today were D (YYYY-MM-DD), for trying a date's warnings and pauses",
  },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
};

const STATE_OPTIONS: Record<string, OptionSpec> = {
  table: { type: 'string', value: 'NAME', help: 'the deployed DynamoDB table (standard AWS credentials)' },
  region: { type: 'string', value: 'R', help: 'the AWS region of --table' },
  endpoint: { type: 'string', value: 'URL', help: 'a DynamoDB endpoint, e.g. another local stack' },
};

/** pause and resume only: the others change nothing a subscriber hears of */
const EVENT_BUS_OPTION: Record<string, OptionSpec> = {
  'event-bus': {
    type: 'string',
    value: 'NAME',
    help: 'with --table: publish "Pause Changed" to this EventBridge bus (stack output EventBusName)',
  },
};

const STATE_TARGET =
  'Without --table or --endpoint it uses the running `npm start` of this checkout, or else the local state files in .social-duty/.';

const stateCommand = (name: 'pause' | 'resume' | 'status' | 'audit') => async (): Promise<CommandModule> => {
  const { runStateCommand } = await import('./commands/state-command');
  return { run: (values, _positionals, out) => runStateCommand(name, values, out) };
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'check',
    summary: 'validate the config and print a summary',
    synopsis: '[--strict]',
    description:
      'Checks the config: its YAML, every field, references between fields and the length of every post once its placeholders are filled. Problems print as FILE:LINE:COL message (exit 1); warnings as FILE:LINE:COL warning: message (exit 0 unless --strict).',
    options: { strict: { type: 'boolean', help: 'treat warnings as errors (exit 1)' } },
    examples: ['social-duty check', 'social-duty check --config config/social-duty.yaml --strict'],
    load: async () => {
      const { checkCommand } = await import('./commands/check');
      return { run: (values, _positionals, out) => checkCommand(values, out) };
    },
  },
  {
    name: 'preview',
    summary: 'every automated action in a date range (default: the next 14 days)',
    synopsis: '[--from D] [--to D] [--json | --html FILE]',
    description:
      'Lists every post, sign-off, reopening and briefing the config schedules from D to D (inclusive), with the ones that will be skipped and why, and an estimate of the monthly cost.',
    options: {
      from: { type: 'string', value: 'D', help: 'first day, YYYY-MM-DD (default today)' },
      to: { type: 'string', value: 'D', help: 'last day, YYYY-MM-DD (default 13 days after --from)' },
      json: { type: 'boolean', help: 'print JSON (the format in docs/formats.md)' },
      html: { type: 'string', value: 'FILE', help: 'write a calendar page to FILE instead' },
    },
    examples: [
      'social-duty preview',
      'social-duty preview --from 2026-12-21 --to 2027-01-05',
      'social-duty preview --from 2027-01-01 --to 2027-12-31 --html year.html',
    ],
    load: () => import('./commands/preview-command'),
  },
  {
    name: 'simulate',
    summary: 'run the real handlers on a virtual clock; report tweets and emails',
    synopsis: '--from D --to D [--seed FILE] [--json]',
    description:
      'Runs the deployed handlers against embedded DynamoDB, SES and X stand-ins on a clock that jumps from schedule to schedule, and reports every tweet and email. A seed file adds mentions, outages and acknowledgements (docs/simulate.md).',
    options: {
      from: { type: 'string', value: 'D', help: 'first day, YYYY-MM-DD' },
      to: { type: 'string', value: 'D', help: 'last day, YYYY-MM-DD (at most two years on)' },
      seed: { type: 'string', value: 'FILE', help: 'mentions, failures and acknowledgements (JSON)' },
      json: { type: 'boolean', help: 'print JSON' },
    },
    examples: [
      'social-duty simulate --from 2026-12-21 --to 2027-01-05',
      'social-duty simulate --from 2026-12-24 --to 2026-12-29 --seed test/fixtures/seeds/christmas-2026.json --json',
    ],
    load: () => import('./commands/simulate-command'),
  },
  {
    name: 'start',
    summary: 'run everything locally in real time (what npm start runs)',
    synopsis:
      '[--dynamo-port N] [--ses-port N] [--x-port N] [--feed-port N] [--ack-port N] [--events-port N] [--teams-port N] [--sms-port N] [--webhooks-port N] [--bluesky-port N] [--facebook-port N]',
    description:
      'Starts local DynamoDB, SES, X, Bluesky, Facebook, feed and acknowledge servers, a local EventBridge and Teams, SMS and webhook stand-ins for the notify: consumers, and runs the schedules in real time with the same handlers the Lambdas run. State persists in .social-duty/. Ctrl-C stops it.',
    options: {
      'dynamo-port': { type: 'string', value: 'N', help: 'local DynamoDB (default 8420)' },
      'ses-port': { type: 'string', value: 'N', help: 'local SES and its mail viewer (default 8425)' },
      'x-port': { type: 'string', value: 'N', help: 'local X API and its web page (default 8430)' },
      'feed-port': { type: 'string', value: 'N', help: 'local feeds (default 8435)' },
      'ack-port': { type: 'string', value: 'N', help: '"I\'m handling this" links (default 8440)' },
      'events-port': {
        type: 'string',
        value: 'N',
        help: 'local EventBridge and its events page (default 8445)',
      },
      'teams-port': { type: 'string', value: 'N', help: 'local Teams: the cards received (default 8450)' },
      'sms-port': { type: 'string', value: 'N', help: 'local SNS: the text messages sent (default 8455)' },
      'webhooks-port': { type: 'string', value: 'N', help: 'local webhook receiver (default 8460)' },
      'bluesky-port': { type: 'string', value: 'N', help: 'local Bluesky and its web page (default 8465)' },
      'facebook-port': {
        type: 'string',
        value: 'N',
        help: 'local Facebook Graph API and its web page (default 8470)',
      },
    },
    examples: ['social-duty start', 'social-duty start --x-port 9430'],
    load: () => import('./commands/start-command'),
  },
  {
    name: 'pause',
    summary: 'stop all automated posting up to and including a date',
    synopsis: '--until D --reason TEXT',
    description: `Pauses every automated post, sign-offs included, up to and including D, at once and without a deploy. Sweeps and duty emails carry on. ${STATE_TARGET}`,
    options: {
      until: { type: 'string', value: 'D', help: 'last paused day, YYYY-MM-DD' },
      reason: { type: 'string', value: 'TEXT', help: 'why, for the audit log and status' },
      ...STATE_OPTIONS,
      ...EVENT_BUS_OPTION,
    },
    examples: [
      'social-duty pause --until 2027-01-03 --reason "major incident"',
      'social-duty pause --until 2027-01-03 --reason "major incident" --table STATE_TABLE --region eu-west-2 --event-bus EVENT_BUS',
    ],
    load: stateCommand('pause'),
  },
  {
    name: 'resume',
    summary: 'lift the runtime pause',
    synopsis: '',
    description: `Lifts a pause set with \`pause\`; posting carries on from the next schedule. ${STATE_TARGET}`,
    options: { ...STATE_OPTIONS, ...EVENT_BUS_OPTION },
    examples: [
      'social-duty resume',
      'social-duty resume --table STATE_TABLE --region eu-west-2 --event-bus EVENT_BUS',
    ],
    load: stateCommand('resume'),
  },
  {
    name: 'status',
    summary: 'the pause, the next 5 actions and the last 5 outcomes',
    synopsis: '',
    description: `Shows whether posting is paused, what happens next and what happened last. ${STATE_TARGET}`,
    options: STATE_OPTIONS,
    examples: ['social-duty status', 'social-duty status --table STATE_TABLE --region eu-west-2'],
    load: stateCommand('status'),
  },
  {
    name: 'audit',
    summary: 'what happened: posts, skips, failures, alerts, briefings, pauses',
    synopsis: '[--from D] [--to D] [--json]',
    description: `Lists the audit records of the local dates D to D (default the last 7 days). ${STATE_TARGET}`,
    options: {
      from: { type: 'string', value: 'D', help: 'first day (default 6 days before --to)' },
      to: { type: 'string', value: 'D', help: 'last day (default today)' },
      json: { type: 'boolean', help: 'print JSON' },
      ...STATE_OPTIONS,
    },
    examples: ['social-duty audit', 'social-duty audit --from 2026-12-24 --to 2026-12-29 --json'],
    load: stateCommand('audit'),
  },
  {
    name: 'classify',
    summary: 'how the mention rules classify each text',
    synopsis: '[--json] "TEXT"… | --file F',
    description:
      "Classifies each text as urgent, concern or general with the config's keywords and the built-in crisis rules, and says which rule matched, so a keyword change can be tried before it is deployed.",
    options: {
      file: { type: 'string', value: 'F', help: 'classify each line of F' },
      json: { type: 'boolean', help: 'print JSON' },
    },
    positionals: 'TEXT',
    examples: [
      'social-duty classify "I want to end it all tonight" "the queue is killing me"',
      'social-duty classify --file mentions.txt --json',
    ],
    load: async () => {
      const { classifyCommand } = await import('./commands/classify');
      return { run: (values, positionals, out) => classifyCommand(values, positionals, out) };
    },
  },
  {
    name: 'diff',
    summary: 'what a config change does over the next weeks, compared with a file or a git ref',
    synopsis: '--base FILE|GIT-REF [--weeks N] [--markdown | --json]',
    description:
      'Plans both configs with the same code the functions run and lists what differs over the next N weeks (default 8): posts added, removed, moved, re-worded or newly skipped; the sign-off and reopening; who is on duty; escalation, urgent contacts and keywords; sources, notifications and pauses; the monthly cost. --base is a file, or a git ref whose copy of the same path is compared (origin/main). Exit 0 for any valid pair; exit 1 with FILE:LINE:COL lines if either config is invalid.',
    options: {
      base: { type: 'string', value: 'FILE|REF', help: 'the config to compare with: a file, or a git ref' },
      weeks: { type: 'string', value: 'N', help: 'how many weeks from today to compare (default 8)' },
      markdown: { type: 'boolean', help: 'Markdown for a pull-request comment (at most 60 lines of detail)' },
      json: { type: 'boolean', help: 'print JSON (the format in docs/formats.md)' },
    },
    examples: [
      'social-duty diff --base origin/main',
      'social-duty diff --base origin/main --markdown > comment.md',
      'social-duty diff --base old.yaml --weeks 12 --json',
    ],
    load: () => import('./commands/diff-command'),
  },
  {
    name: 'sources check',
    summary: 'read each configured source once, now, changing no state; show what a sweep would see',
    synopsis: '[--source ID] [--json] [--endpoint URL] [--bluesky-endpoint URL] [--facebook-endpoint URL]',
    description:
      "Reads every source in sweeps.sources once, now, as a sweep would (X looks back 24 hours), and lists what each returned with the category the sweep would give it. Nothing is written: no cursors, no seen marks, no emails. X credentials come from AWS Secrets Manager as the deployed functions read them (standard AWS credentials), or, with --endpoint, are the local X API's own; Bluesky and Facebook secrets likewise, or the local stand-ins' own with --bluesky-endpoint and --facebook-endpoint. Items published over 30 days ago are left out, as a sweep ignores them. Exit 1 if any source could not be read.",
    options: {
      source: { type: 'string', value: 'ID', help: 'read only the source ID' },
      json: { type: 'boolean', help: 'print JSON (the format in docs/formats.md)' },
      endpoint: {
        type: 'string',
        value: 'URL',
        help: 'read X from this X API instead, e.g. the local one of `npm start` (http://127.0.0.1:8430)',
      },
      'bluesky-endpoint': {
        type: 'string',
        value: 'URL',
        help: 'read Bluesky from this service instead, e.g. the local one of `npm start` (http://127.0.0.1:8465)',
      },
      'facebook-endpoint': {
        type: 'string',
        value: 'URL',
        help: 'read Facebook from this Graph API instead, e.g. the local one (http://127.0.0.1:8470)',
      },
    },
    examples: [
      'social-duty sources check',
      'social-duty sources check --source google-alert-trust --json',
      'social-duty sources check --endpoint http://127.0.0.1:8430',
      'social-duty sources check --source bluesky-mentions --bluesky-endpoint http://127.0.0.1:8465',
    ],
    load: () => import('./commands/sources-check'),
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}
