/**
 * Data shapes of the test server. Everything a test scripts is plain JSON (functions aside) so the
 * same replies can be sent over the control API from another process (extension host, e2e harness).
 */
import type { CacheControl, JsonValue, StopReason, Usage } from '../../src/common/anthropic/types';

/** `strict` checks every rule in rules/; `lenient` only what the server needs to answer (the body's shape). */
export type RulesMode = 'strict' | 'lenient';

/** One stream event as scripted: a typed `StreamEvent` or any object with a `type` (unknown events too). */
export interface ScriptEvent {
  type: string;
  [key: string]: unknown;
}

/** One request the server received on a non-control path, in arrival order. */
export interface RecordedRequest {
  method: string;
  /** The path without the query string, e.g. `/v1/messages`. */
  path: string;
  /** The raw request target with its query string, e.g. `/v1/models?limit=2`. */
  url: string;
  /** Header names lowercased; repeated headers joined with `, ` as Node does. */
  headers: Record<string, string>;
  body: string;
  /** The body parsed as JSON, when it parses. */
  json?: unknown;
  /** `Date.now()` when the request arrived. */
  time: number;
}

/** Limits a scripted reply to the requests it should answer; every given field must match. */
export interface ReplyMatch {
  /** The request path; scripted replies answer `POST /v1/messages` unless this says otherwise. */
  path?: string;
  /** The text of the last user message contains this string. */
  lastUserTextIncludes?: string;
  /** The request's `model` equals this. */
  model?: string;
}

interface ReplyCommon {
  when?: ReplyMatch;
  /** In-process only (functions do not survive the control API). */
  predicate?: (request: RecordedRequest) => boolean;
}

/** A 200 stream (or, for `stream: false`, the message these events accumulate to). */
export interface EventsReply extends ReplyCommon {
  kind: 'events';
  events: ScriptEvent[];
  /** Pause between events, in ms. */
  delayMs?: number;
  /** Write the stream in pieces of this many bytes (pieces may split events and UTF-8 characters). */
  chunkSize?: number;
  /** Send the events exactly as given: no simulated usage, ids or model filled in. */
  keepUsage?: boolean;
  /** Extra response headers (a `request-id` of the test's choosing, say); they win over the server's. */
  headers?: Record<string, string>;
}

/** Any status with any body; `body` as a string is sent verbatim, otherwise as JSON. */
export interface HttpErrorReply extends ReplyCommon {
  kind: 'http-error';
  status: number;
  body?: string | JsonValue;
  headers?: Record<string, string>;
}

/** Fields shared by the stream faults: which events to send before the fault. */
interface FaultCommon extends ReplyCommon {
  /** How many events go out before the fault. */
  afterEvents: number;
  /** The events to draw from; by default the default reply's stream for this request. */
  events?: ScriptEvent[];
  delayMs?: number;
  /** Extra response headers, as on `EventsReply`. */
  headers?: Record<string, string>;
}

/** Destroys the socket mid-stream (or, with `beforeHeaders`, before any response: a connection error). */
export interface DropReply extends FaultCommon {
  kind: 'drop';
  beforeHeaders?: boolean;
}
/**
 * Stops sending and keeps the socket open until the client aborts or the server closes. With
 * `beforeHeaders` nothing at all is sent (a server that accepts the connection and never answers);
 * with `pingEveryMs` the stream goes on sending `ping` events and nothing else, forever.
 */
export interface StallReply extends FaultCommon {
  kind: 'stall';
  beforeHeaders?: boolean;
  pingEveryMs?: number;
}
/** Sends a frame whose data is not JSON (`data: {not json` by default), then ends the stream. */
export interface MalformedReply extends FaultCommon {
  kind: 'malformed';
  data?: string;
}
/** Sends `event: error` after the 200 (as the API does when it overloads mid-stream), then ends. */
export interface SseErrorReply extends FaultCommon {
  kind: 'sse-error';
  error: { type: string; message: string };
}

/** One scripted reply, taken from a FIFO queue by the first request it matches. */
export type ScriptedReply = EventsReply | HttpErrorReply | DropReply | StallReply | MalformedReply | SseErrorReply;

/** An entry of the models list; missing fields get plausible defaults. */
export interface ModelEntry {
  id: string;
  display_name?: string;
  created_at?: string;
  [key: string]: unknown;
}

/** What tests can change at run time (`configure()` or `POST /__control/config`). */
export interface ServerConfig {
  /** The key requests must carry; `null` accepts any non-empty key (still exactly one auth header). */
  apiKey: string | null;
  /** Delay between tokens of the default reply, in ms. */
  tokenDelayMs: number;
  /** The models list; `null` makes `/v1/models` answer 404, like gateways without it. */
  models: ModelEntry[] | null;
  /** Prefixes shorter than this many tokens are neither written nor read (the real API: 1024-4096). */
  minCacheableTokens: number;
  /**
   * `strict` (the default) refuses what the real API refuses: every rule in rules/, and a model id
   * the server does not know (404). `lenient` checks only the body's shape, for a test that must
   * send something the API would refuse.
   */
  rules: RulesMode;
}

/** A request the server itself refused (not a scripted error), kept until taken. */
export interface Refusal {
  /**
   * What refused it: a rule id from rules/ (`prefill`, `thinking-signature`, …), or `body-shape`,
   * `unknown-model`, `authentication`, `anthropic-version`, `invalid-json`, `route`.
   */
  rule: string;
  method: string;
  path: string;
  /** The request's `model`, when it had one. */
  model?: string;
  status: number;
  /** `error.type` of the answer. */
  type: string;
  message: string;
  requestId: string;
  /** `Date.now()` when it was refused. */
  time: number;
}

/** What the server sent for one recorded request (same index as in `requests`). */
export interface SentReply {
  path: string;
  /** `default`, a scripted kind, or what answered (`models`, `count_tokens`, `refused` with the rule in `refused`, …). */
  kind: string;
  status: number;
  requestId: string;
  /** For messages: the final usage sent (message_start usage merged with message_delta usage). */
  usage?: Usage;
  stopReason?: StopReason | null;
  /** How many SSE events were written. */
  eventsSent: number;
  /**
   * When the first `text_delta` was handed to the socket, as epoch ms with sub-millisecond
   * precision (`performance.timeOrigin + performance.now()`): where `npm run bench` starts its
   * first-delta-to-DOM clock.
   */
  firstTextDeltaAt?: number;
}

/** A prompt block as the cache simulation sees it. */
export interface PromptBlock {
  /** The canonical serialization (cache_control removed, keys sorted, position included). */
  text: string;
  cacheControl?: CacheControl;
  /**
   * Prompt characters the block counts as, when not its text's length: an image or PDF is counted
   * by its estimated tokens (× 4), not by the length of its base64 (see canonical.ts).
   */
  chars?: number;
}
