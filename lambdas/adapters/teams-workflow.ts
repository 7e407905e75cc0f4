/**
 * TeamsChannel on a Microsoft Teams Workflows "When a Teams webhook request is received" trigger. The trigger's
 * URL carries its own signature, so whoever has it can post into the channel: it lives in Secrets Manager and
 * never appears in a message, a log or an error's cause.
 */
import type { TeamsConsumer } from '../core/notify/consumers';
import type { TeamsChannel } from '../ports/notify-channels';
import { NotifyError, redactedCause } from './notify-error';
import type { NotifySecrets } from './notify-secrets';

export const TEAMS_TIMEOUT_MS = 5000;

export interface TeamsWorkflowOptions {
  secrets: NotifySecrets;
  timeoutMs?: number;
  /** accept http:// URLs: the local Teams stand-in only */
  allowHttp?: boolean;
}

export class TeamsWorkflowChannel implements TeamsChannel {
  private readonly timeoutMs: number;

  constructor(private readonly options: TeamsWorkflowOptions) {
    this.timeoutMs = options.timeoutMs ?? TEAMS_TIMEOUT_MS;
  }

  async post(consumer: TeamsConsumer, message: object): Promise<void> {
    const url = workflowUrl(consumer, await this.options.secrets(consumer.secret), this.options.allowHttp);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
        // a redirect would take the card somewhere the secret did not name
        redirect: 'manual',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new NotifyError(
        `Teams workflow for ${consumer.key} could not be reached`,
        { failure: 'unavailable', consumer: consumer.key },
        { cause: redactedCause(error) },
      );
    }
    // the answer's body is not read into any message: it may quote the request
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return;
    throw new NotifyError(`Teams workflow for ${consumer.key} answered HTTP ${response.status}`, {
      failure: response.status === 429 || response.status >= 500 ? 'unavailable' : 'refused',
      consumer: consumer.key,
      status: response.status,
    });
  }
}

function workflowUrl(consumer: TeamsConsumer, value: string, allowHttp = false): URL {
  let url: URL | undefined;
  try {
    url = new URL(value.trim());
  } catch {
    // URL's own error carries the input
  }
  if (!url || !(url.protocol === 'https:' || (allowHttp && url.protocol === 'http:'))) {
    throw new NotifyError(
      `Secret "${consumer.secret}" for ${consumer.key} does not hold an https Workflows URL`,
      { failure: 'secret', consumer: consumer.key },
    );
  }
  return url;
}
