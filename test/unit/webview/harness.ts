/**
 * A jsdom page with the chat app in it, a recording stand-in for the VS Code API, and protocol
 * fixtures. Frames are drawn explicitly with `app.flush()` (the app's requestFrame is a no-op
 * here), so tests decide when a frame happens.
 */
import { JSDOM } from 'jsdom';
import type { ChatControls, ChatState, ContentBlock, ConversationTotals, HostToWebview, Usage, ViewTurn, WebviewToHost } from '../../../src/common/protocol';
import { ChatApp, type ChatAppOptions } from '../../../src/webview/app';
import type { WebviewWindow } from '../../../src/webview/dom';
import type { VsCodeApi } from '../../../src/webview/vscodeApi';

/** A fake VS Code API that records what the webview posts and saves. */
export class FakeApi implements VsCodeApi {
  readonly posted: WebviewToHost[] = [];
  saved: unknown;

  constructor(initial?: unknown) {
    this.saved = initial;
  }

  postMessage(message: WebviewToHost): void {
    this.posted.push(message);
  }

  getState(): unknown {
    return this.saved;
  }

  setState(state: unknown): void {
    this.saved = structuredClone(state);
  }

  /** Posted messages of one type. */
  of<T extends WebviewToHost['type']>(type: T): Array<Extract<WebviewToHost, { type: T }>> {
    return this.posted.filter((m): m is Extract<WebviewToHost, { type: T }> => m.type === type);
  }
}

/** A fresh jsdom window (with the host page's `#app` element). */
export function makeWindow(): WebviewWindow {
  const dom = new JSDOM('<!DOCTYPE html><html><body><div id="app"></div></body></html>', { pretendToBeVisual: true });
  return dom.window as unknown as WebviewWindow;
}

export interface Page {
  win: WebviewWindow;
  doc: Document;
  api: FakeApi;
  app: ChatApp;
  /** Sends host messages and draws a frame. */
  send(...messages: HostToWebview[]): void;
  $<E extends HTMLElement = HTMLElement>(selector: string): E | null;
  $$(selector: string): HTMLElement[];
}

/**
 * Builds the app in a fresh window and starts it (it posts `ready`). `options` adds app options
 * made for that window (a renderer that fails on cue, an error reporter).
 */
export function openPage(savedUiState?: unknown, options: (win: WebviewWindow) => ChatAppOptions = () => ({})): Page {
  const win = makeWindow();
  const api = new FakeApi(savedUiState);
  const app = new ChatApp(win, api, { requestFrame: () => undefined, idle: null, ...options(win) });
  app.start();
  const doc = win.document;
  return {
    win,
    doc,
    api,
    app,
    send: (...messages) => {
      for (const message of messages) app.handle(message);
      app.flush();
    },
    $: <E extends HTMLElement = HTMLElement>(selector: string) => doc.querySelector<E>(selector),
    $$: (selector) => Array.from(doc.querySelectorAll<HTMLElement>(selector)),
  };
}

export const controls: ChatControls = {
  model: 'claude-sonnet-5',
  defaultModel: 'claude-sonnet-5',
  models: [
    { id: 'claude-sonnet-5', label: 'Claude Sonnet 5' },
    { id: 'claude-haiku-4-5', label: 'Claude Haiku 4.5' },
  ],
  effort: 'default',
  efforts: ['default', 'low', 'high'],
  thinking: 'auto',
  thinkingChoices: ['auto', 'on', 'off'],
  thinkingBudgetTokens: 8000,
  thinkingBudgetApplies: false,
  webSearch: false,
  webFetch: true,
  codeExecution: false,
};

export const zeroTotals: ConversationTotals = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, cacheHitRate: 0 };

/** A ChatState with sensible defaults. */
export function chatState(patch: Partial<ChatState> = {}): ChatState {
  return {
    conversationId: 'c1',
    title: 'Test',
    turns: [],
    totals: zeroTotals,
    controls,
    apiKey: 'set',
    history: [],
    attachments: [],
    ...patch,
  };
}

export function userTurn(id: string, text: string, patch: Partial<ViewTurn> = {}): ViewTurn {
  return { id, role: 'user', status: 'done', blocks: [{ type: 'text', text }], ...patch };
}

export function assistantTurn(id: string, blocks: ContentBlock[], patch: Partial<ViewTurn> = {}): ViewTurn {
  return { id, role: 'assistant', status: 'done', blocks, stopReason: 'end_turn', ...patch };
}

export const usage: Usage = {
  input_tokens: 1234,
  output_tokens: 567,
  cache_read_input_tokens: 8910,
  cache_creation_input_tokens: 1112,
  cache_creation: { ephemeral_5m_input_tokens: 1000, ephemeral_1h_input_tokens: 112 },
  server_tool_use: { web_search_requests: 2 },
};

/** Every attribute name of every element under `root` (for "nothing executable survived"). */
export function allAttributes(root: Element): Array<{ tag: string; name: string; value: string }> {
  const out: Array<{ tag: string; name: string; value: string }> = [];
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    for (const attr of Array.from(el.attributes)) out.push({ tag: el.tagName.toLowerCase(), name: attr.name, value: attr.value });
  }
  return out;
}

/** Frames that run only when the test says a frame has come. */
export function manualFrames(): { requestFrame: (callback: () => void) => void; run: () => void; waiting: () => number } {
  let callbacks: Array<() => void> = [];
  return {
    requestFrame: (callback) => void callbacks.push(callback),
    run: () => {
      const due = callbacks;
      callbacks = [];
      for (const callback of due) callback();
    },
    waiting: () => callbacks.length,
  };
}
