import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BadControlRequest, failureBody, parseJson } from './control-bodies';
import { renderHomePage } from './html-page';
import { readBody, sendEmpty, sendHtml, sendJson } from './http';
import { LocalInputError } from './store';
import type { FailureInjection, LocalTweet, NewMention } from './types';

/** What the control endpoints drive: the same operations the server object offers to tests. */
export interface LocalControl {
  tweets(): LocalTweet[];
  addMention(input: NewMention): LocalTweet;
  reset(): void;
  injectFailure(failure: FailureInjection): void;
}

const mentionBody = z.object({
  id: z.string().optional(),
  authorUsername: z.string(),
  authorName: z.string().optional(),
  text: z.string(),
  createdAt: z.string().optional(),
  inReplyTo: z.string().optional(),
});

function withoutEmpty(form: URLSearchParams): NewMention {
  const field = (name: string) => {
    const value = form.get(name)?.trim();
    return value ? value : undefined;
  };
  const inReplyTo = field('inReplyTo');
  return {
    authorUsername: field('authorUsername') ?? '',
    text: form.get('text') ?? '',
    ...(inReplyTo ? { inReplyTo } : {}),
  };
}

/** Handles `/` and `/_local/*`; false when the path is not a control path. */
export async function handleControlRequest(
  control: LocalControl,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = `${request.method ?? 'GET'} ${url.pathname}`;
  try {
    switch (route) {
      case 'GET /':
        sendHtml(response, renderHomePage(control.tweets()));
        return true;
      case 'GET /_local/tweets':
        sendJson(response, 200, { tweets: control.tweets() });
        return true;
      case 'POST /_local/mentions': {
        const tweet = control.addMention(parseJson(await readBody(request), mentionBody));
        sendJson(response, 201, { tweet });
        return true;
      }
      case 'POST /_local/mentions/form':
        return await addMentionFromForm(control, request, response);
      case 'POST /_local/reset':
        control.reset();
        sendEmpty(response, 204);
        return true;
      case 'POST /_local/failures': {
        const failure = parseJson(await readBody(request), failureBody);
        control.injectFailure(failure);
        sendJson(response, 201, { failure });
        return true;
      }
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

async function addMentionFromForm(
  control: LocalControl,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const form = new URLSearchParams(await readBody(request));
  try {
    control.addMention(withoutEmpty(form));
  } catch (error) {
    if (!(error instanceof LocalInputError)) throw error;
    sendHtml(response, renderHomePage(control.tweets(), `Mention not added: ${error.message}`), 400);
    return true;
  }
  // post/redirect/get, so a reload does not add the mention twice
  sendEmpty(response, 303, { location: '/' });
  return true;
}
