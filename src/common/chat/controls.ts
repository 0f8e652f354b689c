/** The chat's control row, derived from settings and what the model accepts. */
import type { ModelCapabilities } from '../anthropic/models';
import type { RequestSettings } from '../anthropic/request';
import type { ChatControls, ModelOption } from '../protocol';

export function chatControls(settings: RequestSettings, capabilities: ModelCapabilities, models: ModelOption[]): ChatControls {
  const list = models.some((m) => m.id === settings.model) ? models : [{ id: settings.model, label: settings.model }, ...models];
  const thinkingChoices: ChatControls['thinkingChoices'] = ['auto'];
  if (capabilities.thinking.adaptive || capabilities.thinking.enabled) thinkingChoices.push('on');
  if (capabilities.thinking.disabled || !capabilities.thinkingOnByDefault) thinkingChoices.push('off');
  return {
    model: settings.model,
    models: list,
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
