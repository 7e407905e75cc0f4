/**
 * The Teams cards, checked against the official Adaptive Card 1.4 JSON Schema. test/fixtures/adaptive-card.schema.json
 * is schemas/1.4.0/adaptive-card.json from github.com/microsoft/AdaptiveCards, unchanged (repository snapshot
 * 644d933e185a8482c4dcf4c375d177aac37fd095; the file last changed in 93695cf2df1117ab08e36ebe707d0ced18e4e9b3).
 * It declares draft-06 and names itself with draft-04's `id`, which Ajv 8 only takes as `$id`.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json';
import fc from 'fast-check';
import twitterText from 'twitter-text';
import adaptiveCardSchema from '../fixtures/adaptive-card.schema.json';
import { DETAIL_TYPES, type DetailType } from '../../lambdas/core/events/detail-types';
import type { BusEvent } from '../../lambdas/core/events/bus-event';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  MAX_MENTION_TEXT,
  teamsCard,
  teamsMessage,
  type AdaptiveCard,
  type CardElement,
  type MentionExtras,
} from '../../lambdas/core/notify/teams-cards';
import { clipped, plainForTeams } from '../../lambdas/core/notify/teams-text';
import { sampleConfig } from '../support/example-config';
import { FEED_KEY, busEvent, urgentAlert } from './notify-fixtures';

const config = sampleConfig();
const ACK_LINK =
  'https://abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-2.on.aws/?t=eyJ2IjoxfQ.c2lnbmF0dXJl';

let validateCard: ValidateFunction;

beforeAll(() => {
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(draft06);
  addFormats(ajv);
  const { id, ...schema } = adaptiveCardSchema as { id: string } & Record<string, unknown>;
  validateCard = ajv.compile({ $id: id, ...schema });
});

function expectValid(card: AdaptiveCard): void {
  const valid = validateCard(card);
  // anyOf reports every branch it tried: the first error names the path that failed
  expect(valid ? [] : (validateCard.errors ?? []).slice(0, 3)).toEqual([]);
}

/** every text a reader sees: TextBlocks, fact titles and values, fallbackText */
function textsOf(card: AdaptiveCard): string[] {
  const walk = (elements: CardElement[]): string[] =>
    elements.flatMap((element) => {
      if (element.type === 'TextBlock') return [element.text];
      if (element.type === 'FactSet') return element.facts.flatMap((fact) => [fact.title, fact.value]);
      return walk(element.items);
    });
  return [card.fallbackText, ...walk(card.body)];
}

function factsOf(card: AdaptiveCard): Record<string, string> {
  const walk = (elements: CardElement[]): Array<[string, string]> =>
    elements.flatMap((element): Array<[string, string]> => {
      if (element.type === 'FactSet') return element.facts.map((fact) => [fact.title, fact.value]);
      if (element.type === 'Container') return walk(element.items);
      return [];
    });
  return Object.fromEntries(walk(card.body));
}

const everyKind: Array<[string, BusEvent, MentionExtras]> = [
  ...DETAIL_TYPES.map((type): [string, BusEvent, MentionExtras] => [type, busEvent(type), {}]),
  [
    'urgent, with the alert and a link',
    busEvent('Urgent Mention Alerted'),
    { alert: urgentAlert(), ackLink: ACK_LINK },
  ],
  [
    'urgent, acknowledged already',
    busEvent('Urgent Mention Alerted'),
    {
      alert: urgentAlert({
        acknowledgedBy: 'jo.duty@leedsandyorkpft.nhs.uk',
        acknowledgedAt: '2026-12-23T02:12:00.000Z',
      }),
    },
  ],
  [
    'urgent, a web mention with a title',
    busEvent('Urgent Mention Alerted', {
      mentionKey: FEED_KEY,
      source: 'google-alert-trust',
      mentionUrl: 'https://news.example/a',
    }),
    {
      alert: urgentAlert(
        { key: FEED_KEY },
        { source: 'google-alert-trust', sourceType: 'feed', title: 'A page', timeSource: 'first-seen' },
      ),
      ackLink: ACK_LINK,
    },
  ],
  [
    'escalation, with the alert and a link',
    busEvent('Urgent Mention Escalated'),
    { alert: urgentAlert(), ackLink: ACK_LINK },
  ],
  ['the reopening post published', busEvent('Post Published', { postId: 'reopening' }), {}],
  ['an ordinary post published', busEvent('Post Published', { postId: 'pals' }), {}],
  ['an ordinary post skipped', busEvent('Post Skipped', { postId: 'pals', reason: 'closed day' }), {}],
  ['the reopening post failed', busEvent('Post Failed', { postId: 'reopening' }), {}],
  ['a source failing once', busEvent('Source Failing', { failures: 1 }), {}],
];

describe('every kind of card', () => {
  it.each(everyKind)('%s: a valid Adaptive Card 1.4 in a Teams message', (_name, event, extras) => {
    const { card, summary } = teamsCard(config, event, extras);
    expectValid(card);
    expect(card.version).toBe('1.4');
    expect(teamsMessage(card)).toEqual({
      type: 'message',
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    });
    expect(summary).toMatch(/card/);
    // nothing on a card may be a link but its buttons
    expect(textsOf(card).flatMap((text) => twitterText.extractUrls(text))).toEqual([]);
  });

  it('the schema check can fail: a 1.5-only property and an unknown element are refused', () => {
    const { card } = teamsCard(config, busEvent('Post Failed'));
    expect(validateCard({ ...card, body: [{ type: 'TextBlock', text: 'x', style: 'heading' }] })).toBe(false);
    expect(validateCard({ ...card, body: [{ type: 'Markdown', text: 'x' }] })).toBe(false);
    expect(validateCard({ ...card, actions: [{ type: 'Action.OpenUrl', title: 'x' }] })).toBe(false);
  });

  it('each detail-type has its own card; only the ones without one get the generic card', () => {
    const summaries = Object.fromEntries(
      DETAIL_TYPES.map((type: DetailType) => [type, teamsCard(config, busEvent(type)).summary]),
    );
    expect(summaries).toEqual({
      'Post Published': 'sign-off posted card',
      'Post Skipped': 'sign-off skipped card',
      'Post Failed': 'post failed card',
      'Post Needs Checking': 'post needs checking card',
      'Sign-off Deleted': 'sign-off deleted card',
      'Mention Alerted': 'card: Mention Alerted',
      'Urgent Mention Alerted': 'urgent mention card',
      'Urgent Mention Acknowledged': 'acknowledgement card',
      'Urgent Mention Escalated': 'escalation card',
      'Briefing Sent': 'briefing card',
      'Source Failing': 'source failing card',
      'Source Recovered': 'source recovered card',
      'Pause Changed': 'card: Pause Changed',
      'Sweep Completed': 'card: Sweep Completed',
    });
  });
});

describe('the urgent mention card', () => {
  it("shows the mention, who wrote it, where, what matched, who was emailed, and this channel's link", () => {
    const { card } = teamsCard(config, busEvent('Urgent Mention Alerted'), {
      alert: urgentAlert(),
      ackLink: ACK_LINK,
    });
    const texts = textsOf(card);
    expect(texts).toContain('URGENT: act now');
    expect(texts).toContain('@someone＿in＿need on X (mention) may need urgent help.');
    expect(texts).toContain("I can't do this any more, I want to end my life tonight");
    expect(factsOf(card)).toEqual({
      Posted: 'Wednesday 23 December at 02:05',
      Matched: 'crisis: ending life; keyword: end my life',
      'Emailed to': 'jo․duty@leedsandyorkpft․nhs․uk, oncall․manager@leedsandyorkpft․nhs․uk',
    });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: "I'm handling this", url: ACK_LINK, style: 'positive' },
      {
        type: 'Action.OpenUrl',
        title: 'Open the mention',
        url: 'https://x.com/i/web/status/1870000000000000001',
      },
    ]);
  });

  it('without the alert (it has expired) says to read the email, and still offers the link', () => {
    const { card } = teamsCard(config, busEvent('Urgent Mention Alerted'), { ackLink: ACK_LINK });
    const texts = textsOf(card);
    expect(texts).toContain('Someone on X (mention) may need urgent help.');
    expect(texts).toContain('The mention is no longer stored here: read it in the urgent email.');
    expect(card.actions?.map((a) => a.title)).toEqual(["I'm handling this", 'Open the mention']);
  });

  it('once acknowledged, says by whom and offers no link', () => {
    const alert = urgentAlert({
      acknowledgedBy: 'sms:on-call-manager',
      acknowledgedAt: '2026-12-23T02:12:00.000Z',
    });
    const { card } = teamsCard(config, busEvent('Urgent Mention Alerted'), { alert });
    expect(textsOf(card)).toContain(
      'Already being handled by The SMS recipient on-call-manager since Wednesday 23 December at 02:12.',
    );
    expect(card.actions?.map((a) => a.title)).toEqual(['Open the mention']);
  });

  it('a web mention shows its title and when it was first seen; a javascript: link never becomes a button', () => {
    const alert = urgentAlert(
      { key: FEED_KEY },
      {
        source: 'google-alert-trust',
        sourceType: 'feed',
        title: 'Local news',
        url: 'javascript:alert(1)',
        timeSource: 'first-seen',
      },
    );
    const event = busEvent('Urgent Mention Alerted', { mentionKey: FEED_KEY, source: 'google-alert-trust' });
    delete (event.detail as { mentionUrl?: string }).mentionUrl;
    const { card } = teamsCard(config, event, { alert, ackLink: ACK_LINK });
    expect(textsOf(card)).toEqual(
      expect.arrayContaining([
        'Local news',
        '@someone＿in＿need on the web (google-alert-trust) may need urgent help.',
      ]),
    );
    expect(factsOf(card)['First seen']).toBe('Wednesday 23 December at 02:05');
    expect(card.actions?.map((a) => a.title)).toEqual(["I'm handling this"]);
  });

  it('a long web page is cut short, saying so', () => {
    const alert = urgentAlert({}, { text: 'word '.repeat(1000) });
    const { card } = teamsCard(config, busEvent('Urgent Mention Alerted'), { alert, ackLink: ACK_LINK });
    const body = textsOf(card).find((t) => t.startsWith('word'));
    expect(body?.endsWith('… (cut short: the urgent email has all of it)')).toBe(true);
    expect(Array.from(body ?? '').length).toBeLessThanOrEqual(MAX_MENTION_TEXT + 50);
  });

  it('the escalation card says who it went to and shows the mention and the link', () => {
    const { card } = teamsCard(config, busEvent('Urgent Mention Escalated'), {
      alert: urgentAlert(),
      ackLink: ACK_LINK,
    });
    expect(textsOf(card)).toEqual(
      expect.arrayContaining([
        'URGENT and not acknowledged',
        'Nobody has said they are handling this urgent mention, so it was escalated to director․oncall@leedsandyorkpft․nhs․uk (escalation 2).',
        "I can't do this any more, I want to end my life tonight",
      ]),
    );
    expect(factsOf(card)['Emailed so far']).toBe(
      'jo․duty@leedsandyorkpft․nhs․uk, oncall․manager@leedsandyorkpft․nhs․uk',
    );
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: "I'm handling this", url: ACK_LINK, style: 'positive' },
      // not the alert's own x.com/<handle>/status link: the button need not name the author
      {
        type: 'Action.OpenUrl',
        title: 'Open the mention',
        url: 'https://x.com/i/web/status/1870000000000000001',
      },
    ]);
  });

  it('the acknowledgement card names the Teams channel whose link was pressed', () => {
    const { card } = teamsCard(config, busEvent('Urgent Mention Acknowledged'));
    expect(textsOf(card)).toContain(
      'Someone in Teams (comms-channel) said they are handling the urgent mention found on X, so nobody else is escalated to.',
    );
  });
});

describe('the other cards', () => {
  it('a failed post: its id, the reason, and what to do', () => {
    const { card } = teamsCard(config, busEvent('Post Failed'));
    expect(textsOf(card)).toEqual(
      expect.arrayContaining([
        'Post failed: pals',
        'What to do: post it by hand if it still matters (the duty email has the exact text).',
      ]),
    );
    expect(factsOf(card)).toEqual({
      Post: 'pals',
      Due: 'Wednesday 23 December at 02:10',
      Reason: 'X refused the post (HTTP 403: duplicate content)',
    });
    const reopening = teamsCard(config, busEvent('Post Failed', { postId: 'reopening' })).card;
    expect(
      textsOf(reopening).some((t) => t.endsWith('Then delete the sign-off by hand: it is still up.')),
    ).toBe(true);
  });

  it('a post that needs checking says to look at the timeline', () => {
    const { card } = teamsCard(config, busEvent('Post Needs Checking', { postId: 'pals' }));
    expect(textsOf(card)).toContain(
      "What to do: check the account's timeline. If the post is not there, post it by hand (the duty email has the exact text).",
    );
  });

  it('the sign-off posted card links to the post on X; an ordinary post is named by its id', () => {
    const { card } = teamsCard(config, busEvent('Post Published'));
    expect(textsOf(card)).toEqual(
      expect.arrayContaining(['Sign-off posted', 'The sign-off went out on @LeedsandYorkPFT on X.']),
    );
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open on X', url: 'https://x.com/i/web/status/1870000000000000099' },
    ]);
    expect(textsOf(teamsCard(config, busEvent('Post Published', { postId: 'pals' })).card)).toContain(
      'Post published: pals',
    );
    expect(textsOf(teamsCard(config, busEvent('Post Skipped')).card)).toContain(
      'The sign-off was not posted: paused: Pre-election period.',
    );
  });

  it('a failing source gives its last error, with no link in it', () => {
    const { card } = teamsCard(config, busEvent('Source Failing'));
    expect(factsOf(card)['Last error']).toBe(
      'the feed answered HTTP 503 at https∶∕∕www․google․com/alerts/feeds/0/0',
    );
  });

  it('the generic card lists the detail, escaped', () => {
    const { card } = teamsCard(config, busEvent('Pause Changed'));
    expect(factsOf(card)).toEqual({
      at: 'Wednesday 23 December at 02:10',
      scheduledTime: 'Wednesday 23 December at 02:10',
      paused: 'true',
      until: '2027-05-06',
      reason: 'Pre-election ∗period∗ ［see］(https∶∕∕x․y)',
    });
  });
});

describe('plainForTeams', () => {
  it.each([
    ['**bold** and _italic_', '∗∗bold∗∗ and ＿italic＿'],
    ['[click here](https://evil.example/x)', '［click here］(https∶∕∕evil․example/x)'],
    ['<https://evil.example> <at>Jo</at>', '‹https∶∕∕evil․example› ‹at›Jo‹/at›'],
    ['see www.evil.example or mail jo@evil.example', 'see www․evil․example or mail jo@evil․example'],
    ['javascript:alert(1) and tel:999', 'javascript∶alert(1) and tel∶999'],
    ['`code` ~~gone~~ \\*kept\\*', 'ˋcodeˋ ∼∼gone∼∼ ∖∗kept∖∗'],
    ['# Heading', '＃ Heading'],
    ['- one\n- two\n\n1. three', '‐ one - two 1. three'],
    ['12) twelve', '12） twelve'],
    ['A&E is busy &amp; &#91;x&#93;', 'A&E is busy ＆amp; ＆#91;x＆#93;'],
    ['{{DATE(2026-12-24T16:00:00Z, SHORT)}}', '｛｛DATE(2026-12-24T16:00:00Z, SHORT)｝｝'],
    ['evil．com 例子。中国 A\u0300.com', 'evil․com 例子․中国 A\u0300․com'],
    ['hidden\u202Eoverride\u0007bell', 'hiddenoverridebell'],
    ['crisis: ending life, at 10:30 #PALS @trust', 'crisis: ending life, at 10:30 #PALS @trust'],
  ])('%j → %j', (text, plain) => {
    expect(plainForTeams(text)).toBe(plain);
  });

  it('the link check can fail: twitter-text finds the links in the raw texts', () => {
    expect(twitterText.extractUrls('see www.evil.com or https://x.co/z and nhs.uk')).toEqual([
      'www.evil.com',
      'https://x.co/z',
      'nhs.uk',
    ]);
  });

  const nasty = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          '*',
          '**',
          '_',
          '__',
          '[',
          ']',
          '](',
          '(',
          ')',
          '<',
          '>',
          '`',
          '```',
          '~~',
          '#',
          '# ',
          '- ',
          '+ ',
          '1. ',
          '2) ',
          '> ',
          '\n',
          '\r\n',
          '\t',
          '\\',
          '&amp;',
          '&#42;',
          '&lt;',
          'https://',
          'http://',
          'www.',
          '.com',
          '.nhs.uk',
          '@',
          ':',
          '//',
          '{{',
          '}}',
          'javascript:',
          'mailto:',
          '|',
          '!',
          '\u202E',
          '\u2028',
          ' ',
          '.',
          '．',
          '。',
        ),
        fc.string({ unit: 'grapheme', maxLength: 8 }),
        fc.webUrl(),
        fc.emailAddress(),
        fc.domain(),
      ),
      { maxLength: 25 },
    )
    .map((parts) => parts.join(''));

  it('leaves no markup character, line break, link or leading block marker, and is idempotent', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const plain = plainForTeams(text);
        expect(plain).not.toMatch(/[*_`~[\]<>\\{}\n\r\u2028\u2029]/);
        expect(plain).not.toMatch(/:\/\/|[\p{L}\p{M}\p{N}][.．。][\p{L}\p{M}\p{N}]/u);
        expect(plain).not.toMatch(/^(#+|[-+]+|\d+[.)])( |$)/);
        expect(plain).not.toMatch(/&#?[\p{L}\p{N}]+;/u);
        expect(twitterText.extractUrls(plain)).toEqual([]);
        expect(plainForTeams(plain)).toBe(plain);
      }),
      { numRuns: 500 },
    );
  });

  it('no mention text, author or title breaks the card or adds a link to it', () => {
    fc.assert(
      fc.property(nasty, nasty, fc.option(nasty, { nil: undefined }), (text, author, title) => {
        const alert = urgentAlert({}, { text, author, ...(title === undefined ? {} : { title }) });
        const { card } = teamsCard(config, busEvent('Urgent Mention Alerted'), { alert, ackLink: ACK_LINK });
        expectValid(card);
        expect(textsOf(card).flatMap((t) => twitterText.extractUrls(t))).toEqual([]);
        expect(card.actions?.map((a) => a.url)).toEqual([
          ACK_LINK,
          'https://x.com/i/web/status/1870000000000000001',
        ]);
        expect(textsOf(card)).toContain(
          plainForTeams(clipped(text, MAX_MENTION_TEXT, '… (cut short: the urgent email has all of it)')),
        );
      }),
      { numRuns: 200 },
    );
  });
});
