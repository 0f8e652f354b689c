/**
 * The Messages API client: streams replies, lists models and counts tokens, against Anthropic or
 * any compatible gateway. Pure (global `fetch`, no `vscode`), with retries before a stream begins
 * and typed errors that never contain the key.
 */
import { errorFromErrorEvent, errorFromResponse, scrubbedRequestId } from './errors';
import type { ClaudeApiError, ErrorContext } from './errors';
import { eventsFromMessage } from './events';
import { SUCCESS_BODY_CAP_BYTES } from './bodyText';
import { buildHeaders } from './headers';
import { MessageStream } from './messageStream';
import type { OpenedStream, StreamSource } from './messageStream';
import { normalizeModelsPage } from './modelsList';
import { withRetry } from './retry';
import { exchange, readBody } from './transport';
import type { RetryInfo, Sleep } from './retry';
import type { CountTokensResponse, Message, MessagesRequest, ModelInfo } from './types';
import { apiUrl, messagesUrl, warnIfInsecure } from './url';
import { isRecord } from '../guards';

export type { RetryInfo } from './retry';
export type { StreamItem } from './messageStream';
export { MessageStream } from './messageStream';

/** Everything the client needs. The key is passed in per client and never logged or echoed. */
export interface ClientConfig {
  baseUrl: string;
  apiKey: string;
  authHeader: 'x-api-key' | 'bearer';
  anthropicVersion: string;
  betas: string[];
  /** Retries before a stream begins (connection errors, 408/409/429/5xx/529). */
  maxRetries: number;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Defaults to a cancellable `setTimeout`. */
  sleep?: Sleep;
  /** Defaults to `Math.random` (backoff jitter). */
  random?: () => number;
  /** Told once per base URL when it is plain http:// on a remote host. */
  onWarning?: (message: string) => void;
  /** A started stream with no events but pings for this long is closed as stalled (default 120 s). */
  streamIdleTimeoutMs?: number;
  /** A request whose response headers take longer is cancelled and retried (default 30 s). */
  headersTimeoutMs?: number;
}

const DEFAULT_STREAM_IDLE_TIMEOUT_MS = 120_000;
const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;

/** Per-call options of `stream`. */
export interface StreamOptions {
  signal?: AbortSignal;
  /** Called before each retry with the wait, so the UI can count down. */
  onRetry?: (info: RetryInfo) => void;
}

// Pages are 1000 models; more than this many pages means the gateway's cursor is broken.
const MAX_MODEL_PAGES = 20;

/** Talks to `${baseUrl}/v1/…`. Cheap to construct: make a new one when settings change. */
export class MessagesClient {
  readonly #config: ClientConfig;
  readonly #fetch: typeof fetch;

  constructor(config: ClientConfig) {
    this.#config = { ...config, betas: [...config.betas] };
    const impl = config.fetch ?? globalThis.fetch;
    // Called through a wrapper: a detached global fetch must not lose its receiver.
    this.#fetch = (input, init) => impl(input, init);
  }

  /**
   * Starts streaming a reply to `body` (`stream: true` is forced). The returned stream is lazy: the
   * request is sent when it is first iterated or `finalMessage()` is called.
   */
  stream(body: MessagesRequest, options: StreamOptions = {}): MessageStream {
    const url = messagesUrl(this.#config.baseUrl);
    const ctx = this.#errorContext(url);
    const payload = JSON.stringify({ ...body, stream: true });
    const source: StreamSource = {
      errorContext: ctx,
      idleTimeoutMs: this.#config.streamIdleTimeoutMs ?? DEFAULT_STREAM_IDLE_TIMEOUT_MS,
      open: (signal) =>
        this.#withRetry(async () => {
          const response = await this.#send(url, { method: 'POST', body: payload, signal }, ctx);
          return this.#openedFrom(response, ctx, signal);
        }, signal, options.onRetry),
    };
    return new MessageStream(source, options.signal);
  }

  /**
   * Lists the models the endpoint offers, following `has_more`/`last_id` pages. Accepts gateway
   * shapes (`{data:[{id}]}`, a bare array). Throws a `ClaudeApiError` when the endpoint has no
   * models list (the caller falls back to the built-in list).
   */
  async listModels(signal?: AbortSignal): Promise<ModelInfo[]> {
    const seen = new Map<string, ModelInfo>();
    let afterId: string | undefined;
    for (let page = 0; page < MAX_MODEL_PAGES; page++) {
      const query = `?limit=1000${afterId ? `&after_id=${encodeURIComponent(afterId)}` : ''}`;
      const url = `${apiUrl(this.#config.baseUrl, 'v1/models')}${query}`;
      const json = await this.#requestJson(url, { method: 'GET' }, signal);
      const { models, hasMore, lastId } = normalizeModelsPage(json);
      for (const model of models) if (!seen.has(model.id)) seen.set(model.id, model);
      if (!hasMore || !lastId || lastId === afterId) break;
      afterId = lastId;
    }
    return [...seen.values()];
  }

  /** Counts the input tokens `body` would use, via `POST /v1/messages/count_tokens`. */
  async countTokens(body: MessagesRequest, signal?: AbortSignal): Promise<CountTokensResponse> {
    // count_tokens takes the prompt-shaping fields only; sampling, limits and stream are refused.
    const countBody: Record<string, unknown> = { model: body.model, messages: body.messages };
    if (body.system !== undefined) countBody['system'] = body.system;
    if (body.tools !== undefined) countBody['tools'] = body.tools;
    if (body.tool_choice !== undefined) countBody['tool_choice'] = body.tool_choice;
    if (body.thinking !== undefined) countBody['thinking'] = body.thinking;
    const url = apiUrl(this.#config.baseUrl, 'v1/messages/count_tokens');
    const json = await this.#requestJson(url, { method: 'POST', body: JSON.stringify(countBody) }, signal);
    if (!isRecord(json) || typeof json['input_tokens'] !== 'number') {
      throw errorFromResponse(200, new Headers(), '', this.#errorContext(url));
    }
    return { input_tokens: json['input_tokens'] };
  }

  #errorContext(url: string): ErrorContext {
    return { url, apiKey: this.#config.apiKey, authHeader: this.#config.authHeader };
  }

  #withRetry<T>(run: () => Promise<T>, signal: AbortSignal | undefined, onRetry?: (info: RetryInfo) => void): Promise<T> {
    return withRetry(run, {
      maxRetries: this.#config.maxRetries,
      ...(signal ? { signal } : {}),
      ...(onRetry ? { onRetry } : {}),
      ...(this.#config.sleep ? { sleep: this.#config.sleep } : {}),
      ...(this.#config.random ? { random: this.#config.random } : {}),
    });
  }

  /** One HTTP exchange (redirects refused, headers timed); throws typed errors for non-2xx answers. */
  #send(
    url: string,
    init: { method: 'GET' | 'POST'; body?: string; signal?: AbortSignal | undefined },
    ctx: ErrorContext,
  ): Promise<Response> {
    warnIfInsecure(this.#config.baseUrl, this.#config.onWarning);
    return exchange(
      {
        fetch: this.#fetch,
        url,
        method: init.method,
        headers: () => buildHeaders(this.#config),
        ...(init.body !== undefined ? { body: init.body } : {}),
        ...(init.signal ? { signal: init.signal } : {}),
        headersTimeoutMs: this.#config.headersTimeoutMs ?? DEFAULT_HEADERS_TIMEOUT_MS,
      },
      ctx,
    );
  }

  async #requestJson(
    url: string,
    init: { method: 'GET' | 'POST'; body?: string },
    signal: AbortSignal | undefined,
  ): Promise<unknown> {
    const ctx = this.#errorContext(url);
    return this.#withRetry(async () => {
      const response = await this.#send(url, { ...init, signal }, ctx);
      const text = await readBody(response, SUCCESS_BODY_CAP_BYTES, ctx, signal);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw errorFromResponse(response.status, response.headers, text, ctx);
      }
    }, signal);
  }

  /** Decides what a 2xx answer to a streaming request is: SSE, a whole message, or not the API. */
  async #openedFrom(response: Response, ctx: ErrorContext, signal: AbortSignal): Promise<OpenedStream> {
    const requestId = scrubbedRequestId(response.headers.get('request-id'), ctx);
    const contentType = (response.headers.get('content-type') ?? '').toLowerCase();
    const id = requestId ? { requestId } : {};
    if (!contentType.includes('json') && !contentType.includes('html') && response.body) {
      // text/event-stream, or a gateway that labels its stream oddly (or not at all).
      return { kind: 'sse', body: response.body, ...id };
    }
    const text = await readBody(response, SUCCESS_BODY_CAP_BYTES, ctx, signal);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw errorFromResponse(response.status, response.headers, text, ctx);
    }
    if (isRecord(json) && json['type'] === 'message' && Array.isArray(json['content']) && isRecord(json['usage'])) {
      return { kind: 'events', events: eventsFromMessage(json as unknown as Message), ...id };
    }
    if (isRecord(json) && json['error'] !== undefined) {
      const error: ClaudeApiError = errorFromErrorEvent(text, ctx, requestId);
      throw error;
    }
    throw errorFromResponse(response.status, response.headers, text, ctx);
  }
}
