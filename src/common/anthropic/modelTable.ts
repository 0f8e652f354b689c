/**
 * The built-in facts about current models (late 2026), from Anthropic's model, pricing, thinking
 * and effort documentation. Used when the endpoint's `/v1/models` has no capabilities.
 */
import type { ModelCapabilities, ModelFamily, ModelPricing } from './modelTypes';
import type { Effort } from './types';

const ALL_EFFORTS: readonly Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];
const NO_XHIGH: readonly Effort[] = ['low', 'medium', 'high', 'max'];
const UP_TO_HIGH: readonly Effort[] = ['low', 'medium', 'high'];

/** Prices from input, output and cache read; cache writes are 1.25x (5 min) and 2x (1 h) input. */
export function pricing(input: number, output: number, cacheRead: number): ModelPricing {
  return {
    inputPerMTok: input,
    outputPerMTok: output,
    cacheReadPerMTok: cacheRead,
    cacheWrite5mPerMTok: input * 1.25,
    cacheWrite1hPerMTok: input * 2,
    webSearchPer1000: 10,
  };
}

type Row = Omit<ModelCapabilities, 'id' | 'displayName' | 'family' | 'version' | 'source'>;

function row(id: string, displayName: string, family: ModelFamily, version: number, rest: Row): ModelCapabilities {
  return { id, displayName, family, version, ...rest, source: 'built-in' };
}

// Fable / Mythos: adaptive thinking is always on; both `disabled` and a budget are rejected.
const fableLike = (forced: boolean, cacheRead: number): Row => ({
  thinking: { adaptive: true, enabled: false, disabled: false },
  thinkingOnByDefault: true,
  effortLevels: ALL_EFFORTS,
  forcedToolChoice: forced,
  samplingParameters: false,
  webSearch: true,
  contextWindow: 1_000_000,
  maxOutputTokens: 128_000,
  pricing: pricing(10, 50, cacheRead),
});

/** The models offered in the picker when the endpoint does not list its own. Newest first. */
export const BUILT_IN_MODELS: readonly ModelCapabilities[] = [
  row('claude-fable-5-1', 'Claude Fable 5.1', 'fable', 5.1, fableLike(false, 0.25)),
  row('claude-fable-5', 'Claude Fable 5', 'fable', 5, fableLike(true, 1)),
  row('claude-mythos-5-1', 'Claude Mythos 5.1', 'mythos', 5.1, fableLike(false, 0.25)),
  row('claude-mythos-5', 'Claude Mythos 5', 'mythos', 5, fableLike(true, 1)),
  row('claude-opus-5', 'Claude Opus 5', 'opus', 5, {
    thinking: { adaptive: true, enabled: false, disabled: true },
    thinkingOnByDefault: true,
    // Opus 5 turns thinking off only at effort high or below.
    disabledThinkingMaxEffort: 'high',
    effortLevels: ALL_EFFORTS,
    forcedToolChoice: true,
    samplingParameters: false,
    webSearch: true,
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    pricing: pricing(5, 25, 0.5),
  }),
  row('claude-sonnet-5', 'Claude Sonnet 5', 'sonnet', 5, {
    thinking: { adaptive: true, enabled: false, disabled: true },
    thinkingOnByDefault: true,
    effortLevels: ALL_EFFORTS,
    forcedToolChoice: true,
    samplingParameters: false,
    webSearch: true,
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    pricing: pricing(2, 10, 0.2),
  }),
  row('claude-opus-4-7', 'Claude Opus 4.7', 'opus', 4.7, {
    thinking: { adaptive: true, enabled: false, disabled: true },
    thinkingOnByDefault: false,
    effortLevels: ALL_EFFORTS,
    forcedToolChoice: true,
    samplingParameters: false,
    webSearch: true,
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    pricing: pricing(5, 25, 0.5),
  }),
  row('claude-opus-4-6', 'Claude Opus 4.6', 'opus', 4.6, {
    // budget_tokens still works here but is deprecated; the request builder prefers adaptive.
    thinking: { adaptive: true, enabled: true, disabled: true },
    thinkingOnByDefault: false,
    effortLevels: NO_XHIGH,
    forcedToolChoice: true,
    samplingParameters: true,
    webSearch: true,
    contextWindow: 1_000_000,
    maxOutputTokens: 128_000,
    pricing: pricing(5, 25, 0.5),
  }),
  row('claude-sonnet-4-6', 'Claude Sonnet 4.6', 'sonnet', 4.6, {
    thinking: { adaptive: true, enabled: true, disabled: true },
    thinkingOnByDefault: false,
    effortLevels: NO_XHIGH,
    forcedToolChoice: true,
    samplingParameters: true,
    webSearch: true,
    contextWindow: 1_000_000,
    maxOutputTokens: 64_000,
    pricing: pricing(3, 15, 0.3),
  }),
  row('claude-opus-4-5', 'Claude Opus 4.5', 'opus', 4.5, {
    thinking: { adaptive: false, enabled: true, disabled: true },
    thinkingOnByDefault: false,
    effortLevels: UP_TO_HIGH,
    forcedToolChoice: true,
    samplingParameters: true,
    webSearch: true,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: pricing(5, 25, 0.5),
  }),
  row('claude-sonnet-4-5', 'Claude Sonnet 4.5', 'sonnet', 4.5, {
    thinking: { adaptive: false, enabled: true, disabled: true },
    thinkingOnByDefault: false,
    effortLevels: [],
    forcedToolChoice: true,
    samplingParameters: true,
    webSearch: true,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: pricing(3, 15, 0.3),
  }),
  row('claude-haiku-4-5', 'Claude Haiku 4.5', 'haiku', 4.5, {
    thinking: { adaptive: false, enabled: true, disabled: true },
    thinkingOnByDefault: false,
    effortLevels: [],
    forcedToolChoice: true,
    samplingParameters: true,
    webSearch: true,
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    pricing: pricing(1, 5, 0.1),
  }),
];
