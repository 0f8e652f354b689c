/**
 * Server-sent events -> typed stream events. Known event types are checked for the fields the
 * accumulator relies on; unknown ones are passed through as `unrecognized`; `event: error` (which
 * can arrive after a 200) becomes a typed API error.
 */
import { MalformedEventError, errorFromErrorEvent, scrubSecret } from './errors';
import type { ErrorContext } from './errors';
import type { SseEvent } from './sse';
import type { Message, StreamEvent } from './types';
import { isRecord } from '../guards';

function malformed(reason: string, sse: SseEvent, ctx: ErrorContext | undefined): MalformedEventError {
  const data = scrubSecret(sse.data, ctx?.apiKey);
  // The event name is server text too.
  const name = sse.event === undefined ? undefined : scrubSecret(sse.event, ctx?.apiKey);
  const shown = data.length > 200 ? `${data.slice(0, 200)}…` : data;
  return new MalformedEventError(
    `The stream sent an event that could not be read (${reason}${name ? `, event "${name}"` : ''}): ${shown}`,
    data,
    name,
  );
}

/**
 * Parses one SSE event. Returns undefined for events that carry nothing (empty data, as some
 * proxies send for keep-alives). Throws `MalformedEventError` for JSON that does not parse or lacks
 * the fields its type needs, and a `ClaudeApiError` for an error event.
 */
export function parseStreamEvent(sse: SseEvent, ctx?: ErrorContext, requestId?: string): StreamEvent | undefined {
  if (sse.event === 'error') throw errorFromErrorEvent(sse.data, ctx ?? { url: '' }, requestId);
  if (sse.data === '' || sse.data === '[DONE]') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(sse.data);
  } catch {
    throw malformed('invalid JSON', sse, ctx);
  }
  if (!isRecord(json)) throw malformed('not a JSON object', sse, ctx);
  // The data's own `type` is the truth; the `event:` name only fills in when it is missing.
  const type = typeof json['type'] === 'string' ? json['type'] : sse.event;
  // A gateway's error body in place of the stream (`{"error": {…}}`, no type) is an error too.
  if (type === undefined && json['error'] !== undefined) throw errorFromErrorEvent(sse.data, ctx ?? { url: '' }, requestId);
  switch (type) {
    case 'message_start':
      if (!isRecord(json['message']) || !Array.isArray(json['message']['content']) || !isRecord(json['message']['usage'])) {
        throw malformed('message_start without a message', sse, ctx);
      }
      break;
    case 'content_block_start':
      if (typeof json['index'] !== 'number' || !isRecord(json['content_block'])) {
        throw malformed('content_block_start without index or block', sse, ctx);
      }
      break;
    case 'content_block_delta':
      if (typeof json['index'] !== 'number' || !isRecord(json['delta'])) {
        throw malformed('content_block_delta without index or delta', sse, ctx);
      }
      break;
    case 'content_block_stop':
      if (typeof json['index'] !== 'number') throw malformed('content_block_stop without index', sse, ctx);
      break;
    case 'message_delta':
      if (!isRecord(json['delta'])) throw malformed('message_delta without delta', sse, ctx);
      // Some gateways leave out usage; the accumulator reads it unconditionally.
      if (!isRecord(json['usage'])) json['usage'] = {};
      break;
    case 'message_stop':
    case 'ping':
      break;
    case 'error':
      throw errorFromErrorEvent(sse.data, ctx ?? { url: '' }, requestId);
    default:
      return { type: 'unrecognized', name: type ?? 'message', payload: json };
  }
  if (json['type'] !== type) json['type'] = type;
  // Checked above for the fields the accumulator needs; the rest of the shape is the API's.
  return json as unknown as StreamEvent;
}

/**
 * The events a stream would have carried for a complete message. Used when a gateway ignores
 * `stream: true` and answers with the whole message as JSON, so the caller still sees one shape.
 */
export function eventsFromMessage(message: Message): StreamEvent[] {
  const { content, ...rest } = message;
  const events: StreamEvent[] = [
    { type: 'message_start', message: { ...rest, content: [], usage: { ...message.usage } } },
  ];
  content.forEach((block, index) => {
    events.push({ type: 'content_block_start', index, content_block: block });
    events.push({ type: 'content_block_stop', index });
  });
  const delta: Record<string, unknown> = { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence };
  if ('stop_details' in message) delta['stop_details'] = message['stop_details'];
  events.push({ type: 'message_delta', delta, usage: { ...message.usage } });
  events.push({ type: 'message_stop' });
  return events;
}
