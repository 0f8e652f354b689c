/** Rules about the `thinking` parameter: which types each model takes, and their fields. */
import { isRecord } from '../http';
import { requestedEffort } from './effort';
import { ADAPTIVE_ONLY, BETWEEN_TOOLS, DISABLED_UP_TO_HIGH, NO_ADAPTIVE, NO_DISABLED } from './families';
import { ALL_MODELS, except, includes, invalid } from './types';
import type { Rule, RuleRequest } from './types';

const THINKING_TYPES = ['enabled', 'disabled', 'adaptive', 'between_tools'];
const MIN_BUDGET = 1024;
const EXTENDED_THINKING_DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking';

/** The request's `thinking` object, if it sent one. */
export function thinkingOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  return isRecord(body.thinking) ? body.thinking : undefined;
}

/** `thinking.type`, or undefined when `thinking` is not sent. */
export function thinkingType({ body }: RuleRequest): unknown {
  return thinkingOf(body)?.type;
}

/** A `thinking.type` that does not exist (the API's schema check). */
export const THINKING_TYPE_RULE: Rule = {
  id: 'thinking-type',
  appliesTo: ALL_MODELS,
  source: 'SDK ThinkingConfigParam: enabled | disabled | adaptive | between_tools (reference §1.5)',
  check: ({ body }) => {
    const thinking = body.thinking;
    if (thinking === undefined || thinking === null) return undefined;
    const type = isRecord(thinking) ? thinking.type : undefined;
    return typeof type === 'string' && THINKING_TYPES.includes(type)
      ? undefined
      : invalid(`thinking: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive', 'between_tools'`);
  },
};

/** Manual thinking (`enabled` + budget) where adaptive is the only thinking. */
export const THINKING_ENABLED_RULE: Rule = {
  id: 'thinking-enabled-unsupported',
  appliesTo: ADAPTIVE_ONLY,
  source: 'reference §1.5 enabled ("400 on Opus 4.7+, all 5.x"); DOCS sonnet-5-5 migration guide',
  check: (request) =>
    thinkingType(request) === 'enabled'
      ? invalid('"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.')
      : undefined,
};

/** Adaptive thinking on the 4.5 generation, which only has manual thinking. */
export const THINKING_ADAPTIVE_RULE: Rule = {
  id: 'thinking-adaptive-unsupported',
  appliesTo: NO_ADAPTIVE,
  source: 'reference §6 (Haiku 4.5 "manual thinking only") and §1.7 (effort, which steers adaptive thinking, not on Haiku 4.5/Sonnet 4.5)',
  check: (request) =>
    thinkingType(request) === 'adaptive'
      ? invalid('"thinking.type.adaptive" is not supported for this model. Use "thinking.type.enabled" with "budget_tokens".')
      : undefined,
};

/** `budget_tokens` below 1024, or not below `max_tokens` (count_tokens has no max_tokens). */
export const THINKING_BUDGET_RULE: Rule = {
  id: 'thinking-budget',
  appliesTo: ALL_MODELS,
  source: 'SDK ThinkingConfigEnabled.budget_tokens ("Must be ≥1024 and less than max_tokens"); reference §1.5',
  check: ({ body, endpoint }) => {
    const thinking = thinkingOf(body);
    if (thinking?.type !== 'enabled') return undefined;
    const budget = thinking.budget_tokens;
    if (typeof budget !== 'number' || !Number.isInteger(budget)) return invalid('thinking.enabled.budget_tokens: Field required');
    if (budget < MIN_BUDGET) return invalid(`thinking.enabled.budget_tokens: Input should be greater than or equal to ${MIN_BUDGET}`);
    if (endpoint === 'messages' && typeof body.max_tokens === 'number' && budget >= body.max_tokens) {
      return invalid(`\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${EXTENDED_THINKING_DOCS}#max-tokens-and-context-window-size`);
    }
    return undefined;
  },
};

/** `disabled` where thinking is always on (Fable/Mythos 5.x, Opus 5.5) or turned off otherwise (Sonnet 5.5). */
export const THINKING_DISABLED_RULE: Rule = {
  id: 'thinking-disabled-unsupported',
  appliesTo: NO_DISABLED,
  source: 'reference §1.5 disabled ("400 on Fable 5/5.1/5.2 and Opus 5.5; 400 on Sonnet 5.5, use between_tools"); DOCS opus-5-5 whats-new, sonnet-5-5 migration guide',
  check: (request) => {
    if (thinkingType(request) !== 'disabled') return undefined;
    return includes(BETWEEN_TOOLS, request.model)
      ? invalid('"thinking.type.disabled" is not supported for this model. Use "thinking.type.between_tools" to turn up-front thinking off.')
      : invalid('"thinking.type.disabled" is not supported for this model: thinking is always on.');
  },
};

/** Opus 5 turns thinking off only at effort high or lower. */
export const THINKING_DISABLED_EFFORT_RULE: Rule = {
  id: 'thinking-disabled-effort',
  appliesTo: DISABLED_UP_TO_HIGH,
  source: 'reference §1.5 disabled ("Opus 5 only at effort ≤ high")',
  check: (request) => {
    const effort = requestedEffort(request.body);
    return thinkingType(request) === 'disabled' && (effort === 'xhigh' || effort === 'max')
      ? invalid(`"thinking.type.disabled" is not supported with output_config.effort "${effort}" on this model; use "high" or lower.`)
      : undefined;
  },
};

/** `between_tools` anywhere but Sonnet 5.5. */
export const BETWEEN_TOOLS_MODEL_RULE: Rule = {
  id: 'between-tools-unsupported',
  appliesTo: except(BETWEEN_TOOLS, 'every model but Sonnet 5.5'),
  source: 'reference §1.5 between_tools ("Sonnet 5.5 only"); DOCS sonnet-5-5 migration guide',
  check: (request) =>
    thinkingType(request) === 'between_tools' ? invalid('"thinking.type.between_tools" is not supported for this model.') : undefined,
};

/** `between_tools` takes no other field (`display`, `budget_tokens`, `block_binding` …). */
export const BETWEEN_TOOLS_FIELDS_RULE: Rule = {
  id: 'between-tools-fields',
  appliesTo: BETWEEN_TOOLS,
  source: 'reference §1.5 between_tools ("no other fields allowed → 400"); DOCS sonnet-5-5 migration guide',
  check: ({ body }) => {
    const thinking = thinkingOf(body);
    const extra = thinking?.type === 'between_tools' ? Object.keys(thinking).find((key) => key !== 'type') : undefined;
    return extra === undefined ? undefined : invalid(`thinking.between_tools.${extra}: Extra inputs are not permitted`);
  },
};

/** `between_tools` only at effort low, medium or high. */
export const BETWEEN_TOOLS_EFFORT_RULE: Rule = {
  id: 'between-tools-effort',
  appliesTo: BETWEEN_TOOLS,
  source: 'reference §1.5 between_tools ("only at effort low/medium/high; xhigh/max → 400")',
  check: (request) => {
    const effort = requestedEffort(request.body);
    return thinkingType(request) === 'between_tools' && (effort === 'xhigh' || effort === 'max')
      ? invalid(`"thinking.type.between_tools" is not supported with output_config.effort "${effort}"; use "low", "medium" or "high".`)
      : undefined;
  },
};
