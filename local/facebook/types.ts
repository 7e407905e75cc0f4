/** Public shapes of the local Graph API stand-in (its options and its test/control surface). */
import type { LocalIdentity } from '../local-identity';

export interface LocalFacebookPage {
  pageId: string;
  name: string;
  pageAccessToken: string;
}

export interface FacebookServerOptions {
  /** 0 (the default) picks a free port */
  port?: number;
  host?: string;
  /** the server's idea of now: created_time of new items, fault windows, the duplicate window */
  clock?: () => Date;
  /** the Pages it knows, by any key (the local runtime uses the config's account ids) */
  pages?: Record<string, LocalFacebookPage>;
  /** answer `GET /_social-duty` with this */
  identity?: () => LocalIdentity;
}

export interface LocalPageComment {
  id: string;
  postId: string;
  /** the comment this one replies to, when it is a reply */
  parentCommentId?: string;
  fromId: string;
  fromName: string;
  message: string;
  createdAt: string;
  permalinkUrl: string;
}

/** One post as the control endpoints report it: the Page's own and visitors' posts that tag it, deleted too. */
export interface LocalPagePost {
  id: string;
  pageId: string;
  fromId: string;
  fromName: string;
  message: string;
  link?: string;
  createdAt: string;
  permalinkUrl: string;
  /** a visitor's post that tags the Page (it shows on /tagged and in the Page feed) */
  tagsPage: boolean;
  deleted: boolean;
  deletedAt?: string;
  comments: LocalPageComment[];
}

export interface NewFacebookComment {
  postId: string;
  message: string;
  /** the commenter's name; ignored when `asPage` */
  authorName?: string;
  /** numeric string; derived from the name when absent */
  authorId?: string;
  /** the Page itself comments (its own comments are not mentions) */
  asPage?: boolean;
  /** a reply to this comment */
  parentCommentId?: string;
  /** ISO instant or Date; defaults to the server clock's now */
  createdAt?: string | Date;
}

export interface NewFacebookTag {
  /** the Page tagged; defaults to the only (or first) configured Page */
  pageId?: string;
  authorName: string;
  authorId?: string;
  message: string;
  createdAt?: string | Date;
}
