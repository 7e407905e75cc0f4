/** The Graph API subset social-duty uses: Page feed (read, publish), tagged, comments, nodes, deletion. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from '../x-api/http';
import { FieldSyntaxError, parseFields, type FieldSpec } from './fields';
import {
  duplicatePost,
  invalidParameter,
  missingPermission,
  nonexistingField,
  readPermission,
  unknownObject,
  type GraphErrorResponse,
} from './graph-errors';
import type { FacebookStore } from './store';
import type { LocalFacebookPage, LocalPageComment, LocalPagePost } from './types';

export interface GraphRouteContext {
  store: FacebookStore;
  now: Date;
  page: LocalFacebookPage;
  method: string;
  /** e.g. `v26.0`: any version is served the same */
  version: string;
  /** path below the version, e.g. ['123', 'feed'] */
  segments: string[];
  url: URL;
  /** form fields of a POST body */
  form: URLSearchParams;
  /** this server's origin, for `paging.next` */
  origin: string;
  request: IncomingMessage;
  response: ServerResponse;
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const POST_DEFAULT_FIELDS = 'id,created_time,message';
const COMMENT_DEFAULT_FIELDS = 'id,created_time,from,message';

class GraphRefusal extends Error {
  constructor(readonly answer: GraphErrorResponse) {
    super(answer.body.error.message);
  }
}

export function sendGraphError(response: ServerResponse, answer: GraphErrorResponse): void {
  for (const [name, value] of Object.entries(answer.headers ?? {})) response.setHeader(name, value);
  sendJson(response, answer.status, answer.body);
}

export function handleGraphRoute(context: GraphRouteContext): void {
  try {
    sendJson(context.response, 200, route(context));
  } catch (error) {
    if (error instanceof GraphRefusal) return sendGraphError(context.response, error.answer);
    if (error instanceof FieldSyntaxError)
      return sendGraphError(context.response, invalidParameter(error.message));
    throw error;
  }
}

function route(context: GraphRouteContext): unknown {
  const { method, segments, store, page, now } = context;
  const [objectId = '', edge, extra] = segments;
  if (extra !== undefined || objectId === '')
    throw new GraphRefusal(unknownObject(method, segments.join('/')));
  const isPage = store.page(objectId) !== undefined;

  if (isPage) {
    if (objectId !== page.pageId) {
      if (method === 'POST') throw new GraphRefusal(missingPermission('pages_manage_posts'));
      throw new GraphRefusal(readPermission());
    }
    if (method === 'POST' && edge === 'feed') return publish(context);
    if (method === 'GET' && edge === 'feed') return edgeList(context, store.feed(page.pageId, now), 'post');
    if (method === 'GET' && edge === 'tagged')
      return edgeList(context, store.tagged(page.pageId, now), 'post');
    if (method === 'GET' && edge === undefined)
      return project({ id: page.pageId, name: page.name }, fieldsOf(context.url, 'id,name'), 'Page', context);
    if (edge !== undefined && method === 'GET') throw new GraphRefusal(nonexistingField(edge, 'Page'));
    throw new GraphRefusal(unknownObject(method, objectId));
  }

  const post = store.post(objectId);
  const comment = post ? undefined : store.comment(objectId);
  if (!post && !comment) throw new GraphRefusal(unknownObject(method, objectId));
  const owner = post?.pageId ?? store.post(comment?.postId ?? '')?.pageId;
  if (owner !== page.pageId) throw new GraphRefusal(readPermission());

  if (method === 'DELETE' && edge === undefined) {
    const result = post ? store.deletePost(page, objectId, now) : 'forbidden';
    if (result === 'missing') throw new GraphRefusal(unknownObject(method, objectId));
    if (result === 'forbidden') throw new GraphRefusal(missingPermission('pages_manage_engagement'));
    return { success: true };
  }
  if (method !== 'GET') throw new GraphRefusal(unknownObject(method, objectId));
  if (edge === 'comments') return edgeList(context, commentsOf(context, objectId, {}), 'comment');
  if (edge !== undefined) throw new GraphRefusal(nonexistingField(edge, post ? 'PagePost' : 'Comment'));
  return post
    ? project(postNode(post), fieldsOf(context.url, POST_DEFAULT_FIELDS), 'PagePost', context)
    : project(
        commentNode(comment as LocalPageComment, context),
        fieldsOf(context.url, COMMENT_DEFAULT_FIELDS),
        'Comment',
        context,
      );
}

function publish(context: GraphRouteContext): unknown {
  const message = context.form.get('message') ?? context.url.searchParams.get('message') ?? '';
  const link = context.form.get('link') ?? context.url.searchParams.get('link') ?? undefined;
  if (link !== undefined && !/^https?:\/\/\S+$/.test(link))
    throw new GraphRefusal(invalidParameter('The link parameter must be a URL'));
  const result = context.store.publish(context.page, message, link, context.now);
  if ('refused' in result) {
    if (result.refused === 'duplicate') throw new GraphRefusal(duplicatePost());
    if (result.refused === 'too-long')
      throw new GraphRefusal(invalidParameter('Param message must be at most 63206 characters long'));
    throw new GraphRefusal(invalidParameter('Missing message or attachment'));
  }
  return { id: result.post.id };
}

/** a node's readable fields; edges (`comments`) are computed when selected */
type Node = Record<string, unknown>;

function postNode(post: LocalPagePost): Node {
  return {
    id: post.id,
    created_time: post.createdAt,
    message: post.message,
    from: { id: post.fromId, name: post.fromName },
    permalink_url: post.permalinkUrl,
    ...(post.link ? { link: post.link } : {}),
    comments: { edgeOf: post.id },
  };
}

function commentNode(comment: LocalPageComment, context: GraphRouteContext): Node {
  const parent = comment.parentCommentId ? context.store.comment(comment.parentCommentId) : undefined;
  return {
    id: comment.id,
    created_time: comment.createdAt,
    message: comment.message,
    from: { id: comment.fromId, name: comment.fromName },
    permalink_url: comment.permalinkUrl,
    ...(parent ? { parent: commentNode(parent, context) } : {}),
    comments: { edgeOf: comment.id },
  };
}

const NODE_FIELDS: Record<string, readonly string[]> = {
  PagePost: ['id', 'created_time', 'message', 'from', 'permalink_url', 'link', 'comments'],
  Comment: ['id', 'created_time', 'message', 'from', 'permalink_url', 'parent', 'comments'],
  Page: ['id', 'name'],
  User: ['id', 'name'],
};

function project(node: Node, fields: FieldSpec[], nodeType: string, context: GraphRouteContext): Node {
  const out: Node = {};
  for (const field of fields) {
    if (!NODE_FIELDS[nodeType]?.includes(field.name))
      throw new GraphRefusal(nonexistingField(field.name, nodeType));
    const value = node[field.name];
    if (value === undefined) continue;
    if (field.name === 'comments') {
      const edgeOf = (value as { edgeOf: string }).edgeOf;
      const comments = commentsOf(context, edgeOf, field.modifiers);
      out['comments'] = listing(context, comments, 'comment', {
        params: field.modifiers,
        fields: field.children ?? parseFields(COMMENT_DEFAULT_FIELDS),
        path: `${edgeOf}/comments`,
      });
    } else if (field.name === 'from') {
      const from = value as Node;
      out['from'] = project(from, field.children ?? parseFields('id,name'), 'User', context);
    } else if (field.name === 'parent') {
      out['parent'] = project(value as Node, field.children ?? parseFields('id'), 'Comment', context);
    } else out[field.name] = value;
  }
  return out;
}

function commentsOf(
  context: GraphRouteContext,
  objectId: string,
  modifiers: Record<string, string>,
): LocalPageComment[] {
  const param = (name: string) => modifiers[name] ?? context.url.searchParams.get(name) ?? undefined;
  const filter = param('filter') ?? 'toplevel';
  if (filter !== 'toplevel' && filter !== 'stream')
    throw new GraphRefusal(invalidParameter('filter must be one of toplevel, stream'));
  const isPost = context.store.post(objectId) !== undefined;
  const all = context.store.commentsOn(objectId, context.now);
  const chosen = all.filter((comment) =>
    isPost
      ? filter === 'stream' || comment.parentCommentId === undefined
      : comment.parentCommentId === objectId,
  );
  const order = param('order') ?? 'chronological';
  if (order === 'reverse_chronological') chosen.reverse();
  else if (order !== 'chronological' && order !== 'ranked')
    throw new GraphRefusal(invalidParameter('order must be chronological or reverse_chronological'));
  return chosen;
}

function edgeList(
  context: GraphRouteContext,
  items: (LocalPagePost | LocalPageComment)[],
  kind: 'post' | 'comment',
): unknown {
  const path = context.segments.join('/');
  const fields = fieldsOf(context.url, kind === 'post' ? POST_DEFAULT_FIELDS : COMMENT_DEFAULT_FIELDS);
  const params = Object.fromEntries(context.url.searchParams);
  return listing(context, items, kind, { params, fields, path });
}

/** one page of an edge: `since`/`until`, `limit`, cursor paging with `paging.next` */
function listing(
  context: GraphRouteContext,
  items: (LocalPagePost | LocalPageComment)[],
  kind: 'post' | 'comment',
  options: { params: Record<string, string>; fields: FieldSpec[]; path: string },
): unknown {
  const { params } = options;
  const since = timeParam('since', params['since']);
  const until = timeParam('until', params['until']);
  const limit = params['limit'] === undefined ? DEFAULT_LIMIT : Number(params['limit']);
  if (!Number.isInteger(limit) || limit < 0)
    throw new GraphRefusal(invalidParameter('limit must be a non-negative integer'));
  const inWindow = items.filter((item) => {
    const at = Date.parse(item.createdAt);
    return (since === undefined || at >= since) && (until === undefined || at <= until);
  });
  let start = 0;
  if (params['after'] !== undefined) {
    const afterId = Buffer.from(params['after'], 'base64url').toString('utf8');
    const index = inWindow.findIndex((item) => item.id === afterId);
    if (index < 0) throw new GraphRefusal(invalidParameter('The after cursor is not valid'));
    start = index + 1;
  }
  const slice = inWindow.slice(start, start + Math.min(limit, MAX_LIMIT));
  const nodeType = kind === 'post' ? 'PagePost' : 'Comment';
  const data = slice.map((item) =>
    project(
      kind === 'post' ? postNode(item as LocalPagePost) : commentNode(item as LocalPageComment, context),
      options.fields,
      nodeType,
      context,
    ),
  );
  const cursor = (id: string) => Buffer.from(id, 'utf8').toString('base64url');
  const first = slice[0];
  const last = slice[slice.length - 1];
  const more = start + slice.length < inWindow.length;
  let next: string | undefined;
  if (more && last) {
    const url = new URL(`${context.origin}/${context.version}/${options.path}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    url.searchParams.set('after', cursor(last.id));
    if (!url.searchParams.has('fields')) url.searchParams.set('fields', fieldsText(options.fields));
    next = url.toString();
  }
  return {
    data,
    paging: {
      ...(first && last ? { cursors: { before: cursor(first.id), after: cursor(last.id) } } : {}),
      ...(next ? { next } : {}),
    },
  };
}

function fieldsText(fields: FieldSpec[]): string {
  return fields
    .map(
      (field) =>
        field.name +
        Object.entries(field.modifiers)
          .map(([name, value]) => `.${name}(${value})`)
          .join('') +
        (field.children ? `{${fieldsText(field.children)}}` : ''),
    )
    .join(',');
}

function fieldsOf(url: URL, defaults: string): FieldSpec[] {
  const raw = url.searchParams.get('fields');
  return parseFields((raw && raw.trim() !== '' ? raw : defaults).replace(/\s+/g, ''));
}

/** unix seconds or a date string, as Meta's strtotime-style parameters accept */
function timeParam(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value);
  if (!Number.isFinite(ms)) throw new GraphRefusal(invalidParameter(`The ${name} parameter is not a time`));
  return ms;
}
