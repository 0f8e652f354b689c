import type { WebviewToHost } from '../common/protocol';

/**
 * The part of VS Code's webview API the chat uses, typed with the protocol so a message with a
 * missing field is a compile error. The real object comes from `acquireVsCodeApi()` (main.ts);
 * tests pass a recording fake.
 */
export interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  /** UI-only state saved by VS Code across webview rebuilds; `unknown` because it is validated on read. */
  getState(): unknown;
  setState(state: unknown): void;
}

/** How views send a message to the host. */
export type Post = (message: WebviewToHost) => void;
