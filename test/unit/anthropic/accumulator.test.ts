import assert from 'node:assert/strict';
import { EventOrderError, MessageAccumulator } from '../../../src/common/anthropic/accumulator';
import type { Message, StreamEvent } from '../../../src/common/anthropic/types';
import { messageStartEvent } from './helpers';

function start(extra: Partial<Message> = {}): StreamEvent {
  return messageStartEvent({ usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 0 }, ...extra });
}

function run(events: StreamEvent[]): MessageAccumulator {
  const acc = new MessageAccumulator();
  for (const e of events) acc.apply(e);
  return acc;
}

describe('anthropic/accumulator', () => {
  it('concatenates text, thinking and sets the signature', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'let me ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'SIG' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'lo 👋' } },
      { type: 'content_block_stop', index: 1 },
    ]);
    assert.deepStrictEqual(acc.snapshot().content, [
      { type: 'thinking', thinking: 'let me think', signature: 'SIG' },
      { type: 'text', text: 'Hello 👋' },
    ]);
  });

  it('parses tool_use and server_tool_use input once, at content_block_stop; empty input is {}', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't1', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"q": "a \\"b' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '\\" c"}' } },
    ]);
    // Not parsed while streaming; the raw JSON is available.
    assert.deepStrictEqual(acc.snapshot().content[0], { type: 'tool_use', id: 't1', name: 'f', input: {} });
    assert.equal(acc.partialJson(0), '{"q": "a \\"b\\" c"}');
    acc.apply({ type: 'content_block_stop', index: 0 });
    assert.deepStrictEqual(acc.snapshot().content[0], { type: 'tool_use', id: 't1', name: 'f', input: { q: 'a "b" c' } });

    const empty = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 's', name: 'web_search', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    assert.deepStrictEqual(empty.snapshot().content[0]?.['input'], {});
  });

  it('keeps input given whole at block start (no deltas)', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'server_tool_use', id: 's', name: 'web_fetch', input: { url: 'https://a' } } },
      { type: 'content_block_stop', index: 0 },
    ]);
    assert.deepStrictEqual(acc.snapshot().content[0]?.['input'], { url: 'https://a' });
  });

  it('keeps result blocks and unknown blocks as they arrive', () => {
    const result = { type: 'web_search_tool_result', tool_use_id: 's', content: [{ type: 'web_search_result', url: 'u', title: 't', encrypted_content: 'e' }] };
    const unknown = { type: 'future_block', payload: { a: 1 } };
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: result },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: unknown },
      { type: 'content_block_delta', index: 1, delta: { type: 'future_delta', x: 1 } },
      { type: 'content_block_stop', index: 1 },
    ]);
    assert.deepStrictEqual(acc.snapshot().content, [result, unknown]);
  });

  it('appends citations, creating the array when missing, without touching the event objects', () => {
    const startCitations: unknown[] = [];
    const c1 = { type: 'web_search_result_location', url: 'u1', title: 't', encrypted_index: 'e', cited_text: 'x' };
    const c2 = { ...c1, url: 'u2' };
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '', citations: startCitations as [] } },
      { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: c1 } },
      { type: 'content_block_delta', index: 0, delta: { type: 'citations_delta', citation: c2 } },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'citations_delta', citation: c1 } },
    ]);
    assert.deepStrictEqual(acc.snapshot().content[0]?.['citations'], [c1, c2]);
    assert.deepStrictEqual(acc.snapshot().content[1]?.['citations'], [c1]);
    assert.equal(startCitations.length, 0);
  });

  it('overwrites usage field by field from message_delta (running totals, never added)', () => {
    const acc = run([
      start(),
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null, container: { id: 'c', expires_at: '2026-11-24T12:00:00Z' } },
        usage: { output_tokens: 50, input_tokens: 61, cache_read_input_tokens: 7, cache_creation_input_tokens: 3, server_tool_use: { web_search_requests: 2 } },
      },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 60 } },
      { type: 'message_stop' },
    ]);
    const m = acc.snapshot();
    assert.deepStrictEqual(m.usage, {
      input_tokens: 61,
      output_tokens: 60,
      cache_read_input_tokens: 7,
      cache_creation_input_tokens: 3,
      server_tool_use: { web_search_requests: 2 },
    });
    assert.deepStrictEqual(m.container, { id: 'c', expires_at: '2026-11-24T12:00:00Z' }, 'kept although the later message_delta has none');
    assert.equal(acc.stopped, true);
  });

  for (const reason of ['end_turn', 'max_tokens', 'stop_sequence', 'tool_use', 'pause_turn', 'refusal', 'model_context_window_exceeded', 'some_future_reason']) {
    it(`passes stop_reason ${reason} through`, () => {
      const acc = run([start(), { type: 'message_delta', delta: { stop_reason: reason, stop_sequence: reason === 'stop_sequence' ? 'END' : null }, usage: { output_tokens: 1 } }]);
      assert.equal(acc.snapshot().stop_reason, reason);
      assert.equal(acc.snapshot().stop_sequence, reason === 'stop_sequence' ? 'END' : null);
    });
  }

  it('ignores events before message_start and rejects a second message_start', () => {
    const acc = new MessageAccumulator();
    acc.apply({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
    assert.equal(acc.started, false);
    assert.deepStrictEqual(acc.snapshot().content, []);
    acc.apply(start());
    assert.throws(() => acc.apply(start()), EventOrderError);
  });

  it('repairs tool input cut off mid-stream as the SDK does: the unfinished string is dropped', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"path": "a.ts", "lines": ["one", "tw' } },
    ]);
    acc.finishOpenBlocks();
    assert.deepStrictEqual(acc.snapshot().content[0]?.['input'], { path: 'a.ts', lines: ['one'] });
  });

  it('gives a tool_use cut off by max_tokens (no content_block_stop) its partial input at message_stop', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"filename": "taxes.txt", "n": 12' } },
      { type: 'message_delta', delta: { stop_reason: 'max_tokens', stop_sequence: null }, usage: { output_tokens: 124 } },
    ]);
    assert.deepStrictEqual(acc.snapshot().content[0]?.['input'], {});
    acc.apply({ type: 'message_stop' });
    // The number may have had more digits, so it is dropped with its key.
    assert.deepStrictEqual(acc.snapshot().content[0]?.['input'], { filename: 'taxes.txt' });
  });

  it('keeps {} for tool input that is broken rather than cut off', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 't', name: 'f', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"a": nope}' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    assert.deepStrictEqual(acc.snapshot().content[0]?.['input'], {});
  });
});

describe('anthropic/accumulator beta features (as the SDK beta stream keeps them)', () => {
  it('parses mcp_tool_use input from input_json_delta', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'mcp_tool_use', id: 'm', name: 'ask', server_name: 's', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"question": ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '"why?"}' } },
      { type: 'content_block_stop', index: 0 },
    ]);
    assert.deepStrictEqual(acc.snapshot().content[0], { type: 'mcp_tool_use', id: 'm', name: 'ask', server_name: 's', input: { question: 'why?' } });
  });

  it('sets a compaction block to the summary its compaction_delta carries', () => {
    const acc = run([
      start(),
      { type: 'content_block_start', index: 0, content_block: { type: 'compaction', content: null } },
      { type: 'content_block_delta', index: 0, delta: { type: 'compaction_delta', content: '## Summary', encrypted_content: 'ENC' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'compaction', content: null } },
      { type: 'content_block_delta', index: 1, delta: { type: 'compaction_delta', content: null } },
      { type: 'content_block_stop', index: 1 },
    ]);
    assert.deepStrictEqual(acc.snapshot().content, [
      { type: 'compaction', content: '## Summary', encrypted_content: 'ENC' },
      { type: 'compaction', content: null },
    ]);
  });

  it('keeps context_management, input_transformations, usage.iterations and fallback_credit from message_delta', () => {
    const iterations = [{ type: 'message', input_tokens: 10, output_tokens: 40 }, { type: 'advisor_message', model: 'claude-opus-4-7', input_tokens: 5, output_tokens: 3 }];
    const acc = run([
      start(),
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: { output_tokens: 43, iterations, fallback_credit: { amount: 1 } },
        context_management: { applied_edits: [] },
        input_transformations: [{ type: 'x' }],
      },
      { type: 'message_delta', delta: { stop_reason: 'end_turn', stop_sequence: null }, usage: { output_tokens: 44 } },
    ]);
    const m = acc.snapshot();
    assert.deepStrictEqual(m['context_management'], { applied_edits: [] });
    assert.deepStrictEqual(m['input_transformations'], [{ type: 'x' }]);
    assert.deepStrictEqual(m.usage['iterations'], iterations);
    assert.deepStrictEqual(m.usage['fallback_credit'], { amount: 1 });
    assert.equal(m.usage.output_tokens, 44);
  });

  it('relabels the message with the model a fallback block hands over to', () => {
    const acc = run([
      start({ model: 'claude-opus-5-5' }),
      { type: 'content_block_start', index: 0, content_block: { type: 'fallback', from: { model: 'claude-opus-5-5' }, to: { model: 'claude-opus-4-8' } } },
      { type: 'content_block_stop', index: 0 },
    ]);
    assert.equal(acc.snapshot().model, 'claude-opus-4-8');
  });
});
