/** POST /v1/messages and POST /v1/messages/count_tokens. */
import type { ServerResponse } from 'node:http';
import { countPromptTokens, promptBlocks } from './canonical';
import { completeEvents, finalUsage, stopReasonOf } from './completion';
import { accumulateMessage } from './accumulate';
import { defaultReply } from './defaultReply';
import { isRecord, sendApiError, sendJson } from './http';
import type { ServerState } from './state';
import { writeSse } from './stream';
import type { StreamEnding } from './stream';
import type { ApiRefusal } from './rules/index';
import type { HttpErrorReply, RecordedRequest, ScriptEvent, ScriptedReply, SentReply } from './types';

/** One request in flight: what came in, where to answer, and the record of what went out. */
export interface Exchange {
  res: ServerResponse;
  requestId: string;
  recorded: RecordedRequest;
  sent: SentReply;
  state: ServerState;
}

/** Answers with the API error and records the status. */
export function fail(exchange: Exchange, status: number, type: string, message: string): void {
  exchange.sent.status = status;
  sendApiError(exchange.res, status, type, message, exchange.requestId);
}

/** Answers with the API error and records it as a refusal by `rule` (see `TestServer.refused`). */
export function refuse(exchange: Exchange, rule: string, refusal: ApiRefusal): void {
  const { recorded, requestId, state, sent } = exchange;
  const model = isRecord(recorded.json) && typeof recorded.json.model === 'string' ? recorded.json.model : undefined;
  sent.kind = 'refused';
  state.refused.push({
    rule, method: recorded.method, path: recorded.path, ...(model === undefined ? {} : { model }),
    status: refusal.status, type: refusal.type, message: refusal.message, requestId, time: Date.now(),
  });
  fail(exchange, refusal.status, refusal.type, refusal.message);
}

/** Every reply kind but http-error (which is answered before any endpoint runs). */
export type StreamingReply = Exclude<ScriptedReply, HttpErrorReply>;

function endingOf(reply: StreamingReply): StreamEnding {
  switch (reply.kind) {
    case 'drop': return { kind: 'drop' };
    case 'stall': return { kind: 'stall', ...(reply.pingEveryMs ? { pingEveryMs: reply.pingEveryMs } : {}) };
    case 'malformed': return { kind: 'malformed', data: reply.data ?? '{not json' };
    case 'sse-error': return { kind: 'sse-error', error: reply.error };
    default: return { kind: 'end' };
  }
}

/**
 * Answers a `stream: false` request with a fault: drop closes the socket, stall never answers,
 * malformed sends broken JSON, sse-error becomes the matching HTTP error.
 */
export async function nonStreamFault(exchange: Exchange, reply: StreamingReply): Promise<void> {
  const { res } = exchange;
  if (reply.kind === 'drop') {
    res.socket?.destroy();
  } else if (reply.kind === 'stall') {
    await new Promise<void>((resolve) => res.once('close', () => resolve()));
  } else if (reply.kind === 'malformed') {
    exchange.sent.status = 200;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(reply.data ?? '{not json');
  } else if (reply.kind === 'sse-error') {
    fail(exchange, reply.error.type === 'overloaded_error' ? 529 : 500, reply.error.type, reply.error.message);
  }
}

/** POST /v1/messages (already checked against the rules): simulates caching, then streams (or returns) the reply. */
export async function handleMessages(exchange: Exchange, scripted: StreamingReply | undefined): Promise<void> {
  const { state, recorded, sent } = exchange;
  const json = isRecord(recorded.json) ? recorded.json : {};
  const blocks = promptBlocks(json);
  const model = String(json.model);

  const fallback = defaultReply(json, state.config.tokenDelayMs);
  const reply: StreamingReply = scripted ?? fallback;
  const ownEvents: ScriptEvent[] | undefined = reply.events;
  const raw: ScriptEvent[] = ownEvents ?? fallback.events;
  const cache = state.cache.simulate(model, blocks, state.config.minCacheableTokens);
  const events = reply.kind === 'events' && reply.keepUsage ? raw : completeEvents(raw, model, cache);
  const count = reply.kind === 'events' ? events.length : Math.max(0, reply.afterEvents);
  const delayMs = reply.delayMs ?? (ownEvents ? 0 : state.config.tokenDelayMs);

  if (json.stream !== true) {
    if (reply.kind !== 'events') return nonStreamFault(exchange, reply);
    sent.status = 200;
    const message = accumulateMessage(events);
    sent.usage = message.usage;
    sent.stopReason = message.stop_reason;
    return sendJson(exchange.res, 200, message);
  }

  sent.status = 200;
  const delivered: ScriptEvent[] = [];
  await writeSse(exchange.res, {
    events: events.slice(0, count), delayMs, ending: endingOf(reply),
    ...(reply.headers ? { headers: reply.headers } : {}),
    ...(reply.kind === 'events' && reply.chunkSize ? { chunkSize: reply.chunkSize } : {}),
  }, (event) => {
    delivered.push(event);
    sent.eventsSent = delivered.length;
    if (sent.firstTextDeltaAt === undefined && isTextDelta(event)) sent.firstTextDeltaAt = performance.timeOrigin + performance.now();
    if (event.type === 'message_start' || event.type === 'message_delta') {
      sent.usage = finalUsage(delivered);
      const stopReason = stopReasonOf(delivered);
      if (stopReason !== undefined) sent.stopReason = stopReason;
    }
  });
}

function isTextDelta(event: ScriptEvent): boolean {
  return event.type === 'content_block_delta' && isRecord(event.delta) && event.delta.type === 'text_delta';
}

/** POST /v1/messages/count_tokens (already checked): `{input_tokens}` = the same estimate the usage figures use. */
export function handleCountTokens(exchange: Exchange): void {
  const json = isRecord(exchange.recorded.json) ? exchange.recorded.json : {};
  exchange.sent.status = 200;
  sendJson(exchange.res, 200, { input_tokens: countPromptTokens(json) });
}
