import { escapeHtml } from '../../lambdas/core/template';
import type { LocalTweet } from './types';

function postItem(tweet: LocalTweet): string {
  const status = tweet.deleted
    ? `<strong class="deleted">Deleted${tweet.deletedAt ? ` <time datetime="${escapeHtml(tweet.deletedAt)}">${escapeHtml(tweet.deletedAt)}</time>` : ''}</strong>`
    : '';
  const reply = tweet.inReplyToTweetId ? ` · in reply to ${escapeHtml(tweet.inReplyToTweetId)}` : '';
  return `<li${tweet.deleted ? ' class="deleted-post"' : ''}>
  <p class="meta">@${escapeHtml(tweet.authorUsername)} · <time datetime="${escapeHtml(tweet.createdAt)}">${escapeHtml(tweet.createdAt)}</time> · id ${escapeHtml(tweet.id)}${reply} ${status}</p>
  <p class="text">${tweet.deleted ? '<del>' : ''}${escapeHtml(tweet.text)}${tweet.deleted ? '</del>' : ''}</p>
</li>`;
}

/** The local X at a glance: every post, newest first, and a form to add a mention by hand. */
export function renderHomePage(tweets: LocalTweet[], notice?: string): string {
  const list =
    tweets.length === 0
      ? '<p>No posts yet.</p>'
      : `<ol class="posts">\n${tweets.map(postItem).join('\n')}\n</ol>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local X API</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  .posts { list-style: none; padding: 0; }
  .posts li { border-bottom: 1px solid #bbb; padding: 0.5rem 0; }
  .meta { margin: 0; color: #444; font-size: 0.9rem; }
  .text { margin: 0.25rem 0 0; white-space: pre-wrap; }
  .deleted { color: #a00000; }
  label { display: block; margin-top: 0.75rem; font-weight: 600; }
  input, textarea { width: 100%; font: inherit; padding: 0.3rem; box-sizing: border-box; }
  button { margin-top: 0.75rem; font: inherit; padding: 0.4rem 1rem; }
  :focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>Local X API</h1>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
<section aria-labelledby="add-mention">
<h2 id="add-mention">Add a mention</h2>
<form method="post" action="/_local/mentions/form">
  <label for="authorUsername">Author username (without @)</label>
  <input id="authorUsername" name="authorUsername" required pattern="@?[A-Za-z0-9_]{1,15}" autocomplete="off">
  <label for="text">Text (include the @username it mentions)</label>
  <textarea id="text" name="text" rows="3" required></textarea>
  <label for="inReplyTo">In reply to post id (optional)</label>
  <input id="inReplyTo" name="inReplyTo" inputmode="numeric" pattern="[0-9]{1,19}">
  <button type="submit">Add mention</button>
</form>
</section>
<section aria-labelledby="posts">
<h2 id="posts">Posts, newest first (${tweets.length})</h2>
${list}
</section>
</main>
</body>
</html>
`;
}
