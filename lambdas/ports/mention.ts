import type { SourceType } from '../core/config/vocabulary';

/** A post or web page that talks about the trust, as found by one source. */
export interface Mention {
  /** id of the configured source that found it (e.g. `x-mentions`, `google-alert-trust`) */
  source: string;
  sourceType: SourceType;
  /** stable id within the source: tweet id, or the feed entry id (dedupe key) */
  id: string;
  /** `@handle` for X; site or author name for web mentions */
  author: string;
  /** plain text: never logged, always HTML-escaped when put in an email */
  text: string;
  url: string;
  /** ISO 8601 instant the item was published, or first seen when its feed gives no readable date */
  at: string;
  /**
   * For web mentions, where `at` came from: the feed's own date, or the sweep that first saw the item (the
   * emails say so). X always gives a post's time, so X mentions leave it out.
   */
  timeSource?: 'feed' | 'first-seen';
  /** for web mentions: the page title */
  title?: string;
}
