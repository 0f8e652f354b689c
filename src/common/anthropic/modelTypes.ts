/**
 * What the extension knows about a model: which request shapes it accepts and what it costs.
 */
import type { Effort } from './types';

/** A Claude model line. `unknown` for ids that name none (other vendors behind a gateway). */
export type ModelFamily = 'opus' | 'sonnet' | 'haiku' | 'fable' | 'mythos' | 'unknown';

/** Prices in USD per million tokens, plus web search per 1000 searches. */
export interface ModelPricing {
  inputPerMTok: number;
  outputPerMTok: number;
  cacheReadPerMTok: number;
  /** 1.25x input. */
  cacheWrite5mPerMTok: number;
  /** 2x input. */
  cacheWrite1hPerMTok: number;
  webSearchPer1000: number;
}

/** The request rules and limits of one model. */
export interface ModelCapabilities {
  id: string;
  displayName: string;
  family: ModelFamily;
  /** e.g. 4.6 for claude-sonnet-4-6; undefined when the id carries no version. */
  version: number | undefined;
  /** Which `thinking.type` values the model accepts. All false: the model does not think. */
  thinking: { adaptive: boolean; enabled: boolean; disabled: boolean };
  /** Whether the model thinks (adaptively) when the request has no `thinking` field. */
  thinkingOnByDefault: boolean;
  /** When set, `thinking: {type: "disabled"}` is only accepted with an effort up to this level. */
  disabledThinkingMaxEffort?: Effort;
  /** Accepted `output_config.effort` values; empty when the model takes no effort parameter. */
  effortLevels: readonly Effort[];
  /** Whether `tool_choice` `any` / `tool` is accepted (never together with thinking). */
  forcedToolChoice: boolean;
  /** Whether non-default `temperature`, `top_p` and `top_k` are accepted. */
  samplingParameters: boolean;
  /** Whether the server web search / web fetch tools are offered. */
  webSearch: boolean;
  /**
   * Whether the server code execution tool is offered. Only `/v1/models` says so; when it is
   * silent (undefined) the tool is sent if the model offers server tools (`webSearch`).
   */
  codeExecution?: boolean;
  contextWindow: number;
  maxOutputTokens: number;
  pricing: ModelPricing;
  /** Where these facts come from: the endpoint's models list, the built-in table, or the id. */
  source: 'api' | 'built-in' | 'inferred';
}

/** All effort levels, lowest first. */
export const EFFORT_LEVELS: readonly Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];
