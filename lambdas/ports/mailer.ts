/** What an email is about: the duty officer's mail rules and `simulate` tell them apart by this. */
export type EmailKind = 'briefing' | 'alert' | 'urgent' | 'escalation' | 'failure';

export interface Email {
  kind: EmailKind;
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** the mentions it is about (their ids at their source), for alerts, urgent alerts and escalations */
  mentionIds?: string[];
}

export interface MailerPort {
  send(email: Email): Promise<{ messageId: string }>;
}

/** thrown by a mailer when the mail service refuses or cannot be reached */
export class MailerError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'MailerError';
  }
}
