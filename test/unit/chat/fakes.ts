/**
 * Fakes for the chat session tests: scripted streams (events run through the real accumulator), a
 * client that records request bodies, and a session harness with a real store in a temp dir.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { MessageAccumulator } from '../../../src/common/anthropic/accumulator';
import { UserAbortError } from '../../../src/common/anthropic/errors';
import type { ContentBlock, Message, MessageParam, MessagesRequest, StopReason, StreamEvent, Tool, Usage } from '../../../src/common/anthropic/types';
import { ChatSession, type ChatSessionOptions } from '../../../src/common/chat/chatSession';
import { ConversationLibrary } from '../../../src/common/chat/conversationLibrary';
import type { ToolPort } from '../../../src/common/chat/turnEngine';
import type { ChatBackend, FrameScheduler, RequestBuilder, RetryNotice, StreamingClient } from '../../../src/common/chat/ports';
import { toViewError } from '../../../src/common/chat/viewError';
import { fallbackPrices } from '../../../src/common/conversation/pricing';
import type { CacheTtl } from '../../../src/common/conversation/model';
import { ConversationStore } from '../../../src/common/conversation/store';
import type { ChatControls, HostToWebview, ViewError } from '../../../src/common/protocol';

export const MODEL = 'claude-sonnet-5';

export type StreamItem = { event: StreamEvent; snapshot: Message };

// ---------- event builders ----------

export function messageStart(usage: Partial<Usage> = {}): StreamEvent {
  return {
    type: 'message_start',
    message: {
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: MODEL,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { input_tokens: 10, output_tokens: 1, ...usage },
    },
  };
}

/** The events of a text block at `index`, its text sent in `chunks`. */
export function textBlock(index: number, chunks: string[]): StreamEvent[] {
  return [
    { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    ...chunks.map((text): StreamEvent => ({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } })),
    { type: 'content_block_stop', index },
  ];
}

export function toolUseBlock(index: number, id: string, name: string, input: unknown): StreamEvent[] {
  return [
    { type: 'content_block_start', index, content_block: { type: 'tool_use', id, name, input: {} } },
    { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(input) } },
    { type: 'content_block_stop', index },
  ];
}

export function messageEnd(stopReason: StopReason, outputTokens = 20): StreamEvent[] {
  return [
    { type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null }, usage: { output_tokens: outputTokens } },
    { type: 'message_stop' },
  ];
}

/** A whole text reply. */
export function textReply(chunks: string[], stopReason: StopReason = 'end_turn', outputTokens = 20): StreamEvent[] {
  return [messageStart(), ...textBlock(0, chunks), ...messageEnd(stopReason, outputTokens)];
}

// ---------- scripted streams ----------

export interface ScriptContext {
  body: MessagesRequest;
  signal: AbortSignal | undefined;
  onRetry: ((info: RetryNotice) => void) | undefined;
}

export type Script = (context: ScriptContext) => AsyncIterable<StreamItem>;

export interface ReplayOptions {
  /** Throw `error(partial)` after this many events. */
  failAfter?: number;
  error?: (partial: Message) => Error;
  /** After this many events, wait until the signal aborts, then throw a UserAbortError. */
  waitForAbortAfter?: number;
  /** Called once the stream waits for the abort (to stop it from the test). */
  onWaiting?: () => void;
  /** Retry notices reported before the first event. */
  retries?: RetryNotice[];
}

/** Replays `events` through the real accumulator, yielding `{event, snapshot}` as the client does. */
export function replay(events: readonly StreamEvent[], options: ReplayOptions = {}): Script {
  return async function* ({ signal, onRetry }: ScriptContext): AsyncGenerator<StreamItem> {
    for (const notice of options.retries ?? []) onRetry?.(notice);
    const accumulator = new MessageAccumulator();
    for (let i = 0; i <= events.length; i++) {
      if (options.failAfter === i) {
        const partial = structuredClone(accumulator.snapshot());
        throw (options.error ?? ((p: Message) => Object.assign(new Error('connection reset'), { partial: p })))(partial);
      }
      if (options.waitForAbortAfter === i) {
        await new Promise<void>((resolve) => {
          if (signal?.aborted) return resolve();
          signal?.addEventListener('abort', () => resolve(), { once: true });
          options.onWaiting?.();
        });
        throw new UserAbortError(structuredClone(accumulator.snapshot()));
      }
      const source = events[i];
      if (!source) break;
      // A copy: the accumulator adopts message_start's message and mutates it.
      const event = structuredClone(source);
      accumulator.apply(event);
      await Promise.resolve();
      yield { event, snapshot: accumulator.snapshot() };
    }
  };
}

/** A streaming client that runs one script per request and records each request body. */
export class FakeClient implements StreamingClient {
  readonly requests: MessagesRequest[] = [];
  constructor(readonly scripts: Script[] = []) {}

  stream(body: MessagesRequest, options: { signal?: AbortSignal; onRetry?: (info: RetryNotice) => void }): AsyncIterable<StreamItem> {
    this.requests.push(structuredClone(body));
    const script = this.scripts.shift();
    if (!script) throw new Error(`FakeClient: no script for request ${this.requests.length}`);
    return script({ body, signal: options.signal, onRetry: options.onRetry });
  }
}

// ---------- helpers on messages ----------

/** All text of the text blocks of `content`, joined. */
export function textOf(content: string | readonly ContentBlock[] | readonly { type: string }[] | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((b) => (b.type === 'text' ? String((b as { text?: unknown }).text ?? '') : '')).join('');
}

export function lastMessage(request: MessagesRequest | undefined): MessageParam | undefined {
  return request?.messages.at(-1);
}

// ---------- the session harness ----------

export const CONTROLS: ChatControls = {
  model: MODEL,
  defaultModel: MODEL,
  models: [{ id: MODEL, label: 'Sonnet 5' }],
  effort: 'default',
  efforts: ['default', 'low', 'high'],
  thinking: 'auto',
  thinkingChoices: ['auto', 'on', 'off'],
  thinkingBudgetTokens: 4096,
  thinkingBudgetApplies: false,
  webSearch: false,
  webFetch: false,
  codeExecution: false,
};

export interface HarnessOptions {
  scripts?: Script[];
  /** What createClient resolves to; the FakeClient by default. */
  createClient?: () => Promise<StreamingClient | ViewError>;
  tools?: ToolPort;
  maxToolRounds?: number;
  /** Runs scheduled flushes synchronously instead of on setImmediate. */
  syncSchedule?: boolean;
  dir?: string;
  /** Whether the model takes a prefill (older models); current ones do not. */
  acceptsPrefill?: boolean;
  /** Prefix of the ids newId() makes (two sessions on one directory need different ones). */
  idPrefix?: string;
  /** The model the session runs on (MODEL by default). */
  model?: string;
  /** The claudeMessages.model setting as it is now, when a test changes it (else `model`). */
  defaultModel?: () => string;
  /** The real request builder, say; by default a minimal body. Either way `builds` records its input. */
  buildRequest?: RequestBuilder;
  /** The cache ttl each assistant turn records (none by default). */
  cacheTtl?: CacheTtl;
  /** Sees each message posted to the view as it is posted (to stop a reply as the user would). */
  onPost?: (message: HostToWebview) => void;
  /** What the model reads besides text (checked before sending attachments). */
  inputSupport?: ChatSessionOptions['inputSupport'];
}

export interface Harness {
  session: ChatSession;
  client: FakeClient;
  store: ConversationStore;
  dir: string;
  posts: HostToWebview[];
  warnings: string[];
  builds: Array<{ messages: MessageParam[]; tools: Tool[] }>;
  /** The messages posted of one type. */
  of<T extends HostToWebview['type']>(type: T): Array<Extract<HostToWebview, { type: T }>>;
  clock: { now: number };
}

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'cm-chat-'));
}

/** The smallest body the session can send: the model, a token limit, the messages and tools. */
const minimalRequest: RequestBuilder = (messages, tools) => {
  const body: MessagesRequest = { model: MODEL, max_tokens: 1024, stream: true, messages };
  if (tools.length > 0) body.tools = tools;
  return { body, warnings: [] };
};

/** The session's backend: the harness's client and builder, recording what each build was given. */
function harnessBackend(options: HarnessOptions, client: FakeClient, builds: Harness['builds'], warnings: string[]): ChatBackend {
  return {
    createClient: options.createClient ?? (() => Promise.resolve(client)),
    buildRequest: (model, messages, tools, carried) => {
      builds.push(structuredClone({ messages, tools }));
      const built = (options.buildRequest ?? minimalRequest)(messages, tools, carried);
      // The chat's own model, as the host's builder sends it.
      return { ...built, body: { ...built.body, model } };
    },
    defaultModel: () => options.defaultModel?.() ?? options.model ?? MODEL,
    cacheTtl: () => options.cacheTtl,
    maxToolRounds: () => options.maxToolRounds ?? 10,
    acceptsPrefill: () => options.acceptsPrefill ?? false,
    toViewError,
    warn: (message) => warnings.push(message),
  };
}

function harnessScheduler(sync: boolean | undefined): FrameScheduler {
  if (sync) {
    return (fn) => {
      fn();
      return () => undefined;
    };
  }
  return (fn) => {
    const handle = setImmediate(fn);
    return () => clearImmediate(handle);
  };
}

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const dir = options.dir ?? (await tempDir());
  const store = new ConversationStore(dir);
  const client = new FakeClient(options.scripts ?? []);
  const posts: HostToWebview[] = [];
  const warnings: string[] = [];
  const builds: Harness['builds'] = [];
  const clock = { now: 1_000 };
  let ids = 0;
  // Copied: the session shares objects with its conversation, the webview gets a serialized copy.
  const post = (message: HostToWebview): void => {
    posts.push(structuredClone(message));
    options.onPost?.(message);
  };
  const library = new ConversationLibrary({
    store,
    prices: fallbackPrices,
    onHistory: (history) => post({ type: 'history', history }),
    warn: (message) => warnings.push(message),
  });
  const sessionOptions: ChatSessionOptions = {
    backend: harnessBackend(options, client, builds, warnings),
    view: { post, schedule: harnessScheduler(options.syncSchedule), controls: (model) => ({ ...CONTROLS, model }), apiKey: () => 'set' },
    library,
    prices: fallbackPrices,
    clock: { newId: () => `${options.idPrefix ?? 'id'}${++ids}`, now: () => clock.now++ },
  };
  if (options.tools) sessionOptions.tools = options.tools;
  if (options.inputSupport) sessionOptions.inputSupport = options.inputSupport;
  const session = new ChatSession(sessionOptions);
  return {
    session,
    client,
    store,
    dir,
    posts,
    warnings,
    builds,
    clock,
    of: <T extends HostToWebview['type']>(type: T) => posts.filter((m): m is Extract<HostToWebview, { type: T }> => m.type === type),
  };
}

/** Resolves once `predicate` holds, checking every 5 ms (fails after `tries` checks). */
export async function until(predicate: () => boolean, tries = 1000): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (predicate()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('until: the condition never held');
}

export async function removeDir(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
}

/**
 * Harnesses for one `describe`: `make()` builds one, and each test's harness folders are removed
 * after it (call at the top of the describe; it registers the afterEach).
 */
export function harnessesRemovedAfterEach(): (options?: HarnessOptions) => Promise<Harness> {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map(removeDir));
  });
  return async (options = {}) => {
    const h = await harness(options);
    dirs.push(h.dir);
    return h;
  };
}
