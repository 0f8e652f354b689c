/**
 * What a flow looks at afterwards: the request bodies the test server received (as the API would
 * have received them) and what the chat shows.
 */
import * as assert from 'node:assert/strict';
import type { CacheControl, MessageParam, MessagesRequest } from '../../../src/common/anthropic/types';
import type { ViewTurn } from '../../../src/common/protocol';
import type { TestServer } from '../../server/server';
import { textOf, type Harness } from '../chat/fakes';

/** A content block, loosely typed for assertions. */
export type LooseBlock = { type: string } & Record<string, unknown>;

/** The bodies of the `POST /v1/messages` requests the server received, in order. */
export function sentBodies(server: TestServer): MessagesRequest[] {
  // The server parsed each body as JSON; the extension built it as a MessagesRequest.
  return server.requests.filter((request) => request.path === '/v1/messages').map((request) => request.json as MessagesRequest);
}

/** The body of the `index`-th Messages request (failing the flow when there is none). */
export function sentBody(server: TestServer, index: number): MessagesRequest {
  const body = sentBodies(server)[index];
  assert.ok(body, `request ${index + 1} was never sent`);
  return body;
}

/** A message's content as blocks (a string is one text block). */
export function blocksOf(message: MessageParam | undefined): LooseBlock[] {
  if (!message) return [];
  if (typeof message.content === 'string') return [{ type: 'text', text: message.content }];
  return message.content.map((block) => ({ ...block }));
}

/** The block types of each message, e.g. `[['text'], ['thinking', 'tool_use'], ['tool_result']]`. */
export function shape(body: MessagesRequest): string[][] {
  return body.messages.map((message) => blocksOf(message).map((block) => block.type));
}

export function roles(body: MessagesRequest): string[] {
  return body.messages.map((message) => message.role);
}

/** The chat's turns as the view shows them now. */
export function shownTurns(h: Harness): ViewTurn[] {
  return h.session.state().turns;
}

/** The chat shows `text` as the finished last reply, and is no longer busy. */
export function assertAnswered(h: Harness, text: string): void {
  const last = shownTurns(h).at(-1);
  assert.equal(last?.role, 'assistant');
  assert.equal(last?.status, 'done', `the last reply ended ${last?.status}${last?.error ? `: ${last.error.message}` : ''}`);
  assert.equal(textOf(last?.blocks), text);
  assert.equal(h.session.isBusy, false);
}

/** Every `cache_control` marker of a request: on tools, system blocks and message blocks. */
export function cacheMarkers(body: MessagesRequest): CacheControl[] {
  const markers: unknown[] = [
    ...(body.tools ?? []).map((tool) => tool.cache_control),
    ...(Array.isArray(body.system) ? body.system.map((block) => block.cache_control) : []),
    ...body.messages.flatMap((message) => blocksOf(message).map((block) => block['cache_control'])),
  ];
  // The server checked each marker's shape; here only where they are and their ttl matter.
  return markers.filter((marker): marker is CacheControl => marker !== undefined);
}

/** The signed thinking blocks of the assistant messages of a request. */
export function sentThinking(body: MessagesRequest): LooseBlock[] {
  return body.messages.filter((m) => m.role === 'assistant').flatMap((m) => blocksOf(m)).filter((b) => b.type === 'thinking');
}

/** Each thinking block sent back carries a signature, as the server signed it (`sig_…`). */
export function assertSigned(blocks: readonly LooseBlock[]): void {
  for (const block of blocks) assert.match(String(block['signature']), /^sig_/, 'a thinking block goes back with its signature');
}
