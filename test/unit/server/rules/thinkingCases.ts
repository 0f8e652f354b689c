/** Cases for the thinking rules: which thinking types each model takes, and their fields. */
import { request, user } from './ruleCases';
import type { RuleCase } from './ruleCases';

const HI = [user('Hi')];
const enabled = (budget: number): Record<string, unknown> => ({ thinking: { type: 'enabled', budget_tokens: budget } });
const effort = (level: string): Record<string, unknown> => ({ output_config: { effort: level } });

export const THINKING_CASES: readonly RuleCase[] = [
  {
    rule: 'thinking-type', title: 'a thinking type that does not exist',
    bad: request('claude-sonnet-5', HI, { thinking: { type: 'on' } }),
    fixed: request('claude-sonnet-5', HI, { thinking: { type: 'adaptive' } }),
    message: "thinking: Input tag 'on' found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive', 'between_tools'",
  },
  {
    rule: 'thinking-enabled-unsupported', title: 'manual thinking on Opus 4.7',
    bad: request('claude-opus-4-7', HI, enabled(2048)),
    fixed: request('claude-opus-4-7', HI, { thinking: { type: 'adaptive' } }),
    message: '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
  },
  {
    rule: 'thinking-enabled-unsupported', title: 'manual thinking on Sonnet 5 (a 5.x model)',
    bad: request('claude-sonnet-5', HI, enabled(2048)),
    fixed: request('claude-sonnet-5', HI),
    message: '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort" to control thinking behavior.',
  },
  {
    rule: 'thinking-adaptive-unsupported', title: 'adaptive thinking on Haiku 4.5',
    bad: request('claude-haiku-4-5', HI, { thinking: { type: 'adaptive' } }),
    fixed: request('claude-haiku-4-5', HI, enabled(1024)),
    message: '"thinking.type.adaptive" is not supported for this model. Use "thinking.type.enabled" with "budget_tokens".',
  },
  {
    rule: 'thinking-budget', title: 'budget_tokens below 1024',
    bad: request('claude-sonnet-4-5', HI, enabled(1023)),
    fixed: request('claude-sonnet-4-5', HI, enabled(1024)),
    message: 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024',
  },
  {
    rule: 'thinking-budget', title: 'budget_tokens not below max_tokens',
    bad: request('claude-opus-4-6', HI, { ...enabled(2000), max_tokens: 2000 }),
    fixed: request('claude-opus-4-6', HI, { ...enabled(2000), max_tokens: 2001 }),
    message: '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size',
  },
  {
    rule: 'thinking-disabled-unsupported', title: 'thinking off on Opus 5.5 (always on)',
    bad: request('claude-opus-5-5', HI, { thinking: { type: 'disabled' } }),
    fixed: request('claude-opus-5-5', HI),
    message: '"thinking.type.disabled" is not supported for this model: thinking is always on.',
  },
  {
    rule: 'thinking-disabled-unsupported', title: 'thinking off on Fable 5.2 (always on)',
    bad: request('claude-fable-5-2', HI, { thinking: { type: 'disabled' } }),
    fixed: request('claude-fable-5-2', HI, { thinking: { type: 'adaptive', display: 'summarized' } }),
    message: '"thinking.type.disabled" is not supported for this model: thinking is always on.',
  },
  {
    rule: 'thinking-disabled-unsupported', title: 'thinking off on Sonnet 5.5 (between_tools instead; Sonnet 5 takes disabled)',
    bad: request('claude-sonnet-5-5', HI, { thinking: { type: 'disabled' } }),
    fixed: request('claude-sonnet-5-5', HI, { thinking: { type: 'between_tools' } }),
    message: '"thinking.type.disabled" is not supported for this model. Use "thinking.type.between_tools" to turn up-front thinking off.',
  },
  {
    rule: 'thinking-disabled-effort', title: 'thinking off on Opus 5 at effort max',
    bad: request('claude-opus-5', HI, { thinking: { type: 'disabled' }, ...effort('max') }),
    fixed: request('claude-opus-5', HI, { thinking: { type: 'disabled' }, ...effort('high') }),
    message: '"thinking.type.disabled" is not supported with output_config.effort "max" on this model; use "high" or lower.',
  },
  {
    rule: 'between-tools-unsupported', title: 'between_tools on Sonnet 5',
    bad: request('claude-sonnet-5', HI, { thinking: { type: 'between_tools' } }),
    fixed: request('claude-sonnet-5', HI, { thinking: { type: 'disabled' } }),
    message: '"thinking.type.between_tools" is not supported for this model.',
  },
  {
    rule: 'between-tools-fields', title: 'between_tools with display',
    bad: request('claude-sonnet-5-5', HI, { thinking: { type: 'between_tools', display: 'summarized' } }),
    fixed: request('claude-sonnet-5-5', HI, { thinking: { type: 'between_tools' } }),
    message: 'thinking.between_tools.display: Extra inputs are not permitted',
  },
  {
    rule: 'between-tools-effort', title: 'between_tools at effort xhigh',
    bad: request('claude-sonnet-5-5', HI, { thinking: { type: 'between_tools' }, ...effort('xhigh') }),
    fixed: request('claude-sonnet-5-5', HI, { thinking: { type: 'between_tools' }, ...effort('high') }),
    message: '"thinking.type.between_tools" is not supported with output_config.effort "xhigh"; use "low", "medium" or "high".',
  },
];
