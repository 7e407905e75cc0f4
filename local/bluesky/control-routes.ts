import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BadControlRequest, failureBody, parseJson } from '../x-api/control-bodies';
import { readBody, sendEmpty, sendHtml, sendJson } from '../x-api/http';
import { renderBlueskyPage, type PageView } from './html-page';
import { LocalInputError } from './store';
import type { LocalBlueskyControl, NewBlueskyMention } from './types';

const reason = z.enum(['mention', 'reply', 'quote']);

const mentionBody = z.object({
  to: z.string().min(1),
  authorHandle: z.string().min(1),
  authorName: z.string().optional(),
  text: z.string(),
  reason: reason.optional(),
  subject: z.string().optional(),
  at: z.string().optional(),
});

const postBody = z.object({
  authorHandle: z.string().min(1),
  authorName: z.string().optional(),
  text: z.string(),
  at: z.string().optional(),
});

const handleBody = z.object({ handle: z.string().min(1) });

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function isForm(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Handles `/` and `/_local/*`; false when the path is not a control path. */
export async function handleBlueskyControl(
  control: LocalBlueskyControl,
  view: () => PageView,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = `${request.method ?? 'GET'} ${url.pathname}`;
  try {
    switch (route) {
      case 'GET /':
        sendHtml(response, renderBlueskyPage(view()));
        return true;
      case 'GET /_local/posts':
        sendJson(response, 200, { posts: control.posts() });
        return true;
      case 'POST /_local/mentions':
        return await addMention(control, view, request, response);
      case 'POST /_local/posts': {
        const post = control.addPost(withoutUndefined(parseJson(await readBody(request), postBody)));
        sendJson(response, 201, { post });
        return true;
      }
      case 'POST /_local/expire-sessions':
        control.expireSessions(parseJson(await readBody(request), handleBody).handle);
        sendEmpty(response, 204);
        return true;
      case 'POST /_local/revoke':
        control.revokeAppPassword(parseJson(await readBody(request), handleBody).handle);
        sendEmpty(response, 204);
        return true;
      case 'POST /_local/reset':
        control.reset();
        sendEmpty(response, 204);
        return true;
      case 'POST /_local/failures': {
        const failure = parseJson(await readBody(request), failureBody);
        control.injectFailure(withoutUndefined(failure));
        sendJson(response, 201, { failure });
        return true;
      }
      case 'DELETE /_local/failures':
        control.clearFailures();
        sendEmpty(response, 204);
        return true;
      default:
        return false;
    }
  } catch (error) {
    if (error instanceof BadControlRequest || error instanceof LocalInputError) {
      sendJson(response, 400, { error: error.message });
      return true;
    }
    throw error;
  }
}

async function addMention(
  control: LocalBlueskyControl,
  view: () => PageView,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const raw = await readBody(request);
  if (!isForm(request)) {
    const post = control.addMention(withoutUndefined(parseJson(raw, mentionBody)));
    sendJson(response, 201, { post });
    return true;
  }
  const form = new URLSearchParams(raw);
  const field = (name: string) => {
    const value = form.get(name)?.trim();
    return value ? value : undefined;
  };
  const chosen = reason.safeParse(field('reason') ?? 'mention');
  try {
    const input: NewBlueskyMention = withoutUndefined({
      to: field('to') ?? '',
      authorHandle: field('authorHandle') ?? '',
      authorName: field('authorName'),
      text: form.get('text') ?? '',
      reason: chosen.success ? chosen.data : 'mention',
      subject: field('subject'),
    });
    control.addMention(input);
  } catch (error) {
    if (!(error instanceof LocalInputError)) throw error;
    sendHtml(response, renderBlueskyPage(view(), `Mention not added: ${error.message}`), 400);
    return true;
  }
  // post/redirect/get, so a reload does not add it twice
  sendEmpty(response, 303, { location: '/' });
  return true;
}
