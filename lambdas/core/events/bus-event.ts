import type { DetailType } from './detail-types';
import type { EventDetail } from './event-schemas';

/** A duty event as EventBridge delivers it to a rule's target (the envelope AWS adds around the detail). */
export interface BusEvent<T extends DetailType = DetailType> {
  version: '0';
  id: string;
  'detail-type': T;
  source: 'social-duty';
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: EventDetail<T>;
}
