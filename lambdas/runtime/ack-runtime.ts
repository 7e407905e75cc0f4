import type { SigningKeyProvider } from '../ports/signing-key';
import type { AcknowledgeDeps } from '../services/acknowledge/acknowledge-service';
import type { ServiceDeps } from '../services/service-deps';
import { lambdaServiceDeps } from './lambda-runtime';
import { lambdaSigningKey } from './ack-links-runtime';

/**
 * What the acknowledge handler needs: the service's deps, and the publisher it flushes once it has answered
 * (absent where `audit` publishes nothing).
 */
export type AcknowledgeHandlerDeps = AcknowledgeDeps & Partial<Pick<ServiceDeps, 'events'>>;

/** What the acknowledge service needs, out of what every handler has. */
export function acknowledgeDepsFrom(
  deps: ServiceDeps,
  key: SigningKeyProvider,
): AcknowledgeHandlerDeps & Pick<ServiceDeps, 'events'> {
  return {
    urgent: deps.state.urgent,
    // publishes "Urgent Mention Acknowledged" once the record is written
    audit: deps.state.audit,
    key,
    clock: deps.clock,
    config: deps.config,
    configVersion: deps.configVersion,
    events: deps.events,
  };
}

let lambdaDeps: AcknowledgeHandlerDeps | undefined;

/** The acknowledge function's dependencies on AWS, built once per container. */
export async function lambdaAcknowledgeDeps(): Promise<AcknowledgeHandlerDeps> {
  lambdaDeps ??= acknowledgeDepsFrom(await lambdaServiceDeps(), lambdaSigningKey());
  return lambdaDeps;
}
