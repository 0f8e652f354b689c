/**
 * The body's shape: what the API's schema check refuses before any model-specific rule runs. The
 * server needs this much to answer at all, so it is checked in lenient mode too.
 */
import { isRecord } from '../http';
import { knownModel } from './lineup';
import { ALL_MODELS, invalid } from './types';
import type { ApiRefusal, Endpoint, Rule } from './types';

const ROLES = ['user', 'assistant', 'system'];

function contentRefusal(content: unknown, index: number): ApiRefusal | undefined {
  if (typeof content === 'string') return undefined;
  if (!Array.isArray(content)) return invalid(`messages.${index}.content: Field required`);
  const bad = content.findIndex((block: unknown) => !isRecord(block) || typeof block.type !== 'string');
  return bad < 0 ? undefined : invalid(`messages.${index}.content.${bad}: Input should be a valid dictionary with a \`type\``);
}

/** Why a Messages (or count_tokens) body cannot be read at all, or undefined. */
export function shapeRefusal(json: unknown, endpoint: Endpoint): ApiRefusal | undefined {
  if (!isRecord(json)) return invalid('There was an issue with the request body: it is not a JSON object.');
  if (typeof json.model !== 'string' || json.model === '') return invalid('model: Field required');
  if (endpoint === 'messages' && (typeof json.max_tokens !== 'number' || !Number.isInteger(json.max_tokens) || json.max_tokens < 1)) {
    // The API also takes 0 (a cache warm-up without output); the server does not simulate that.
    return invalid('max_tokens: Field required (a positive integer)');
  }
  if (!Array.isArray(json.messages)) return invalid('messages: Field required');
  if (json.messages.length === 0) return invalid('messages: at least one message is required');
  for (const [index, message] of json.messages.entries()) {
    if (!isRecord(message) || typeof message.role !== 'string' || !ROLES.includes(message.role)) {
      return invalid(`messages.${index}.role: Input should be 'user', 'assistant' or 'system'`);
    }
    const refusal = contentRefusal(message.content, index);
    if (refusal) return refusal;
  }
  return undefined;
}

/** The body fields count_tokens takes (SDK MessageCountTokensParams, beta fields included). */
const COUNT_TOKENS_FIELDS = new Set([
  'model', 'messages', 'system', 'tools', 'tool_choice', 'thinking', 'output_config', 'cache_control', 'speed',
  'billing_policy', 'compaction', 'context_management', 'mcp_servers', 'output_format',
]);

/** count_tokens refuses fields it does not take, `max_tokens` and `stream` among them. */
export const COUNT_TOKENS_FIELDS_RULE: Rule = {
  id: 'count-tokens-fields',
  appliesTo: ALL_MODELS,
  source: 'reference §5 count_tokens body ("no max_tokens"); SDK MessageCountTokensParams; github Wei-Shaw/sub2api#4913 ("Extra inputs are not permitted")',
  check: ({ body, endpoint }) => {
    if (endpoint !== 'count_tokens') return undefined;
    const extra = Object.keys(body).find((key) => !COUNT_TOKENS_FIELDS.has(key));
    return extra === undefined ? undefined : invalid(`${extra}: Extra inputs are not permitted`);
  },
};

/** `max_tokens` above the model's output limit. */
export const MAX_TOKENS_LIMIT_RULE: Rule = {
  id: 'max-tokens-limit',
  appliesTo: ALL_MODELS,
  source: 'reference §6 Models ("Max out" per model) and §1.2 max_tokens ("Max per model in §6")',
  check: ({ body, model, endpoint }) => {
    const limit = knownModel(model)?.maxTokens;
    const requested = body.max_tokens;
    if (endpoint !== 'messages' || limit === undefined || typeof requested !== 'number' || requested <= limit) return undefined;
    return invalid(`max_tokens: ${requested} > ${limit}, which is the maximum allowed number of output tokens for ${model}`);
  },
};
