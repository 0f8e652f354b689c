import assert from 'node:assert/strict';
import { readSse } from '../../../src/common/anthropic/sse';
import type { SseEvent } from '../../../src/common/anthropic/sse';
import { streamOf } from './helpers';

const encoder = new TextEncoder();

async function collect(chunks: Uint8Array[], signal?: AbortSignal): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const event of readSse(streamOf(chunks), signal)) out.push(event);
  return out;
}

/** Splits at one byte position: [0, at) and [at, end). */
function splitAt(bytes: Uint8Array, at: number): Uint8Array[] {
  return [bytes.slice(0, at), bytes.slice(at)].filter((c) => c.length > 0);
}

describe('anthropic/sse readSse', () => {
  const text = 'Hello, wörld 👋🏽 — 数据 ✓';
  const body =
    `event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}\n\n` +
    'event: ping\ndata: {"type":"ping"}\n\n';
  const bytes = encoder.encode(body);
  const expected: SseEvent[] = [
    {
      event: 'content_block_delta',
      data: `{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":${JSON.stringify(text)}}}`,
    },
    { event: 'ping', data: '{"type":"ping"}' },
  ];

  it('gives the same events for a split at every byte (text and emoji, split UTF-8)', async () => {
    for (let at = 0; at <= bytes.length; at++) {
      assert.deepStrictEqual(await collect(splitAt(bytes, at)), expected, `split at byte ${at}`);
    }
  });

  it('gives the same events when every byte is its own chunk', async () => {
    const chunks = Array.from(bytes, (b) => Uint8Array.of(b));
    assert.deepStrictEqual(await collect(chunks), expected);
  });

  it('accepts CRLF, CR and LF line ends, at every split', async () => {
    for (const eol of ['\r\n', '\r', '\n']) {
      const crlf = encoder.encode(body.replace(/\n/g, eol));
      for (let at = 0; at <= crlf.length; at += 3) {
        assert.deepStrictEqual(await collect(splitAt(crlf, at)), expected, `eol ${JSON.stringify(eol)} split ${at}`);
      }
    }
  });

  it('skips comments and joins multi-line data with newlines', async () => {
    const raw = ': keep-alive\n\nevent: message_delta\n: a comment inside\ndata: {"a":\ndata: 1}\nid: 7\n\n';
    assert.deepStrictEqual(await collect([encoder.encode(raw)]), [{ event: 'message_delta', data: '{"a":\n1}' }]);
  });

  it('leaves the event name undefined when absent and drops an unterminated last event', async () => {
    const raw = 'data: {"type":"ping"}\n\nevent: message_stop\ndata: {"type":"message_stop"}';
    assert.deepStrictEqual(await collect([encoder.encode(raw)]), [{ event: undefined, data: '{"type":"ping"}' }]);
  });

  it('stops with the abort reason when the signal aborts', async () => {
    const controller = new AbortController();
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(encoder.encode('event: ping\ndata: {}\n\n'));
      },
    });
    const seen: SseEvent[] = [];
    await assert.rejects(async () => {
      for await (const event of readSse(stream, controller.signal)) {
        seen.push(event);
        controller.abort();
      }
    });
    assert.equal(seen.length, 1);
  });

  it('a body that is one JSON document comes out whole as one event, however it is split', async () => {
    const json = '{"type":"error","error":{"type":"api_error","message":"boom"}}';
    const doc = encoder.encode(`\r\n ${json}\n`);
    for (let at = 1; at < doc.length; at++) {
      const events = await collect(splitAt(doc, at));
      assert.deepStrictEqual(events.map((e) => [e.event, e.data.trim()]), [[undefined, json]], `split at ${at}`);
    }
  });

  it('leading blank lines before SSE fields are still SSE', async () => {
    const events = await collect([encoder.encode('\n\n'), encoder.encode('  \nevent: ping\ndata: {"type":"ping"}\n\n')]);
    assert.deepStrictEqual(events, [{ event: 'ping', data: '{"type":"ping"}' }]);
  });
});
