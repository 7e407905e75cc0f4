import type {
  LocalFacebookPage,
  LocalPageComment,
  LocalPagePost,
  NewFacebookComment,
  NewFacebookTag,
} from './types';

/** Input a person or test got wrong (unknown post, empty message): a 400, never a Graph error. */
export class LocalInputError extends Error {}

/** Meta's limit on a Page post's message, in characters. */
export const MAX_MESSAGE_LENGTH = 63_206;
const DUPLICATE_WINDOW_MS = 24 * 3_600_000;

export type PublishResult = { post: LocalPagePost } | { refused: 'duplicate' | 'too-long' | 'empty' };

interface StoredPost extends Omit<LocalPagePost, 'comments'> {
  createdMs: number;
}

interface StoredComment extends LocalPageComment {
  createdMs: number;
}

/** The stand-in's Pages, posts and comments, in memory. */
export class FacebookStore {
  private posts: StoredPost[] = [];
  private comments: StoredComment[] = [];
  private expired = new Set<string>();
  private nextNumber = 1;

  constructor(private readonly pages: readonly LocalFacebookPage[]) {}

  pageForToken(token: string): { page: LocalFacebookPage; expired: boolean } | undefined {
    const page = this.pages.find((candidate) => candidate.pageAccessToken === token);
    return page ? { page, expired: this.expired.has(page.pageId) } : undefined;
  }

  page(pageId: string): LocalFacebookPage | undefined {
    return this.pages.find((page) => page.pageId === pageId);
  }

  allPages(): readonly LocalFacebookPage[] {
    return this.pages;
  }

  expireToken(pageId: string): void {
    if (!this.page(pageId)) throw new LocalInputError(`no Page ${pageId}`);
    this.expired.add(pageId);
  }

  publish(page: LocalFacebookPage, message: string, link: string | undefined, now: Date): PublishResult {
    if (message.trim() === '' && !link) return { refused: 'empty' };
    if ([...message].length > MAX_MESSAGE_LENGTH) return { refused: 'too-long' };
    const duplicate = this.posts.some(
      (post) =>
        post.pageId === page.pageId &&
        post.fromId === page.pageId &&
        !post.deleted &&
        post.message === message &&
        now.getTime() - post.createdMs < DUPLICATE_WINDOW_MS,
    );
    if (duplicate) return { refused: 'duplicate' };
    const created = instant(undefined, now);
    const number = this.number();
    const stored: StoredPost = {
      id: `${page.pageId}_${number}`,
      pageId: page.pageId,
      fromId: page.pageId,
      fromName: page.name,
      message,
      ...(link ? { link } : {}),
      createdAt: graphTime(created),
      createdMs: created.getTime(),
      permalinkUrl: `https://www.facebook.com/${page.pageId}/posts/${number}`,
      tagsPage: false,
      deleted: false,
    };
    this.posts.push(stored);
    return { post: this.toLocal(stored) };
  }

  /** `missing` for an unknown or already deleted post; `forbidden` when it is not this Page's to delete */
  deletePost(page: LocalFacebookPage, postId: string, now: Date): 'deleted' | 'missing' | 'forbidden' {
    const post = this.posts.find((candidate) => candidate.id === postId && !candidate.deleted);
    if (!post) return 'missing';
    if (post.pageId !== page.pageId || post.fromId !== page.pageId) return 'forbidden';
    post.deleted = true;
    post.deletedAt = now.toISOString();
    return 'deleted';
  }

  /** what the Page feed shows: its posts and visitors' posts tagging it, newest first */
  feed(pageId: string, now: Date): LocalPagePost[] {
    return this.visiblePosts(now)
      .filter((post) => post.pageId === pageId)
      .map((post) => this.toLocal(post));
  }

  tagged(pageId: string, now: Date): LocalPagePost[] {
    return this.visiblePosts(now)
      .filter((post) => post.pageId === pageId && post.tagsPage)
      .map((post) => this.toLocal(post));
  }

  post(postId: string): LocalPagePost | undefined {
    const post = this.posts.find((candidate) => candidate.id === postId && !candidate.deleted);
    return post ? this.toLocal(post) : undefined;
  }

  comment(commentId: string): LocalPageComment | undefined {
    const comment = this.comments.find((candidate) => candidate.id === commentId);
    return comment ? stripComment(comment) : undefined;
  }

  /** comments on a post (all, replies included) or replies to a comment, oldest first, none from the future */
  commentsOn(objectId: string, now: Date): LocalPageComment[] {
    return this.comments
      .filter(
        (comment) =>
          comment.createdMs <= now.getTime() &&
          (comment.parentCommentId === undefined
            ? comment.postId === objectId
            : comment.parentCommentId === objectId || comment.postId === objectId),
      )
      .sort((a, b) => a.createdMs - b.createdMs)
      .map(stripComment);
  }

  addComment(input: NewFacebookComment, now: Date): LocalPageComment {
    const post = this.posts.find((candidate) => candidate.id === input.postId && !candidate.deleted);
    if (!post) throw new LocalInputError(`no post ${input.postId}`);
    if (input.message.trim() === '') throw new LocalInputError('message must not be empty');
    if (input.parentCommentId !== undefined) {
      const parent = this.comments.find((comment) => comment.id === input.parentCommentId);
      if (!parent || parent.postId !== post.id)
        throw new LocalInputError(`no comment ${input.parentCommentId} on post ${post.id}`);
    }
    const page = this.page(post.pageId);
    const from = input.asPage && page ? { id: page.pageId, name: page.name } : this.person(input);
    const created = instant(input.createdAt, now);
    const postPart = post.id.split('_')[1] ?? post.id;
    const number = this.number();
    const stored: StoredComment = {
      id: `${postPart}_${number}`,
      postId: post.id,
      ...(input.parentCommentId !== undefined ? { parentCommentId: input.parentCommentId } : {}),
      fromId: from.id,
      fromName: from.name,
      message: input.message,
      createdAt: graphTime(created),
      createdMs: created.getTime(),
      permalinkUrl: `${post.permalinkUrl}?comment_id=${number}`,
    };
    this.comments.push(stored);
    return stripComment(stored);
  }

  addTag(input: NewFacebookTag, now: Date): LocalPagePost {
    const page = input.pageId === undefined ? this.pages[0] : this.page(input.pageId);
    if (!page) throw new LocalInputError(`no Page ${input.pageId ?? '(none configured)'}`);
    if (input.message.trim() === '') throw new LocalInputError('message must not be empty');
    const from = this.person(input);
    const created = instant(input.createdAt, now);
    const number = this.number();
    const stored: StoredPost = {
      id: `${from.id}_${number}`,
      pageId: page.pageId,
      fromId: from.id,
      fromName: from.name,
      message: input.message,
      createdAt: graphTime(created),
      createdMs: created.getTime(),
      permalinkUrl: `https://www.facebook.com/${from.id}/posts/${number}`,
      tagsPage: true,
      deleted: false,
    };
    this.posts.push(stored);
    return this.toLocal(stored);
  }

  allPosts(): LocalPagePost[] {
    return [...this.posts].sort((a, b) => b.createdMs - a.createdMs).map((post) => this.toLocal(post));
  }

  reset(): void {
    this.posts = [];
    this.comments = [];
    this.expired.clear();
    this.nextNumber = 1;
  }

  private visiblePosts(now: Date): StoredPost[] {
    return this.posts
      .filter((post) => !post.deleted && post.createdMs <= now.getTime())
      .sort((a, b) => b.createdMs - a.createdMs);
  }

  private person(input: { authorName?: string; authorId?: string }): { id: string; name: string } {
    const name = input.authorName?.trim() ?? '';
    if (name === '') throw new LocalInputError('authorName must not be empty');
    if (input.authorId !== undefined && !/^\d{1,20}$/.test(input.authorId))
      throw new LocalInputError('authorId must be numeric');
    return { id: input.authorId ?? personId(name), name };
  }

  private number(): string {
    // fixed width, so ids sort as they were made, like Meta's
    const value = 100_000_000_000_000 + this.nextNumber;
    this.nextNumber += 1;
    return String(value);
  }

  private toLocal(post: StoredPost): LocalPagePost {
    const { createdMs: _created, ...rest } = post;
    return {
      ...rest,
      comments: this.comments
        .filter((comment) => comment.postId === post.id)
        .sort((a, b) => a.createdMs - b.createdMs)
        .map(stripComment),
    };
  }
}

function stripComment(comment: StoredComment): LocalPageComment {
  const { createdMs: _created, ...rest } = comment;
  return rest;
}

/** a stable numeric id per name, so the same visitor keeps one id across comments */
function personId(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) % 1_000_000_000_000;
  return String(10_000_000_000_000 + hash);
}

/** whole seconds, as Meta keeps times */
function instant(value: string | Date | undefined, now: Date): Date {
  const date = value === undefined ? now : value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new LocalInputError('createdAt must be an ISO 8601 instant');
  return new Date(Math.floor(date.getTime() / 1000) * 1000);
}

/** Meta writes times as `2026-12-29T09:00:00+0000` */
export function graphTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)}+0000`;
}
