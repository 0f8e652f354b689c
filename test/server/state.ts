/** The server's mutable state: configuration, the reply queue, what was received and sent, the cache. */
import { PromptCache } from './cache';
import { DEFAULT_MODELS } from './models';
import { replyMatches } from './request';
import { knownModel } from './rules/index';
import type { RecordedRequest, Refusal, ScriptedReply, SentReply, ServerConfig } from './types';

/** The configuration a server starts with unless told otherwise. */
export const DEFAULT_CONFIG: ServerConfig = {
  apiKey: 'test-key',
  tokenDelayMs: 15,
  models: DEFAULT_MODELS,
  minCacheableTokens: 0,
  rules: 'strict',
};

/** Everything one server instance remembers. Arrays are cleared in place so references stay live. */
export class ServerState {
  config: ServerConfig;
  readonly queue: ScriptedReply[] = [];
  readonly requests: RecordedRequest[] = [];
  /** Every request since the server started; `reset()` keeps it, so a whole-run check can read it. */
  readonly history: RecordedRequest[] = [];
  readonly replies: SentReply[] = [];
  /** Requests the server refused; `reset()` keeps them, so a reset mid-test cannot hide one. */
  readonly refused: Refusal[] = [];
  readonly cache: PromptCache;

  constructor(private readonly initialConfig: ServerConfig, now?: () => number) {
    this.config = { ...initialConfig };
    this.cache = new PromptCache(now);
  }

  /** Changes configuration; unknown keys are ignored so a stale harness cannot break the server. */
  configure(patch: Partial<ServerConfig>): void {
    const next = { ...this.config };
    if (patch.apiKey !== undefined) next.apiKey = patch.apiKey;
    if (typeof patch.tokenDelayMs === 'number') next.tokenDelayMs = patch.tokenDelayMs;
    if (patch.models !== undefined) next.models = patch.models;
    if (typeof patch.minCacheableTokens === 'number') next.minCacheableTokens = patch.minCacheableTokens;
    if (patch.rules === 'strict' || patch.rules === 'lenient') next.rules = patch.rules;
    this.config = next;
  }

  /** Back to how the server started: empty queue, no recordings, empty cache, initial configuration. */
  reset(): void {
    this.queue.length = 0;
    this.requests.length = 0;
    this.replies.length = 0;
    this.cache.clear();
    this.config = { ...this.initialConfig };
  }

  /** Returns the refusals so far and forgets them (the e2e and integration hooks call this after each test). */
  takeRefused(): Refusal[] {
    return this.refused.splice(0, this.refused.length);
  }

  /** Whether a model id is served: one the server knows, or one in the configured models list. */
  serves(model: string): boolean {
    return knownModel(model) !== undefined || (this.config.models ?? []).some((entry) => entry.id === model);
  }

  /** Removes and returns the first queued reply that matches the request (FIFO among matches). */
  take(request: RecordedRequest): ScriptedReply | undefined {
    const index = this.queue.findIndex((reply) => replyMatches(reply, request));
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }
}
