/**
 * The turn engine: runs one user turn to its end, for every caller (the chat, explain selection,
 * the inline edit). One loop, so every caller gets the same streaming, client tool rounds,
 * `pause_turn` continuations, retry notices, cancellation and outcomes; before it there were two
 * loops and only one of them continued `pause_turn`.
 *
 * Where the messages live is the caller's business (a {@link TurnTranscript}): the chat keeps them
 * in its conversation and shows them, the inline edit keeps a plain list.
 */
import type { Container, Message, MessageParam, MessagesRequest, StreamEvent, Tool, ToolResultBlock, ToolUseBlock } from '../anthropic/types';
import type { RequestBuilder, RetryNotice, StreamingClient } from './ports';
import { streamTurn, type TurnOutcome } from './streamTurn';

/**
 * How many times a turn is continued after `pause_turn` (a server tool loop that hit its own
 * iteration limit). Each continuation is a billed request, so there is a cap.
 */
export const MAX_PAUSE_CONTINUATIONS = 5;

/** Where one turn's messages live. */
export interface TurnTranscript {
  /** The messages to send now, the newest user turn (or a paused reply) last. */
  messages(): MessageParam[];
  /** A request is about to stream; its reply goes to the returned sink. */
  startReply(): ReplySink;
  /** Client tools ran: their results are the next user turn. */
  addToolResults(results: ToolResultBlock[]): void;
  /** The code execution container of the latest reply that named one, for the next request. */
  container(): Container | undefined;
}

/** One streamed reply, as it arrives and how it ended. */
export interface ReplySink {
  onEvent(event: StreamEvent, snapshot: Message): void;
  /** Called exactly once, whatever the ending; an outcome's `partial` is what arrived. */
  finish(outcome: TurnOutcome): void;
}

/** Client tools the model may call, executed by the caller (the editor tool on a working copy…). */
export interface ToolPort {
  definitions(): Tool[];
  /** Runs the calls and returns one tool_result per call, in order. */
  run(calls: ToolUseBlock[], signal: AbortSignal): Promise<ToolResultBlock[]>;
}

export interface TurnRequest {
  client: StreamingClient;
  transcript: TurnTranscript;
  buildRequest: RequestBuilder;
  tools?: ToolPort;
  /** Tool rounds allowed in this turn (`claudeMessages.maxToolRounds`). */
  maxToolRounds: number;
  signal: AbortSignal;
  onRetry?: (notice: RetryNotice) => void;
  /** What the request builder changed to make a request acceptable (a dropped parameter…). */
  onWarning?: (message: string) => void;
  /** The words the model reads when the tool runner itself failed. */
  describeToolError?: (error: unknown) => string;
}

/** Why a turn that completed ended, as far as the caller has to act on it. */
export type EndReason = 'end_turn' | 'max_tokens' | 'refusal' | 'stop_sequence' | 'context_window' | 'tool_use' | 'other';

export type TurnEnd =
  /** The model ended the turn; `message` is its last reply. */
  | { kind: 'ended'; reason: EndReason; message: Message; toolRounds: number }
  /** The model wanted another tool round, but the cap was reached. */
  | { kind: 'tool-round-cap'; message: Message; toolRounds: number }
  /** The server paused the turn more often than {@link MAX_PAUSE_CONTINUATIONS}. */
  | { kind: 'pause-cap'; message: Message; toolRounds: number }
  /** The user stopped it; `partial` is what had arrived of the last reply. */
  | { kind: 'stopped'; partial: Message | undefined }
  /** A request failed (or could not be built); `partial` is what had arrived. */
  | { kind: 'error'; error: unknown; partial: Message | undefined };

/** Runs the turn until the model ends it, a cap is reached, the user stops it or a request fails. */
export async function runTurn(request: TurnRequest): Promise<TurnEnd> {
  let pauses = 0;
  let toolRounds = 0;
  for (;;) {
    const outcome = await streamOneReply(request);
    if (outcome.kind === 'stopped') return { kind: 'stopped', partial: outcome.partial };
    if (outcome.kind === 'error') return { kind: 'error', error: outcome.error, partial: outcome.partial };
    const message = outcome.message;
    if (request.signal.aborted) return { kind: 'stopped', partial: message };
    if (message.stop_reason === 'pause_turn') {
      if (pauses >= MAX_PAUSE_CONTINUATIONS) return { kind: 'pause-cap', message, toolRounds };
      pauses++;
      continue;
    }
    const calls = message.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
    if (message.stop_reason !== 'tool_use' || calls.length === 0 || !request.tools) {
      return { kind: 'ended', reason: endReasonOf(message), message, toolRounds };
    }
    if (toolRounds >= request.maxToolRounds) return { kind: 'tool-round-cap', message, toolRounds };
    toolRounds++;
    const results = await runTools(request, request.tools, calls);
    if (request.signal.aborted) return { kind: 'stopped', partial: undefined };
    request.transcript.addToolResults(results);
  }
}

/** Builds the request and streams one reply into a new sink; never throws. */
async function streamOneReply(request: TurnRequest): Promise<TurnOutcome> {
  const sink = request.transcript.startReply();
  let body: MessagesRequest;
  try {
    const { transcript } = request;
    const built = request.buildRequest(transcript.messages(), request.tools?.definitions() ?? [], { container: transcript.container() });
    body = built.body;
    for (const warning of built.warnings) request.onWarning?.(warning);
  } catch (error) {
    // The reply must still end: a reply left streaming would block every later request.
    const outcome: TurnOutcome = { kind: 'error', error, partial: undefined };
    sink.finish(outcome);
    return outcome;
  }
  const outcome = await streamTurn({
    client: request.client,
    body,
    signal: request.signal,
    onEvent: (event, snapshot) => sink.onEvent(event, snapshot),
    onRetry: request.onRetry,
  });
  sink.finish(outcome);
  return outcome;
}

/** A failing tool runner becomes is_error results, so the conversation stays valid for the API. */
async function runTools(request: TurnRequest, tools: ToolPort, calls: ToolUseBlock[]): Promise<ToolResultBlock[]> {
  try {
    return await tools.run(calls, request.signal);
  } catch (error) {
    const reason = request.describeToolError?.(error) ?? (error instanceof Error ? error.message : String(error));
    return calls.map((call): ToolResultBlock => ({ type: 'tool_result', tool_use_id: call.id, is_error: true, content: `The tool failed: ${reason}` }));
  }
}

/** The stop reasons a caller acts on as they are; the rest are named or grouped. */
const PLAIN_END_REASONS: readonly EndReason[] = ['end_turn', 'max_tokens', 'refusal', 'stop_sequence', 'tool_use'];

function endReasonOf(message: Message): EndReason {
  const reason = message.stop_reason;
  const plain = PLAIN_END_REASONS.find((candidate) => candidate === reason);
  if (plain) return plain;
  return reason === 'model_context_window_exceeded' ? 'context_window' : 'other';
}
