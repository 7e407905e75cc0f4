import { escapeHtml } from '../../lambdas/core/template';
import type { Profile, StoredNotification } from './store';
import type { LocalBlueskyPost } from './types';

export interface PageView {
  accounts: readonly Profile[];
  posts: LocalBlueskyPost[];
  notifications: StoredNotification[];
}

function postItem(post: LocalBlueskyPost): string {
  const status = post.deleted
    ? ` <strong class="deleted">Deleted ${escapeHtml(post.deletedAt ?? '')}</strong>`
    : '';
  const reply = post.reply ? ` · reply to ${escapeHtml(post.reply.parent)}` : '';
  return `<li${post.deleted ? ' class="deleted-post"' : ''}>
<p class="meta">@${escapeHtml(post.authorHandle)} · <time datetime="${escapeHtml(post.indexedAt)}">${escapeHtml(post.indexedAt)}</time> · ${escapeHtml(post.uri)}${reply}${status}</p>
<p class="text">${post.deleted ? '<del>' : ''}${escapeHtml(post.text)}${post.deleted ? '</del>' : ''}</p>
</li>`;
}

function notificationItem(item: StoredNotification): string {
  return `<li><p class="meta">${escapeHtml(item.reason)} from @${escapeHtml(item.post.authorHandle)} · <time datetime="${escapeHtml(item.post.indexedAt)}">${escapeHtml(item.post.indexedAt)}</time></p>
<p class="text">${escapeHtml(item.post.text)}</p></li>`;
}

function accountSection(account: Profile, view: PageView): string {
  const posts = view.posts.filter((post) => post.authorDid === account.did);
  const notifications = view.notifications.filter((item) => item.toDid === account.did);
  const list = (items: string[], empty: string) =>
    items.length === 0 ? `<p>${empty}</p>` : `<ol>\n${items.join('\n')}\n</ol>`;
  return `<section>
<h2>@${escapeHtml(account.handle)} <small>${escapeHtml(account.did)}</small></h2>
<h3>Posts (${posts.length})</h3>
${list(posts.map(postItem), 'No posts yet.')}
<h3>Notifications (${notifications.length})</h3>
${list(notifications.map(notificationItem), 'No notifications yet.')}
</section>`;
}

function othersSection(view: PageView): string {
  const others = view.posts.filter(
    (post) => !view.accounts.some((account) => account.did === post.authorDid),
  );
  const list = others.length === 0 ? '<p>None yet.</p>' : `<ol>\n${others.map(postItem).join('\n')}\n</ol>`;
  return `<section>\n<h2>Everyone else's posts (${others.length})</h2>\n${list}\n</section>`;
}

/** The local Bluesky at a glance: each account's posts and notifications, and a form to add a mention. */
export function renderBlueskyPage(view: PageView, notice?: string): string {
  const options = view.accounts
    .map((account) => `<option value="${escapeHtml(account.handle)}">@${escapeHtml(account.handle)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local Bluesky</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 46rem; margin: 1rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  ol { list-style: none; padding: 0; }
  ol > li { border-bottom: 1px solid #bbb; padding: 0.5rem 0; }
  .meta { margin: 0; color: #444; font-size: 0.9rem; overflow-wrap: anywhere; }
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
<h1>Local Bluesky</h1>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ''}
<section aria-labelledby="add-mention">
<h2 id="add-mention">Add a mention, reply or quote</h2>
<form method="post" action="/_local/mentions">
  <label for="mention-to">Account</label>
  <select id="mention-to" name="to">${options}</select>
  <label for="mention-reason">Kind</label>
  <select id="mention-reason" name="reason"><option value="mention">Mention</option><option value="reply">Reply to its latest post</option><option value="quote">Quote of its latest post</option></select>
  <label for="mention-author">Author's handle</label>
  <input id="mention-author" name="authorHandle" required autocomplete="off" placeholder="someone.bsky.social">
  <label for="mention-name">Author's display name</label>
  <input id="mention-name" name="authorName" autocomplete="off">
  <label for="mention-text">Post text</label>
  <textarea id="mention-text" name="text" rows="3" required></textarea>
  <button type="submit">Add</button>
</form>
</section>
${view.accounts.map((account) => accountSection(account, view)).join('\n')}
${othersSection(view)}
</main>
</body>
</html>
`;
}
