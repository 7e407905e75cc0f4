import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { BadControlRequest, failureBody, parseJson } from '../x-api/control-bodies';
import { readBody, sendEmpty, sendHtml, sendJson } from '../x-api/http';
import type { FailureInjection } from '../x-api/types';
import { renderFacebookPage } from './html-page';
import { LocalInputError } from './store';
import type {
  LocalFacebookPage,
  LocalPageComment,
  LocalPagePost,
  NewFacebookComment,
  NewFacebookTag,
} from './types';

/** What the control endpoints drive: the same operations the server object offers to tests. */
export interface LocalFacebookControl {
  posts(): LocalPagePost[];
  pages(): readonly LocalFacebookPage[];
  addComment(input: NewFacebookComment): LocalPageComment;
  addTag(input: NewFacebookTag): LocalPagePost;
  expireToken(pageId: string): void;
  reset(): void;
  injectFailure(failure: FailureInjection): void;
}

const commentBody = z.object({
  postId: z.string().min(1),
  message: z.string(),
  authorName: z.string().optional(),
  authorId: z.string().optional(),
  asPage: z.boolean().optional(),
  parentCommentId: z.string().optional(),
  createdAt: z.string().optional(),
});

const tagBody = z.object({
  pageId: z.string().optional(),
  authorName: z.string(),
  authorId: z.string().optional(),
  message: z.string(),
  createdAt: z.string().optional(),
});

const expireBody = z.object({ pageId: z.string().min(1) });

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

function isForm(request: IncomingMessage): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** Handles `/` and `/_local/*`; false when the path is not a control path. */
export async function handleFacebookControl(
  control: LocalFacebookControl,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<boolean> {
  const route = `${request.method ?? 'GET'} ${url.pathname}`;
  try {
    switch (route) {
      case 'GET /':
        sendHtml(response, renderFacebookPage(control.pages(), control.posts()));
        return true;
      case 'GET /_local/posts':
        sendJson(response, 200, { posts: control.posts() });
        return true;
      case 'POST /_local/comments':
      case 'POST /_local/tagged':
        return await addItem(control, route === 'POST /_local/comments', request, response);
      case 'POST /_local/expire-token':
        control.expireToken(parseJson(await readBody(request), expireBody).pageId);
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

async function addItem(
  control: LocalFacebookControl,
  comment: boolean,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const raw = await readBody(request);
  if (!isForm(request)) {
    if (comment) {
      const added = control.addComment(withoutUndefined(parseJson(raw, commentBody)));
      sendJson(response, 201, { comment: added });
    } else {
      const added = control.addTag(withoutUndefined(parseJson(raw, tagBody)));
      sendJson(response, 201, { post: added });
    }
    return true;
  }
  const form = new URLSearchParams(raw);
  const field = (name: string) => {
    const value = form.get(name)?.trim();
    return value ? value : undefined;
  };
  try {
    if (comment)
      control.addComment(
        withoutUndefined({
          postId: field('postId') ?? '',
          message: form.get('message') ?? '',
          authorName: field('authorName'),
        }),
      );
    else
      control.addTag(
        withoutUndefined({
          pageId: field('pageId'),
          authorName: field('authorName') ?? '',
          message: form.get('message') ?? '',
        }),
      );
  } catch (error) {
    if (!(error instanceof LocalInputError)) throw error;
    const notice = `${comment ? 'Comment' : 'Post'} not added: ${error.message}`;
    sendHtml(response, renderFacebookPage(control.pages(), control.posts(), notice), 400);
    return true;
  }
  // post/redirect/get, so a reload does not add it twice
  sendEmpty(response, 303, { location: '/' });
  return true;
}
