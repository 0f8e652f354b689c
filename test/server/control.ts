/**
 * The control API, for tests in other processes (extension host, e2e harness). Not recorded, no auth.
 *   POST /__control/enqueue   body: ScriptedReply or ScriptedReply[]  -> {queued}
 *   GET  /__control/requests  -> RecordedRequest[]
 *   GET  /__control/replies   -> SentReply[]
 *   GET  /__control/refused   -> Refusal[] (what the server refused so far)
 *   POST /__control/refused/take -> Refusal[], and forgets them (the after-each "nothing refused" check)
 *   POST /__control/reset     -> {ok: true} (refusals stay until taken)
 *   POST /__control/config    body: Partial<ServerConfig>  -> the resulting ServerConfig
 */
import type { ServerResponse } from 'node:http';
import { isRecord, sendJson, tryParseJson } from './http';
import type { ServerState } from './state';
import type { ScriptedReply, ServerConfig } from './types';

const KINDS = new Set(['events', 'http-error', 'drop', 'stall', 'malformed', 'sse-error']);

function isScriptedReply(value: unknown): value is ScriptedReply {
  return isRecord(value) && typeof value.kind === 'string' && KINDS.has(value.kind);
}

/** Handles one control request. */
export function handleControl(state: ServerState, method: string, path: string, body: string, res: ServerResponse): void {
  const route = `${method} ${path}`;
  if (route === 'GET /__control/requests') return sendJson(res, 200, state.requests);
  if (route === 'GET /__control/replies') return sendJson(res, 200, state.replies);
  if (route === 'GET /__control/config') return sendJson(res, 200, state.config);
  if (route === 'GET /__control/refused') return sendJson(res, 200, state.refused);
  if (route === 'POST /__control/refused/take') return sendJson(res, 200, state.takeRefused());
  if (route === 'POST /__control/reset') {
    state.reset();
    return sendJson(res, 200, { ok: true });
  }
  const json = tryParseJson(body);
  if (route === 'POST /__control/enqueue') {
    const replies: unknown[] = Array.isArray(json) ? json : [json];
    const bad = replies.findIndex((reply) => !isScriptedReply(reply));
    if (bad >= 0) return sendJson(res, 400, { error: `reply ${bad} is not a ScriptedReply (kind: ${[...KINDS].join(', ')})` });
    state.queue.push(...(replies as ScriptedReply[]));
    return sendJson(res, 200, { queued: state.queue.length });
  }
  if (route === 'POST /__control/config') {
    if (!isRecord(json)) return sendJson(res, 400, { error: 'config must be a JSON object' });
    state.configure(json as Partial<ServerConfig>);
    return sendJson(res, 200, state.config);
  }
  sendJson(res, 404, { error: `no control route ${route}` });
}
