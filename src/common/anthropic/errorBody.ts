/**
 * Reading an error response's body: the JSON error shapes of the API and of gateways, whether the
 * body is an HTML page instead, and the server's message made safe and short enough to show.
 */
import { scrubSecret } from './redaction';
import { isRecord } from '../guards';

/** What an error body said, in whichever shape it came. */
export interface ParsedErrorBody {
  type?: string;
  /** `error.code` of gateway bodies (CometAPI: `invalid_request`, or empty), when not empty. */
  code?: string;
  /** The message, without a `(request id: …)` suffix when one was moved into `requestId`. */
  message?: string;
  requestId?: string;
}

// Gateways built on one-api / new-api, CometAPI among them, carry their request id only inside the
// message: "model name is required (request id: 20251124093015…)". Nothing else names it.
const MESSAGE_REQUEST_ID = /\s*\(request id:\s*([^()\s]+)\s*\)/i;

/**
 * Moves a `(request id: …)` written into a gateway's message into `requestId`: the id is shown
 * apart from the message, and the message reads better without it. An id the body gives as
 * `request_id` is kept; the message's is only used when there is none.
 */
function takeRequestIdFromMessage(out: ParsedErrorBody): void {
  const match = out.message === undefined ? null : MESSAGE_REQUEST_ID.exec(out.message);
  if (!match || out.message === undefined) return;
  const rest = (out.message.slice(0, match.index) + out.message.slice(match.index + match[0].length)).trim();
  // A message that is nothing but the id keeps it, rather than becoming empty.
  if (rest !== '') out.message = rest;
  out.requestId ??= match[1];
}

/**
 * Reads the error shapes seen in the wild: Anthropic's `{type:"error", error:{type, message}}`,
 * CometAPI's `{error:{message, type:"comet_api_error", param, code}}` (request id inside the
 * message), OpenAI-style `{error:{message, type}}`, `{error:"text"}` and `{message}`.
 * Undefined when the body is not JSON at all.
 */
export function parseErrorBody(text: string): ParsedErrorBody | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    return undefined;
  }
  if (!isRecord(json)) return {};
  const out: ParsedErrorBody = {};
  if (typeof json['request_id'] === 'string') out.requestId = json['request_id'];
  const error = json['error'];
  if (isRecord(error)) {
    if (typeof error['type'] === 'string') out.type = error['type'];
    else if (typeof error['code'] === 'string') out.type = error['code'];
    if (typeof error['code'] === 'string' && error['code'] !== '') out.code = error['code'];
    if (typeof error['message'] === 'string') out.message = error['message'];
  } else if (typeof error === 'string') {
    out.message = error;
  }
  if (out.message === undefined) {
    const message = topLevelMessage(json);
    if (message !== undefined) out.message = message;
  }
  takeRequestIdFromMessage(out);
  return out;
}

/** The first of the top-level message fields a body uses when it has no `error.message`. */
function topLevelMessage(json: Record<string, unknown>): string | undefined {
  for (const key of ['message', 'detail', 'msg']) {
    const value = json[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

/** True when the body is a web page (by content type or by its first tag), not an API answer. */
export function looksLikeHtml(text: string, contentType: string | null): boolean {
  return /text\/html/i.test(contentType ?? '') || /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(text);
}

/** The server's message as it may be shown: the key scrubbed, whitespace flattened, at most 600 characters. */
export function readableApiMessage(message: string, apiKey: string | undefined): string {
  return shorten(scrubSecret(message, apiKey));
}

function shorten(text: string, max = 600): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
