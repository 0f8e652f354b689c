/**
 * Writes an SSE stream (`event: <type>\ndata: <json>\n\n`) with optional pacing, byte chunking and
 * a fault at the end: drop the socket, stall, a malformed frame, or an `event: error`.
 */
import type { ServerResponse } from 'node:http';
import { sleep } from './http';
import type { ScriptEvent } from './types';

/** How a stream ends after its events. */
export type StreamEnding =
  | { kind: 'end' }
  | { kind: 'drop' }
  | { kind: 'stall'; pingEveryMs?: number }
  | { kind: 'malformed'; data: string }
  | { kind: 'sse-error'; error: { type: string; message: string } };

/** What to write. */
export interface StreamPlan {
  events: ScriptEvent[];
  delayMs: number;
  chunkSize?: number;
  ending: StreamEnding;
  /** Extra response headers (they win over the defaults). */
  headers?: Record<string, string>;
}

/** One SSE frame. */
export function sseFrame(event: ScriptEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`;
}

function endingFrame(ending: StreamEnding): string {
  if (ending.kind === 'malformed') return `event: content_block_delta\ndata: ${ending.data}\n\n`;
  if (ending.kind === 'sse-error') return sseFrame({ type: 'error', error: ending.error });
  return '';
}

function closed(res: ServerResponse): boolean {
  return res.destroyed || res.writableEnded;
}

/** Writes and resolves once the bytes are handed to the socket (so a later destroy cannot lose them). */
function write(res: ServerResponse, data: string | Buffer): Promise<void> {
  return new Promise((resolve) => {
    if (closed(res)) return resolve();
    res.write(data, () => resolve());
  });
}

/** Splits the bytes into pieces of `size`, remembering after which piece each frame is complete. */
function chunks(frames: string[], size: number): { pieces: Buffer[]; framesDoneAfter: number[] } {
  const bytes = Buffer.from(frames.join(''), 'utf8');
  const pieces: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) pieces.push(bytes.subarray(at, at + size));
  let end = 0;
  const framesDoneAfter = frames.map((frame) => Math.ceil((end += Buffer.byteLength(frame)) / size) - 1);
  return { pieces, framesDoneAfter };
}

/** Streams the plan; `onSent` sees each event once its bytes are written. Resolves when done. */
export async function writeSse(res: ServerResponse, plan: StreamPlan, onSent: (event: ScriptEvent) => void): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive', ...plan.headers });
  res.flushHeaders();
  const frames = plan.events.map(sseFrame);
  const tail = endingFrame(plan.ending);
  if (plan.chunkSize && plan.chunkSize > 0) {
    const { pieces, framesDoneAfter } = chunks(tail ? [...frames, tail] : frames, plan.chunkSize);
    let next = 0;
    for (const [index, piece] of pieces.entries()) {
      if (closed(res)) return;
      if (index > 0) await sleep(Math.max(1, plan.delayMs));
      await write(res, piece);
      while (next < plan.events.length && (framesDoneAfter[next] ?? Infinity) <= index) onSent(plan.events[next++] as ScriptEvent);
    }
  } else {
    for (const [index, event] of plan.events.entries()) {
      if (closed(res)) return;
      if (index > 0) await sleep(plan.delayMs);
      await write(res, frames[index] ?? '');
      onSent(event);
    }
    if (tail) {
      await sleep(plan.delayMs);
      await write(res, tail);
    }
  }
  await finish(res, plan.ending);
}

async function finish(res: ServerResponse, ending: StreamEnding): Promise<void> {
  if (closed(res)) return;
  if (ending.kind === 'drop') {
    // Destroying the socket leaves the chunked body unterminated: the client's body read fails.
    await sleep(10);
    res.socket?.destroy();
    return;
  }
  if (ending.kind === 'stall') {
    // Hold the socket open until the client aborts or the server closes; pinging, if asked, as a
    // proxy or a stuck server does that keeps the connection alive while the reply goes nowhere.
    const every = ending.pingEveryMs;
    const pinger = every && every > 0 ? setInterval(() => void write(res, sseFrame({ type: 'ping' })), every) : undefined;
    await new Promise<void>((resolve) => res.once('close', () => resolve()));
    clearInterval(pinger);
    return;
  }
  res.end();
}
