import type { ServerResponse } from 'node:http';
import { lexicons } from '@atproto/api';
import { sendJson } from '../x-api/http';
import {
  isOlder,
  LocalInputError,
  type BlueskyStore,
  type Position,
  type Profile,
  type StoredPost,
} from './store';
import {
  authenticationRequired,
  expiredToken,
  internalServerError,
  invalidCredentials,
  invalidRequest,
  invalidToken,
  methodNotImplemented,
  type XrpcErrorResponse,
} from './xrpc-errors';

export interface XrpcRequest {
  store: BlueskyStore;
  now: Date;
  nsid: string;
  method: string;
  url: URL;
  rawBody: string;
  authorization: string | undefined;
  response: ServerResponse;
}

type Answer = { output: Record<string, unknown> } | { error: XrpcErrorResponse };
type Params = Record<string, unknown>;
type Handler = (context: XrpcRequest, params: Params, input: Record<string, unknown>) => Answer;

const POST_COLLECTION = 'app.bsky.feed.post';

export function sendXrpcError(response: ServerResponse, error: XrpcErrorResponse): void {
  if (error.headers)
    for (const [name, value] of Object.entries(error.headers)) response.setHeader(name, value);
  sendJson(response, error.status, error.body);
}

/** Validates params and input against the lexicon, runs the method, and checks its own answer before sending. */
export function handleXrpc(context: XrpcRequest): void {
  const { nsid, response } = context;
  const handler = HANDLERS[nsid];
  const def = lexicons.getDef(nsid);
  if (!handler || !def || (def.type !== 'query' && def.type !== 'procedure'))
    return sendXrpcError(response, methodNotImplemented());
  const wanted = def.type === 'query' ? 'GET' : 'POST';
  if (context.method !== wanted)
    return sendXrpcError(
      response,
      invalidRequest(`Incorrect HTTP method (${context.method}) expected ${wanted}`),
    );

  let params: Params;
  let input: Record<string, unknown> = {};
  try {
    params =
      lexicons.assertValidXrpcParams(nsid, typedParams(def.parameters?.properties ?? {}, context.url)) ?? {};
    if (def.type === 'procedure' && def.input) {
      const body = parseBody(context.rawBody);
      if (body === undefined) return sendXrpcError(response, invalidRequest('Request body must be JSON'));
      input = lexicons.assertValidXrpcInput(nsid, body) as Record<string, unknown>;
    }
  } catch (error) {
    return sendXrpcError(response, invalidRequest(error instanceof Error ? error.message : String(error)));
  }

  let answer: Answer;
  try {
    answer = handler(context, params, input);
  } catch (error) {
    if (!(error instanceof LocalInputError)) throw error;
    answer = { error: invalidRequest(error.message) };
  }
  if ('error' in answer) return sendXrpcError(response, answer.error);
  try {
    lexicons.assertValidXrpcOutput(nsid, answer.output);
  } catch (error) {
    // the stand-in's own answer breaks the lexicon: a bug here, never something to pass on to a client
    console.error('local Bluesky: invalid output', nsid, error instanceof Error ? error.message : '');
    return sendXrpcError(response, internalServerError());
  }
  sendJson(response, 200, answer.output);
}

/** query strings carry only strings; the lexicon says which are numbers, booleans or repeated */
function typedParams(properties: Record<string, { type: string }>, url: URL): Params {
  const params: Params = {};
  for (const name of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(name);
    const first = values[0] ?? '';
    switch (properties[name]?.type) {
      case 'array':
        params[name] = values;
        break;
      case 'integer':
        params[name] = /^-?\d+$/.test(first) ? Number(first) : first;
        break;
      case 'boolean':
        params[name] = first === 'true' ? true : first === 'false' ? false : first;
        break;
      default:
        params[name] = first;
    }
  }
  return params;
}

function parseBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

function bearer(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
}

/** the session account, or the answer the PDS gives for a missing, unknown, expired or revoked token */
function signedIn(context: XrpcRequest): { account: Profile } | { error: XrpcErrorResponse } {
  const checked = context.store.checkAccess(bearer(context.authorization), context.now);
  if (checked.ok) return { account: checked.account };
  switch (checked.problem) {
    case 'missing':
      return { error: authenticationRequired() };
    case 'unknown':
      return { error: xrpcInvalidToken() };
    case 'expired':
      return { error: expiredToken() };
    case 'revoked':
      return { error: expiredToken('Token has been revoked') };
  }
}

function xrpcInvalidToken(): XrpcErrorResponse {
  return { ...invalidToken(), status: 401 };
}

function sessionOutput(
  account: Profile,
  tokens: { access: string; refresh: string },
): Record<string, unknown> {
  return {
    did: account.did,
    handle: account.handle,
    accessJwt: tokens.access,
    refreshJwt: tokens.refresh,
    active: true,
  };
}

function profileView(store: BlueskyStore, did: string): Record<string, unknown> {
  const profile = store.profile(did);
  return {
    did,
    handle: profile?.handle ?? 'handle.invalid',
    ...(profile?.displayName ? { displayName: profile.displayName } : {}),
  };
}

function postView(store: BlueskyStore, post: StoredPost, now: Date): Record<string, unknown> {
  return {
    uri: post.uri,
    cid: post.cid,
    author: profileView(store, post.authorDid),
    record: post.record,
    indexedAt: post.indexedAt,
    replyCount: store.visiblePosts(now).filter((other) => other.reply?.parent === post.uri).length,
    repostCount: 0,
    likeCount: 0,
    quoteCount: 0,
  };
}

/** newest-first paging: the cursor names the last item given, the next page starts after it */
function page<T>(
  items: T[],
  position: (item: T) => Position,
  limit: number,
  cursor: unknown,
): { items: T[]; cursor?: string } {
  const after = parseCursor(cursor);
  const rest = after ? items.filter((item) => isOlder(position(item), after)) : items;
  const chosen = rest.slice(0, limit);
  const last = chosen[chosen.length - 1];
  if (!last || rest.length <= limit) return { items: chosen };
  const { ms, seq } = position(last);
  return { items: chosen, cursor: `${ms}::${seq}` };
}

function parseCursor(cursor: unknown): Position | undefined {
  if (typeof cursor !== 'string') return undefined;
  const match = /^(\d+)::(\d+)$/.exec(cursor);
  if (!match) throw new LocalInputError('Malformed cursor');
  return { ms: Number(match[1]), seq: Number(match[2]) };
}

const postPosition = (post: StoredPost): Position => ({ ms: post.indexedMs, seq: post.seq });

/** words and "quoted phrases", each to be found as whole words, case-insensitively */
function matcher(query: string): (text: string) => boolean {
  const terms: string[] = [];
  const rest = query.replace(/"([^"]*)"/g, (_whole, phrase: string) => {
    if (phrase.trim()) terms.push(phrase.trim());
    return ' ';
  });
  terms.push(...rest.split(/\s+/).filter((word) => word !== ''));
  const patterns = terms.map(
    (term) =>
      new RegExp(
        `(?<![\\p{L}\\p{N}_])${term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')}(?![\\p{L}\\p{N}_])`,
        'iu',
      ),
  );
  return (text) => patterns.length > 0 && patterns.every((pattern) => pattern.test(text));
}

function repoAccount(repo: unknown, account: Profile): XrpcErrorResponse | undefined {
  if (repo === account.did || (typeof repo === 'string' && repo.toLowerCase() === account.handle))
    return undefined;
  return invalidRequest('Invalid repo: not the session account');
}

const HANDLERS: Record<string, Handler> = {
  'com.atproto.server.createSession': (context, _params, input) => {
    const session = context.store.createSession(
      String(input['identifier']),
      String(input['password']),
      context.now,
    );
    if (!session) return { error: invalidCredentials() };
    return { output: sessionOutput(session.account, session) };
  },

  'com.atproto.server.refreshSession': (context) => {
    const refreshed = context.store.refreshSession(bearer(context.authorization), context.now);
    if (refreshed.ok && refreshed.access && refreshed.refresh)
      return {
        output: sessionOutput(refreshed.account, { access: refreshed.access, refresh: refreshed.refresh }),
      };
    if (!refreshed.ok && refreshed.problem === 'missing') return { error: authenticationRequired() };
    if (!refreshed.ok && refreshed.problem === 'unknown') return { error: invalidToken() };
    return { error: expiredToken() };
  },

  'com.atproto.server.getSession': (context) => {
    const session = signedIn(context);
    if ('error' in session) return session;
    return { output: { did: session.account.did, handle: session.account.handle, active: true } };
  },

  'com.atproto.identity.resolveHandle': (context, params) => {
    const profile = context.store.profile(String(params['handle']));
    if (!profile) return { error: invalidRequest('Unable to resolve handle') };
    return { output: { did: profile.did } };
  },

  'com.atproto.repo.createRecord': (context, _params, input) => {
    const session = signedIn(context);
    if ('error' in session) return session;
    const refused = repoAccount(input['repo'], session.account);
    if (refused) return { error: refused };
    if (input['collection'] !== POST_COLLECTION)
      return { error: invalidRequest(`Unsupported collection: ${String(input['collection'])}`) };
    const record = { ...(input['record'] as Record<string, unknown>) };
    if (record['$type'] === undefined) record['$type'] = POST_COLLECTION;
    try {
      lexicons.assertValidRecord(POST_COLLECTION, record);
    } catch (error) {
      return {
        error: invalidRequest(
          `Invalid ${POST_COLLECTION} record: ${error instanceof Error ? error.message : ''}`,
        ),
      };
    }
    const rkey = typeof input['rkey'] === 'string' ? input['rkey'] : undefined;
    const post = context.store.createPost(session.account, record, rkey, context.now);
    return {
      output: {
        uri: post.uri,
        cid: post.cid,
        commit: commit(post.cid, post.rkey),
        validationStatus: 'valid',
      },
    };
  },

  'com.atproto.repo.deleteRecord': (context, _params, input) => {
    const session = signedIn(context);
    if ('error' in session) return session;
    const refused = repoAccount(input['repo'], session.account);
    if (refused) return { error: refused };
    if (input['collection'] === POST_COLLECTION)
      context.store.deletePost(session.account.did, String(input['rkey']), context.now);
    return { output: {} };
  },

  'app.bsky.notification.listNotifications': (context, params) => {
    const session = signedIn(context);
    if ('error' in session) return session;
    const { store } = context;
    const all = store.notificationsFor(session.account.did, context.now);
    const chosen = page(
      all,
      (item) => postPosition(item.post),
      numberOr(params['limit'], 50),
      params['cursor'],
    );
    return {
      output: {
        notifications: chosen.items.map((item) => ({
          uri: item.post.uri,
          cid: item.post.cid,
          author: profileView(store, item.post.authorDid),
          reason: item.reason,
          ...(item.reasonSubject ? { reasonSubject: item.reasonSubject } : {}),
          record: item.post.record,
          isRead: false,
          indexedAt: item.post.indexedAt,
        })),
        ...(chosen.cursor ? { cursor: chosen.cursor } : {}),
      },
    };
  },

  'app.bsky.feed.searchPosts': (context, params) => {
    const session = signedIn(context);
    if ('error' in session) return session;
    const matches = matcher(String(params['q']));
    const since = typeof params['since'] === 'string' ? Date.parse(params['since']) : -Infinity;
    const until = typeof params['until'] === 'string' ? Date.parse(params['until']) : Infinity;
    // 'top' has no engagement to rank by here, so it orders as 'latest' does
    const found = context.store
      .visiblePosts(context.now)
      .filter((post) => post.indexedMs >= since && post.indexedMs < until && matches(post.text));
    const chosen = page(found, postPosition, numberOr(params['limit'], 25), params['cursor']);
    return {
      output: {
        posts: chosen.items.map((post) => postView(context.store, post, context.now)),
        ...(chosen.cursor ? { cursor: chosen.cursor } : {}),
        hitsTotal: found.length,
      },
    };
  },

  'app.bsky.feed.getAuthorFeed': (context, params) => {
    const session = signedIn(context);
    if ('error' in session) return session;
    const actor = context.store.profile(String(params['actor']));
    if (!actor) return { error: invalidRequest('Profile not found') };
    const own = context.store.visiblePosts(context.now).filter((post) => post.authorDid === actor.did);
    const chosen = page(own, postPosition, numberOr(params['limit'], 50), params['cursor']);
    return {
      output: {
        feed: chosen.items.map((post) => ({ post: postView(context.store, post, context.now) })),
        ...(chosen.cursor ? { cursor: chosen.cursor } : {}),
      },
    };
  },
};

function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' ? value : fallback;
}

/** the repo commit a write reports; the stand-in keeps no repo, so the rev is the record's own TID */
function commit(cid: string, rkey: string): { cid: string; rev: string } {
  return { cid, rev: rkey.length === 13 ? rkey : '2222222222222' };
}
