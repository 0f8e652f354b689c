import assert from 'node:assert/strict';
import { ClaudeApiError, UserAbortError } from '../../../src/common/anthropic/errors';
import { realSleep, retryDelay, withRetry } from '../../../src/common/anthropic/retry';
import type { RetryInfo } from '../../../src/common/anthropic/retry';
import { isRetryableResponse, retryAfterMs } from '../../../src/common/anthropic/retryPolicy';
import { fakeClock } from './helpers';

function retryable(retryAfter?: number): ClaudeApiError {
  return new ClaudeApiError('busy', { kind: 'overloaded_error', status: 529, retryable: true, ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}) });
}

function activeTimers(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('anthropic/retryPolicy', () => {
  it('retries exactly the transient statuses', () => {
    for (const s of [408, 409, 429, 500, 502, 503, 504, 524, 529]) assert.equal(isRetryableResponse(s), true, String(s));
    for (const s of [400, 401, 403, 404, 413, 422]) assert.equal(isRetryableResponse(s), false, String(s));
  });
  it('x-should-retry wins over the status', () => {
    assert.equal(isRetryableResponse(400, new Headers({ 'x-should-retry': 'true' })), true);
    assert.equal(isRetryableResponse(503, new Headers({ 'x-should-retry': 'false' })), false);
  });
  it('reads retry-after-ms, retry-after seconds and retry-after HTTP dates', () => {
    assert.equal(retryAfterMs(new Headers({ 'retry-after-ms': '1500', 'retry-after': '9' })), 1500);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '2' })), 2000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': '0.5' })), 500);
    const now = Date.parse('2026-11-01T10:00:00Z');
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Sun, 01 Nov 2026 10:00:07 GMT' }), now), 7000);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'Sun, 01 Nov 2026 09:00:00 GMT' }), now), 0);
    assert.equal(retryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(retryAfterMs(new Headers()), undefined);
  });
});

describe('anthropic/retry', () => {
  it('backs off exponentially with up to 25 % jitter, capped', () => {
    assert.equal(retryDelay(1, undefined, () => 0), 500);
    assert.equal(retryDelay(2, undefined, () => 0), 1000);
    assert.equal(retryDelay(3, undefined, () => 1), 1500);
    assert.equal(retryDelay(10, undefined, () => 0), 8000);
    assert.equal(retryDelay(1, 120_000, () => 0), 60_000);
    assert.equal(retryDelay(1, 2500, () => 0.9), 2500);
  });

  it('honours the server wait and reports each retry', async () => {
    const clock = fakeClock();
    const infos: RetryInfo[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls === 1) throw retryable(1200);
        if (calls === 2) throw retryable(3000);
        return 'ok';
      },
      { maxRetries: 5, sleep: clock.sleep, random: () => 0, onRetry: (i) => infos.push(i) },
    );
    assert.equal(result, 'ok');
    assert.deepStrictEqual(clock.waits, [1200, 3000]);
    assert.deepStrictEqual(infos.map((i) => [i.attempt, i.delayMs, i.error.kind]), [[1, 1200, 'overloaded_error'], [2, 3000, 'overloaded_error']]);
  });

  it('stops after maxRetries and throws the last error', async () => {
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(
      withRetry(async () => {
        calls++;
        throw retryable();
      }, { maxRetries: 3, sleep: clock.sleep, random: () => 0 }),
      (e: unknown) => e instanceof ClaudeApiError && e.kind === 'overloaded_error',
    );
    assert.equal(calls, 4);
    assert.deepStrictEqual(clock.waits, [500, 1000, 2000]);
  });

  it('does not retry non-retryable errors or maxRetries 0', async () => {
    const clock = fakeClock();
    let calls = 0;
    await assert.rejects(withRetry(async () => {
      calls++;
      throw new ClaudeApiError('bad', { kind: 'invalid_request_error', status: 400, retryable: false });
    }, { maxRetries: 3, sleep: clock.sleep }));
    await assert.rejects(withRetry(async () => {
      calls++;
      throw retryable();
    }, { maxRetries: 0, sleep: clock.sleep }));
    assert.equal(calls, 2);
    assert.deepStrictEqual(clock.waits, []);
  });

  it('abort during a real wait rejects at once and leaves no timer', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = withRetry(async () => {
      throw retryable(30_000);
    }, { maxRetries: 2, signal: controller.signal, sleep: realSleep });
    await new Promise((r) => setImmediate(r));
    // Measured against the count during the wait: mocha keeps timers of its own.
    const during = activeTimers();
    assert.ok(during >= 1, 'the wait holds a timer');
    controller.abort();
    await assert.rejects(pending, UserAbortError);
    assert.ok(Date.now() - started < 1000);
    assert.equal(activeTimers(), during - 1);
  });

  it('does not start when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let calls = 0;
    await assert.rejects(withRetry(async () => ++calls, { maxRetries: 1, signal: controller.signal }), UserAbortError);
    assert.equal(calls, 0);
  });
});
