import * as assert from 'node:assert/strict';
import {
  codeExecutionReply, redactedThinkingReply, resumedSearchReply, stopReasonReply, textReply, thinkingReply, toolUseReply, unknownBlockReply,
  webFetchReply, webSearchReply,
} from '../../server/server';
import type { LooseEvent } from './helpers';
import { GOOD_HEADERS, deltaUsage, messagesBody, parseFrames, post, streamEvents, streamedText, useServer } from './helpers';

function types(events: LooseEvent[]): string[] {
  return events.map((event) => event.type);
}

describe('test server: replies', () => {
  const server = useServer();

  it('streams the default reply as SSE, word by word, echoing the last user text', async () => {
    const response = await post(server(), '/v1/messages', messagesBody('Hello from the unit test'));
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.ok(response.headers.get('request-id'));
    const text = await response.text();
    assert.match(text, /^event: message_start\ndata: \{/);
    const frames = parseFrames(text);
    for (const frame of frames) assert.equal((JSON.parse(frame.data) as { type: string }).type, frame.event, 'event name = data.type');
    const events = frames.map((frame) => JSON.parse(frame.data) as LooseEvent);
    const names = types(events);
    assert.deepEqual(names.slice(0, 3), ['message_start', 'content_block_start', 'ping']);
    assert.deepEqual(names.slice(-3), ['content_block_stop', 'message_delta', 'message_stop']);
    assert.ok(names.filter((name) => name === 'content_block_delta').length > 20, 'many small deltas');
    assert.match(streamedText(events), /^You said: Hello from the unit test\./);
    const message = events[0]?.message as { id: string; model: string };
    assert.match(message.id, /^msg_/);
    assert.equal(message.model, 'claude-sonnet-5');
    assert.equal((deltaUsage(events).output_tokens as number) > 1, true);
  });

  it('paces the default reply by tokenDelayMs', async () => {
    server().configure({ tokenDelayMs: 20 });
    const started = Date.now();
    await streamEvents(server(), messagesBody('slow please'));
    assert.ok(Date.now() - started >= 20 * 20, 'at least 20 pauses of 20 ms');
  });

  it('stamps when the first text_delta went out (the bench\'s first-delta clock), and only for a reply with text', async () => {
    server().enqueue(textReply('Hello there', { delayMs: 30 }), toolUseReply('str_replace_based_edit_tool', { command: 'view', path: 'a.ts' }));
    const before = performance.timeOrigin + performance.now();
    await streamEvents(server(), messagesBody('hi'));
    const after = performance.timeOrigin + performance.now();
    const at = server().replies[0]?.firstTextDeltaAt;
    assert.ok(at !== undefined && at >= before + 2 * 30 && at <= after, `stamped after message_start, content_block_start and ping (${at} in ${before}..${after})`);
    await streamEvents(server(), messagesBody('hi'));
    assert.equal(server().replies[1]?.firstTextDeltaAt, undefined, 'a tool call has no text_delta');
  });

  it('honours max_tokens and stop_sequences in the default reply', async () => {
    const cut = await streamEvents(server(), messagesBody('hi', { max_tokens: 3 }));
    assert.equal((cut.find((e) => e.type === 'message_delta')?.delta as { stop_reason: string }).stop_reason, 'max_tokens');
    assert.ok(streamedText(cut).length <= 12);
    const stopped = await streamEvents(server(), messagesBody('hi', { stop_sequences: ['local'] }));
    const delta = stopped.find((e) => e.type === 'message_delta')?.delta as { stop_reason: string; stop_sequence: string };
    assert.equal(delta.stop_reason, 'stop_sequence');
    assert.equal(delta.stop_sequence, 'local');
    assert.ok(!streamedText(stopped).includes('local'));
  });

  it('answers stream:false with the accumulated JSON message', async () => {
    server().enqueue(toolUseReply('str_replace_based_edit_tool', { command: 'view', path: 'a.ts' }, { text: 'Let me look.' }));
    const response = await post(server(), '/v1/messages', messagesBody('x', { stream: false }));
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    const message = (await response.json()) as { type: string; content: Array<Record<string, unknown>>; stop_reason: string; usage: { input_tokens: number } };
    assert.equal(message.type, 'message');
    assert.equal(message.stop_reason, 'tool_use');
    assert.deepEqual(message.content[0], { type: 'text', text: 'Let me look.' });
    assert.deepEqual(message.content[1]?.input, { command: 'view', path: 'a.ts' });
    assert.ok(message.usage.input_tokens > 0);
  });

  it('plays a scripted textReply, then falls back to the default when the queue is empty', async () => {
    server().enqueue(textReply('Scripted answer here.'));
    assert.equal(streamedText(await streamEvents(server(), messagesBody())), 'Scripted answer here.');
    assert.match(streamedText(await streamEvents(server(), messagesBody())), /^You said/);
    assert.deepEqual(server().replies.map((reply) => reply.kind), ['events', 'default']);
  });

  it('streams thinking (thinking_delta + signature_delta) before text', async () => {
    server().enqueue(thinkingReply('Let me think about it.', 'The answer.'));
    const events = await streamEvents(server(), messagesBody());
    const starts = events.filter((e) => e.type === 'content_block_start').map((e) => (e.content_block as { type: string }).type);
    assert.deepEqual(starts, ['thinking', 'text']);
    const deltas = events.filter((e) => e.type === 'content_block_delta').map((e) => (e.delta as { type: string }).type);
    assert.ok(deltas.includes('thinking_delta') && deltas.includes('signature_delta') && deltas.includes('text_delta'));
    assert.ok(deltas.indexOf('signature_delta') < deltas.indexOf('text_delta'));
  });

  it('streams redacted thinking whole in content_block_start', async () => {
    server().enqueue(redactedThinkingReply('Done.', 'opaque-data'));
    const events = await streamEvents(server(), messagesBody());
    assert.deepEqual(events.find((e) => e.type === 'content_block_start')?.content_block, { type: 'redacted_thinking', data: 'opaque-data' });
  });

  it('streams tool input as input_json_delta pieces that join to the input, with stop_reason tool_use', async () => {
    const input = { command: 'str_replace', path: 'src/a.ts', old_str: 'const a = 1;', new_str: 'const a = 2;' };
    server().enqueue(toolUseReply('str_replace_based_edit_tool', input, { id: 'toolu_fixed' }));
    const events = await streamEvents(server(), messagesBody());
    const start = events.find((e) => e.type === 'content_block_start')?.content_block as Record<string, unknown>;
    assert.deepEqual(start, { type: 'tool_use', id: 'toolu_fixed', name: 'str_replace_based_edit_tool', input: {} });
    const pieces = events.filter((e) => e.type === 'content_block_delta').map((e) => (e.delta as { partial_json: string }).partial_json);
    assert.ok(pieces.length > 3);
    assert.deepEqual(JSON.parse(pieces.join('')), input);
    assert.equal((events.find((e) => e.type === 'message_delta')?.delta as { stop_reason: string }).stop_reason, 'tool_use');
  });

  it('streams web search: server_tool_use, web_search_tool_result, cited text and web_search_requests', async () => {
    server().enqueue(webSearchReply('vscode api', [{ url: 'https://code.visualstudio.com/api', title: 'VS Code API' }], 'The API is documented.'));
    const events = await streamEvents(server(), messagesBody());
    const starts = events.filter((e) => e.type === 'content_block_start').map((e) => e.content_block as Record<string, unknown>);
    assert.deepEqual(starts.map((block) => block.type), ['server_tool_use', 'web_search_tool_result', 'text', 'text']);
    assert.equal(starts[0]?.name, 'web_search');
    assert.equal((starts[1]?.content as Array<{ url: string }>)[0]?.url, 'https://code.visualstudio.com/api');
    const citation = events.find((e) => (e.delta as { type?: string } | undefined)?.type === 'citations_delta');
    assert.equal(((citation?.delta as { citation: { cited_text: string } }).citation).cited_text, 'The API is documented.');
    const usage = deltaUsage(events);
    assert.deepEqual(usage.server_tool_use, { web_search_requests: 1 });
    assert.ok((usage.input_tokens as number) > 0, 'simulated usage still filled in');
  });

  it('streams web fetch with a web_fetch_tool_result document and web_fetch_requests', async () => {
    server().enqueue(webFetchReply('https://example.com/page', 'Page text that is fetched.', 'A summary.'));
    const events = await streamEvents(server(), messagesBody());
    const result = events.find((e) => (e.content_block as { type?: string } | undefined)?.type === 'web_fetch_tool_result');
    const content = (result?.content_block as { content: { type: string; url: string } }).content;
    assert.equal(content.type, 'web_fetch_result');
    assert.equal(content.url, 'https://example.com/page');
    assert.deepEqual(deltaUsage(events).server_tool_use, { web_fetch_requests: 1 });
  });

  for (const reason of ['max_tokens', 'refusal', 'pause_turn', 'stop_sequence', 'model_context_window_exceeded']) {
    it(`ends with stop_reason ${reason}`, async () => {
      server().enqueue(stopReasonReply(reason));
      const events = await streamEvents(server(), messagesBody());
      const delta = events.find((e) => e.type === 'message_delta')?.delta as { stop_reason: string; stop_sequence: string | null };
      assert.equal(delta.stop_reason, reason);
      assert.equal(delta.stop_sequence, reason === 'stop_sequence' ? '###' : null);
      assert.equal(server().replies[0]?.stopReason, reason);
    });
  }

  it('streams a block of an unknown type with an unknown delta', async () => {
    server().enqueue(unknownBlockReply());
    const events = await streamEvents(server(), messagesBody());
    assert.equal((events.find((e) => e.type === 'content_block_start')?.content_block as { type: string }).type, 'future_widget');
    assert.ok(events.some((e) => (e.delta as { type?: string } | undefined)?.type === 'future_widget_delta'));
  });

  it('sends raw events as given with keepUsage, unknown event types included', async () => {
    const events = [
      { type: 'message_start', message: { id: 'msg_raw', type: 'message', role: 'assistant', model: 'x', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 7, output_tokens: 1 } } },
      { type: 'brand_new_event', payload: 1 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 3 } },
      { type: 'message_stop' },
    ];
    server().enqueue({ kind: 'events', events, keepUsage: true });
    assert.deepEqual(await streamEvents(server(), messagesBody()), events);
  });

  it('splits the stream into chunkSize-byte writes without changing the bytes', async () => {
    server().enqueue({ ...textReply('Ünïcödé text — split anywhere.'), chunkSize: 3 });
    const response = await post(server(), '/v1/messages', messagesBody());
    const reader = response.body?.getReader();
    assert.ok(reader);
    const sizes: number[] = [];
    const bytes: Uint8Array[] = [];
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      sizes.push(next.value.byteLength);
      bytes.push(next.value);
    }
    assert.ok(sizes.length > 20, `many small reads (${sizes.length})`);
    assert.ok(Math.min(...sizes) <= 3);
    const text = Buffer.concat(bytes).toString('utf8');
    const events = parseFrames(text).map((frame) => JSON.parse(frame.data) as LooseEvent);
    assert.equal(streamedText(events), 'Ünïcödé text — split anywhere.');
  });

  it('matches scripted replies by lastUserTextIncludes (FIFO among matches) and by predicate', async () => {
    server().enqueue(
      { ...textReply('second-turn answer'), when: { lastUserTextIncludes: 'turn two' } },
      { ...textReply('predicate answer'), predicate: (request) => request.headers['x-flag'] === 'on' },
      textReply('any turn answer'),
    );
    assert.equal(streamedText(await streamEvents(server(), messagesBody('turn one'))), 'any turn answer');
    assert.equal(streamedText(await streamEvents(server(), messagesBody('this is turn two'))), 'second-turn answer');
    const flagged = await post(server(), '/v1/messages', messagesBody('x'), { ...GOOD_HEADERS, 'x-flag': 'on' });
    assert.match(await flagged.text(), /predicate/);
    assert.equal(server().queued, 0);
  });

  it('matches lastUserTextIncludes against tool_result content too', async () => {
    server().enqueue({ ...textReply('after tool'), when: { lastUserTextIncludes: 'file contents' } });
    const messages = [
      { role: 'user', content: 'edit it' },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'x', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'the file contents' }] },
    ];
    assert.equal(streamedText(await streamEvents(server(), messagesBody('', { messages }))), 'after tool');
  });
});

describe('test server: replies that continue a conversation (thinking before a tool call, a paused search, the sandbox)', () => {
  const server = useServer();

  it('streams a tool call after signed thinking and text when asked to', async () => {
    server().enqueue(toolUseReply('str_replace_based_edit_tool', { command: 'view', path: 'a.ts' }, { thinking: 'Look first.', text: 'Viewing.' }));
    const events = await streamEvents(server(), messagesBody());
    const starts = events.filter((e) => e.type === 'content_block_start').map((e) => [e.index, (e.content_block as { type: string }).type]);
    assert.deepEqual(starts, [[0, 'thinking'], [1, 'text'], [2, 'tool_use']]);
    const signature = events.find((e) => (e.delta as { type?: string } | undefined)?.type === 'signature_delta');
    assert.equal(signature?.index, 0);
    assert.match((signature?.delta as { signature: string }).signature, /^sig_/);
  });

  it('pauses on a search whose id the test chose, and resumes with that search\'s result first', async () => {
    server().enqueue(stopReasonReply('pause_turn', { toolUseId: 'srvtoolu_paused' }), resumedSearchReply('srvtoolu_paused', [{ url: 'https://a.example/', title: 'A' }], 'Found it.'));
    const paused = await streamEvents(server(), messagesBody());
    const pausedBlocks = paused.filter((e) => e.type === 'content_block_start').map((e) => e.content_block as Record<string, unknown>);
    assert.deepEqual(pausedBlocks.map((b) => [b.type, b.id]), [['text', undefined], ['server_tool_use', 'srvtoolu_paused']]);
    const resumed = await streamEvents(server(), messagesBody());
    const first = resumed.find((e) => e.type === 'content_block_start')?.content_block as Record<string, unknown>;
    assert.deepEqual([first.type, first.tool_use_id], ['web_search_tool_result', 'srvtoolu_paused']);
    assert.equal(streamedText(resumed), 'Found it.');
  });

  it('streams a bash run in the sandbox with its container in message_delta', async () => {
    server().enqueue(codeExecutionReply({ command: 'echo hi', stdout: 'hi\n' }, 'It printed hi.', { now: Date.parse('2026-11-27T10:00:00Z') }));
    const events = await streamEvents(server(), messagesBody());
    const blocks = events.filter((e) => e.type === 'content_block_start').map((e) => e.content_block as Record<string, unknown>);
    assert.deepEqual(blocks.map((b) => b.type), ['server_tool_use', 'bash_code_execution_tool_result', 'text']);
    assert.equal(blocks[0]?.name, 'bash_code_execution');
    assert.equal(blocks[1]?.tool_use_id, blocks[0]?.id);
    assert.deepEqual(blocks[1]?.content, { type: 'bash_code_execution_result', stdout: 'hi\n', stderr: '', return_code: 0, content: [] });
    const delta = events.find((e) => e.type === 'message_delta')?.delta as { stop_reason: string; container: { id: string; expires_at: string } };
    assert.equal(delta.stop_reason, 'end_turn');
    assert.match(delta.container.id, /^container_/);
    assert.equal(delta.container.expires_at, '2026-11-27T11:00:00.000Z');
  });
});
