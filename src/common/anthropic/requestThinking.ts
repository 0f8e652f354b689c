/**
 * The `output_config.effort` and `thinking` parts of a request. Effort is decided first, since
 * whether thinking can be turned off may depend on it.
 */
import { EFFORT_LEVELS } from './modelTypes';
import type { RequestPartContext, RequestSettings } from './requestSettings';
import type { Effort, ThinkingParam } from './types';

/** Smallest `thinking.budget_tokens` the API accepts. */
export const MIN_THINKING_BUDGET = 1024;

/** The `thinking` field to send, if any, and whether the model will think. */
export interface ThinkingChoice {
  param: ThinkingParam | undefined;
  /** True when the model thinks, also when it does so by default and no field is sent. */
  active: boolean;
}

/** What the thinking decision needs besides the settings: the final `max_tokens` and effort. */
export interface ThinkingInputs {
  maxTokens: number;
  effort: Effort | undefined;
}

function effortRank(effort: Effort): number {
  return EFFORT_LEVELS.indexOf(effort);
}

/** The effort to send: the setting when the model accepts that level, else none and a warning. */
export function chooseEffort({ settings, capabilities: caps, warnings }: RequestPartContext): Effort | undefined {
  if (settings.effort === 'default') return undefined;
  if (caps.effortLevels.includes(settings.effort)) return settings.effort;
  if (caps.effortLevels.length === 0) {
    warnings.push(`${settings.model} takes no effort level; "${settings.effort}" was not sent (claudeMessages.effort).`);
  } else {
    warnings.push(
      `${settings.model} accepts effort ${caps.effortLevels.join(', ')}, not "${settings.effort}"; no effort was sent (claudeMessages.effort).`,
    );
  }
  return undefined;
}

/**
 * `auto` = adaptive where the model has it, else none; `on` = adaptive, or a budget (clamped to
 * 1024 ≤ budget < max_tokens) on budget-only models; `off` = `disabled` where the model allows it,
 * else `between_tools` where the model has that (Sonnet 5.5).
 */
export function chooseThinking(part: RequestPartContext, inputs: ThinkingInputs): ThinkingChoice {
  const { settings, capabilities: caps } = part;
  if (settings.thinking === 'off') return thinkingTurnedOff(part, inputs.effort);
  if (caps.thinking.adaptive) return { param: adaptiveThinking(settings), active: true };
  if (settings.thinking === 'on') return budgetThinking(part, inputs.maxTokens);
  return { param: undefined, active: caps.thinkingOnByDefault };
}

function adaptiveThinking(settings: RequestSettings): ThinkingParam {
  return { type: 'adaptive', display: settings.thinkingDisplay };
}

/** A model that cannot stop thinking thinks anyway; say so adaptively where it takes that. */
function thinkingKeptOn({ settings, capabilities: caps }: RequestPartContext): ThinkingChoice {
  return { param: caps.thinking.adaptive ? adaptiveThinking(settings) : undefined, active: true };
}

function thinkingTurnedOff(part: RequestPartContext, effort: Effort | undefined): ThinkingChoice {
  const { settings, capabilities: caps, warnings } = part;
  const model = settings.model;
  if (!caps.thinking.adaptive && !caps.thinking.enabled) return { param: undefined, active: false };
  if (!caps.thinking.disabled && caps.thinking.betweenTools) return betweenTools(part, effort);
  if (!caps.thinking.disabled) {
    warnings.push(`${model} cannot turn thinking off; it thinks adaptively (claudeMessages.thinking).`);
    return thinkingKeptOn(part);
  }
  const maxEffort = caps.disabledThinkingMaxEffort;
  if (maxEffort && effort && effortRank(effort) > effortRank(maxEffort)) {
    warnings.push(
      `${model} turns thinking off only at effort ${maxEffort} or lower; thinking stays on at effort ${effort} (claudeMessages.thinking, claudeMessages.effort).`,
    );
    return thinkingKeptOn(part);
  }
  return { param: { type: 'disabled' }, active: false };
}

/** The highest effort `between_tools` is accepted with (reference §1.5: xhigh and max are refused). */
const BETWEEN_TOOLS_MAX_EFFORT: Effort = 'high';

/**
 * `off` on a model that cannot disable thinking but can skip it up front. Its short notes between
 * tool calls are still thinking blocks, so the request counts as thinking (no forced tool choice).
 */
function betweenTools(part: RequestPartContext, effort: Effort | undefined): ThinkingChoice {
  if (effort && effortRank(effort) > effortRank(BETWEEN_TOOLS_MAX_EFFORT)) {
    part.warnings.push(
      `${part.settings.model} skips up-front thinking only at effort ${BETWEEN_TOOLS_MAX_EFFORT} or lower; thinking stays on at effort ${effort} (claudeMessages.thinking, claudeMessages.effort).`,
    );
    return thinkingKeptOn(part);
  }
  return { param: { type: 'between_tools' }, active: true };
}

/** Thinking on a model without adaptive thinking: a budget, when the model and max_tokens allow one. */
function budgetThinking(part: RequestPartContext, maxTokens: number): ThinkingChoice {
  const { settings, capabilities: caps, warnings } = part;
  const notRequested: ThinkingChoice = { param: undefined, active: caps.thinkingOnByDefault };
  if (!caps.thinking.enabled) {
    warnings.push(`${settings.model} does not support thinking; it was not requested (claudeMessages.thinking).`);
    return notRequested;
  }
  if (maxTokens <= MIN_THINKING_BUDGET) {
    warnings.push(
      `Thinking needs max_tokens above ${MIN_THINKING_BUDGET}; it was not requested (claudeMessages.maxTokens, claudeMessages.thinking).`,
    );
    return notRequested;
  }
  return { param: { type: 'enabled', budget_tokens: clampedBudget(part, maxTokens) }, active: true };
}

function clampedBudget({ settings, warnings }: RequestPartContext, maxTokens: number): number {
  let budget = Math.floor(settings.thinkingBudgetTokens);
  if (!Number.isFinite(budget) || budget < MIN_THINKING_BUDGET) {
    warnings.push(`The thinking budget was raised to the minimum of ${MIN_THINKING_BUDGET} tokens (claudeMessages.thinkingBudgetTokens).`);
    budget = MIN_THINKING_BUDGET;
  }
  if (budget >= maxTokens) {
    warnings.push(
      `The thinking budget must be below max_tokens (${maxTokens}); it was lowered to ${maxTokens - 1} (claudeMessages.thinkingBudgetTokens).`,
    );
    budget = maxTokens - 1;
  }
  return budget;
}
