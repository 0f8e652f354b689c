/**
 * What the extension knows about a model: which request shapes it accepts and what it costs.
 */
import type { Effort } from './types';

/** A Claude model line. `unknown` for ids that name none (other vendors behind a gateway). */
export type ModelFamily = 'opus' | 'sonnet' | 'haiku' | 'fable' | 'mythos' | 'unknown';

/** Token prices of one price tier, in USD per million tokens. */
export interface TokenPrices {
  inputPerMTok: number;
  outputPerMTok: number;
  /** Per model: the newest models read the cache for less than the classic 0.1x input. */
  cacheReadPerMTok: number;
  /** 1.25x input. */
  cacheWrite5mPerMTok: number;
  /** 2x input. */
  cacheWrite1hPerMTok: number;
}

/** A model's prices: its token prices, web search per 1000 searches, and a long-prompt tier if it has one. */
export interface ModelPricing extends TokenPrices {
  webSearchPer1000: number;
  /**
   * Prices for a request whose prompt (input + cache reads + cache writes) is larger than
   * `aboveTokens`; the whole request is billed at them (Haiku 5.5 above 100K prompt tokens).
   */
  longPrompt?: { aboveTokens: number; prices: TokenPrices };
}

/**
 * Which sampling parameters (`temperature`, `top_p`, `top_k`) a model takes (reference §1.2):
 * `all` any of them, also temperature with top_p; `temperature-or-top-p` any, but temperature and
 * top_p not together; `none` only the defaults, so the extension sends none.
 */
export type SamplingRule = 'all' | 'temperature-or-top-p' | 'none';

/** Which `thinking.type` values a model accepts. All false: the model does not think. */
export interface ThinkingTypes {
  adaptive: boolean;
  enabled: boolean;
  disabled: boolean;
  /** `between_tools`: no up-front thinking, short notes between tool calls (Sonnet 5.5 only). */
  betweenTools: boolean;
}

/** The request rules and limits of one model. */
export interface ModelCapabilities {
  id: string;
  displayName: string;
  family: ModelFamily;
  /** e.g. 4.6 for claude-sonnet-4-6; undefined when the id carries no version. */
  version: number | undefined;
  thinking: ThinkingTypes;
  /** Whether the model thinks (adaptively) when the request has no `thinking` field. */
  thinkingOnByDefault: boolean;
  /** What `thinking.display` is when the request leaves it out: `omitted` means empty thinking text. */
  thinkingDisplayDefault: 'summarized' | 'omitted';
  /** When set, `thinking: {type: "disabled"}` is only accepted with an effort up to this level. */
  disabledThinkingMaxEffort?: Effort;
  /** Accepted `output_config.effort` values; empty when the model takes no effort parameter. */
  effortLevels: readonly Effort[];
  /** The effort the model uses when the request names none; undefined without effort or when not known. */
  defaultEffort: Effort | undefined;
  /** Whether `tool_choice` `any` / `tool` is accepted (never together with thinking). */
  forcedToolChoice: boolean;
  sampling: SamplingRule;
  /** Whether a request may end with an assistant message for the model to continue (prefill). */
  prefill: boolean;
  /** Whether the server web search / web fetch tools are offered. */
  webSearch: boolean;
  /**
   * Whether the server code execution tool is offered. Only `/v1/models` says so; when it is
   * silent (undefined) the tool is sent if the model offers server tools (`webSearch`).
   */
  codeExecution?: boolean;
  /** Whether `image` blocks are read; undefined when neither the table nor `/v1/models` said. */
  imageInput?: boolean;
  /** Whether PDF `document` blocks are read; undefined when not known. */
  pdfInput?: boolean;
  contextWindow: number;
  maxOutputTokens: number;
  /** Undefined when the prices are not known: a cost is then not shown rather than guessed. */
  pricing: ModelPricing | undefined;
  /** Where these facts come from: the endpoint's models list, the built-in table, or the id. */
  source: 'api' | 'built-in' | 'inferred';
}

/** All effort levels, lowest first. */
export const EFFORT_LEVELS: readonly Effort[] = ['low', 'medium', 'high', 'xhigh', 'max'];
