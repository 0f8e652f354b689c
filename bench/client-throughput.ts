/**
 * Throughput of the streaming client against @anthropic-ai/sdk on the same ~10 MB of SSE: thinking,
 * text and tool input JSON deltas, delivered in 16 KB chunks through a custom fetch. Prints MB/s for
 * each (best of several runs) and the ratio; the goal is at least 1.3x the SDK.
 */
import { isDeepStrictEqual } from 'node:util';
import Anthropic from '@anthropic-ai/sdk';
import { MessagesClient } from '../src/common/anthropic/client';
import type { Message } from '../src/common/anthropic/types';

const TARGET_BYTES = 10 * 1024 * 1024;
const CHUNK_BYTES = 16 * 1024;
const RUNS = 7;

function event(type: string, body: object): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...body })}\n\n`;
}

/** ~10 MB of SSE: 40 % thinking deltas, 40 % text deltas, 20 % tool input JSON deltas. */
function buildSse(): Uint8Array {
  const parts: string[] = [];
  let size = 0;
  const push = (s: string): void => {
    parts.push(s);
    size += s.length;
  };
  push(
    event('message_start', {
      message: {
        id: 'msg_bench',
        type: 'message',
        role: 'assistant',
        model: 'claude-sonnet-5',
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { input_tokens: 1000, output_tokens: 1 },
      },
    }),
  );
  const words = 'the quick brown fox jumps over the lazy dog — naïve café 数据 🙂 "quoted" \\ back\nslash'.split(' ');
  const phrase = (i: number, n: number): string => {
    let s = '';
    for (let k = 0; k < n; k++) s += `${words[(i + k) % words.length]} `;
    return s;
  };
  push(event('content_block_start', { index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } }));
  for (let i = 0; size < TARGET_BYTES * 0.4; i++) {
    push(event('content_block_delta', { index: 0, delta: { type: 'thinking_delta', thinking: phrase(i, 8) } }));
  }
  push(event('content_block_delta', { index: 0, delta: { type: 'signature_delta', signature: 'EqQBCkYIBxgCKkA'.repeat(8) } }));
  push(event('content_block_stop', { index: 0 }));
  push(event('content_block_start', { index: 1, content_block: { type: 'text', text: '' } }));
  for (let i = 0; size < TARGET_BYTES * 0.8; i++) {
    push(event('content_block_delta', { index: 1, delta: { type: 'text_delta', text: phrase(i, 4) } }));
  }
  push(event('content_block_stop', { index: 1 }));
  push(
    event('content_block_start', {
      index: 2,
      content_block: { type: 'tool_use', id: 'toolu_bench', name: 'str_replace_based_edit_tool', input: {} },
    }),
  );
  const json = JSON.stringify({ command: 'create', path: 'src/big.ts', file_text: 'x'.repeat(1) });
  const head = json.slice(0, json.length - 3);
  push(event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: head } }));
  for (let i = 0; size < TARGET_BYTES; i++) {
    const piece = JSON.stringify(phrase(i, 3)).slice(1, -1);
    push(event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: piece } }));
  }
  push(event('content_block_delta', { index: 2, delta: { type: 'input_json_delta', partial_json: 'x"}' } }));
  push(event('content_block_stop', { index: 2 }));
  push(event('message_delta', { delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 250000 } }));
  push(event('message_stop', {}));
  return new TextEncoder().encode(parts.join(''));
}

function chunked(bytes: Uint8Array): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK_BYTES) chunks.push(bytes.subarray(i, i + CHUNK_BYTES));
  return chunks;
}

function responseOver(chunks: Uint8Array[]): Response {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
  });
  return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
}

const REQUEST = { model: 'claude-sonnet-5', max_tokens: 64000, messages: [{ role: 'user' as const, content: 'bench' }] };

async function runOurs(chunks: Uint8Array[], iterate: boolean): Promise<Message> {
  const client = new MessagesClient({
    baseUrl: 'https://bench.invalid',
    apiKey: 'sk-ant-bench',
    authHeader: 'x-api-key',
    anthropicVersion: '2023-06-01',
    betas: [],
    maxRetries: 0,
    fetch: (async () => responseOver(chunks)) as typeof fetch,
  });
  const stream = client.stream({ ...REQUEST, stream: true });
  if (iterate) {
    for await (const _item of stream) {
      // consume every event, as the chat view does
    }
  }
  return stream.finalMessage();
}

async function runSdk(chunks: Uint8Array[]): Promise<Message> {
  const sdk = new Anthropic({
    apiKey: 'sk-ant-bench',
    baseURL: 'https://bench.invalid',
    maxRetries: 0,
    fetch: (async () => responseOver(chunks)) as typeof fetch,
  });
  const final = (await sdk.messages.stream(REQUEST).finalMessage()) as unknown as Record<string, unknown>;
  // parsed_output is the SDK's structured-output addition, not part of the API message.
  const { parsed_output: _parsed, ...message } = final;
  return message as unknown as Message;
}

interface Contender {
  label: string;
  run: () => Promise<Message>;
  bestMs: number;
  message?: Message;
}

/** Runs the contenders in turn, round after round, so background load hits them all alike. */
async function interleaved(contenders: Contender[]): Promise<void> {
  for (let r = 0; r < RUNS; r++) {
    for (const c of contenders) {
      const start = performance.now();
      c.message = await c.run();
      c.bestMs = Math.min(c.bestMs, performance.now() - start);
    }
  }
}

/** Runs the comparison and prints the numbers. */
export async function benchClientThroughput(): Promise<void> {
  const bytes = buildSse();
  const chunks = chunked(bytes);
  const mb = bytes.length / (1024 * 1024);
  console.log(`client throughput: ${mb.toFixed(2)} MB of SSE in ${chunks.length} chunks of ${CHUNK_BYTES / 1024} KB`);
  // Warm up both paths once so JIT state is comparable.
  await runOurs(chunks, false);
  await runSdk(chunks);
  const sdk: Contender = { label: '@anthropic-ai/sdk finalMessage()', run: () => runSdk(chunks), bestMs: Infinity };
  const ours: Contender = { label: 'MessagesClient finalMessage()', run: () => runOurs(chunks, false), bestMs: Infinity };
  const iterated: Contender = { label: 'MessagesClient for-await + final', run: () => runOurs(chunks, true), bestMs: Infinity };
  await interleaved([sdk, ours, iterated]);
  const mbps = (c: Contender): number => mb / (c.bestMs / 1000);
  for (const c of [sdk, ours, iterated]) {
    console.log(`  ${c.label.padEnd(34)} ${mbps(c).toFixed(1).padStart(7)} MB/s  (best of ${RUNS}: ${c.bestMs.toFixed(0)} ms)`);
  }
  const same = isDeepStrictEqual(ours.message, sdk.message) && isDeepStrictEqual(iterated.message, sdk.message);
  console.log(
    `  ratio finalMessage: ${(mbps(ours) / mbps(sdk)).toFixed(2)}x the SDK; iterated: ${(mbps(iterated) / mbps(sdk)).toFixed(2)}x (goal >= 1.3x)`,
  );
  console.log(`  same final message as the SDK: ${same ? 'yes' : 'NO'}`);
}
