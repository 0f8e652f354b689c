/** The first check the real API makes, before any rule: authentication. Body rules live in rules/. */

/**
 * Why the request is not authenticated, or undefined. Exactly one of `x-api-key` or
 * `authorization: Bearer …` must be present and carry the key (`expected: null` takes any key).
 */
export function authError(headers: Record<string, string>, expected: string | null): string | undefined {
  const apiKey = headers['x-api-key'];
  const authorization = headers['authorization'];
  if (apiKey !== undefined && authorization !== undefined) {
    return 'send exactly one of x-api-key or authorization: Bearer, not both';
  }
  if (apiKey === undefined && authorization === undefined) return 'x-api-key header is required';
  const bearer = authorization === undefined ? undefined : /^Bearer (.+)$/.exec(authorization)?.[1];
  const key = apiKey ?? bearer;
  if (key === undefined || key === '') return authorization !== undefined ? 'invalid authorization header: expected Bearer <key>' : 'invalid x-api-key';
  if (expected !== null && key !== expected) return 'invalid x-api-key';
  return undefined;
}
