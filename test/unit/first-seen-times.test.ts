import { renderPage } from '../../lambdas/services/acknowledge/ack-pages';
import {
  alertEmail,
  briefingEmail,
  escalationEmail,
  urgentEmail,
  type ClassifiedMention,
} from '../../lambdas/services/duty-emails';
import { sampleConfig } from '../support/example-config';

const config = sampleConfig();
const NOTE = 'first seen Tue 8 Dec 09:05 (time not given by the feed)';

/** a web mention whose feed gave no readable date: timed by the sweep that found it, at 09:05 */
const undated = (over: Partial<ClassifiedMention> = {}): ClassifiedMention => ({
  source: 'google-alert-trust',
  sourceType: 'feed',
  id: 'tag:google.com,2013:googlealerts/feed:2203981746120039813',
  author: 'yorkshire-voices.example.org',
  title: 'Leeds forum: evenings at the <crisis café>',
  text: 'Has anyone been to the crisis café yet? <b>asking</b> & wondering',
  url: 'https://www.yorkshire-voices.example.org/forum/991',
  at: '2026-12-08T09:05:00.000Z',
  timeSource: 'first-seen',
  category: 'concern',
  matched: ['waiting'],
  ...over,
});

describe('times the feed did not give', () => {
  it('the alert email says the time is when the item was first seen, in both parts', () => {
    const email = alertEmail(config, { to: ['duty@example.org'], mentions: [undated()] });
    expect(email.text).toContain(`yorkshire-voices.example.org on the web (google-alert-trust), ${NOTE}`);
    expect(email.html).toContain(NOTE);
    // mention text is escaped in the HTML part, as ever
    expect(email.html).toContain('&lt;b&gt;asking&lt;/b&gt; &amp; wondering');
    expect(email.html).not.toContain('<b>asking</b>');
  });

  it('a dated mention reads as before', () => {
    const email = alertEmail(config, {
      to: ['duty@example.org'],
      mentions: [undated({ timeSource: 'feed', at: '2026-12-08T08:47:31.000Z' })],
    });
    expect(email.text).toContain(
      'yorkshire-voices.example.org on the web (google-alert-trust), Tue 8 Dec 08:47\n',
    );
    expect(email.text).not.toContain('first seen');
  });

  it('the urgent and escalation emails say so where they give the time', () => {
    const mention = undated({ category: 'urgent', matched: ['crisis'] });
    const urgent = urgentEmail(config, {
      mention,
      recipients: [{ to: 'duty@example.org', link: 'https://ack.example.org/a' }],
    });
    const phrase =
      'on the web (google-alert-trust) first seen at Tue 8 Dec 09:05 (time not given by the feed) may need urgent help.';
    expect(urgent.text).toContain(phrase);
    expect(urgent.html).toContain(phrase);
    const escalation = escalationEmail(config, {
      alert: {
        key: `google-alert-trust#${mention.id}`,
        mention,
        matched: ['crisis'],
        alertedAt: '2026-12-08T09:05:10.000Z',
        recipients: ['duty@example.org'],
        escalations: [],
      },
      to: 'lead@example.org',
      link: 'https://ack.example.org/b',
    });
    expect(escalation.text).toContain(phrase);
  });

  it('the briefing says so', () => {
    const email = briefingEmail(config, {
      to: 'duty@example.org',
      date: '2026-12-09',
      since: '2026-12-08T08:45:00.000Z',
      posts: [],
      mentions: [{ ...undated(), handling: 'alerted Tue 8 Dec 09:05' }],
      failures: [],
      tomorrow: { date: '2026-12-10', to: 'duty@example.org', working: true },
    });
    expect(email.text).toContain(NOTE);
    expect(email.html).toContain(NOTE);
  });

  it('the acknowledge page says so', () => {
    const mention = undated({ category: 'urgent' });
    const page = renderPage(config, {
      title: 'Urgent mention',
      heading: 'Urgent mention',
      paragraphs: [],
      alert: {
        key: 'k',
        mention,
        matched: ['crisis'],
        alertedAt: '2026-12-08T09:05:10.000Z',
        recipients: ['duty@example.org'],
        escalations: [],
      },
    });
    expect(page).toContain('first seen Tuesday 8 December at 09:05 (time not given by the feed)');
  });
});
