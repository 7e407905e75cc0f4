/** Meta's error answers, shaped as the Graph API sends them: `{"error": {message, type, code, ...}}`. */
import { randomBytes } from 'node:crypto';

export interface GraphErrorResponse {
  status: number;
  body: {
    error: { message: string; type: string; code: number; error_subcode?: number; fbtrace_id: string };
  };
  headers?: Record<string, string>;
}

export function graphError(
  status: number,
  code: number,
  message: string,
  options: { type?: string; subcode?: number; headers?: Record<string, string> } = {},
): GraphErrorResponse {
  return {
    status,
    body: {
      error: {
        message,
        type: options.type ?? 'OAuthException',
        code,
        ...(options.subcode !== undefined ? { error_subcode: options.subcode } : {}),
        fbtrace_id: randomBytes(8).toString('base64url'),
      },
    },
    ...(options.headers ? { headers: options.headers } : {}),
  };
}

export const tokenRequired = () =>
  graphError(400, 104, 'An access token is required to request this resource.');

export const invalidToken = () =>
  graphError(400, 190, 'Invalid OAuth access token - Cannot parse access token');

export const expiredToken = (expiredAt: Date) =>
  graphError(
    400,
    190,
    `Error validating access token: Session has expired on ${expiredAt.toUTCString()}. The current time is later.`,
    { subcode: 463 },
  );

export const unknownObject = (method: string, id: string) =>
  graphError(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to ` +
      'missing permissions, or does not support this operation.',
    { type: 'GraphMethodException', subcode: 33 },
  );

export const nonexistingField = (field: string, nodeType: string) =>
  graphError(400, 100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`);

export const invalidParameter = (detail: string) =>
  graphError(400, 100, `(#100) ${detail}`, { type: 'OAuthException' });

export const duplicatePost = () => graphError(400, 506, '(#506) Duplicate status message');

export const missingPermission = (permission: string) =>
  graphError(
    403,
    200,
    `(#200) This action requires the ${permission} permission, and the Page token's user to be able to ` +
      'perform the CREATE_CONTENT task on the Page.',
  );

export const readPermission = () =>
  graphError(
    400,
    10,
    "(#10) This endpoint requires the 'pages_read_engagement' permission or the 'Page Public Content Access' " +
      'feature.',
  );

export const serviceUnavailable = (status: number) =>
  graphError(status, 2, 'Service temporarily unavailable', { type: 'OAuthException' });

/**
 * Page-level throttling (code 32) with Meta's usage headers. Page tokens fall under Business Use Case limits,
 * so X-Business-Use-Case-Usage says when access comes back, in minutes.
 */
export function pageRateLimited(pageId: string, now: Date, until: Date): GraphErrorResponse {
  const minutes = Math.max(0, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  const usage = {
    call_count: 100,
    total_cputime: 12,
    total_time: 20,
    estimated_time_to_regain_access: minutes,
  };
  return graphError(400, 32, 'Page request limit reached', {
    headers: {
      'x-business-use-case-usage': JSON.stringify({ [pageId]: [{ type: 'pages', ...usage }] }),
      'x-page-usage': JSON.stringify(usage),
      'x-app-usage': JSON.stringify({ call_count: 40, total_cputime: 5, total_time: 8 }),
    },
  });
}
