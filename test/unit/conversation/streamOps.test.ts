import assert from 'node:assert/strict';
import type { ContentBlock, StreamEvent, UnknownEvent } from '../../../src/common/anthropic/types';
import { blockOpsForEvent, OpBatcher } from '../../../src/common/conversation/streamOps';
import { applyBlockOps, FRAME_MS, FramePacer } from '../../../src/common/protocol';
import type { BlockOp } from '../../../src/common/protocol';

type Event = StreamEvent | UnknownEvent;

/** A minimal accumulator that, like a real one, mutates its blocks in place. */
class Accumulator {
  readonly content: ContentBlock[] = [];
  private readonly partialJson = new Map<number, string>();

  apply(event: Event): void {
    if (event.type === 'content_block_start') {
      const e = event as Extract<StreamEvent, { type: 'content_block_start' }>;
      this.content[e.index] = structuredClone(e.content_block);
      return;
    }
    if (event.type === 'content_block_stop') {
      const e = event as Extract<StreamEvent, { type: 'content_block_stop' }>;
      const json = this.partialJson.get(e.index);
      const block = this.content[e.index];
      if (json !== undefined && block) {
        block['input'] = JSON.parse(json);
      }
      return;
    }
    if (event.type !== 'content_block_delta') {
      return;
    }
    const e = event as Extract<StreamEvent, { type: 'content_block_delta' }>;
    const block = this.content[e.index];
    assert.ok(block);
    const d = e.delta as Record<string, unknown>;
    switch (d['type']) {
      case 'text_delta':
        block['text'] = `${String(block['text'])}${String(d['text'])}`;
        break;
      case 'thinking_delta':
        block['thinking'] = `${String(block['thinking'])}${String(d['thinking'])}`;
        break;
      case 'signature_delta':
        block['signature'] = d['signature'];
        break;
      case 'citations_delta': {
        const list = Array.isArray(block['citations']) ? (block['citations'] as unknown[]) : [];
        list.push(d['citation']);
        block['citations'] = list;
        break;
      }
      case 'input_json_delta':
        this.partialJson.set(e.index, `${this.partialJson.get(e.index) ?? ''}${String(d['partial_json'])}`);
        break;
      default: {
        const seen = Array.isArray(block['deltas']) ? (block['deltas'] as unknown[]) : [];
        seen.push(d);
        block['deltas'] = seen;
      }
    }
  }
}

function delta(index: number, d: Record<string, unknown>): Event {
  return { type: 'content_block_delta', index, delta: d } as Event;
}

/** A long stream: 10,000+ deltas over thinking, text with citations, a tool call and an unknown block. */
function longStream(): Event[] {
  const events: Event[] = [
    { type: 'message_start', message: { id: 'msg', type: 'message', role: 'assistant', model: 'm', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 1, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
  ];
  for (let i = 0; i < 3000; i++) events.push(delta(0, { type: 'thinking_delta', thinking: `t${i} ` }));
  events.push(delta(0, { type: 'signature_delta', signature: 'SIG==' }), { type: 'content_block_stop', index: 0 });
  events.push({ type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } });
  for (let i = 0; i < 5000; i++) {
    events.push(delta(1, { type: 'text_delta', text: `w${i} ` }));
    if (i === 2500) {
      events.push(delta(1, { type: 'citations_delta', citation: { type: 'web_search_result_location', url: 'https://e.x', title: 'T', encrypted_index: 'E', cited_text: 'c' } }));
    }
  }
  events.push({ type: 'content_block_stop', index: 1 });
  events.push({ type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu', name: 'edit', input: {} } });
  const json = JSON.stringify({ command: 'create', path: 'a.ts', file_text: 'x'.repeat(500) });
  for (let i = 0; i < json.length; i += 5) events.push(delta(2, { type: 'input_json_delta', partial_json: json.slice(i, i + 5) }));
  events.push({ type: 'content_block_stop', index: 2 });
  events.push({ type: 'content_block_start', index: 3, content_block: { type: 'mystery', payload: 1 } });
  events.push(delta(3, { type: 'mystery_delta', more: true }), { type: 'content_block_stop', index: 3 });
  events.push({ type: 'content_block_start', index: 4, content_block: { type: 'text', text: '' } });
  for (let i = 0; i < 2000; i++) events.push(delta(4, { type: 'text_delta', text: `z${i}` }));
  events.push({ type: 'content_block_stop', index: 4 }, { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 9 } }, { type: 'message_stop' }, { type: 'ping' });
  return events;
}

describe('blockOpsForEvent', () => {
  it('maps each kind of event to its op', () => {
    const content: ContentBlock[] = [{ type: 'text', text: 'ab' }, { type: 'thinking', thinking: 'x', signature: 's' }];
    assert.deepEqual(blockOpsForEvent(delta(0, { type: 'text_delta', text: 'b' }), content), [{ op: 'append', index: 0, field: 'text', text: 'b' }]);
    assert.deepEqual(blockOpsForEvent(delta(1, { type: 'thinking_delta', thinking: 'x' }), content), [{ op: 'append', index: 1, field: 'thinking', text: 'x' }]);
    assert.deepEqual(blockOpsForEvent(delta(1, { type: 'signature_delta', signature: 's' }), content), [{ op: 'set', index: 1, block: content[1] }]);
    assert.deepEqual(blockOpsForEvent(delta(0, { type: 'citations_delta', citation: { type: 'char_location' } }), content), [{ op: 'set', index: 0, block: content[0] }]);
    assert.deepEqual(blockOpsForEvent(delta(0, { type: 'brand_new_delta', x: 1 }), content), [{ op: 'set', index: 0, block: content[0] }]);
    assert.deepEqual(blockOpsForEvent({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }, content), [{ op: 'set', index: 0, block: content[0] }]);
    assert.deepEqual(blockOpsForEvent({ type: 'content_block_stop', index: 1 }, content), [{ op: 'set', index: 1, block: content[1] }]);
    assert.deepEqual(blockOpsForEvent(delta(0, { type: 'input_json_delta', partial_json: '{' }), content), []);
    assert.deepEqual(blockOpsForEvent({ type: 'ping' }, content), []);
  });

  it('copies blocks into set ops so later mutation of the snapshot does not reach them', () => {
    const content: ContentBlock[] = [{ type: 'text', text: 'a' }];
    const [op] = blockOpsForEvent({ type: 'content_block_stop', index: 0 }, content);
    content[0] = { type: 'text', text: 'changed' };
    assert.deepEqual(op, { op: 'set', index: 0, block: { type: 'text', text: 'a' } });
  });
});

describe('OpBatcher', () => {
  function manual(): { schedule: (fn: () => void) => () => void; run: () => void; count: () => number } {
    let pending: (() => void) | undefined;
    let scheduled = 0;
    return {
      schedule: (fn) => {
        scheduled++;
        pending = fn;
        return () => {
          pending = undefined;
        };
      },
      run: () => {
        const fn = pending;
        pending = undefined;
        fn?.();
      },
      count: () => scheduled,
    };
  }

  it('coalesces 10,000 deltas into a few ops whose replay reproduces the snapshot exactly', () => {
    const clock = manual();
    const sent: BlockOp[][] = [];
    const batcher = new OpBatcher((ops) => sent.push(ops), clock.schedule);
    const acc = new Accumulator();
    // An independent accumulator gives the expected result, untouched by anything the batcher does.
    const reference = new Accumulator();
    const events = longStream();
    assert.ok(events.filter((e) => e.type === 'content_block_delta').length > 10_000);
    events.forEach((event, i) => {
      acc.apply(event);
      reference.apply(event);
      batcher.push(blockOpsForEvent(event, acc.content));
      if (i % 1000 === 999) {
        clock.run(); // a frame passes
      }
    });
    batcher.flush();
    const ops = sent.flat();
    assert.ok(ops.length <= 40, `${ops.length} ops`);
    assert.ok(sent.length <= 15, `${sent.length} messages`);
    const replay: ContentBlock[] = [];
    for (const batch of sent) {
      applyBlockOps(replay, batch);
    }
    assert.deepEqual(replay, reference.content);
    assert.deepEqual(acc.content, reference.content);
    assert.equal((reference.content[2]?.['input'] as { command: string }).command, 'create');
  });

  it('concatenates consecutive appends per block and field and keeps other blocks apart', () => {
    const sent: BlockOp[][] = [];
    const batcher = new OpBatcher((ops) => sent.push(ops), () => undefined);
    batcher.push([
      { op: 'append', index: 0, field: 'thinking', text: 'a' },
      { op: 'append', index: 1, field: 'text', text: 'x' },
      { op: 'append', index: 0, field: 'thinking', text: 'b' },
      { op: 'append', index: 1, field: 'text', text: 'y' },
    ]);
    batcher.flush();
    assert.deepEqual(sent, [
      [
        { op: 'append', index: 0, field: 'thinking', text: 'ab' },
        { op: 'append', index: 1, field: 'text', text: 'xy' },
      ],
    ]);
  });

  it('lets a set replace the earlier ops of its block in the first one\'s place, and folds later appends into it', () => {
    const sent: BlockOp[][] = [];
    const batcher = new OpBatcher((ops) => sent.push(ops), () => undefined);
    batcher.push([
      { op: 'set', index: 0, block: { type: 'text', text: '' } },
      { op: 'append', index: 0, field: 'text', text: 'ab' },
      { op: 'set', index: 1, block: { type: 'text', text: '' } },
      { op: 'set', index: 0, block: { type: 'text', text: 'abc', citations: [] } },
      { op: 'append', index: 0, field: 'text', text: 'd' },
    ]);
    batcher.flush();
    assert.deepEqual(sent, [
      [
        { op: 'set', index: 0, block: { type: 'text', text: 'abcd', citations: [] } },
        { op: 'set', index: 1, block: { type: 'text', text: '' } },
      ],
    ]);
  });

  it('schedules one flush per batch, flushes on demand and cancels the timer, and stops after dispose', () => {
    const clock = manual();
    const sent: BlockOp[][] = [];
    const batcher = new OpBatcher((ops) => sent.push(ops), clock.schedule);
    batcher.push({ op: 'append', index: 0, field: 'text', text: 'a' });
    batcher.push({ op: 'append', index: 0, field: 'text', text: 'b' });
    assert.equal(clock.count(), 1);
    assert.equal(batcher.pending, 1);
    clock.run();
    assert.deepEqual(sent, [[{ op: 'append', index: 0, field: 'text', text: 'ab' }]]);
    batcher.push({ op: 'append', index: 0, field: 'text', text: 'c' });
    assert.equal(clock.count(), 2);
    batcher.flush();
    clock.run(); // cancelled: nothing more is sent
    assert.equal(sent.length, 2);
    batcher.push({ op: 'append', index: 0, field: 'text', text: 'd' });
    batcher.dispose();
    clock.run();
    batcher.flush();
    assert.equal(sent.length, 2);
  });

  it('with a pacer, sends a reply\'s first ops at once and batches only a dense stream', () => {
    const frames = manual();
    let now = 0;
    const sent: BlockOp[][] = [];
    const batcher = new OpBatcher((ops) => sent.push(ops), frames.schedule, new FramePacer(() => now));
    batcher.push({ op: 'set', index: 0, block: { type: 'text', text: '' } });
    now += 1;
    batcher.push({ op: 'append', index: 0, field: 'text', text: 'Hello' });
    assert.deepEqual(sent, [[{ op: 'set', index: 0, block: { type: 'text', text: '' } }], [{ op: 'append', index: 0, field: 'text', text: 'Hello' }]]);
    assert.equal(frames.count(), 0, 'nothing waited for a frame');
    // Dense: a delta every millisecond; they wait for the frame and go as one batch.
    for (const word of [' a', ' b', ' c']) {
      now += 1;
      batcher.push({ op: 'append', index: 0, field: 'text', text: word });
    }
    assert.equal(sent.length, 2);
    assert.equal(frames.count(), 1);
    now += FRAME_MS;
    frames.run();
    assert.deepEqual(sent[2], [{ op: 'append', index: 0, field: 'text', text: ' a b c' }]);
    // After a pause, text goes at once again.
    now += 5 * FRAME_MS;
    batcher.push({ op: 'append', index: 0, field: 'text', text: '!' });
    assert.deepEqual(sent[3], [{ op: 'append', index: 0, field: 'text', text: '!' }]);
    assert.equal(frames.count(), 1);
    const replay: ContentBlock[] = [];
    for (const batch of sent) applyBlockOps(replay, batch);
    assert.deepEqual(replay, [{ type: 'text', text: 'Hello a b c!' }]);
  });
});
