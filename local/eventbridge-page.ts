/**
 * The local EventBridge's page: the dead letters, if any, then every event on the bus, newest first, with its
 * detail as JSON. A detail may carry text from outside (a reason, a recipient), so every value is escaped.
 */
import { escapeHtml } from '../lambdas/core/template';
import type { DeadLetter, RecordedEvent } from './eventbridge-server';
import { pageShell } from './stand-in-server';

export function renderEventsPage(
  busName: string,
  newestFirst: readonly RecordedEvent[],
  deadLetters: readonly DeadLetter[],
): string {
  const events = newestFirst.map(
    (event) => `<li>
<p class="meta"><strong>${escapeHtml(event.detailType)}</strong> · <time datetime="${escapeHtml(event.time)}">${escapeHtml(event.time)}</time> · ${escapeHtml(event.source)}${event.busName === busName ? '' : ` · bus ${escapeHtml(event.busName)}`} · ${escapeHtml(event.id)}</p>
<pre>${escapeHtml(JSON.stringify(event.detail, null, 2))}</pre>
</li>`,
  );
  const dead = deadLetters.map(
    (letter) => `<li>
<p class="meta"><strong class="failed">${escapeHtml(letter.event['detail-type'])}</strong> for rule ${escapeHtml(letter.rule)} · ${letter.attempts} ${letter.attempts === 1 ? 'try' : 'tries'} · ${escapeHtml(letter.event.id)}</p>
<p class="text">${escapeHtml(letter.error)}</p>
</li>`,
  );
  return pageShell(
    'Local EventBridge',
    `<h1>Local EventBridge</h1>
<p>Events put on the local bus <strong>${escapeHtml(busName)}</strong>, newest first (${newestFirst.length}).</p>
${
  dead.length === 0
    ? ''
    : `<h2>Dead letters (${dead.length})</h2>
<p>Events a rule's target kept failing on, after every retry.</p>
<ol class="items">
${dead.join('\n')}
</ol>
<h2>Events</h2>
`
}${events.length === 0 ? '<p>No events yet.</p>' : `<ol class="items">\n${events.join('\n')}\n</ol>`}`,
  );
}
