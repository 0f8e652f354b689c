/**
 * Every rule the test server enforces on `POST /v1/messages` and `POST /v1/messages/count_tokens`,
 * in the order they are checked (the first refusal answers). See README.md in test/server.
 */
import { CACHE_AUTOMATIC_TTL_RULE, CACHE_BREAKPOINTS_RULE, CACHE_TTL_ORDER_RULE } from './cacheControl';
import { EMPTY_CONTENT_RULE, EMPTY_TEXT_RULE, SYSTEM_MESSAGE_RULE, THINKING_SIGNATURE_RULE } from './content';
import { EFFORT_RULE, EFFORT_VALUE_RULE } from './effort';
import {
  DOCUMENT_IN_ASSISTANT_RULE, DOCUMENT_SOURCE_RULE, IMAGE_BASE64_RULE, IMAGE_MATCHES_TYPE_RULE, IMAGE_MEDIA_TYPE_RULE, IMAGE_SIZE_RULE,
} from './media';
import { SAMPLING_DEFAULTS_RULE, SAMPLING_REMOVED_RULE, SAMPLING_WITH_THINKING_RULE, TEMPERATURE_AND_TOP_P_RULE } from './sampling';
import { COUNT_TOKENS_FIELDS_RULE, MAX_TOKENS_LIMIT_RULE, shapeRefusal } from './shape';
import {
  BETWEEN_TOOLS_EFFORT_RULE, BETWEEN_TOOLS_FIELDS_RULE, BETWEEN_TOOLS_MODEL_RULE, THINKING_ADAPTIVE_RULE, THINKING_BUDGET_RULE,
  THINKING_DISABLED_EFFORT_RULE, THINKING_DISABLED_RULE, THINKING_ENABLED_RULE, THINKING_TYPE_RULE,
} from './thinking';
import { FORCED_TOOL_CHOICE_MODEL_RULE, FORCED_TOOL_CHOICE_THINKING_RULE } from './toolChoice';
import { PREFILL_RULE, TOOL_RESULT_MATCHED_RULE, TOOL_USE_ANSWERED_RULE, TRAILING_WHITESPACE_RULE } from './turns';
import { isRecord } from '../http';
import { includes } from './types';
import type { ApiRefusal, Endpoint, Rule } from './types';
import type { RulesMode } from '../types';

export type { ApiRefusal, Endpoint, ModelSet, Rule, RuleRequest } from './types';
export { PREFILL_MESSAGE } from './turns';
export { MAX_BREAKPOINTS } from './cacheControl';
export { MAX_REQUEST_BYTES, REQUEST_TOO_LARGE_BODY } from './media';
export { EFFORT_BY_MODEL, EFFORT_LEVELS, effortLevels } from './effort';
export type { EffortLevel } from './effort';
export { KNOWN_MODELS, knownModel } from './lineup';
export type { KnownModel, ModelLine } from './lineup';

/** The rules, in checking order: request-level fields, then the conversation, then parameters. */
export const RULES: readonly Rule[] = [
  COUNT_TOKENS_FIELDS_RULE,
  MAX_TOKENS_LIMIT_RULE,
  SYSTEM_MESSAGE_RULE,
  EMPTY_CONTENT_RULE,
  EMPTY_TEXT_RULE,
  THINKING_SIGNATURE_RULE,
  IMAGE_MEDIA_TYPE_RULE,
  IMAGE_BASE64_RULE,
  IMAGE_MATCHES_TYPE_RULE,
  IMAGE_SIZE_RULE,
  DOCUMENT_SOURCE_RULE,
  DOCUMENT_IN_ASSISTANT_RULE,
  TOOL_USE_ANSWERED_RULE,
  TOOL_RESULT_MATCHED_RULE,
  PREFILL_RULE,
  TRAILING_WHITESPACE_RULE,
  THINKING_TYPE_RULE,
  THINKING_ENABLED_RULE,
  THINKING_ADAPTIVE_RULE,
  THINKING_BUDGET_RULE,
  THINKING_DISABLED_RULE,
  THINKING_DISABLED_EFFORT_RULE,
  BETWEEN_TOOLS_MODEL_RULE,
  BETWEEN_TOOLS_FIELDS_RULE,
  BETWEEN_TOOLS_EFFORT_RULE,
  FORCED_TOOL_CHOICE_MODEL_RULE,
  FORCED_TOOL_CHOICE_THINKING_RULE,
  SAMPLING_REMOVED_RULE,
  SAMPLING_DEFAULTS_RULE,
  TEMPERATURE_AND_TOP_P_RULE,
  SAMPLING_WITH_THINKING_RULE,
  EFFORT_VALUE_RULE,
  EFFORT_RULE,
  CACHE_BREAKPOINTS_RULE,
  CACHE_TTL_ORDER_RULE,
  CACHE_AUTOMATIC_TTL_RULE,
];

/** A refused request: which rule (or `body-shape`, `unknown-model`) and the error sent. */
export interface RuleVerdict {
  rule: string;
  refusal: ApiRefusal;
}

/** What the check needs besides the request. */
export interface CheckOptions {
  mode: RulesMode;
  /** Whether the server serves a model id (known to it, or in its configured models list). */
  serves: (model: string) => boolean;
}

/** The first refusal a request earns, or undefined when the API would take it. */
export function checkRequest(json: unknown, endpoint: Endpoint, headers: Record<string, string>, options: CheckOptions): RuleVerdict | undefined {
  const shape = shapeRefusal(json, endpoint);
  if (shape) return { rule: 'body-shape', refusal: shape };
  if (options.mode === 'lenient' || !isRecord(json)) return undefined;
  const body = json;
  const model = String(body.model);
  if (!options.serves(model)) {
    return { rule: 'unknown-model', refusal: { status: 404, type: 'not_found_error', message: `model: ${model}` } };
  }
  for (const rule of RULES) {
    if (!includes(rule.appliesTo, model)) continue;
    const refusal = rule.check({ endpoint, body, model, headers });
    if (refusal) return { rule: rule.id, refusal };
  }
  return undefined;
}
