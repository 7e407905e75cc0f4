import { escapeHtml } from '../../lambdas/core/template';
import type { LocalFacebookPage, LocalPageComment, LocalPagePost } from './types';

function commentItem(comment: LocalPageComment): string {
  const reply = comment.parentCommentId ? ` · reply to ${escapeHtml(comment.parentCommentId)}` : '';
  return `<li><p class="meta">${escapeHtml(comment.fromName)} · <time datetime="${escapeHtml(comment.createdAt)}">${escapeHtml(comment.createdAt)}</time> · id ${escapeHtml(comment.id)}${reply}</p>
<p class="text">${escapeHtml(comment.message)}</p></li>`;
}

function postItem(post: LocalPagePost): string {
  const status = post.deleted
    ? ` <strong class="deleted">Deleted ${escapeHtml(post.deletedAt ?? '')}</strong>`
    : '';
  const tag = post.tagsPage ? ' · visitor post tagging the Page' : '';
  const link = post.link
    ? `<p>Link: <a href="${escapeHtml(post.link)}">${escapeHtml(post.link)}</a></p>`
    : '';
  const comments =
    post.comments.length === 0
      ? ''
      : `<ol class="comments">\n${post.comments.map(commentItem).join('\n')}\n</ol>`;
  const form = post.deleted
    ? ''
    : `<form method="post" action="/_local/comments">
  <input type="hidden" name="postId" value="${escapeHtml(post.id)}">
  <label for="author-${escapeHtml(post.id)}">Commenter's name</label>
  <input id="author-${escapeHtml(post.id)}" name="authorName" required autocomplete="off">
  <label for="message-${escapeHtml(post.id)}">Comment</label>
  <textarea id="message-${escapeHtml(post.id)}" name="message" rows="2" required></textarea>
  <button type="submit">Add comment</button>
</form>`;
  return `<li${post.deleted ? ' class="deleted-post"' : ''}>
<p class="meta">${escapeHtml(post.fromName)} · <time datetime="${escapeHtml(post.createdAt)}">${escapeHtml(post.createdAt)}</time> · id ${escapeHtml(post.id)}${tag}${status}</p>
<p class="text">${post.deleted ? '<del>' : ''}${escapeHtml(post.message)}${post.deleted ? '</del>' : ''}</p>
${link}${comments}${form}
</li>`;
}

/** The local Facebook at a glance: every post with its comments, and forms to comment or tag the Page. */
export function renderFacebookPage(
  pages: readonly LocalFacebookPage[],
  posts: LocalPagePost[],
  notice?: string,
): string {
  const options = pages
    .map((page) => `<option value="${escapeHtml(page.pageId)}">${escapeHtml(page.name)}</option>`)
    .join('');
  const list =
    posts.length === 0
      ? '<p>No posts yet.</p>'
      : `<ol class="posts">\n${posts.map(postItem).join('\n')}\n</ol>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local Facebook Graph API</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  .posts, .comments { list-style: none; padding: 0; }
  .posts > li { border-bottom: 1px solid #bbb; padding: 0.5rem 0; }
  .comments { margin-left: 1.5rem; }
  .meta { margin: 0; color: #444; font-size: 0.9rem; }
  .text { margin: 0.25rem 0 0; white-space: pre-wrap; }
  .deleted { color: #a00000; }
  label { display: block; margin-top: 0.5rem; font-weight: 600; }
  input, textarea, select { width: 100%; font: inherit; padding: 0.3rem; box-sizing: border-box; }
  button { margin-top: 0.5rem; font: inherit; padding: 0.4rem 1rem; }
  :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>Local Facebook Graph API</h1>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
<section aria-labelledby="add-tag">
<h2 id="add-tag">Add a visitor post tagging the Page</h2>
<form method="post" action="/_local/tagged">
  <label for="tag-page">Page</label>
  <select id="tag-page" name="pageId">${options}</select>
  <label for="tag-author">Author's name</label>
  <input id="tag-author" name="authorName" required autocomplete="off">
  <label for="tag-message">Post text</label>
  <textarea id="tag-message" name="message" rows="3" required></textarea>
  <button type="submit">Add post</button>
</form>
</section>
<section aria-labelledby="posts">
<h2 id="posts">Posts, newest first (${posts.length})</h2>
${list}
</section>
</main>
</body>
</html>
`;
}
