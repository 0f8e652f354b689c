/** Request checks the real API makes before doing any work: auth, version header, body shape. */
import { isRecord } from './http';

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

/** Why a Messages (or count_tokens) body is invalid, or undefined. */
export function bodyError(json: unknown, needsMaxTokens: boolean): string | undefined {
  if (!isRecord(json)) return 'There was an issue with the request body: it is not a JSON object.';
  if (typeof json.model !== 'string' || json.model === '') return 'model: Field required';
  if (needsMaxTokens && (typeof json.max_tokens !== 'number' || !Number.isInteger(json.max_tokens) || json.max_tokens < 1)) {
    return 'max_tokens: Field required (a positive integer)';
  }
  if (!Array.isArray(json.messages)) return 'messages: Field required';
  if (json.messages.length === 0) return 'messages: at least one message is required';
  for (const [index, message] of json.messages.entries()) {
    if (!isRecord(message) || (message.role !== 'user' && message.role !== 'assistant')) {
      return `messages.${index}.role: Input should be 'user' or 'assistant'`;
    }
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) return `messages.${index}.content: Field required`;
  }
  return undefined;
}
