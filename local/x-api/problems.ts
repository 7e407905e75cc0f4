/**
 * Error bodies as X sends them (RFC 7807 problems, `application/problem+json`). X answers auth, rate-limit
 * and duplicate failures with a bare `about:blank` problem; validation and lookup failures carry a typed
 * problem from the OpenAPI document (InvalidRequestProblem, ResourceNotFoundProblem).
 */

export interface ProblemResponse {
  status: number;
  body: Record<string, unknown>;
}

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function blankProblem(status: number, detail?: string): ProblemResponse {
  const title = REASONS[status] ?? 'Error';
  return { status, body: { title, detail: detail ?? title, type: 'about:blank', status } };
}

export const unauthorized = (): ProblemResponse => blankProblem(401, 'Unauthorized');
export const tooManyRequests = (): ProblemResponse => blankProblem(429, 'Too Many Requests');

/** X's own wording and field order for a repeated post */
export const duplicateContent = (): ProblemResponse => ({
  status: 403,
  body: {
    detail: 'You are not allowed to create a Tweet with duplicate content.',
    type: 'about:blank',
    title: 'Forbidden',
    status: 403,
  },
});

export interface ParameterError {
  parameter: string;
  value: string;
  message: string;
}

export function invalidRequest(errors: ParameterError[]): ProblemResponse {
  return {
    status: 400,
    body: {
      errors: errors.map(({ parameter, value, message }) => ({
        parameters: { [parameter]: [value] },
        message,
      })),
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.x.com/2/problems/invalid-request',
    },
  };
}

export function tweetTooLong(): ProblemResponse {
  const message =
    'Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text.';
  return {
    status: 400,
    body: {
      errors: [{ message }],
      title: 'Invalid Request',
      detail: message,
      type: 'https://api.x.com/2/problems/invalid-request',
    },
  };
}

export function resourceNotFound(
  status: number,
  resourceType: 'tweet' | 'user',
  parameter: string,
  id: string,
): ProblemResponse {
  const noun = resourceType === 'tweet' ? 'post' : 'user';
  return {
    status,
    body: {
      value: id,
      detail: `Could not find ${noun} with ${parameter}: [${id}].`,
      title: 'Not Found Error',
      resource_type: resourceType,
      parameter,
      resource_id: id,
      type: 'https://api.x.com/2/problems/resource-not-found',
    },
  };
}
