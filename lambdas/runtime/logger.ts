import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs. Never pass post text, mention text or secrets to it. */
export const logger = new Logger({
  serviceName: 'social-duty',
  logLevel: process.env.SOCIAL_DUTY_LOG_LEVEL === 'silent' ? 'SILENT' : 'INFO',
});

/** Local commands print their own summaries; the Lambda's CloudWatch lines would only clutter them. */
export function silenceHandlerLogs(): void {
  logger.setLogLevel('SILENT');
}
