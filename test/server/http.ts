/** Small HTTP helpers shared by the endpoints. */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
export { isRecord } from '../../src/common/guards';

/** A request id in the API's style; every response carries one in `request-id`. */
export function newRequestId(): string {
  return `req_test_${randomBytes(12).toString('hex')}`;
}

/** Reads the whole request body as UTF-8. */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/** Headers as a plain record with lowercased names (Node already lowercases and joins repeats). */
export function headerRecord(req: IncomingMessage): Record<string, string> {
  const record: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) record[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return record;
}

/** Parses JSON, or undefined when the text is not JSON. */
export function tryParseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Sends a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Sends an Anthropic error: `{"type":"error","error":{type,message},"request_id"}`. */
export function sendApiError(res: ServerResponse, status: number, type: string, message: string, requestId: string): void {
  sendJson(res, status, { type: 'error', error: { type, message }, request_id: requestId });
}

/** Resolves after `ms` (at once for 0, so unpaced streams do not yield to timers). */
export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

