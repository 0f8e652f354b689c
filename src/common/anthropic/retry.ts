/**
 * The retry loop for the part of a request before its stream begins. Waits honour the server's
 * `retry-after-ms` / `retry-after`, else grow exponentially with jitter; both the number of retries
 * and each wait are capped. Sleeping is cancellable and leaves no timer behind.
 */
import { ClaudeApiError, UserAbortError } from './errors';

/** What the UI is told before each retry, so it can show a countdown. */
export interface RetryInfo {
  /** 1 for the first retry. */
  attempt: number;
  /** How long the client waits before this retry. */
  delayMs: number;
  /** The error that caused the retry. */
  error: ClaudeApiError;
}

/** A cancellable sleep: resolves after `ms`, rejects with `UserAbortError` when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** How the loop behaves; `sleep` and `random` are injectable so tests run on a fake clock. */
export interface RetryOptions {
  maxRetries: number;
  signal?: AbortSignal;
  onRetry?: (info: RetryInfo) => void;
  sleep?: Sleep;
  random?: () => number;
  /** Longest single wait, server-requested or not. Default 60 s. */
  maxDelayMs?: number;
  /** First backoff step. Default 500 ms. */
  baseDelayMs?: number;
  /** Longest backoff step without a server hint. Default 8 s. */
  maxBackoffMs?: number;
}

/** `setTimeout` wrapped so that aborting clears the timer and rejects at once. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new UserAbortError());
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new UserAbortError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/**
 * The wait before retry number `attempt` (1-based): the server's hint when it gave one, else
 * `base * 2^(attempt-1)` capped at `maxBackoff`, minus up to 25 % jitter so that many clients
 * do not come back in step. Always within [0, maxDelay].
 */
export function retryDelay(
  attempt: number,
  serverHintMs: number | undefined,
  random: () => number,
  options: { maxDelayMs?: number; baseDelayMs?: number; maxBackoffMs?: number } = {},
): number {
  const maxDelay = options.maxDelayMs ?? 60_000;
  if (serverHintMs !== undefined && Number.isFinite(serverHintMs) && serverHintMs >= 0) {
    return Math.min(serverHintMs, maxDelay);
  }
  const base = options.baseDelayMs ?? 500;
  const backoff = Math.min(base * 2 ** Math.max(0, attempt - 1), options.maxBackoffMs ?? 8_000);
  const jitter = 1 - 0.25 * Math.min(1, Math.max(0, random()));
  return Math.min(Math.round(backoff * jitter), maxDelay);
}

/**
 * Runs `attempt` until it succeeds, throws a non-retryable error, or `maxRetries` retries are
 * spent. Only `ClaudeApiError`s with `retryable: true` are retried; a cancel during a wait
 * rejects with `UserAbortError` at once.
 */
export async function withRetry<T>(run: (attempt: number) => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const maxRetries = Math.max(0, Math.floor(options.maxRetries));
  for (let attempt = 0; ; attempt++) {
    if (options.signal?.aborted) throw new UserAbortError();
    try {
      return await run(attempt);
    } catch (error) {
      if (!(error instanceof ClaudeApiError) || !error.retryable || error.kind === 'aborted') throw error;
      if (attempt >= maxRetries) throw error;
      const delayMs = retryDelay(attempt + 1, error.retryAfterMs, random, options);
      options.onRetry?.({ attempt: attempt + 1, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
