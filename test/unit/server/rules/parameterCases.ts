/** Cases for the parameter rules: tool_choice, sampling, effort and cache_control. */
import { countRequest, request, text, user } from './ruleCases';
import type { RuleCase } from './ruleCases';

const HI = [user('Hi')];
const TOOLS = [{ name: 'lookup', input_schema: { type: 'object', properties: {} } }];
const choice = (type: string): Record<string, unknown> => ({ tools: TOOLS, tool_choice: type === 'tool' ? { type, name: 'lookup' } : { type } });
const effort = (level: string): Record<string, unknown> => ({ output_config: { effort: level } });
const CC = { type: 'ephemeral' };
const CC_1H = { type: 'ephemeral', ttl: '1h' };
const cached = (count: number, cacheControl: Record<string, unknown> = CC): Record<string, unknown>[] =>
  Array.from({ length: count }, (_, i) => text(`part ${i}`, { cache_control: cacheControl }));
const FORCED_ON_NEW_MODEL = 'tool_choice: "any" (forced tool use) is not supported on this model. Use {"type": "auto"} with strict tools instead.';

const TOOL_CHOICE_CASES: RuleCase[] = [
  {
    rule: 'forced-tool-choice-unsupported', title: 'tool_choice any on Sonnet 5.5, even with thinking off',
    bad: request('claude-sonnet-5-5', HI, { ...choice('any'), thinking: { type: 'between_tools' } }),
    fixed: request('claude-sonnet-5-5', HI, { ...choice('auto'), thinking: { type: 'between_tools' } }),
    message: FORCED_ON_NEW_MODEL,
  },
  {
    rule: 'forced-tool-choice-unsupported', title: 'on count_tokens too (Fable 5.1)',
    path: '/v1/messages/count_tokens',
    bad: countRequest('claude-fable-5-1', HI, choice('any')),
    fixed: countRequest('claude-fable-5-1', HI, choice('auto')),
    message: FORCED_ON_NEW_MODEL,
  },
  {
    rule: 'forced-tool-choice-thinking', title: 'a forced tool on Sonnet 5, where thinking is on by default',
    bad: request('claude-sonnet-5', HI, choice('tool')),
    fixed: request('claude-sonnet-5', HI, { ...choice('tool'), thinking: { type: 'disabled' } }),
    message: 'Thinking may not be enabled when tool_choice forces tool use.',
  },
  {
    rule: 'forced-tool-choice-thinking', title: 'tool_choice any with manual thinking on Sonnet 4.5',
    bad: request('claude-sonnet-4-5', HI, { ...choice('any'), thinking: { type: 'enabled', budget_tokens: 1024 } }),
    fixed: request('claude-sonnet-4-5', HI, choice('any')),
    message: 'Thinking may not be enabled when tool_choice forces tool use.',
  },
];

const SAMPLING_CASES: RuleCase[] = [
  {
    rule: 'sampling-removed-2026-10-21', title: 'temperature under anthropic-version 2026-10-21',
    headers: { 'anthropic-version': '2026-10-21' },
    bad: request('claude-sonnet-4-5', HI, { temperature: 0.5 }),
    fixed: request('claude-sonnet-4-5', HI),
    message: 'temperature: Extra inputs are not permitted (removed in anthropic-version 2026-10-21)',
  },
  {
    rule: 'sampling-defaults-only', title: 'temperature other than 1.0 on Opus 4.7',
    bad: request('claude-opus-4-7', HI, { temperature: 0.2 }),
    fixed: request('claude-opus-4-7', HI, { temperature: 1 }),
    message: '`temperature` is deprecated for this model; only the default value 1.0 is accepted.',
  },
  {
    rule: 'sampling-defaults-only', title: 'top_p below 0.99 on Sonnet 5',
    bad: request('claude-sonnet-5', HI, { top_p: 0.9 }),
    fixed: request('claude-sonnet-5', HI, { top_p: 0.99 }),
    message: '`top_p` is deprecated for this model; only values of 0.99 or higher are accepted.',
  },
  {
    rule: 'sampling-defaults-only', title: 'any top_k on Haiku 5.5',
    bad: request('claude-haiku-5-5', HI, { top_k: 40 }),
    fixed: request('claude-haiku-5-5', HI),
    message: '`top_k` is deprecated for this model and must not be set.',
  },
  {
    rule: 'temperature-and-top-p', title: 'both on Sonnet 4.6',
    bad: request('claude-sonnet-4-6', HI, { temperature: 0.5, top_p: 0.9 }),
    fixed: request('claude-sonnet-4-6', HI, { temperature: 0.5 }),
    message: '`temperature` and `top_p` cannot both be specified for this model. Please use only one.',
  },
  {
    rule: 'sampling-with-thinking', title: 'temperature with manual thinking on Haiku 4.5',
    bad: request('claude-haiku-4-5', HI, { temperature: 0.5, max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 } }),
    fixed: request('claude-haiku-4-5', HI, { temperature: 1, max_tokens: 4000, thinking: { type: 'enabled', budget_tokens: 2000 } }),
    message: '`temperature` may only be set to 1 when thinking is enabled. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#feature-compatibility',
  },
];

const EFFORT_CASES: RuleCase[] = [
  {
    rule: 'effort-value', title: 'a level that does not exist',
    bad: request('claude-sonnet-5', HI, effort('extreme')),
    fixed: request('claude-sonnet-5', HI, effort('xhigh')),
    message: "output_config.effort: Input should be 'low', 'medium', 'high', 'xhigh' or 'max'",
  },
  {
    rule: 'effort-level', title: 'xhigh on Opus 4.6 (max is fine)',
    bad: request('claude-opus-4-6', HI, effort('xhigh')),
    fixed: request('claude-opus-4-6', HI, effort('max')),
    message: "output_config.effort: 'xhigh' is not supported by claude-opus-4-6; supported levels: low, medium, high, max",
  },
  {
    rule: 'effort-level', title: 'max on Opus 4.5 (low to high only)',
    bad: request('claude-opus-4-5-20251101', HI, effort('max')),
    fixed: request('claude-opus-4-5-20251101', HI, effort('high')),
    message: "output_config.effort: 'max' is not supported by claude-opus-4-5-20251101; supported levels: low, medium, high",
  },
  {
    rule: 'effort-level', title: 'any effort on Haiku 4.5',
    bad: request('claude-haiku-4-5', HI, effort('low')),
    fixed: request('claude-haiku-4-5', HI, { output_config: { effort: null } }),
    message: 'output_config.effort: the effort parameter is not supported by claude-haiku-4-5',
  },
];

const CACHE_CASES: RuleCase[] = [
  {
    rule: 'cache-breakpoints-max', title: 'five explicit breakpoints',
    bad: request('claude-sonnet-5', [user(cached(5))]),
    fixed: request('claude-sonnet-5', [user(cached(4))]),
    message: 'A maximum of 4 blocks with cache_control may be provided. Found 5.',
  },
  {
    rule: 'cache-breakpoints-max', title: 'four explicit ones plus the automatic one',
    bad: request('claude-sonnet-5', [user([...cached(4), text('tail')])], { cache_control: CC }),
    fixed: request('claude-sonnet-5', [user([...cached(3), text('tail')])], { cache_control: CC }),
    message: 'A maximum of 4 blocks with cache_control may be provided. Found 5.',
  },
  {
    rule: 'cache-ttl-order', title: 'a 1h breakpoint after a 5m one',
    bad: request('claude-sonnet-5', [user([...cached(1), ...cached(1, CC_1H)])]),
    fixed: request('claude-sonnet-5', [user([...cached(1, CC_1H), ...cached(1)])]),
    message: "a ttl='1h' cache_control block must not come after a ttl='5m' cache_control block",
  },
  {
    rule: 'cache-automatic-ttl', title: 'automatic 1h caching with a 5m breakpoint on the last block',
    bad: request('claude-sonnet-5', [user([text('a'), ...cached(1)])], { cache_control: CC_1H }),
    fixed: request('claude-sonnet-5', [user([text('a'), ...cached(1, CC_1H)])], { cache_control: CC_1H }),
    message: "cache_control: the automatic cache_control ttl '1h' differs from the ttl '5m' of the cache_control on the last block",
  },
];

export const PARAMETER_CASES: readonly RuleCase[] = [...TOOL_CHOICE_CASES, ...SAMPLING_CASES, ...EFFORT_CASES, ...CACHE_CASES];
