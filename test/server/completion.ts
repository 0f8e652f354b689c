/**
 * Completes scripted events for one request: message id, model and usage. Usage comes from the
 * prompt-cache simulation and the output actually streamed; fields the script gives win.
 */
import { randomBytes } from 'node:crypto';
import type { Usage } from '../../src/common/anthropic/types';
import type { CacheUsage } from './cache';
import { tokensForChars } from './canonical';
import { isRecord } from './http';
import type { ScriptEvent } from './types';

/** Output tokens of a stream: one per 4 characters of text, thinking and tool input, at least 1. */
export function outputTokens(events: ScriptEvent[]): number {
  let chars = 0;
  for (const event of events) {
    if (event.type !== 'content_block_delta' || !isRecord(event.delta)) continue;
    const { delta } = event;
    for (const field of ['text', 'thinking', 'partial_json']) {
      const value = delta[field];
      if (typeof value === 'string') chars += value.length;
    }
  }
  return Math.max(1, tokensForChars(chars));
}

function promptUsage(cache: CacheUsage): Usage {
  return {
    input_tokens: cache.inputTokens,
    cache_creation_input_tokens: cache.cacheCreationTokens,
    cache_read_input_tokens: cache.cacheReadTokens,
    cache_creation: { ephemeral_5m_input_tokens: cache.ephemeral5mTokens, ephemeral_1h_input_tokens: cache.ephemeral1hTokens },
    output_tokens: 0,
  };
}

/** Fills message_start (id, model, usage) and message_delta (cumulative usage) of a scripted stream. */
export function completeEvents(events: ScriptEvent[], model: string, cache: CacheUsage): ScriptEvent[] {
  const prompt = promptUsage(cache);
  const output = outputTokens(events);
  return events.map((event) => {
    if (event.type === 'message_start' && isRecord(event.message)) {
      const given = isRecord(event.message.usage) ? event.message.usage : {};
      return {
        ...event,
        message: {
          id: `msg_test_${randomBytes(12).toString('hex')}`, model, ...event.message,
          usage: { ...prompt, output_tokens: 1, service_tier: 'standard', ...given },
        },
      };
    }
    if (event.type === 'message_delta') {
      const given = isRecord(event.usage) ? event.usage : {};
      const { cache_creation: _perTtl, ...cumulative } = prompt;
      return { ...event, usage: { ...cumulative, output_tokens: output, ...given } };
    }
    return event;
  });
}

/** The usage a client ends with: message_start usage updated by every message_delta usage. */
export function finalUsage(events: ScriptEvent[]): Usage | undefined {
  let usage: Usage | undefined;
  for (const event of events) {
    if (event.type === 'message_start' && isRecord(event.message) && isRecord(event.message.usage)) {
      usage = { input_tokens: 0, output_tokens: 0, ...event.message.usage };
    } else if (event.type === 'message_delta' && isRecord(event.usage) && usage) {
      usage = { ...usage, ...event.usage };
    }
  }
  return usage;
}

/** The stop reason of a stream (from its message_delta), if it got that far. */
export function stopReasonOf(events: ScriptEvent[]): string | null | undefined {
  const delta = events.find((event) => event.type === 'message_delta');
  return delta && isRecord(delta.delta) ? (delta.delta.stop_reason as string | null | undefined) : undefined;
}
