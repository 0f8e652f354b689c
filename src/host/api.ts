/**
 * What the extension exports from `activate`, for other extensions (an organisation's onboarding
 * extension that provisions the key) and for the integration tests. There is deliberately no way
 * to read the key back.
 */
export interface ClaudeMessagesApi {
  setApiKey(key: string): Promise<void>;
  clearApiKey(): Promise<void>;
  hasApiKey(): Promise<boolean>;
}
