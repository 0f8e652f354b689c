/**
 * The inline edit as a feature, without the editor: its system prompt, its request variant (the
 * text editor tool and nothing else), one turn through the turn engine with every tool call run
 * against a working copy, and the plan of what to propose for review. The host's command only
 * asks for the instruction, shows progress and hands the plan to the review.
 */
import type { ModelCapabilities } from '../anthropic/models';
import { buildMessagesRequest, type RequestSettings } from '../anthropic/request';
import type { Message, ToolResultBlock, ToolUseBlock, Usage } from '../anthropic/types';
import { MessageListTranscript } from '../chat/messageListTranscript';
import { MeteredTranscript } from '../chat/meteredTranscript';
import type { RequestBuilder, RetryNotice, StreamingClient } from '../chat/ports';
import { runTurn, type ToolPort, type TurnEnd } from '../chat/turnEngine';
import { buildContextContent, type ContextContent, type EditorContext } from '../conversation/contextBlocks';
import type { EditorToolContext } from './editorTool';
import { runEditorToolCall } from './editorToolCall';
import { textEditorTool } from './toolDefinition';
import { WorkingSet, type WorkingFile } from './workingSet';

export const INLINE_EDIT_SYSTEM = [
  'You edit code in the user\'s editor with the str_replace_based_edit_tool.',
  'The file and the selection to change are given as context blocks with their workspace-relative path.',
  'Make the change the user asks for with str_replace (old_str must match exactly once) or insert; view the file first only if you need more than you were given.',
  'Change only what the instruction needs, keep the file\'s style, and end your turn with one short sentence saying what you changed.',
].join(' ');

/** The user asked for a new file: only then may the model use `create`. */
export function asksForNewFile(instruction: string): boolean {
  return /\b(new|create|add)\b[^.]*\bfile\b/i.test(instruction);
}

/**
 * The edit's request variant: the user's settings, but no server tools (an edit is about the
 * file, and web search or a sandbox would bill and wander), tool choice `auto` (a forced choice
 * would make every reply call the editor again, until the round cap), and the edit's instructions
 * after their system prompt.
 */
export function inlineEditRequestBuilder(settings: RequestSettings, capabilities: ModelCapabilities): RequestBuilder {
  const request: RequestSettings = {
    ...settings,
    webSearch: { ...settings.webSearch, enabled: false },
    webFetch: { ...settings.webFetch, enabled: false },
    codeExecution: { ...settings.codeExecution, enabled: false },
    toolChoice: { ...settings.toolChoice, mode: 'auto' },
  };
  return (messages, tools, carried) =>
    buildMessagesRequest({ settings: request, capabilities, messages, tools, extraSystem: INLINE_EDIT_SYSTEM, container: carried?.container });
}

export interface InlineEditInput {
  instruction: string;
  /** The file and selection, as the editor has them when the command runs. */
  context: EditorContext;
  settings: RequestSettings;
  capabilities: ModelCapabilities;
  /** Largest file sent whole (`claudeMessages.contextFileMaxChars`). */
  fileMaxChars: number;
}

export interface InlineEditPlan {
  instruction: string;
  /** The user turn: the context blocks (cached) and the instruction, with the chips the chat shows. */
  content: ContextContent;
  buildRequest: RequestBuilder;
  allowCreate: boolean;
}

export function planInlineEdit(input: InlineEditInput): InlineEditPlan {
  const instruction = input.instruction.trim();
  return {
    instruction,
    content: buildContextContent(input.context, instruction, { fileMaxChars: input.fileMaxChars }),
    buildRequest: inlineEditRequestBuilder(input.settings, input.capabilities),
    allowCreate: asksForNewFile(instruction),
  };
}

export interface InlineEditRun {
  plan: InlineEditPlan;
  client: StreamingClient;
  /** How the model's paths reach files: the path guard and the documents as they were. */
  files: Pick<EditorToolContext, 'resolvePath' | 'getDocument' | 'listDirectory'>;
  maxToolRounds: number;
  signal: AbortSignal;
  onText?: (textSoFar: string) => void;
  onRetry?: (notice: RetryNotice) => void;
  onWarning?: (message: string) => void;
  /** Characters streamed so far (text, thinking and tool input), for the progress at the code. */
  onStreamed?: (characters: number) => void;
}

/** What the edit's requests cost and how the model closed, for the note in the chat. */
export interface InlineEditBill {
  /** The usage of each complete request, tool rounds included. */
  rounds: readonly Usage[];
  /** The model that answered. */
  model: string;
  /** The text of the final reply: the model's closing sentence. */
  closing: string;
}

/** Why the turn ended before the model said it was done. */
export type CutReason = 'tool-round-cap' | 'pause-cap' | 'max_tokens';

export type InlineEditResult =
  /** Files changed in the working copy: propose them; `cut` says why the turn ended early, if it did. */
  | { kind: 'proposal'; files: WorkingFile[]; cut: CutReason | undefined; toolRounds: number; bill: InlineEditBill }
  /** The model answered in words (or declined, or ran out of tokens): the answer belongs in the chat. */
  | { kind: 'answer'; reply: Message }
  /** A cap ended the turn before any edit. */
  | { kind: 'no-edit'; reason: 'tool-round-cap' | 'pause-cap'; toolRounds: number }
  | { kind: 'stopped' }
  | { kind: 'error'; error: unknown };

/** Runs the edit's turn; nothing is written, the result says what to propose. */
export async function runInlineEdit(run: InlineEditRun): Promise<InlineEditResult> {
  const workingSet = new WorkingSet();
  const tools: ToolPort = {
    definitions: () => [textEditorTool()],
    run: (calls: ToolUseBlock[]): Promise<ToolResultBlock[]> =>
      Promise.resolve(calls.map((call) => runEditorToolCall(call, { ...run.files, allowCreate: run.plan.allowCreate, workingSet }))),
  };
  const transcript = new MeteredTranscript(new MessageListTranscript([{ role: 'user', content: run.plan.content.blocks }], run.onText), run.onStreamed);
  const end = await runTurn({
    client: run.client,
    transcript,
    buildRequest: run.plan.buildRequest,
    tools,
    maxToolRounds: run.maxToolRounds,
    signal: run.signal,
    onRetry: run.onRetry,
    onWarning: run.onWarning,
  });
  return resultOf(end, workingSet.changedFiles(), transcript.rounds);
}

function resultOf(end: TurnEnd, files: WorkingFile[], rounds: readonly Usage[]): InlineEditResult {
  if (end.kind === 'stopped') return { kind: 'stopped' };
  if (end.kind === 'error') return { kind: 'error', error: end.error };
  if (files.length > 0) {
    const cut = end.kind !== 'ended' ? end.kind : end.reason === 'max_tokens' ? 'max_tokens' : undefined;
    const closing = end.message.content.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('').trim();
    return { kind: 'proposal', files, cut, toolRounds: end.toolRounds, bill: { rounds: [...rounds], model: end.message.model, closing } };
  }
  if (end.kind !== 'ended') return { kind: 'no-edit', reason: end.kind, toolRounds: end.toolRounds };
  return { kind: 'answer', reply: end.message };
}

export type ProposalStep =
  | { kind: 'create'; absolutePath: string; relativePath: string; text: string }
  /** `snapshotVersion` undefined: read from disk, so the review compares texts, not versions. */
  | { kind: 'change'; absolutePath: string; relativePath: string; snapshotText: string; snapshotVersion: number | undefined; after: string; label: string };

/**
 * What to propose for review, one step per changed file, each against the text the tool read
 * (for the active document: as it was when the request started, so typing done meanwhile is rebased).
 */
export function proposalSteps(files: readonly WorkingFile[], label: string): ProposalStep[] {
  return files.map((file): ProposalStep => {
    const { absolute: absolutePath, relative: relativePath } = file.target;
    if (file.originalText === undefined) return { kind: 'create', absolutePath, relativePath, text: file.text };
    return { kind: 'change', absolutePath, relativePath, snapshotText: file.originalText, snapshotVersion: file.baseVersion, after: file.text, label };
  });
}

/** What a person reads when a cap ended the turn: `proposed` says whether edits are up for review. */
export function cutMessage(reason: CutReason, toolRounds: number, proposed: 'some-proposed' | 'none-proposed'): string {
  const cause = reason === 'tool-round-cap'
    ? `stopped after ${toolRounds} tool rounds`
    : reason === 'pause-cap' ? 'the server paused the reply too often' : 'the reply reached the token limit (claudeMessages.maxTokens)';
  const setting = reason === 'tool-round-cap' ? ' (claudeMessages.maxToolRounds)' : '';
  return proposed === 'some-proposed'
    ? `${cause}${setting}; review what was proposed so far${reason === 'max_tokens' ? ', it may be incomplete' : ''}.`
    : `${cause} without an edit${setting}.`;
}
