/**
 * Settings + model capabilities + conversation -> the body of `POST /v1/messages`, plus warnings
 * for every setting that had to be dropped or changed because the model would reject it. The body
 * is always built in the same key order, so equal inputs serialize to equal bytes.
 */
import { placeCacheBreakpoints, stripCacheMarkers } from './caching';
import type { ModelCapabilities } from './modelTypes';
import { EFFORT_LEVELS } from './modelTypes';
import type { Effort, MessageParam, MessagesRequest, SystemTextBlock, ThinkingParam, Tool, ToolChoice, VersionedTool } from './types';

/** Server web search settings (`claudeMessages.webSearch*`). */
export interface WebSearchSettings {
  enabled: boolean;
  toolVersion: string;
  maxUses: number;
  allowedDomains: string[];
  blockedDomains: string[];
}

/** Server web fetch settings (`claudeMessages.webFetch*`). */
export interface WebFetchSettings extends WebSearchSettings {
  citations: boolean;
}

/** The request-shaping settings, as read from `claudeMessages.*`. */
export interface RequestSettings {
  model: string;
  maxTokens: number;
  system: string;
  temperature: number | null;
  topP: number | null;
  topK: number | null;
  stopSequences: string[];
  thinking: 'auto' | 'on' | 'off';
  thinkingBudgetTokens: number;
  thinkingDisplay: 'summarized' | 'omitted';
  effort: 'default' | Effort;
  webSearch: WebSearchSettings;
  webFetch: WebFetchSettings;
  cacheTtl: '5m' | '1h' | 'off';
  serviceTier: 'default' | 'auto' | 'standard_only';
  metadataUserId: string;
}

/** Everything one request is built from. */
export interface BuildRequestInput {
  settings: RequestSettings;
  capabilities: ModelCapabilities;
  messages: MessageParam[];
  /** Tools of the calling feature (e.g. the text editor tool), placed before web search/fetch. */
  tools?: Tool[];
  toolChoice?: ToolChoice;
  /** A feature's own instructions, sent as a second system block after the user's system prompt. */
  extraSystem?: string;
}

/** The body to send and what was changed to make it acceptable. */
export interface BuiltRequest {
  body: MessagesRequest;
  warnings: string[];
}

/** Smallest `thinking.budget_tokens` the API accepts. */
export const MIN_THINKING_BUDGET = 1024;

function effortRank(effort: Effort): number {
  return EFFORT_LEVELS.indexOf(effort);
}

function serverTool(
  name: 'web_search' | 'web_fetch',
  settings: WebSearchSettings,
  warnings: string[],
  setting: string,
): VersionedTool {
  const tool: VersionedTool = { type: settings.toolVersion, name };
  if (Number.isInteger(settings.maxUses) && settings.maxUses >= 1) tool['max_uses'] = settings.maxUses;
  const allowed = settings.allowedDomains.filter((d) => d.trim() !== '');
  const blocked = settings.blockedDomains.filter((d) => d.trim() !== '');
  if (allowed.length > 0) {
    tool['allowed_domains'] = allowed;
    if (blocked.length > 0) {
      warnings.push(
        `${setting}: allowed and blocked domains cannot be combined; only the allowed domains are sent (claudeMessages.${setting}BlockedDomains ignored).`,
      );
    }
  } else if (blocked.length > 0) {
    tool['blocked_domains'] = blocked;
  }
  return tool;
}

/**
 * Builds the request body. Rules, per model capabilities:
 * - sampling parameters only when set and accepted; never `temperature` with `top_p` (temperature
 *   wins); with thinking on, `temperature` only if 1, `top_p` only within 0.95..1, no `top_k`;
 * - thinking: `auto` = adaptive where the model has it, else none; `on` = adaptive, or a budget
 *   (clamped to 1024 ≤ budget < max_tokens) on budget-only models; `off` = `disabled` where the
 *   model allows it;
 * - `output_config.effort` only when set and accepted;
 * - forced `tool_choice` (`any`/`tool`) falls back to `auto` with thinking on or where rejected;
 * - `max_tokens` capped at the model's maximum; cache breakpoints placed per `cacheTtl`.
 */
export function buildMessagesRequest(input: BuildRequestInput): BuiltRequest {
  const { settings, capabilities: caps } = input;
  const warnings: string[] = [];
  const model = settings.model;

  // max_tokens
  let maxTokens = Math.max(1, Math.floor(settings.maxTokens));
  if (maxTokens > caps.maxOutputTokens) {
    warnings.push(
      `${model} produces at most ${caps.maxOutputTokens} tokens; max_tokens was lowered from ${maxTokens} (claudeMessages.maxTokens).`,
    );
    maxTokens = caps.maxOutputTokens;
  }

  // effort (decided before thinking: turning thinking off can depend on it)
  let effort: Effort | undefined;
  if (settings.effort !== 'default') {
    if (caps.effortLevels.includes(settings.effort)) {
      effort = settings.effort;
    } else if (caps.effortLevels.length === 0) {
      warnings.push(`${model} takes no effort level; "${settings.effort}" was not sent (claudeMessages.effort).`);
    } else {
      warnings.push(
        `${model} accepts effort ${caps.effortLevels.join(', ')}, not "${settings.effort}"; no effort was sent (claudeMessages.effort).`,
      );
    }
  }

  // thinking
  let thinking: ThinkingParam | undefined;
  let thinkingActive = caps.thinkingOnByDefault;
  const adaptive = (): ThinkingParam => ({ type: 'adaptive', display: settings.thinkingDisplay });
  const canThink = caps.thinking.adaptive || caps.thinking.enabled;
  if (settings.thinking === 'off') {
    if (!canThink) {
      thinkingActive = false;
    } else if (!caps.thinking.disabled) {
      warnings.push(`${model} cannot turn thinking off; it thinks adaptively (claudeMessages.thinking).`);
      if (caps.thinking.adaptive) thinking = adaptive();
      thinkingActive = true;
    } else if (caps.disabledThinkingMaxEffort && effort && effortRank(effort) > effortRank(caps.disabledThinkingMaxEffort)) {
      warnings.push(
        `${model} turns thinking off only at effort ${caps.disabledThinkingMaxEffort} or lower; thinking stays on at effort ${effort} (claudeMessages.thinking, claudeMessages.effort).`,
      );
      if (caps.thinking.adaptive) thinking = adaptive();
      thinkingActive = true;
    } else {
      thinking = { type: 'disabled' };
      thinkingActive = false;
    }
  } else if (caps.thinking.adaptive) {
    thinking = adaptive();
    thinkingActive = true;
  } else if (settings.thinking === 'on') {
    if (!caps.thinking.enabled) {
      warnings.push(`${model} does not support thinking; it was not requested (claudeMessages.thinking).`);
    } else if (maxTokens <= MIN_THINKING_BUDGET) {
      warnings.push(
        `Thinking needs max_tokens above ${MIN_THINKING_BUDGET}; it was not requested (claudeMessages.maxTokens, claudeMessages.thinking).`,
      );
    } else {
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
      thinking = { type: 'enabled', budget_tokens: budget };
      thinkingActive = true;
    }
  }

  // sampling parameters
  let temperature = settings.temperature;
  let topP = settings.topP;
  let topK = settings.topK;
  if (!caps.samplingParameters) {
    const dropped = [
      temperature !== null ? 'temperature (claudeMessages.temperature)' : undefined,
      topP !== null ? 'top_p (claudeMessages.topP)' : undefined,
      topK !== null ? 'top_k (claudeMessages.topK)' : undefined,
    ].filter((d): d is string => d !== undefined);
    if (dropped.length > 0) warnings.push(`${model} does not accept sampling parameters; not sent: ${dropped.join(', ')}.`);
    temperature = topP = topK = null;
  }
  if (temperature !== null && (temperature < 0 || temperature > 1)) {
    warnings.push(`temperature must be between 0 and 1; ${temperature} was not sent (claudeMessages.temperature).`);
    temperature = null;
  }
  if (topP !== null && (topP < 0 || topP > 1)) {
    warnings.push(`top_p must be between 0 and 1; ${topP} was not sent (claudeMessages.topP).`);
    topP = null;
  }
  if (topK !== null && (!Number.isInteger(topK) || topK < 1)) {
    warnings.push(`top_k must be a whole number of at least 1; ${topK} was not sent (claudeMessages.topK).`);
    topK = null;
  }
  if (temperature !== null && topP !== null) {
    warnings.push('temperature and top_p cannot be sent together; only temperature is sent (claudeMessages.topP ignored).');
    topP = null;
  }
  if (thinkingActive) {
    if (temperature !== null && temperature !== 1) {
      warnings.push(`With thinking, temperature can only be 1; ${temperature} was not sent (claudeMessages.temperature).`);
      temperature = null;
    }
    if (topP !== null && topP < 0.95) {
      warnings.push(`With thinking, top_p must be between 0.95 and 1; ${topP} was not sent (claudeMessages.topP).`);
      topP = null;
    }
    if (topK !== null) {
      warnings.push(`With thinking, top_k cannot be set; ${topK} was not sent (claudeMessages.topK).`);
      topK = null;
    }
  }

  // tools
  const tools: Tool[] = [...(input.tools ?? [])];
  for (const [name, tool, setting] of [
    ['web_search', settings.webSearch, 'webSearch'],
    ['web_fetch', settings.webFetch, 'webFetch'],
  ] as const) {
    if (!tool.enabled) continue;
    if (!caps.webSearch) {
      warnings.push(`${model} does not offer the ${name} server tool; it was not sent (claudeMessages.${setting}).`);
      continue;
    }
    const built = serverTool(name, tool, warnings, setting);
    if (name === 'web_fetch') built['citations'] = { enabled: settings.webFetch.citations };
    tools.push(built);
  }

  // tool_choice
  let toolChoice = input.toolChoice;
  if (toolChoice && tools.length === 0) toolChoice = undefined;
  if (toolChoice && (toolChoice.type === 'any' || toolChoice.type === 'tool')) {
    const reason = thinkingActive ? 'cannot be forced while thinking is on' : !caps.forcedToolChoice ? `cannot be forced on ${model}` : undefined;
    if (reason) {
      warnings.push(`Tool use ${reason}; Claude chooses whether to use the tool (tool_choice auto).`);
      toolChoice =
        toolChoice.disable_parallel_tool_use !== undefined
          ? { type: 'auto', disable_parallel_tool_use: toolChoice.disable_parallel_tool_use }
          : { type: 'auto' };
    }
  }

  // system
  const system: SystemTextBlock[] = [];
  if (settings.system.trim() !== '') system.push({ type: 'text', text: settings.system });
  if (input.extraSystem && input.extraSystem.trim() !== '') system.push({ type: 'text', text: input.extraSystem });

  // The body, always in this key order.
  const stops = settings.stopSequences.filter((s) => s.length > 0);
  const userId = settings.metadataUserId.trim();
  const request: MessagesRequest = {
    model,
    max_tokens: maxTokens,
    ...(system.length > 0 ? { system } : {}),
    messages: input.messages,
    ...(tools.length > 0 ? { tools } : {}),
    ...(toolChoice ? { tool_choice: toolChoice } : {}),
    ...(thinking ? { thinking } : {}),
    ...(effort ? { output_config: { effort } } : {}),
    ...(temperature !== null ? { temperature } : {}),
    ...(topP !== null ? { top_p: topP } : {}),
    ...(topK !== null ? { top_k: topK } : {}),
    ...(stops.length > 0 ? { stop_sequences: stops } : {}),
    ...(userId !== '' ? { metadata: { user_id: userId } } : {}),
    ...(settings.serviceTier !== 'default' ? { service_tier: settings.serviceTier } : {}),
    stream: true,
  };

  const final = settings.cacheTtl === 'off' ? stripCacheMarkers(request) : placeCacheBreakpoints(request, settings.cacheTtl);
  return { body: final, warnings };
}
