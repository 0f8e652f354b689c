import assert from 'node:assert/strict';
import type { MessagesRequest } from '../../../src/common/anthropic/types';
import { ContextMeter, METER_DEBOUNCE_MS, type MeterTimer } from '../../../src/common/attachments/contextMeter';
import { estimateRequestTokens, pdfPageCount } from '../../../src/common/attachments/estimate';
import type { ContextMeterState } from '../../../src/common/protocol';
import { pdf, png } from './images';

/** A fake clock: timers run only when the test advances time. */
class FakeTimer implements MeterTimer {
  now = 0;
  private timers = new Map<number, { at: number; fn: () => void }>();
  private next = 1;
  set(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, fn });
    return id;
  }
  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.timers]) {
      if (timer.at <= this.now) {
        this.timers.delete(id);
        timer.fn();
      }
    }
  }
  get pending(): number {
    return this.timers.size;
  }
}

function body(draft: string): MessagesRequest {
  return { model: 'm', max_tokens: 10, stream: true, messages: [{ role: 'user', content: [{ type: 'text', text: draft }] }] };
}

const flush = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function setup(count: ((b: MessagesRequest, signal: AbortSignal) => Promise<number>) | undefined) {
  const timer = new FakeTimer();
  const published: Array<ContextMeterState | undefined> = [];
  const built: string[] = [];
  const meter = new ContextMeter({
    body: (draft) => {
      built.push(draft);
      return body(draft);
    },
    count,
    contextWindow: () => 200_000,
    publish: (state) => published.push(state),
    timer,
  });
  return { timer, published, built, meter };
}

describe('attachments: the token meter', () => {
  it('counts only after the draft has been still for the debounce time, and only the last draft', async () => {
    const counted: string[] = [];
    const { timer, published, meter } = setup(async (b) => {
      counted.push(JSON.stringify(b.messages));
      return 1234;
    });
    meter.update('h');
    timer.advance(METER_DEBOUNCE_MS - 1);
    meter.update('he');
    timer.advance(METER_DEBOUNCE_MS - 1);
    meter.update('hel');
    assert.equal(counted.length, 0, 'nothing is counted while typing');
    timer.advance(METER_DEBOUNCE_MS);
    await flush();
    assert.equal(counted.length, 1);
    assert.match(counted[0] ?? '', /"hel"/);
    assert.deepEqual(published, [{ inputTokens: 1234, contextWindow: 200_000, estimated: false }]);
  });

  it('cancels the count in flight when the draft changes, and drops its late answer', async () => {
    const signals: AbortSignal[] = [];
    const answers: Array<(n: number) => void> = [];
    const { timer, published, meter } = setup(
      (_b, signal) =>
        new Promise<number>((resolve) => {
          signals.push(signal);
          answers.push(resolve);
        }),
    );
    meter.update('first');
    timer.advance(METER_DEBOUNCE_MS);
    assert.equal(signals.length, 1);
    meter.update('second');
    assert.equal(signals[0]?.aborted, true, 'the first count is cancelled');
    answers[0]?.(111);
    await flush();
    assert.deepEqual(published, [], 'the stale answer is dropped');
    timer.advance(METER_DEBOUNCE_MS);
    answers[1]?.(222);
    await flush();
    assert.deepEqual(published, [{ inputTokens: 222, contextWindow: 200_000, estimated: false }]);
  });

  it('falls back to a local estimate, marked estimated, when count_tokens fails or is missing', async () => {
    const failing = setup(() => Promise.reject(new Error('404')));
    failing.meter.update('hello there');
    failing.timer.advance(METER_DEBOUNCE_MS);
    await flush();
    assert.equal(failing.published[0]?.estimated, true);
    assert.ok((failing.published[0]?.inputTokens ?? 0) > 0);

    const none = setup(undefined);
    none.meter.update('hello');
    none.timer.advance(METER_DEBOUNCE_MS);
    await flush();
    assert.equal(none.published[0]?.estimated, true);
  });

  it('counts nothing while no chat view shows the meter, and counts again once one does', async () => {
    let unseen = true;
    let counted = 0;
    const timer = new FakeTimer();
    const published: Array<ContextMeterState | undefined> = [];
    const meter = new ContextMeter({ body, count: async () => ++counted, contextWindow: () => 100, publish: (s) => published.push(s), timer, unseen: () => unseen });
    meter.refresh();
    timer.advance(METER_DEBOUNCE_MS);
    await flush();
    assert.equal(counted, 0, 'no count_tokens request for a view nobody sees');
    assert.deepEqual(published, []);
    unseen = false;
    meter.refresh();
    timer.advance(METER_DEBOUNCE_MS);
    await flush();
    assert.deepEqual(published, [{ inputTokens: 1, contextWindow: 100, estimated: false }]);
  });

  it('counts nothing while a reply streams, keeping the last figure', async () => {
    let busy = true;
    const timer = new FakeTimer();
    const published: Array<ContextMeterState | undefined> = [];
    const meter = new ContextMeter({ body, count: async () => 7, contextWindow: () => 100, publish: (s) => published.push(s), timer, busy: () => busy });
    meter.update('while streaming');
    timer.advance(METER_DEBOUNCE_MS);
    await flush();
    assert.deepEqual(published, []);
    busy = false;
    meter.update('');
    timer.advance(METER_DEBOUNCE_MS);
    await flush();
    assert.deepEqual(published, [{ inputTokens: 7, contextWindow: 100, estimated: false }]);
  });

  it('stops its timer on dispose', () => {
    const { timer, meter, built } = setup(undefined);
    meter.update('x');
    meter.dispose();
    assert.equal(timer.pending, 0);
    timer.advance(METER_DEBOUNCE_MS);
    assert.deepEqual(built, []);
  });

  it('estimates images by their pixels and PDFs by their pages, not by the length of their base64', () => {
    const image = Buffer.from(png(750, 100, 100_000)).toString('base64');
    const request = { messages: [{ role: 'user', content: [{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: image } }] }] };
    const tokens = estimateRequestTokens(request);
    assert.ok(tokens >= 100 && tokens < 200, `an image of 75,000 px is about 100 tokens, got ${tokens}`);
    assert.equal(pdfPageCount(pdf(3)), 3);
  });
});
