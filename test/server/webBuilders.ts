/**
 * Builders for replies with server tools (web search, web fetch), unusual stop reasons and block
 * types the extension does not know, all streamed as the real API streams them.
 */
import { randomBytes } from 'node:crypto';
import type { StopReason } from '../../src/common/anthropic/types';
import { eventsReply, fakeId, messageEnd, messageStart, textBlockEvents, toolBlockEvents } from './builders';
import type { ReplyOptions } from './builders';
import type { EventsReply, ScriptEvent } from './types';

/** One search hit as a test describes it. */
export interface SearchHit {
  url: string;
  title: string;
  pageAge?: string;
}

function encrypted(): string {
  return `enc_${randomBytes(18).toString('base64')}`;
}

/** A web_search_tool_result block at `index`, answering the server_tool_use `toolUseId`. */
function searchResultEvents(index: number, toolUseId: string, results: SearchHit[]): ScriptEvent[] {
  return [
    {
      type: 'content_block_start', index, content_block: {
        type: 'web_search_tool_result', tool_use_id: toolUseId,
        content: results.map((hit) => ({
          type: 'web_search_result', url: hit.url, title: hit.title, encrypted_content: encrypted(), page_age: hit.pageAge ?? null,
        })),
      },
    },
    { type: 'content_block_stop', index },
  ];
}

/**
 * Web search: server_tool_use (query as input_json_delta) + web_search_tool_result + a text block
 * + a cited text block (citations_delta before its text), and usage.server_tool_use.web_search_requests.
 */
export function webSearchReply(query: string, results: SearchHit[], citedText: string, options: ReplyOptions = {}): EventsReply {
  const id = fakeId('srvtoolu');
  const first = results[0] ?? { url: 'https://example.com/', title: 'Example' };
  const citation = {
    type: 'web_search_result_location', url: first.url, title: first.title, encrypted_index: encrypted(), cited_text: citedText,
  };
  return eventsReply([
    messageStart(options.usage),
    ...toolBlockEvents(0, { type: 'server_tool_use', id, name: 'web_search' }, { query }),
    ...searchResultEvents(1, id, results),
    ...textBlockEvents(2, 'Here is what I found: '),
    ...textBlockEvents(3, citedText, [citation]),
    ...messageEnd('end_turn', { server_tool_use: { web_search_requests: 1 }, ...options.usage }),
  ], options);
}

/** One text block of a cited answer: its text and, when cited, which result it cites and what passage. */
export interface AnswerFragment {
  text: string;
  cite?: { result: number; quote: string };
}

/**
 * A cited answer as the API streams one: a web search, its results, then the answer as many small
 * text blocks, the cited ones opening with their citations_delta (as in the recorded streams:
 * "Paris is the capital", ", while", …).
 */
export function citedAnswerReply(query: string, results: SearchHit[], fragments: AnswerFragment[], options: ReplyOptions = {}): EventsReply {
  const id = fakeId('srvtoolu');
  const texts = fragments.flatMap((fragment, i) => {
    const hit = fragment.cite ? results[fragment.cite.result] : undefined;
    const citation = hit && fragment.cite
      ? [{ type: 'web_search_result_location', url: hit.url, title: hit.title, encrypted_index: encrypted(), cited_text: fragment.cite.quote }]
      : [];
    return textBlockEvents(2 + i, fragment.text, citation);
  });
  return eventsReply([
    messageStart(options.usage),
    ...toolBlockEvents(0, { type: 'server_tool_use', id, name: 'web_search' }, { query }),
    ...searchResultEvents(1, id, results),
    ...texts,
    ...messageEnd('end_turn', { server_tool_use: { web_search_requests: 1 }, ...options.usage }),
  ], options);
}

/**
 * Web fetch: server_tool_use (url) + web_fetch_tool_result holding the document + a summary text
 * block citing it (char_location), and usage.server_tool_use.web_fetch_requests.
 */
export function webFetchReply(url: string, pageText: string, summary: string, options: ReplyOptions & { title?: string } = {}): EventsReply {
  const id = fakeId('srvtoolu');
  const title = options.title ?? 'Fetched page';
  const cited = pageText.slice(0, Math.min(pageText.length, 60));
  const citation = {
    type: 'char_location', document_index: 0, document_title: title, start_char_index: 0, end_char_index: cited.length, cited_text: cited,
  };
  return eventsReply([
    messageStart(options.usage),
    ...toolBlockEvents(0, { type: 'server_tool_use', id, name: 'web_fetch' }, { url }),
    {
      type: 'content_block_start', index: 1, content_block: {
        type: 'web_fetch_tool_result', tool_use_id: id,
        content: {
          type: 'web_fetch_result', url, retrieved_at: new Date(0).toISOString(),
          content: { type: 'document', source: { type: 'text', media_type: 'text/plain', data: pageText }, title, citations: { enabled: true } },
        },
      },
    },
    { type: 'content_block_stop', index: 1 },
    ...textBlockEvents(2, summary, [citation]),
    ...messageEnd('end_turn', { server_tool_use: { web_fetch_requests: 1 }, ...options.usage }),
  ], options);
}

/**
 * A reply ending with `reason` (max_tokens, refusal, pause_turn, stop_sequence,
 * model_context_window_exceeded, …) after some text; stop_sequence gets `stopSequence` (default `###`),
 * pause_turn ends on a web_search server_tool_use whose result has not come yet (its id is
 * `toolUseId` when given, so the continuation can answer it: {@link resumedSearchReply}).
 */
export function stopReasonReply(reason: StopReason, options: ReplyOptions & { text?: string; stopSequence?: string; toolUseId?: string } = {}): EventsReply {
  const defaults: Record<string, string> = {
    max_tokens: 'This answer is cut off in the middle of a',
    refusal: 'I can’t help with that.',
    pause_turn: 'Still searching; I will continue',
    stop_sequence: 'The answer ends right before the stop sequence',
    model_context_window_exceeded: 'The context window is full, so this answer ends',
  };
  const stopSequence = reason === 'stop_sequence' ? (options.stopSequence ?? '###') : null;
  // The API pauses a server-tool loop with the next server tool call still unrun: the turn ends on a
  // server_tool_use without its result, which is what makes sending the turn back a continuation.
  const paused = reason === 'pause_turn' ? toolBlockEvents(1, { type: 'server_tool_use', id: options.toolUseId ?? fakeId('srvtoolu'), name: 'web_search' }, { query: 'more results' }) : [];
  return eventsReply([
    messageStart(options.usage),
    ...textBlockEvents(0, options.text ?? defaults[reason] ?? `Stopped: ${reason}`),
    ...paused,
    ...messageEnd(reason, options.usage, stopSequence),
  ], options);
}

/**
 * The continuation of a reply paused on a search (`stopReasonReply('pause_turn', {toolUseId})`):
 * the API runs the paused call and the new reply opens with its result, then the answer.
 */
export function resumedSearchReply(toolUseId: string, results: SearchHit[], text: string, options: ReplyOptions = {}): EventsReply {
  return eventsReply([
    messageStart(options.usage),
    ...searchResultEvents(0, toolUseId, results),
    ...textBlockEvents(1, text),
    ...messageEnd('end_turn', { server_tool_use: { web_search_requests: 1 }, ...options.usage }),
  ], options);
}

/** A block of a type no client knows (with an unknown delta type), then a text block. */
export function unknownBlockReply(text = 'After the unknown block.', options: ReplyOptions & { blockType?: string } = {}): EventsReply {
  const type = options.blockType ?? 'future_widget';
  return eventsReply([
    messageStart(options.usage),
    { type: 'content_block_start', index: 0, content_block: { type, id: fakeId('fw'), payload: { answer: 42, nested: ['a', 'b'] } } },
    { type: 'content_block_delta', index: 0, delta: { type: 'future_widget_delta', value: 'opaque' } },
    { type: 'content_block_stop', index: 0 },
    ...textBlockEvents(1, text),
    ...messageEnd('end_turn', options.usage),
  ], options);
}
