import type { Email, EmailKind, MailerPort } from '../lambdas/ports/mailer';

export interface SentEmailFacts {
  kind: EmailKind;
  mentionIds?: string[];
}

/**
 * Passes every email to the real mailer and remembers, by SES message id, what it was about. SES keeps no such
 * facts, and `simulate` reports them beside what the local SES server stored.
 */
export class RecordingMailer implements MailerPort {
  private readonly facts = new Map<string, SentEmailFacts>();

  constructor(private readonly inner: MailerPort) {}

  async send(email: Email): Promise<{ messageId: string }> {
    const sent = await this.inner.send(email);
    this.facts.set(sent.messageId, {
      kind: email.kind,
      ...(email.mentionIds ? { mentionIds: email.mentionIds } : {}),
    });
    return sent;
  }

  /** the facts of a sent email, once: simulate reads each email once */
  take(messageId: string): SentEmailFacts | undefined {
    const facts = this.facts.get(messageId);
    this.facts.delete(messageId);
    return facts;
  }
}
