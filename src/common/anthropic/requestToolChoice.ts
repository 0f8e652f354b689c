/**
 * The `tool_choice` part of a request.
 *
 * The user's choice (`claudeMessages.toolChoice`, `toolChoiceName`, `disableParallelToolUse`) is
 * sent only when the request has tools and the choice says more than the API's default (`auto`
 * with parallel calls allowed). A forced choice (`any` / `tool`) the API would refuse — with
 * thinking on, or on a model that refuses forcing — stops the request before it is sent, with the
 * settings to change: quietly sending `auto` instead would do what the user did not ask for.
 *
 * A feature's own choice (the caller's `toolChoice`) is a preference the feature can work without,
 * so it falls back to `auto`, with a warning, where forcing is refused.
 */
import { ClaudeApiError } from './errorTaxonomy';
import type { SettingName } from './errorTaxonomy';
import type { RequestPartContext } from './requestSettings';
import type { ThinkingChoice } from './requestThinking';
import type { Tool, ToolChoice } from './types';

/** What the tool choice depends on besides the settings. */
export interface ToolChoiceInputs {
  /** The calling feature's choice, if it made one; it overrides the setting. */
  requested: ToolChoice | undefined;
  /** The tools the request will carry. */
  tools: readonly Tool[];
  thinking: ThinkingChoice;
}

/**
 * A request the settings ask for that the API would refuse, found before anything was sent. Its
 * message says which setting to change; sending the same request again cannot succeed.
 */
export class RequestSettingsError extends ClaudeApiError {
  override readonly name = 'RequestSettingsError';
  constructor(message: string, setting: SettingName) {
    super(message, { kind: 'invalid_request_error', retryable: false, setting });
  }
}

const NOT_SENT = 'Claude Messages did not send the request:';
const UNFORCED = 'claudeMessages.toolChoice to "auto" or "none"';

/** The tool choice to send: none without tools; the caller's, else the user's setting. */
export function chooseToolChoice(part: RequestPartContext, inputs: ToolChoiceInputs): ToolChoice | undefined {
  if (inputs.tools.length === 0) return undefined;
  return inputs.requested ? callerChoice(part, inputs.requested, inputs.thinking) : settingsChoice(part, inputs);
}

/** Why the API would refuse a forced choice in this request; undefined when it accepts one. */
function forcingRefused({ capabilities: caps }: RequestPartContext, thinking: ThinkingChoice): 'thinking' | 'model' | undefined {
  if (!caps.forcedToolChoice) return 'model';
  return thinking.active ? 'thinking' : undefined;
}

function callerChoice(part: RequestPartContext, requested: ToolChoice, thinking: ThinkingChoice): ToolChoice {
  if (requested.type !== 'any' && requested.type !== 'tool') return requested;
  const refused = forcingRefused(part, thinking);
  if (!refused) return requested;
  const reason = refused === 'thinking' ? 'cannot be forced while thinking is on' : `cannot be forced on ${part.settings.model}`;
  part.warnings.push(`Tool use ${reason}; Claude chooses whether to use the tool (tool_choice auto).`);
  return requested.disable_parallel_tool_use !== undefined
    ? { type: 'auto', disable_parallel_tool_use: requested.disable_parallel_tool_use }
    : { type: 'auto' };
}

/** `claudeMessages.toolChoice` as a `tool_choice`, or a RequestSettingsError where it would be refused. */
function settingsChoice(part: RequestPartContext, inputs: ToolChoiceInputs): ToolChoice | undefined {
  const { mode, disableParallelToolUse } = part.settings.toolChoice;
  const parallel = disableParallelToolUse ? { disable_parallel_tool_use: true } : {};
  switch (mode) {
    case 'auto':
      // Plain auto is what the API does without the field: leave it out.
      return disableParallelToolUse ? { type: 'auto', disable_parallel_tool_use: true } : undefined;
    case 'none':
      if (disableParallelToolUse) {
        part.warnings.push('With tool choice "none" no tool is called, so disable_parallel_tool_use was not sent (claudeMessages.disableParallelToolUse).');
      }
      return { type: 'none' };
    case 'any':
      assertForcingAccepted(part, inputs.thinking);
      return { type: 'any', ...parallel };
    case 'tool': {
      const name = forcedToolName(part, inputs.tools);
      assertForcingAccepted(part, inputs.thinking);
      return { type: 'tool', name, ...parallel };
    }
  }
}

/** The tool `toolChoice: "tool"` names, when the request carries it. */
function forcedToolName({ settings }: RequestPartContext, tools: readonly Tool[]): string {
  const name = settings.toolChoice.name.trim();
  if (name === '') {
    throw new RequestSettingsError(
      `${NOT_SENT} claudeMessages.toolChoice is "tool" but claudeMessages.toolChoiceName is empty. Set claudeMessages.toolChoiceName to the tool to use, or ${UNFORCED}.`,
      'toolChoice',
    );
  }
  const offered = tools.map((tool) => tool.name);
  if (!offered.includes(name)) {
    throw new RequestSettingsError(
      `${NOT_SENT} claudeMessages.toolChoiceName is "${name}", but this request offers only ${offered.map((n) => `"${n}"`).join(', ')}. Set claudeMessages.toolChoiceName to one of them (or turn that tool on), or ${UNFORCED}.`,
      'toolChoice',
    );
  }
  return name;
}

function assertForcingAccepted(part: RequestPartContext, thinking: ThinkingChoice): void {
  const refused = forcingRefused(part, thinking);
  if (!refused) return;
  const { settings, capabilities: caps } = part;
  const asked = `claudeMessages.toolChoice is "${settings.toolChoice.mode}"`;
  if (refused === 'model') {
    throw new RequestSettingsError(
      `${NOT_SENT} ${settings.model} refuses a forced tool choice (${asked}). Set ${UNFORCED}, or choose a model that accepts it (claudeMessages.model).`,
      'toolChoice',
    );
  }
  const why = settings.thinking === 'on' ? 'claudeMessages.thinking is "on"' : `${settings.model} thinks by default`;
  const maxEffort = caps.disabledThinkingMaxEffort;
  const fix = caps.thinking.disabled
    ? `Set claudeMessages.thinking to "off"${maxEffort ? ` (with claudeMessages.effort at "${maxEffort}" or lower)` : ''}, or set ${UNFORCED}.`
    : `${settings.model} cannot turn thinking off: set ${UNFORCED}, or choose another model (claudeMessages.model).`;
  throw new RequestSettingsError(`${NOT_SENT} a forced tool choice (${asked}) cannot be combined with thinking, and ${why}. ${fix}`, 'toolChoice');
}
