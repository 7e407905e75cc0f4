import type { MentionCategory } from '../../core/classify';
import type { Mention } from '../mention';

/**
 * Every mention a sweep found, kept for the briefing (which lists each one since the previous briefing with
 * how it was handled) and, in working hours, until the next alert email has gone out.
 */
export interface FoundMention extends Mention {
  category: MentionCategory;
  /** the rules that matched, as `classify` names them */
  matched: string[];
  /** ISO instant the sweep found it */
  foundAt: string;
  /** `x#<tweet id>` or `<feed source>#<entry id>`: one key per mention, whichever source found it */
  key: string;
  /** when a working-hours alert email listed it; urgent ones are tracked by their urgent alert instead */
  alertedAt?: string;
}

export interface FoundMentions {
  /** records mentions as found (the same key recorded twice keeps one item per foundAt) */
  record(mentions: FoundMention[]): Promise<void>;
  /** mentions found at or after `sinceIso`, oldest first */
  listSince(sinceIso: string): Promise<FoundMention[]>;
  /** notes that an alert email listed these mentions */
  markAlerted(mentions: FoundMention[], at: string): Promise<void>;
}
