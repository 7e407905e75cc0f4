import { localDateTime, localDayAt, longDay } from '../../core/calendar/dates';
import { mentionLinkName, sourceLabel } from '../../core/source-labels';
import type { Config } from '../../core/config/schema';
import { renderTemplate, type TemplateData } from '../../core/template';
import { fillPlaceholders } from '../../core/texts';
import type { UrgentAlert } from '../../ports/state';
import {
  ackFormHtml,
  ackLayoutHtml,
  ackMentionHtml,
  ackMessageHtml,
} from '../../templates/templates.generated';

/**
 * The acknowledge endpoint's pages, from the ack-*.html templates in lambdas/templates/ (edit those): plain
 * HTML, no script, nothing loaded from elsewhere, every value escaped by the renderer.
 */

export interface PageParts {
  title: string;
  heading: string;
  paragraphs: string[];
  /** the alert whose mention (and suggested reply) the page shows */
  alert?: UrgentAlert;
  /** the "I'm handling this" button, posting this token as `recipient` */
  button?: { token: string; recipient: string };
}

export function renderPage(config: Config, parts: PageParts): string {
  const content = [
    renderTemplate(
      ackMessageHtml,
      { heading: parts.heading, paragraphs: parts.paragraphs.map((text) => ({ text })) },
      'html',
    ),
    parts.alert ? renderTemplate(ackMentionHtml, mentionView(config, parts.alert), 'html') : '',
    parts.button ? renderTemplate(ackFormHtml, parts.button, 'html') : '',
  ].join('');
  const layout = renderTemplate(
    ackLayoutHtml,
    { title: parts.title, organisation: config.organisation.name },
    'html',
  );
  // a function, not a string: a replacement string would read `$&` or `$'` in mention text as patterns
  return layout.replace('<!--content-->', () => content);
}

/** `22:10` on the day of `now`, otherwise `22:10 on Saturday 26 December` (organisation's zone) */
export function localTimeOfDay(iso: string, zone: string, now: Date): string {
  const at = localDateTime(iso, zone);
  return at.date === localDateTime(now, zone).date ? at.time : `${at.time} on ${longDay(at.date)}`;
}

function mentionView(config: Config, alert: UrgentAlert): TemplateData {
  const { mention } = alert;
  return {
    author: mention.author,
    sourceName: sourceName(alert),
    when: mention.at ? localDayAt(mention.at, config.organisation.timezone) : 'time unknown',
    // the feed gave no readable date: the time shown is the sweep's, and the page must not pass it off as more
    firstSeen: mention.timeSource === 'first-seen' || undefined,
    title: mention.title || undefined,
    text: mention.text,
    // only web addresses become links: a `javascript:` URL in a feed must not be one click away
    link: /^https?:\/\//i.test(mention.url) ? mention.url : undefined,
    url: mention.url,
    linkName: mentionLinkName(mention.sourceType),
    reply: fillPlaceholders(config.replies.urgent, {
      author: mention.author,
      website: config.organisation.website,
      organisation: config.organisation.name,
    }),
  };
}

function sourceName(alert: UrgentAlert): string {
  return sourceLabel(alert.mention.sourceType, alert.mention.source);
}
