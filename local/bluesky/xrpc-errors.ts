/** XRPC error answers, shaped as Bluesky's PDS and AppView send them: `{"error": Name, "message": text}`. */

export interface XrpcErrorResponse {
  status: number;
  body: { error: string; message?: string };
  headers?: Record<string, string>;
}

export function xrpcError(
  status: number,
  error: string,
  message?: string,
  headers?: Record<string, string>,
): XrpcErrorResponse {
  return {
    status,
    body: { error, ...(message !== undefined ? { message } : {}) },
    ...(headers ? { headers } : {}),
  };
}

export const invalidRequest = (message: string) => xrpcError(400, 'InvalidRequest', message);
export const authenticationRequired = (message = 'Authentication Required') =>
  xrpcError(401, 'AuthenticationRequired', message);
export const invalidCredentials = () => authenticationRequired('Invalid identifier or password');
// 400, not 401: this is the answer that makes AtpAgent refresh its session by itself
export const expiredToken = (message = 'Token has expired') => xrpcError(400, 'ExpiredToken', message);
export const invalidToken = (message = 'Token could not be verified') =>
  xrpcError(400, 'InvalidToken', message);
export const methodNotImplemented = () => xrpcError(501, 'MethodNotImplemented', 'Method Not Implemented');
export const internalServerError = () => xrpcError(500, 'InternalServerError', 'Internal Server Error');

// the PDS's global budget as it advertises it; only the fault window decides when it ends
const RATE_LIMIT = 3000;
const RATE_WINDOW_SECONDS = 300;

export function rateLimitExceeded(until: Date): XrpcErrorResponse {
  return xrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', {
    'ratelimit-limit': String(RATE_LIMIT),
    'ratelimit-remaining': '0',
    'ratelimit-reset': String(Math.ceil(until.getTime() / 1000)),
    'ratelimit-policy': `${RATE_LIMIT};w=${RATE_WINDOW_SECONDS}`,
  });
}

export function serviceFailure(status: 500 | 503): XrpcErrorResponse {
  return status === 500 ? internalServerError() : xrpcError(503, 'UpstreamFailure', 'Service Unavailable');
}
