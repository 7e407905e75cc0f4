/**
 * A local Microsoft Teams Workflows trigger ("When a Teams webhook request is received") for the notify
 * function's Teams channel: one URL per consumer, `/workflows/<consumer id>?sig=…`, that takes a Teams message
 * with one Adaptive Card attachment (202, as Workflows accepts one) and refuses anything else with 400. `GET /`
 * shows the cards received as a page anyone can read; `GET /cards.json` gives them as JSON.
 *
 * Like the real trigger's URL, each one carries a signature: a request without it is answered 401, so a test
 * can see the adapter posts to exactly the URL its secret holds.
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { escapeHtml } from '../lambdas/core/template';
import {
  pageShell,
  readBody,
  sendJson,
  sendPage,
  sendText,
  startStandIn,
  type StandInOptions,
} from './stand-in-server';

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
const WORKFLOWS_PATH = '/workflows/';
/** Teams refuses messages over about 28 KB; a little room over that still catches a runaway card */
const MAX_MESSAGE_BYTES = 64 * 1024;
/** cards nest containers; a page need not follow a pathological one all the way down */
const MAX_RENDER_DEPTH = 12;

export interface TeamsServerOptions extends StandInOptions {
  /** when a post is received (simulate passes its virtual clock) */
  clock?: () => Date;
}

/** every POST to a workflow URL, accepted or not */
export interface TeamsPost {
  /** the consumer id in the URL */
  consumer: string;
  at: string;
  status: number;
  /** the parsed body, when it was JSON */
  message?: unknown;
  /** why it was refused */
  problem?: string;
}

/** an accepted card */
export interface ReceivedCard {
  consumer: string;
  at: string;
  /** the attachment's `content`: the Adaptive Card */
  card: Record<string, unknown>;
}

export interface TeamsServerHandle {
  /** e.g. `http://127.0.0.1:53121` */
  url: string;
  port: number;
  /** the URL to put in the consumer's secret */
  workflowUrl(consumerId: string): string;
  posts(): TeamsPost[];
  cards(): ReceivedCard[];
  /** the next `count` posts are answered `status` and not recorded as cards */
  failNext(count: number, status: number): void;
  clear(): void;
  close(): Promise<void>;
}

export async function startTeamsServer(options: TeamsServerOptions = {}): Promise<TeamsServerHandle> {
  const clock = options.clock ?? (() => new Date());
  const signature = randomBytes(16).toString('hex');
  const posts: TeamsPost[] = [];
  const faults: { status: number }[] = [];

  const accepted = (): ReceivedCard[] =>
    posts.flatMap((post) =>
      post.status === 202 ? [{ consumer: post.consumer, at: post.at, card: cardOf(post.message) }] : [],
    );

  const started = await startStandIn(
    options,
    async (request, response, url) => {
      if (request.method === 'GET' && url.pathname === '/')
        return sendPage(response, renderCardsPage(accepted()));
      if (request.method === 'GET' && url.pathname === '/cards.json')
        return sendJson(response, 200, accepted());
      const consumer = consumerIn(url.pathname);
      if (consumer === undefined)
        return sendText(response, 404, `Not found: workflows are at ${WORKFLOWS_PATH}<id>`);
      if (request.method !== 'POST') return sendText(response, 405, 'Method not allowed', { allow: 'POST' });
      const body = await readBody(request, MAX_MESSAGE_BYTES);
      const at = clock().toISOString();
      const refuse = (status: number, problem: string, message?: unknown) => {
        posts.push({ consumer, at, status, problem, ...(message === undefined ? {} : { message }) });
        answerError(response, status, problem);
      };
      if (url.searchParams.get('sig') !== signature)
        return refuse(401, 'The signature in the URL does not match');
      const fault = faults.shift();
      if (fault) return refuse(fault.status, 'Failing on request (failNext)');
      if (body === 'too large') return refuse(413, 'The message is too large');
      let message: unknown;
      try {
        message = JSON.parse(body.toString('utf8'));
      } catch {
        return refuse(400, 'The request body is not JSON');
      }
      const problem = messageProblem(message);
      if (problem) return refuse(400, problem, message);
      posts.push({ consumer, at, status: 202, message });
      response.writeHead(202, { 'content-length': '0' });
      response.end();
    },
    'local Teams server',
  );

  return {
    url: started.url,
    port: started.port,
    workflowUrl: (consumerId) =>
      `${started.url}${WORKFLOWS_PATH}${encodeURIComponent(consumerId)}?api-version=1&sig=${signature}`,
    posts: () => posts.map((post) => ({ ...post })),
    cards: accepted,
    failNext(count, status) {
      for (let i = 0; i < count; i += 1) faults.push({ status });
    },
    clear() {
      posts.length = 0;
      faults.length = 0;
    },
    close: started.close,
  };
}

function consumerIn(pathname: string): string | undefined {
  if (!pathname.startsWith(WORKFLOWS_PATH)) return undefined;
  const rest = pathname.slice(WORKFLOWS_PATH.length);
  if (rest === '' || rest.includes('/')) return undefined;
  try {
    return decodeURIComponent(rest);
  } catch {
    return undefined;
  }
}

/** Workflows answers a bad request with a JSON error object */
function answerError(response: ServerResponse, status: number, message: string): void {
  sendJson(response, status, {
    error: { code: status === 400 ? 'InvalidRequestContent' : 'Error', message },
  });
}

/** What is wrong with a Teams message, or undefined when it is one with exactly one Adaptive Card. */
export function messageProblem(message: unknown): string | undefined {
  if (!isObject(message)) return 'The body must be a JSON object';
  if (message.type !== 'message') return 'The body must be a Teams message: "type": "message"';
  const attachments = message.attachments;
  if (!Array.isArray(attachments) || attachments.length !== 1) {
    return 'A Teams message here must have exactly one attachment';
  }
  const attachment: unknown = attachments[0];
  if (!isObject(attachment) || attachment.contentType !== ADAPTIVE_CARD_CONTENT_TYPE) {
    return `The attachment's contentType must be ${ADAPTIVE_CARD_CONTENT_TYPE}`;
  }
  const card = attachment.content;
  if (!isObject(card) || card.type !== 'AdaptiveCard')
    return "The attachment's content must be an AdaptiveCard";
  if (typeof card.version !== 'string') return 'The Adaptive Card must have a version';
  if (!Array.isArray(card.body)) return 'The Adaptive Card must have a body array';
  if (card.actions !== undefined && !Array.isArray(card.actions))
    return "The Adaptive Card's actions must be an array";
  return undefined;
}

function cardOf(message: unknown): Record<string, unknown> {
  const attachments = (message as { attachments: { content: Record<string, unknown> }[] }).attachments;
  return attachments[0]!.content;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The cards, newest first, as a reader in Teams would roughly see them. Every value is escaped. */
export function renderCardsPage(cards: ReceivedCard[]): string {
  const items = [...cards]
    .reverse()
    .map(
      (received) => `<li>
<p class="meta">To workflow <strong>${escapeHtml(received.consumer)}</strong> · <time datetime="${escapeHtml(received.at)}">${escapeHtml(received.at)}</time></p>
${renderElements(received.card.body, 0)}
${renderActions(received.card.actions)}
</li>`,
    )
    .join('\n');
  return pageShell(
    'Local Teams',
    `<h1>Local Teams</h1>
<p>Adaptive Cards the notify function posted to the local Workflows URLs, newest first (${cards.length}).</p>
${cards.length === 0 ? '<p>No cards yet.</p>' : `<ol class="items">\n${items}\n</ol>`}`,
  );
}

function renderElements(elements: unknown, depth: number): string {
  if (!Array.isArray(elements)) return '';
  if (depth > MAX_RENDER_DEPTH) return '<p class="meta">(nested too deep to show)</p>';
  return elements.map((element) => renderElement(element, depth)).join('\n');
}

function renderElement(element: unknown, depth: number): string {
  if (!isObject(element)) return '';
  switch (element.type) {
    case 'TextBlock':
      return `<p class="${textClasses(element)}">${escapeHtml(text(element.text))}</p>`;
    case 'RichTextBlock': {
      const inlines = Array.isArray(element.inlines) ? element.inlines : [];
      const runs = inlines.map((inline) =>
        typeof inline === 'string'
          ? escapeHtml(inline)
          : isObject(inline)
            ? `<span class="${textClasses(inline)}">${escapeHtml(text(inline.text))}</span>`
            : '',
      );
      return `<p class="text">${runs.join('')}</p>`;
    }
    case 'FactSet': {
      const facts = (Array.isArray(element.facts) ? element.facts : []).filter(isObject);
      return `<dl>${facts.map((fact) => `<dt>${escapeHtml(text(fact.title))}</dt><dd>${escapeHtml(text(fact.value))}</dd>`).join('')}</dl>`;
    }
    case 'Container':
      return `<div class="container">${renderElements(element.items, depth + 1)}</div>`;
    case 'ColumnSet': {
      const columns = (Array.isArray(element.columns) ? element.columns : []).filter(isObject);
      return `<div class="container">${columns.map((column) => renderElements(column.items, depth + 1)).join('\n')}</div>`;
    }
    case 'ActionSet':
      return renderActions(element.actions);
    case 'Image':
      // no external assets: the page shows what the image is, not the image
      return `<p class="meta">[image${typeof element.altText === 'string' ? `: ${escapeHtml(element.altText)}` : ''}]</p>`;
    default:
      return `<p class="meta">[${escapeHtml(text(element.type) || 'unknown element')}]</p>`;
  }
}

function renderActions(actions: unknown): string {
  if (!Array.isArray(actions) || actions.length === 0) return '';
  const links = actions.filter(isObject).map((action) => {
    const title = escapeHtml(text(action.title) || text(action.type));
    const href = action.type === 'Action.OpenUrl' ? webLink(action.url) : undefined;
    return href ? `<a href="${escapeHtml(href)}" rel="noreferrer">${title}</a>` : `<span>${title}</span>`;
  });
  return `<p class="actions">${links.join(' ')}</p>`;
}

/** only http(s) links become links: a `javascript:` URL on a card must stay text */
function webLink(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function textClasses(element: Record<string, unknown>): string {
  // Adaptive Card enum values are case-insensitive
  const weight = text(element.weight).toLowerCase();
  const size = text(element.size).toLowerCase();
  const color = text(element.color).toLowerCase();
  const classes = ['text'];
  if (weight === 'bolder') classes.push('bolder');
  if (size === 'large' || size === 'extralarge') classes.push('large');
  if (color === 'attention') classes.push('attention');
  return classes.join(' ');
}

function text(value: unknown): string {
  return typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
}
