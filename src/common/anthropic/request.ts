/**
 * Settings + model capabilities + conversation -> the body of `POST /v1/messages`, plus warnings
 * for every setting that had to be dropped or changed because the model would reject it. Each part
 * of the body is decided in a file of its own (thinking and effort, sampling, tools); this module
 * composes them and always builds the body in the same key order, so equal inputs serialize to
 * equal bytes.
 */
import { placeCacheBreakpoints, stripCacheMarkers } from './caching';
import { chooseSampling } from './requestSampling';
import type { SamplingParameters } from './requestSampling';
import type { BuildRequestInput, BuiltRequest, RequestPartContext, RequestSettings } from './requestSettings';
import { chooseEffort, chooseThinking } from './requestThinking';
import { chooseToolChoice } from './requestToolChoice';
import { chooseContainer, chooseTools } from './requestTools';
import type { Effort, MessageParam, MessagesRequest, SystemTextBlock, ThinkingParam, Tool, ToolChoice } from './types';

export type {
  BuildRequestInput,
  BuiltRequest,
  CodeExecutionSettings,
  RequestSettings,
  ToolChoiceSettings,
  WebFetchSettings,
  WebSearchSettings,
} from './requestSettings';
export { MIN_THINKING_BUDGET } from './requestThinking';
export { RequestSettingsError } from './requestToolChoice';

/** The decided parts of the body, before they are put in the body's fixed key order. */
interface RequestParts {
  maxTokens: number;
  system: SystemTextBlock[];
  tools: Tool[];
  toolChoice: ToolChoice | undefined;
  thinking: ThinkingParam | undefined;
  effort: Effort | undefined;
  sampling: SamplingParameters;
  container: string | undefined;
}

/**
 * Builds the request body. Rules, per model capabilities:
 * - sampling parameters only when set and accepted; never `temperature` with `top_p` (temperature
 *   wins); with thinking on, `temperature` only if 1, `top_p` only within 0.95..1, no `top_k`;
 * - thinking: `auto` = adaptive where the model has it, else none; `on` = adaptive, or a budget
 *   (clamped to 1024 ≤ budget < max_tokens) on budget-only models; `off` = `disabled` where the
 *   model allows it;
 * - `output_config.effort` only when set and accepted;
 * - `tool_choice` only with tools and when it says more than plain `auto`; a forced one (`any`/
 *   `tool`) from the settings throws a {@link RequestSettingsError} with thinking on or where the
 *   model refuses it (a feature's own choice falls back to `auto` instead);
 * - `container` (the earlier reply's code execution sandbox) only with code execution, while it lives;
 * - `max_tokens` capped at the model's maximum; cache breakpoints placed per `cacheTtl`.
 * @throws RequestSettingsError when the settings ask for a request the API would refuse.
 */
export function buildMessagesRequest(input: BuildRequestInput): BuiltRequest {
  const { settings } = input;
  const part: RequestPartContext = { settings, capabilities: input.capabilities, warnings: [] };
  const maxTokens = chooseMaxTokens(part);
  // Effort before thinking: turning thinking off can depend on it.
  const effort = chooseEffort(part);
  const thinking = chooseThinking(part, { maxTokens, effort });
  const sampling = chooseSampling(part, thinking);
  const tools = chooseTools(part, input.tools);
  const toolChoice = chooseToolChoice(part, { requested: input.toolChoice, tools, thinking });
  const container = chooseContainer(tools, input.container, input.now ?? Date.now());
  const system = systemBlocks(settings.system, input.extraSystem);
  const parts: RequestParts = { maxTokens, system, tools, toolChoice, thinking: thinking.param, effort, sampling, container };
  const request = assembleBody(settings, input.messages, parts);
  const body = settings.cacheTtl === 'off' ? stripCacheMarkers(request) : placeCacheBreakpoints(request, settings.cacheTtl);
  return { body, warnings: part.warnings };
}

/** `max_tokens`: the setting as a whole number of at least 1, capped at what the model produces. */
function chooseMaxTokens({ settings, capabilities: caps, warnings }: RequestPartContext): number {
  const maxTokens = Math.max(1, Math.floor(settings.maxTokens));
  if (maxTokens <= caps.maxOutputTokens) return maxTokens;
  warnings.push(
    `${settings.model} produces at most ${caps.maxOutputTokens} tokens; max_tokens was lowered from ${maxTokens} (claudeMessages.maxTokens).`,
  );
  return caps.maxOutputTokens;
}

/** The user's system prompt, then the feature's own instructions; blank ones are left out. */
function systemBlocks(userSystem: string, extraSystem: string | undefined): SystemTextBlock[] {
  const system: SystemTextBlock[] = [];
  if (userSystem.trim() !== '') system.push({ type: 'text', text: userSystem });
  if (extraSystem && extraSystem.trim() !== '') system.push({ type: 'text', text: extraSystem });
  return system;
}

/** The body, always in this key order; optional fields only when they have something to say. */
function assembleBody(settings: RequestSettings, messages: MessageParam[], parts: RequestParts): MessagesRequest {
  const { system, tools, toolChoice, thinking, effort } = parts;
  const { temperature, topP, topK } = parts.sampling;
  const stops = settings.stopSequences.filter((s) => s.length > 0);
  const userId = settings.metadataUserId.trim();
  return {
    model: settings.model,
    max_tokens: parts.maxTokens,
    ...(system.length > 0 ? { system } : {}),
    messages,
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
    ...(parts.container !== undefined ? { container: parts.container } : {}),
    stream: true,
  };
}
