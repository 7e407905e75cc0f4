import { NETWORK_NAMES, type Network } from './config/vocabulary';

/** What links and labels need of a configured account, on any network. */
export interface AccountIdentity {
  network?: Network;
  handle?: string;
  pageId?: string;
  name?: string;
}

type Accounts = Readonly<Record<string, AccountIdentity>>;

/** How people know the account: `@ExampleNHS on X`, `@examplenhs.bsky.social on Bluesky`, `the Example NHS Page on Facebook`. */
export function accountLabel(accounts: Accounts, account: string): string {
  const found = accounts[account];
  const network = found?.network ?? 'x';
  if (network === 'facebook') return `the ${found?.name ?? account} Page on Facebook`;
  return `@${found?.handle ?? account} on ${NETWORK_NAMES[network]}`;
}

/** the account's own page, where a person checks what went out */
export function profileUrl(accounts: Accounts, account: string): string {
  const found = accounts[account];
  switch (found?.network ?? 'x') {
    case 'bluesky':
      return `https://bsky.app/profile/${found?.handle ?? account}`;
    case 'facebook':
      return `https://www.facebook.com/${found?.pageId ?? account}`;
    case 'x':
      return `https://x.com/${found?.handle ?? account}`;
  }
}

/**
 * A post by the id its channel gave: a tweet id, a Bluesky AT URI (`at://did/app.bsky.feed.post/rkey`) or a
 * Page post id (`PAGEID_POSTID`, which facebook.com opens as it is).
 */
export function postUrl(accounts: Accounts, account: string, postId: string): string {
  const found = accounts[account];
  switch (found?.network ?? 'x') {
    case 'bluesky': {
      const rkey = postId.split('/').pop() ?? postId;
      return `https://bsky.app/profile/${found?.handle ?? account}/post/${encodeURIComponent(rkey)}`;
    }
    case 'facebook':
      return `https://www.facebook.com/${encodeURIComponent(postId)}`;
    case 'x':
      return `https://x.com/${found?.handle ?? account}/status/${postId}`;
  }
}
