/**
 * The Anthropic-compatible test server every integration and e2e test talks to (nothing touches the
 * internet). See README.md in this folder for scripting replies, the control API and the cache model.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { authError } from './checks';
import { handleControl } from './control';
import { headerRecord, isRecord, newRequestId, readBody, sendJson, tryParseJson } from './http';
import { fail, handleCountTokens, handleMessages, nonStreamFault, refuse } from './messages';
import type { Exchange } from './messages';
import { modelInfo, modelsPage } from './models';
import { checkRequest, MAX_REQUEST_BYTES, REQUEST_TOO_LARGE_BODY } from './rules/index';
import { invalid } from './rules/types';
import { DEFAULT_CONFIG, ServerState } from './state';
import type { JsonValue } from '../../src/common/anthropic/types';
import type { HttpErrorReply, RecordedRequest, Refusal, ScriptedReply, SentReply, ServerConfig } from './types';

export type * from './types';
export * from './builders';
export * from './webBuilders';
export * from './codeBuilders';
export * from './faultBuilders';
export { PromptCache, LOOKBACK_BLOCKS } from './cache';
export { MAX_BREAKPOINTS, PREFILL_MESSAGE, RULES, KNOWN_MODELS, EFFORT_BY_MODEL, checkRequest } from './rules/index';
export type { ApiRefusal, Rule, RuleVerdict, KnownModel } from './rules/index';
export type { CacheUsage } from './cache';
export { canonicalJson, countPromptTokens, promptBlocks } from './canonical';
export { DEFAULT_CONFIG } from './state';
export { DEFAULT_MODELS } from './models';

/** Options of `startTestServer`: the port (0 = a free one) and any initial configuration. */
export interface TestServerOptions extends Partial<ServerConfig> {
  port?: number;
  /** Clock for cache expiry (tests of ttl behaviour). */
  now?: () => number;
}

/** A running test server. Arrays are live: they fill as requests arrive and empty on `reset()`. */
export interface TestServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  readonly url: string;
  readonly port: number;
  /** Every non-control request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Every non-control request since the server started: `reset()` keeps it (the e2e key sweep reads the whole run). */
  readonly history: RecordedRequest[];
  /** What was sent for each request (same index as `requests`), with the final usage for messages. */
  readonly replies: SentReply[];
  /** Requests the server refused (rules, auth, unknown model …); kept across `reset()` until taken. */
  readonly refused: Refusal[];
  /** Returns the refusals so far and forgets them: what a test's after-each check calls. */
  takeRefused(): Refusal[];
  /** Current configuration (read-only view; change it with `configure`). */
  readonly config: Readonly<ServerConfig>;
  /** How many scripted replies are still queued. */
  readonly queued: number;
  /** Queues scripted replies (FIFO; each answers the first request it matches). */
  enqueue(...replies: ScriptedReply[]): void;
  /** Changes configuration (api key, token delay, models, …). */
  configure(config: Partial<ServerConfig>): void;
  /** Empties the queue, recordings and cache, and restores the starting configuration (refusals and history stay). */
  reset(): void;
  /** Stops listening and destroys every open socket, stalled streams included. */
  close(): Promise<void>;
}

const STATUS_TYPES: Record<number, string> = {
  400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error', 404: 'not_found_error',
  413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error',
};

function sendScriptedHttp(exchange: Exchange, reply: HttpErrorReply): void {
  exchange.sent.status = reply.status;
  const headers = { ...reply.headers };
  let body: JsonValue = reply.body ?? { type: 'error', error: { type: STATUS_TYPES[reply.status] ?? 'api_error', message: `HTTP ${reply.status}` } };
  if (typeof body === 'string') {
    exchange.res.writeHead(reply.status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
    exchange.res.end(body);
    return;
  }
  if (isRecord(body) && body.type === 'error' && body.request_id === undefined) body = { ...body, request_id: exchange.requestId };
  sendJson(exchange.res, reply.status, body, headers);
}

type Route = 'messages' | 'count_tokens' | 'models' | 'model';

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/messages') return 'messages';
  if (method === 'POST' && path === '/v1/messages/count_tokens') return 'count_tokens';
  if (method === 'GET' && path === '/v1/models') return 'models';
  if (method === 'GET' && /^\/v1\/models\/[^/]+$/.test(path)) return 'model';
  return undefined;
}

async function answer(exchange: Exchange, route: Route, query: URLSearchParams): Promise<void> {
  const { state, recorded, sent } = exchange;
  const authProblem = authError(recorded.headers, state.config.apiKey);
  if (authProblem) return refuse(exchange, 'authentication', { status: 401, type: 'authentication_error', message: authProblem });
  if (!recorded.headers['anthropic-version']) return refuse(exchange, 'anthropic-version', invalid('anthropic-version: header is required'));
  if (route === 'messages' || route === 'count_tokens') {
    // Checked before a scripted reply is taken: the API refuses a bad request before anything can go
    // wrong upstream, and the queued reply stays for the next (valid) request.
    const verdict = checkRequest(recorded.json, route, recorded.headers, { mode: state.config.rules, serves: (model) => state.serves(model) });
    if (verdict) return refuse(exchange, verdict.rule, verdict.refusal);
  }
  const scripted = state.take(recorded);
  if (scripted) sent.kind = scripted.kind;
  if (scripted?.kind === 'http-error') return sendScriptedHttp(exchange, scripted);
  if (scripted?.kind === 'drop' && scripted.beforeHeaders) {
    // No response at all: the client sees a connection error (the retryable kind).
    exchange.res.socket?.destroy();
    return;
  }
  if (scripted?.kind === 'stall' && scripted.beforeHeaders) {
    // Connected, and then nothing: no status, no headers, until the client gives up or the server closes.
    await new Promise<void>((resolve) => exchange.res.once('close', () => resolve()));
    return;
  }
  if (scripted && scripted.kind !== 'events' && route !== 'messages') return nonStreamFault(exchange, scripted);
  const models = state.config.models;
  switch (route) {
    case 'messages':
      if (!scripted) sent.kind = 'default';
      return handleMessages(exchange, scripted);
    case 'count_tokens':
      sent.kind = 'count_tokens';
      return handleCountTokens(exchange);
    case 'models':
      sent.kind = 'models';
      if (!models) return fail(exchange, 404, 'not_found_error', 'Not found');
      sent.status = 200;
      return sendJson(exchange.res, 200, modelsPage(models, query));
    case 'model': {
      sent.kind = 'models';
      const id = decodeURIComponent(recorded.path.slice('/v1/models/'.length));
      // A model the server serves but does not list (a dated snapshot, Mythos 5.1) is still found by id.
      const entry = models?.find((model) => model.id === id) ?? (models && state.serves(id) ? { id } : undefined);
      if (!entry) return fail(exchange, 404, 'not_found_error', `model: ${id}`);
      sent.status = 200;
      return sendJson(exchange.res, 200, modelInfo(entry));
    }
  }
}

/** The 413 for a body over 32 MB, recorded as a refusal; its body is the edge's, not the usual error shape. */
function refuseTooLarge(exchange: Exchange): void {
  const { recorded, requestId, state, sent, res } = exchange;
  recorded.body = `(${Buffer.byteLength(recorded.body, 'utf8')} bytes, not kept)`;
  sent.kind = 'refused';
  sent.status = 413;
  const { type, message } = REQUEST_TOO_LARGE_BODY.error;
  state.refused.push({ rule: 'request-too-large', method: recorded.method, path: recorded.path, status: 413, type, message, requestId, time: Date.now() });
  sendJson(res, 413, REQUEST_TOO_LARGE_BODY);
}

async function handle(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = newRequestId();
  res.setHeader('request-id', requestId);
  const body = await readBody(req);
  const target = req.url ?? '/';
  const parsed = new URL(target, 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  if (parsed.pathname.startsWith('/__control/')) return handleControl(state, method, parsed.pathname, body, res);

  const tooLarge = Buffer.byteLength(body, 'utf8') > MAX_REQUEST_BYTES;
  // Too large to parse or keep: the API's edge refuses it before reading it.
  const json = tooLarge ? undefined : tryParseJson(body);
  const recorded: RecordedRequest = {
    method, path: parsed.pathname, url: target, headers: headerRecord(req), body, ...(json === undefined ? {} : { json }), time: Date.now(),
  };
  const sent: SentReply = { path: parsed.pathname, kind: 'pending', status: 0, requestId, eventsSent: 0 };
  state.requests.push(recorded);
  state.history.push(recorded);
  state.replies.push(sent);
  const exchange: Exchange = { res, requestId, recorded, sent, state };
  const route = routeOf(method, parsed.pathname);
  if (!route) return refuse(exchange, 'route', { status: 404, type: 'not_found_error', message: `Not found: ${method} ${parsed.pathname}` });
  if (tooLarge && (route === 'messages' || route === 'count_tokens')) return refuseTooLarge(exchange);
  if (route !== 'models' && route !== 'model' && json === undefined) {
    return refuse(exchange, 'invalid-json', invalid('There was an issue with the request body: it is not valid JSON.'));
  }
  await answer(exchange, route, parsed.searchParams);
}

/** Starts a server on 127.0.0.1 (a free port unless `port` is given). */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { port = 0, now, ...config } = options;
  const state = new ServerState({ ...DEFAULT_CONFIG, ...config }, now);
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => {
      // A bug in the server must show up as a 500 in the test that hit it, not crash the harness.
      console.error('test server:', error);
      if (!res.headersSent) sendJson(res, 500, { type: 'error', error: { type: 'api_error', message: String(error) } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    port: actualPort,
    requests: state.requests,
    history: state.history,
    replies: state.replies,
    refused: state.refused,
    takeRefused: () => state.takeRefused(),
    get config() {
      return state.config;
    },
    get queued() {
      return state.queue.length;
    },
    enqueue: (...replies) => void state.queue.push(...replies),
    configure: (patch) => state.configure(patch),
    reset: () => state.reset(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Stalled streams would keep close() waiting forever; the harness wants it gone now.
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
