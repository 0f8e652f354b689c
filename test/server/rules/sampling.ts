/** Rules about the deprecated sampling parameters `temperature`, `top_p` and `top_k`. */
import { DEFAULT_SAMPLING_ONLY, TEMPERATURE_XOR_TOP_P } from './families';
import { thinkingType } from './thinking';
import { ALL_MODELS, invalid } from './types';
import type { Rule } from './types';

const SAMPLING = ['temperature', 'top_p', 'top_k'] as const;
const THINKING_COMPATIBILITY_DOCS = 'https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility';

/** A sampling field's value when it is sent (null counts as not sent). */
function sent(body: Record<string, unknown>, field: (typeof SAMPLING)[number]): unknown {
  return body[field] ?? undefined;
}

/** Under `anthropic-version: 2026-10-21` the three fields are gone: any value is a 400. */
export const SAMPLING_REMOVED_RULE: Rule = {
  id: 'sampling-removed-2026-10-21',
  appliesTo: ALL_MODELS,
  source: 'https://platform.claude.com/docs/en/api/versioning (reference §1.2 temperature/top_p/top_k, §0 item 2)',
  check: ({ body, headers }) => {
    if (headers['anthropic-version'] !== '2026-10-21') return undefined;
    const field = SAMPLING.find((name) => sent(body, name) !== undefined);
    return field ? invalid(`${field}: Extra inputs are not permitted (removed in anthropic-version 2026-10-21)`) : undefined;
  },
};

/** Models after Opus 4.6 take only the defaults: temperature 1.0, top_p ≥ 0.99, no top_k. */
export const SAMPLING_DEFAULTS_RULE: Rule = {
  id: 'sampling-defaults-only',
  appliesTo: DEFAULT_SAMPLING_ONLY,
  source: 'reference §1.2 temperature/top_p/top_k ("Models released after Opus 4.6 accept only temperature = 1.0, top_p ≥ 0.99, and no top_k"); SDK deprecation notes',
  check: ({ body }) => {
    const temperature = sent(body, 'temperature');
    if (temperature !== undefined && temperature !== 1) return invalid('`temperature` is deprecated for this model; only the default value 1.0 is accepted.');
    const topP = sent(body, 'top_p');
    if (topP !== undefined && !(typeof topP === 'number' && topP >= 0.99)) return invalid('`top_p` is deprecated for this model; only values of 0.99 or higher are accepted.');
    if (sent(body, 'top_k') !== undefined) return invalid('`top_k` is deprecated for this model and must not be set.');
    return undefined;
  },
};

/** `temperature` and `top_p` together on the models that take one or the other. */
export const TEMPERATURE_AND_TOP_P_RULE: Rule = {
  id: 'temperature-and-top-p',
  appliesTo: TEMPERATURE_XOR_TOP_P,
  source: 'reference §1.2 temperature/top_p ("temperature and top_p cannot both be specified"; github chatboxai/chatbox#2670)',
  check: ({ body }) =>
    sent(body, 'temperature') !== undefined && sent(body, 'top_p') !== undefined
      ? invalid('`temperature` and `top_p` cannot both be specified for this model. Please use only one.')
      : undefined,
};

/** With manual thinking temperature stays 1, top_k unset, top_p within 0.95–1. */
export const SAMPLING_WITH_THINKING_RULE: Rule = {
  id: 'sampling-with-thinking',
  appliesTo: ALL_MODELS,
  source: 'reference §1.2 ("With manual extended thinking, temperature/top_k can\'t be changed (top_p only 0.95–1)") and §1.5 constraints',
  check: (request) => {
    if (thinkingType(request) !== 'enabled') return undefined;
    const { body } = request;
    const temperature = sent(body, 'temperature');
    if (temperature !== undefined && temperature !== 1) return invalid(`\`temperature\` may only be set to 1 when thinking is enabled. Please consult our documentation at ${THINKING_COMPATIBILITY_DOCS}`);
    if (sent(body, 'top_k') !== undefined) return invalid(`\`top_k\` must be unset when thinking is enabled. Please consult our documentation at ${THINKING_COMPATIBILITY_DOCS}`);
    const topP = sent(body, 'top_p');
    if (topP !== undefined && !(typeof topP === 'number' && topP >= 0.95 && topP <= 1)) {
      return invalid(`\`top_p\` must be greater than or equal to 0.95 or unset when thinking is enabled. Please consult our documentation at ${THINKING_COMPATIBILITY_DOCS}`);
    }
    return undefined;
  },
};
