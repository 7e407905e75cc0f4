/**
 * The "I'm handling this" link in an urgent email: personal to one recipient and one mention, so the
 * acknowledgement records who. Opening it only shows a page; the page's button acknowledges.
 */
export interface AckLinks {
  /** the link for `recipient` to acknowledge the urgent alert `alertKey`, valid for a day from `now` */
  linkFor(alertKey: string, recipient: string, now: Date): Promise<string>;
}
