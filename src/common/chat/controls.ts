/** The chat's control chips, derived from settings, the chat's own model and what it accepts. */
import type { ModelCapabilities } from '../anthropic/models';
import type { RequestSettings } from '../anthropic/request';
import type { ChatControls, ModelOption } from '../protocol';

/**
 * `settings.model` is the chat's own model (saved with the conversation); `defaultModel` the
 * `claudeMessages.model` setting new chats start from, which the model menu names.
 * `models` and `modelWarning` are the one model list (src/common/models/modelChoice.ts), passed
 * through unchanged so the picker offers what Select Model offers; a chosen model missing from it
 * is still shown as chosen by the view.
 */
export function chatControls(settings: RequestSettings, capabilities: ModelCapabilities, models: ModelOption[], modelWarning: string | undefined, defaultModel: string): ChatControls {
  const thinkingChoices: ChatControls['thinkingChoices'] = ['auto'];
  if (capabilities.thinking.adaptive || capabilities.thinking.enabled) thinkingChoices.push('on');
  // Sonnet 5.5 cannot disable thinking, but `off` there means `between_tools` (no up-front thinking).
  if (capabilities.thinking.disabled || capabilities.thinking.betweenTools || !capabilities.thinkingOnByDefault) thinkingChoices.push('off');
  return {
    model: settings.model,
    defaultModel,
    models,
    ...(modelWarning ? { modelWarning } : {}),
    effort: settings.effort,
    efforts: ['default', ...capabilities.effortLevels],
    thinking: settings.thinking,
    thinkingChoices,
    thinkingBudgetTokens: settings.thinkingBudgetTokens,
    thinkingBudgetApplies: capabilities.thinking.enabled && !capabilities.thinking.adaptive,
    webSearch: settings.webSearch.enabled,
    webFetch: settings.webFetch.enabled,
    codeExecution: settings.codeExecution.enabled,
  };
}
