/**
 * The `tools` and `tool_choice` parts of a request: the caller's tools, then the web search and
 * web fetch server tools where enabled and offered; a forced `tool_choice` (`any`/`tool`) falls
 * back to `auto` with thinking on or where the model rejects it.
 */
import type { RequestPartContext, WebSearchSettings } from './requestSettings';
import type { ThinkingChoice } from './requestThinking';
import type { Tool, ToolChoice, VersionedTool } from './types';

/** What the tool choice depends on besides the settings. */
export interface ToolChoiceInputs {
  /** The caller's choice, if it made one. */
  requested: ToolChoice | undefined;
  /** The tools the request will carry. */
  tools: readonly Tool[];
  thinking: ThinkingChoice;
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

/** The caller's tools, followed by the enabled server tools the model offers. */
export function chooseTools({ settings, capabilities: caps, warnings }: RequestPartContext, callerTools: readonly Tool[] | undefined): Tool[] {
  const tools: Tool[] = [...(callerTools ?? [])];
  for (const [name, tool, setting] of [
    ['web_search', settings.webSearch, 'webSearch'],
    ['web_fetch', settings.webFetch, 'webFetch'],
  ] as const) {
    if (!tool.enabled) continue;
    if (!caps.webSearch) {
      warnings.push(`${settings.model} does not offer the ${name} server tool; it was not sent (claudeMessages.${setting}).`);
      continue;
    }
    const built = serverTool(name, tool, warnings, setting);
    if (name === 'web_fetch') built['citations'] = { enabled: settings.webFetch.citations };
    tools.push(built);
  }
  return tools;
}

/** The caller's tool choice, none without tools, and `auto` where forcing a tool is refused. */
export function chooseToolChoice({ settings, capabilities: caps, warnings }: RequestPartContext, inputs: ToolChoiceInputs): ToolChoice | undefined {
  const { requested, tools, thinking } = inputs;
  if (!requested || tools.length === 0) return undefined;
  if (requested.type !== 'any' && requested.type !== 'tool') return requested;
  const reason = thinking.active
    ? 'cannot be forced while thinking is on'
    : !caps.forcedToolChoice
      ? `cannot be forced on ${settings.model}`
      : undefined;
  if (!reason) return requested;
  warnings.push(`Tool use ${reason}; Claude chooses whether to use the tool (tool_choice auto).`);
  return requested.disable_parallel_tool_use !== undefined
    ? { type: 'auto', disable_parallel_tool_use: requested.disable_parallel_tool_use }
    : { type: 'auto' };
}
