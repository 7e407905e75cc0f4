export interface RuntimePause {
  /** last paused date, inclusive, `YYYY-MM-DD` in the organisation's time zone */
  until: string;
  reason: string;
  setAt: string;
}

/** The pause set with `social-duty pause`: no deploy needed, every posting handler reads it. */
export interface PauseStore {
  get(): Promise<RuntimePause | undefined>;
  set(pause: RuntimePause): Promise<void>;
  clear(): Promise<void>;
}
