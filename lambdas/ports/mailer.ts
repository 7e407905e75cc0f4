export interface Email {
  to: string[];
  subject: string;
  text: string;
  html: string;
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
