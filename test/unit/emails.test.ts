import { readFileSync } from 'node:fs';
import { renderTemplate, TemplateError } from '../../lambdas/core/template';
import {
  alertEmail,
  briefingEmail,
  urgentEmail,
  type ClassifiedMention,
} from '../../lambdas/services/duty-emails';
import { GENERATED_FILE, generatedTemplates } from '../../scripts/build-templates';
import { sampleConfig } from '../support/example-config';

const config = sampleConfig();
const mention = (over: Partial<ClassifiedMention>): ClassifiedMention => ({
  source: 'x-mentions',
  sourceType: 'x-mentions',
  id: '1',
  author: '@someone',
  text: 'hello',
  url: 'https://x.com/someone/status/1',
  at: '2026-12-05T22:10:00.000Z',
  category: 'general',
  matched: [],
  ...over,
});

describe('templates', () => {
  it('the generated template module matches the template files (run `npm run gen:templates`)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generatedTemplates());
  });

  it('renders values, sections and inverted sections, escaping only in HTML', () => {
    const template = '{{#items}}[{{name}}]{{/items}}{{^items}}none{{/items}} {{who}}';
    expect(renderTemplate(template, { items: [{ name: 'a<b' }, { name: 'c' }], who: '&' }, 'text')).toBe(
      '[a<b][c] &',
    );
    expect(renderTemplate(template, { items: [{ name: 'a<b' }], who: '"x"' }, 'html')).toBe(
      '[a&lt;b] &quot;x&quot;',
    );
    expect(renderTemplate(template, { items: [], who: 'y' }, 'text')).toBe('none y');
  });

  it('never reads a value as template syntax', () => {
    const template = '{{#items}}{{text}}{{/items}} {{secret}}';
    const data = { items: [{ text: '{{secret}} {{#items}}x{{/items}}' }], secret: 'hidden' };
    expect(renderTemplate(template, data, 'text')).toBe('{{secret}} {{#items}}x{{/items}} hidden');
  });

  it('refuses broken templates instead of sending them', () => {
    expect(() => renderTemplate('{{#a}}never closed', {}, 'text')).toThrow(TemplateError);
    expect(() => renderTemplate('{{#a}}{{#b}}{{/a}}{{/b}}', {}, 'text')).toThrow(
      '{{/a}} at line 1 closes {{#b}}',
    );
    expect(() => renderTemplate('{{post-id}}', {}, 'text')).toThrow('malformed tag');
    expect(() => renderTemplate('{{name', {}, 'text')).toThrow('unclosed tag');
  });
});

describe('duty emails', () => {
  it('escapes mention text in HTML and keeps it intact in text', () => {
    const hostile = '<script>alert(1)</script> & "quotes"';
    const email = alertEmail(config, {
      to: ['a@b.nhs.uk'],
      mentions: [mention({ text: hostile, author: '@<img src=x>' })],
    });
    expect(email.text).toContain(hostile);
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
  });

  it("keeps a mention holding a replacement pattern such as $' or $& as written in the HTML", () => {
    const text = "costs $' and $& and $$ and $` today";
    const email = alertEmail(config, { to: ['a@b.nhs.uk'], mentions: [mention({ text })] });
    expect(email.html).toContain('costs $&#39; and $&amp; and $$ and $` today');
    expect(email.html.match(/<\/html>/g)).toHaveLength(1);
  });

  it('shows a mention that quotes template syntax as written', () => {
    const text = 'who gets {{recipients}}? {{#mentions}}';
    const email = urgentEmail(config, {
      recipients: [{ to: 'a@b.nhs.uk', link: 'https://ack.example/?t=abc' }],
      mention: mention({ category: 'urgent', matched: ['overdose'], text }),
    });
    expect(email.text).toContain(text);
    expect(email.html).toContain(text);
  });

  it('counts mentions in the subject and lists concerns first, with the reply filled in', () => {
    const email = alertEmail(config, {
      to: ['a@b.nhs.uk'],
      mentions: [
        mention({ id: '1', author: '@fan', text: 'great' }),
        mention({ id: '2', author: '@cross', text: 'rude', category: 'concern' }),
        mention({ id: '3', author: '@x', text: 'ok' }),
      ],
    });
    expect(email.subject).toBe('[social-duty] 3 new mentions — 1 concern');
    expect(email.text.indexOf('@cross')).toBeLessThan(email.text.indexOf('@fan'));
    expect(email.text).toContain("Suggested reply: Hi @cross, we're sorry to hear this.");
    expect(email.html).toContain('<html lang="en">');
  });

  it('makes urgent emails say so first', () => {
    const email = urgentEmail(config, {
      recipients: [
        { to: 'a@b.nhs.uk', link: 'https://ack.example/?t=for-a' },
        { to: 'c@d.nhs.uk', link: 'https://ack.example/?t=for-c' },
      ],
      mention: mention({ category: 'urgent', matched: ['overdose'] }),
    });
    expect(email.subject).toBe('[social-duty] URGENT mention on X — act now');
    expect(email.kind).toBe('urgent');
    expect(email.text.startsWith('URGENT: act now.')).toBe(true);
    expect(email.text).toContain('Matched: overdose. Sent to a@b.nhs.uk, c@d.nhs.uk.');
    // each recipient their own link, so an acknowledgement says who
    expect(email.text).toContain('- a@b.nhs.uk: https://ack.example/?t=for-a');
    expect(email.text).toContain('- c@d.nhs.uk: https://ack.example/?t=for-c');
    expect(email.html).toContain('href="https://ack.example/?t=for-c"');
    expect(email.text).toContain('escalated to oncall.manager@leedsandyorkpft.nhs.uk');
  });

  it('says so when a briefing has no mentions or problems', () => {
    const email = briefingEmail(config, {
      to: 'alex@b.nhs.uk',
      date: '2026-12-07',
      since: '2026-12-04T08:45:00Z',
      posts: [],
      mentions: [],
      failures: [],
      tomorrow: { date: '2026-12-08', to: 'sam@b.nhs.uk', working: true },
    });
    expect(email.subject).toBe('[social-duty] Morning briefing Monday 7 December — 0 posts, 0 mentions');
    expect(email.text).toContain('No automated posts today.');
    expect(email.text).toContain('MENTIONS SINCE Fri 4 Dec 08:45 (0)');
    expect(email.text).toContain('MENTIONS SINCE Fri 4 Dec 08:45 (0)\nNone.');
    expect(email.text).toContain('Tuesday 8 December: sam@b.nhs.uk is on duty.');
  });
});
