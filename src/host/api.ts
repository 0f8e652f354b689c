import type { ChatState } from '../common/protocol';

/**
 * What `activate` returns to the integration tests, and to nobody else: any installed extension
 * may call an extension's exports, so the key API is returned only when the test harness set
 * {@link TEST_HOOKS_ENV} for the extension host. There is deliberately no way to read the key back.
 */
export interface ClaudeMessagesApi {
  setApiKey(key: string): Promise<void>;
  clearApiKey(): Promise<void>;
  hasApiKey(): Promise<boolean>;
  /** What the chat view would be sent on init (pending attachments, turns…); undefined if the chat failed to start. */
  chatState(): ChatState | undefined;
}

/** The environment variable the integration harness sets (to `1`) to receive the API. */
export const TEST_HOOKS_ENV = 'CLAUDE_MESSAGES_TEST_HOOKS';
