import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkingCalendar } from '../../lambdas/core/calendar/working-calendar';
import { parseConfig } from '../../lambdas/core/config/parse-config';
import type { Config } from '../../lambdas/core/config/schema';
import { previewActions, type Preview } from '../../lambdas/core/plan/preview';
import {
  KIND_COLOURS,
  MUTED_TEXT_COLOUR,
  TEXT_COLOUR,
  renderCalendarPage,
} from '../../cli/commands/calendar-page';
import { configWith, sampleConfig } from '../support/example-config';

function pageFor(config: Config, from: string, to: string): string {
  const calendar = new WorkingCalendar(config);
  return renderCalendarPage(config, calendar, previewActions(config, calendar, from, to));
}

/** the `<td>` of one date, found by the `<time datetime>` every day cell starts with */
function dayCell(html: string, date: string): string {
  const match = new RegExp(`<td[^>]*><time class="date" datetime="${date}">.*?</td>`, 's').exec(html);
  if (!match) throw new Error(`no cell for ${date}`);
  return match[0];
}

describe('the preview calendar page, Christmas 2026 of the sample config', () => {
  const html = pageFor(sampleConfig(), '2026-12-21', '2027-01-10');

  it('is a complete, self-contained document without scripts', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toMatch(/<title>[^<]*automated actions, 21 December 2026 to 10 January 2027<\/title>/);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<script|<link|\bsrc=|url\(|@import/i);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('lays out weeks as table rows under Monday to Sunday column headers', () => {
    expect(html).toContain(
      '<caption>Automated actions by week, 21 December 2026 to 10 January 2027</caption>',
    );
    const headers = [...html.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(html.match(/<tr>/g)).toHaveLength(1 + 3);
    expect(html.match(/<li class="entry /g)).toHaveLength(
      previewActions(sampleConfig(), new WorkingCalendar(sampleConfig()), '2026-12-21', '2027-01-10').actions
        .length,
    );
  });

  it('strikes through the 24 December pals post with its reason, on a shaded closure day', () => {
    const christmasEve = dayCell(html, '2026-12-24');
    expect(christmasEve).toMatch(/^<td class="day day-closure">/);
    expect(christmasEve).toContain('<p class="note">Closure</p>');
    expect(christmasEve).toMatch(
      /<li class="entry entry-post entry-skipped"><del><time datetime="2026-12-24T10:30:00\+00:00">10:30<\/time> <span class="kind kind-post">post<\/span> <span class="id">pals<\/span>.*?<\/del> <strong class="skip-reason">skipped: closure<\/strong><\/li>/s,
    );
  });

  it('shades Christmas Day with its bank holiday name', () => {
    const christmasDay = dayCell(html, '2026-12-25');
    expect(christmasDay).toMatch(/^<td class="day day-bank-holiday">/);
    expect(christmasDay).toContain('Bank holiday: Christmas Day');
    expect(christmasDay).not.toContain('<li');
  });

  it('puts the sign-off on 23 December at 16:00, and briefings as "briefing to" the duty person', () => {
    const signOffDay = dayCell(html, '2026-12-23');
    expect(signOffDay).toMatch(
      /<li class="entry entry-closing"><time datetime="2026-12-23T16:00:00\+00:00">16:00<\/time> <span class="kind kind-closing">closing<\/span><span class="text">We&#39;re signing off for the holiday\./,
    );
    expect(signOffDay).toContain(
      '<span class="kind kind-briefing">briefing</span> to <span class="email">jo.duty@leedsandyorkpft.nhs.uk</span>',
    );
  });
});

describe('the preview calendar page of the three-network example (X, Bluesky, Facebook)', () => {
  const file = join(__dirname, '..', '..', 'config', 'examples', 'three-networks.yaml');
  const config = parseConfig(readFileSync(file, 'utf8'), 'three-networks.yaml').config;
  const html = pageFor(config, '2026-12-21', '2027-01-10');
  const entries = (cell: string) => [...cell.matchAll(/<li class="entry .*?<\/li>/gs)].map((m) => m[0]);
  const X = 'to @LeedsandYorkPFT on X';
  const BLUESKY = 'to @leedsandyorkpft.bsky.social on Bluesky';
  const FACEBOOK = 'to the Leeds and York Partnership NHS Foundation Trust Page on Facebook';

  it('names the account and network of every post, sign-off and reopening entry', () => {
    const posting = entries(html).filter((entry) => !entry.includes('entry-briefing'));
    expect(posting.length).toBeGreaterThan(10);
    for (const entry of posting)
      expect(entry).toMatch(/<span class="account account-(x|bluesky|facebook)">to /);
    expect(
      entries(html)
        .filter((e) => e.includes('entry-briefing'))
        .every((e) => !e.includes('class="account')),
    ).toBe(true);
    expect(html).not.toContain('Every post goes to');
  });

  it('lists the 22 December pals post once per account, each with its own network and text', () => {
    const pals = entries(dayCell(html, '2026-12-22')).filter((entry) =>
      entry.includes('<span class="id">pals</span>'),
    );
    expect(pals).toHaveLength(3);
    expect(pals[0]).toContain(`<span class="account account-x">${X}</span>`);
    expect(pals[1]).toContain(`<span class="account account-bluesky">${BLUESKY}</span>`);
    expect(pals[2]).toContain(`<span class="account account-facebook">${FACEBOOK}</span>`);
    // Facebook gets its longer variant; X and Bluesky the default
    expect(pals[2]).toContain('The team is open Monday to Friday');
    expect(pals[0]).not.toContain('The team is open Monday to Friday');
  });

  it('shows the sign-off of 23 December on each network, and the wyg post on X alone', () => {
    const signOffs = entries(dayCell(html, '2026-12-23')).filter((entry) => entry.includes('entry-closing'));
    expect(signOffs.map((entry) => /class="account account-(\w+)"/.exec(entry)?.[1])).toEqual([
      'x',
      'bluesky',
      'facebook',
    ]);
    expect(signOffs[0]).toContain('back tweeting on');
    expect(signOffs[2]).toContain('This Page is not monitored');
    const wyg = entries(dayCell(html, '2027-01-04')).filter((entry) =>
      entry.includes('<span class="id">wyg</span>'),
    );
    expect(wyg).toHaveLength(1);
    expect(wyg[0]).toContain(X);
  });

  it('strikes through a skipped entry together with its account', () => {
    const christmasEve = entries(dayCell(html, '2026-12-24')).filter((entry) =>
      entry.includes('entry-skipped'),
    );
    expect(christmasEve).toHaveLength(3);
    expect(christmasEve[1]).toMatch(
      new RegExp(`<del>.*${BLUESKY}.*</del> <strong class="skip-reason">skipped: closure`, 's'),
    );
  });

  it('escapes account handles and Page names, and still loads nothing from elsewhere', () => {
    const hostile = structuredClone(config);
    const page = hostile.accounts.facebook;
    if (page?.network !== 'facebook') throw new Error('the example has a facebook account');
    page.name = 'Trust <img src=x onerror=alert(1)> & "friends"';
    const hostileHtml = pageFor(hostile, '2026-12-22', '2026-12-22');
    expect(hostileHtml).not.toContain('<img');
    expect(hostileHtml).toContain(
      'to the Trust &lt;img src=x onerror=alert(1)&gt; &amp; &quot;friends&quot; Page on Facebook',
    );
    expect(html).not.toMatch(/<script|<link|\bsrc=|url\(|@import/i);
  });
});

describe('the preview calendar page of a config with one account', () => {
  it('names the account once, above the calendar, not on every entry', () => {
    const html = pageFor(sampleConfig(), '2026-12-21', '2026-12-27');
    expect(html).toContain('Every post goes to @LeedsandYorkPFT on X.</p>');
    expect(html).not.toContain('class="account');
  });
});

describe('the preview calendar page with hostile or unusual input', () => {
  it('escapes every text from the config', () => {
    const config = configWith((input) => {
      const organisation = input.organisation as { name: string };
      organisation.name = 'Leeds & York "PFT"';
      const [pals] = input.posts as Array<{ variants: string[] }>;
      pals!.variants[0] = '<script>alert("x")</script> PALS {website}';
      input.pauses = [{ from: '2027-01-04', until: '2027-01-05', reason: 'Audit <b>& review</b>' }];
    });
    const html = pageFor(config, '2026-12-21', '2027-01-10');

    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(dayCell(html, '2026-12-22')).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; PALS https://www.leedsandyorkpft.nhs.uk',
    );
    expect(html).toContain('<h1>Leeds &amp; York &quot;PFT&quot;: automated actions</h1>');
    const paused = dayCell(html, '2027-01-04');
    expect(paused).toMatch(/^<td class="day day-pause">/);
    expect(paused).toContain('<p class="note">Paused: Audit &lt;b&gt;&amp; review&lt;/b&gt;</p>');
    expect(paused).toContain('skipped: paused: Audit &lt;b&gt;&amp; review&lt;/b&gt;');
  });

  it('greys out the days of the first and last week that are outside the range', () => {
    const html = pageFor(sampleConfig(), '2026-12-23', '2026-12-29');
    for (const date of ['2026-12-21', '2026-12-22', '2027-01-02', '2027-01-03']) {
      expect(dayCell(html, date)).toMatch(/^<td class="day day-outside">.*not in this preview.*<\/td>$/s);
      expect(dayCell(html, date)).not.toContain('<li');
    }
    expect(dayCell(html, '2026-12-23')).toMatch(/^<td class="day">/);
  });

  it("shows times in the organisation's zone whatever offset the action carries", () => {
    const config = sampleConfig();
    const preview: Preview = {
      from: '2027-06-01',
      to: '2027-06-01',
      timezone: 'Europe/London',
      actions: [{ at: '2027-06-01T09:30:00Z', kind: 'post', id: 'pals', text: 'Hello', status: 'scheduled' }],
    };
    const html = renderCalendarPage(config, new WorkingCalendar(config), preview);
    expect(dayCell(html, '2027-06-01')).toContain('<time datetime="2027-06-01T09:30:00Z">10:30</time>');
  });
});

describe('the kind colours', () => {
  it('are four different colours, each meeting WCAG AA (4.5:1) for its text', () => {
    const colours = Object.values(KIND_COLOURS);
    expect(new Set(colours.map((c) => c.badge)).size).toBe(4);
    expect(new Set(colours.map((c) => c.background)).size).toBe(4);
    for (const { badge, background } of colours) {
      expect(contrastRatio(badge, '#ffffff')).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(TEXT_COLOUR, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(TEXT_COLOUR, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio(MUTED_TEXT_COLOUR, '#e8e8e8')).toBeGreaterThanOrEqual(4.5);
  });
});

/** WCAG 2 contrast ratio of two `#rrggbb` colours */
function contrastRatio(first: string, second: string): number {
  const [lighter, darker] = [luminance(first), luminance(second)].sort((a, b) => b - a) as [number, number];
  return (lighter + 0.05) / (darker + 0.05);
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((start) => {
    const channel = parseInt(hex.slice(start, start + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
