/**
 * The human side of an API error: a label per kind, the advice that tells the user what to do,
 * and the setting a 400 points at, so the message can name `claudeMessages.<setting>`.
 */
import type { ErrorContext, ErrorKind, SettingName } from './errorTaxonomy';

// Order matters: the more specific parameter first ("thinking.budget_tokens" is about the budget,
// "this model does not support temperature" is about temperature, not the model).
const PARAMETER_SETTINGS: ReadonlyArray<[RegExp, SettingName]> = [
  [/budget_tokens/i, 'thinkingBudgetTokens'],
  [/\btemperature\b/i, 'temperature'],
  [/\btop_p\b/i, 'topP'],
  [/\btop_k\b/i, 'topK'],
  [/\beffort\b/i, 'effort'],
  // Before thinking: "tool_choice ... with thinking" is fixed by the tool choice as often as not.
  [/tool_choice/i, 'toolChoice'],
  [/\bthinking\b/i, 'thinking'],
  [/service_tier/i, 'serviceTier'],
  [/web_search/i, 'webSearch'],
  [/web_fetch/i, 'webFetch'],
  [/code_execution|\bcontainer\b/i, 'codeExecution'],
  [/max_tokens/i, 'maxTokens'],
  [/\bmodel\b/i, 'model'],
];

/** The setting a 400 message is about, when it names a request parameter the user controls. */
export function settingForMessage(message: string): SettingName | undefined {
  for (const [pattern, setting] of PARAMETER_SETTINGS) if (pattern.test(message)) return setting;
  return undefined;
}

const KIND_LABEL: Partial<Record<ErrorKind, string>> = {
  invalid_request_error: 'The API rejected the request',
  authentication_error: 'The API did not accept the API key',
  billing_error: 'The API refused the request for a billing reason',
  permission_error: 'The API key is not allowed to do this',
  not_found_error: 'The API did not find what was asked for',
  request_too_large: 'The request is too large for the API',
  rate_limit_error: 'The API rate limit was hit',
  api_error: 'The API had an internal error',
  timeout_error: 'The API timed out',
  overloaded_error: 'The API is overloaded',
};

/** What happened, in words, for the API's own error kinds; undefined for the client's kinds. */
export function kindLabel(kind: ErrorKind): string | undefined {
  return KIND_LABEL[kind];
}

function otherAuthStyle(current: 'x-api-key' | 'bearer' | undefined): string {
  return current === 'bearer'
    ? 'this endpoint may expect "x-api-key" instead of "bearer"'
    : 'this endpoint may expect "bearer" (Authorization: Bearer) instead of "x-api-key"';
}

/** The advice part of a message, per kind: what the user can do about it (empty when nothing). */
export function adviceFor(kind: ErrorKind, ctx: ErrorContext, setting: SettingName | undefined): string {
  switch (kind) {
    case 'authentication_error':
      return `Run "Claude Messages: Set API Key" to store a valid key, and check claudeMessages.authHeader: ${otherAuthStyle(ctx.authHeader)}.`;
    case 'billing_error':
      return 'Check the billing and credit balance of the account this key belongs to.';
    case 'permission_error':
      return 'This key may not have access to this model or feature; check claudeMessages.model and the key\'s workspace.';
    case 'not_found_error':
      return 'Check claudeMessages.model (the model id) and claudeMessages.baseUrl (the API root, without /v1).';
    case 'request_too_large':
      return 'Start a new chat or send less context (claudeMessages.contextFileMaxChars).';
    case 'rate_limit_error':
      return 'Wait a moment and try again; the limit resets shortly.';
    case 'overloaded_error':
      return 'The API is overloaded; try again in a moment.';
    case 'timeout_error':
      return 'The request timed out; try again.';
    case 'api_error':
      return 'The API had an internal error; try again.';
    case 'invalid_request_error':
      return setting
        ? `Change the setting claudeMessages.${setting} and try again.`
        : 'Check the request settings (model, max tokens, thinking, tools).';
    default:
      return '';
  }
}
