/**
 * The `tools` and `container` parts of a request: the caller's tools, then the web search, web
 * fetch and code execution server tools where enabled and offered; the container of an earlier
 * reply while it lives and code execution is on. `tool_choice` is decided in requestToolChoice.ts.
 */
import type { RequestPartContext, WebSearchSettings } from './requestSettings';
import type { Container, Tool, VersionedTool } from './types';

/** The name every code execution tool version has. */
export const CODE_EXECUTION_TOOL_NAME = 'code_execution';

/**
 * How long a container must still live to be sent. A reply can stream for minutes and the sandbox
 * has to outlast it; without the id the API simply starts a fresh container.
 */
export const CONTAINER_MIN_REMAINING_MS = 60_000;

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

/** The caller's tools, followed by the enabled server tools the model offers (web search, web fetch, code execution). */
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
  const code = codeExecutionTool({ settings, capabilities: caps, warnings });
  if (code) tools.push(code);
  return tools;
}

function codeExecutionTool({ settings, capabilities: caps, warnings }: RequestPartContext): VersionedTool | undefined {
  if (!settings.codeExecution.enabled) return undefined;
  // Most model lists do not say; a model that offers server tools is assumed to offer this one.
  if (caps.codeExecution ?? caps.webSearch) return { type: settings.codeExecution.toolVersion, name: CODE_EXECUTION_TOOL_NAME };
  warnings.push(`${settings.model} does not offer the code_execution server tool; it was not sent (claudeMessages.codeExecution).`);
  return undefined;
}

/**
 * The id to send as `container`: the earlier reply's, while code execution is in the request and
 * the container lives at least {@link CONTAINER_MIN_REMAINING_MS} longer. An expiry that cannot be
 * read counts as expired; the API then simply starts a new container.
 */
export function chooseContainer(tools: readonly Tool[], container: Container | undefined, now: number): string | undefined {
  if (!container || !tools.some((tool) => tool.name === CODE_EXECUTION_TOOL_NAME)) return undefined;
  const expires = Date.parse(container.expires_at);
  return Number.isFinite(expires) && expires - now >= CONTAINER_MIN_REMAINING_MS ? container.id : undefined;
}
