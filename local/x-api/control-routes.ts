import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
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

const isoInstant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'must be an ISO 8601 instant')
  .transform((value) => new Date(value));

const failureBody = z.object({
  from: isoInstant,
  until: isoInstant,
  status: z.union([
    z.literal(204),
    z.literal(429),
    z.literal(500),
    z.literal(503),
    z.enum(['timeout', 'malformed', 'reset']),
  ]),
  paths: z.array(z.string().min(1)).optional(),
});

const mentionBody = z.object({
  id: z.string().optional(),
  authorUsername: z.string(),
  authorName: z.string().optional(),
  text: z.string(),
  createdAt: z.string().optional(),
  inReplyTo: z.string().optional(),
});

class BadControlRequest extends Error {}

function parseJson<T>(raw: string, schema: z.ZodType<T>): T {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new BadControlRequest('body must be JSON');
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new BadControlRequest(
      result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; '),
    );
  }
  return result.data;
}

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
