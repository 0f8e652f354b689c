/**
 * Reading an error response's body: the JSON error shapes of the API and of gateways, whether the
 * body is an HTML page instead, and the server's message made safe and short enough to show.
 */
import { scrubSecret } from './redaction';
import { isRecord } from '../guards';

/** What an error body said, in whichever shape it came. */
export interface ParsedErrorBody {
  type?: string;
  message?: string;
  requestId?: string;
}

/**
 * Reads the error shapes seen in the wild: Anthropic's `{type:"error", error:{type, message}}`,
 * CometAPI's and OpenAI-style `{error:{message, type}}`, `{error:"text"}` and `{message}`.
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
    if (typeof error['message'] === 'string') out.message = error['message'];
  } else if (typeof error === 'string') {
    out.message = error;
  }
  if (out.message === undefined) {
    const message = topLevelMessage(json);
    if (message !== undefined) out.message = message;
  }
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
