/**
 * What the chat needs from the outside world, as interfaces, so the session is pure and tested in
 * Node with fakes; the host supplies the real things.
 */
import type { Container, Message, MessageParam, MessagesRequest, StreamEvent, Tool, UserContentBlock } from '../anthropic/types';
import type { CacheTtl } from '../conversation/model';
import type { ApiKeyState, ChatControls, ContextChip, HostToWebview, ViewError } from '../protocol';

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  error: unknown;
}

/** The streaming half of the Messages client. */
export interface StreamingClient {
  stream(
    body: MessagesRequest,
    options: { signal?: AbortSignal; onRetry?: (info: RetryNotice) => void },
  ): AsyncIterable<{ event: StreamEvent; snapshot: Message }>;
}

/** What earlier replies hand on to the next request besides the messages. */
export interface CarriedOver {
  /** The code execution container of the latest reply that named one (the builder checks its expiry). */
  container?: Container;
}

/**
 * Builds the request body for these messages under the caller's settings and model rules.
 * @throws when the settings ask for a request the API would refuse (a `RequestSettingsError`).
 */
export type RequestBuilder = (messages: MessageParam[], tools: Tool[], carried?: CarriedOver) => { body: MessagesRequest; warnings: string[] };

/** A {@link RequestBuilder} for a given model: the session passes its conversation's model, so each chat keeps its own. */
export type ModelRequestBuilder = (model: string, ...request: Parameters<RequestBuilder>) => ReturnType<RequestBuilder>;

/** Runs `fn` on the next frame-sized tick; returns a cancel function. */
export type FrameScheduler = (fn: () => void) => () => void;

/** How requests are made under the current settings and key. */
export interface ChatBackend {
  /** A client for the current settings and key, or a ViewError saying what to fix (no key…). */
  createClient(): Promise<StreamingClient | ViewError>;
  /** The request body for these messages to `model` (the chat's own) under the current settings (model rules, caching). */
  buildRequest: ModelRequestBuilder;
  /** `claudeMessages.model`: the model a new chat starts with (each chat then keeps its own, `Conversation.model`). */
  defaultModel(): string;
  cacheTtl(): CacheTtl | undefined;
  maxToolRounds(): number;
  /** Whether `model` takes a final assistant message to continue from (prefill). */
  acceptsPrefill(model: string): boolean;
  toViewError(error: unknown): ViewError;
  warn(message: string): void;
}

/** Where the chat is shown. */
export interface ChatViewPort {
  post(message: HostToWebview): void;
  schedule: FrameScheduler;
  /**
   * A monotonic clock in ms (performance.now) that paces streamed ops: with it, a reply's first
   * ops and ops after a pause are posted at once and only a dense stream waits for `schedule`
   * (protocol/pacing.ts); without it every batch waits.
   */
  paceClock?: () => number;
  /** The controls for a chat on `model`. */
  controls(model: string): ChatControls;
  apiKey(): ApiKeyState;
}

export interface ChatClock {
  newId(): string;
  now(): number;
}

/** Context blocks an editor command attaches to a message, with the chips the view shows. */
export interface AttachedContext {
  blocks: UserContentBlock[];
  chips: ContextChip[];
}
