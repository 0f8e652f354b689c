/**
 * The two sides of the conformance suite: one recorded response, already split into chunks, run
 * through @anthropic-ai/sdk (its standard or its beta `MessageStream`) and through this client.
 * Each run ends in an outcome that can be compared: the final message, or (for a stream that
 * fails) the message as far as it had accumulated when it failed.
 */
import Anthropic from '@anthropic-ai/sdk';
import { MessagesClient } from '../../../src/common/anthropic/client';
import { ClaudeApiError } from '../../../src/common/anthropic/errors';
import type { Message, MessagesRequest } from '../../../src/common/anthropic/types';
import { sseResponse } from './helpers';

/** How a run ended. `partial` is the last snapshot before a failure (undefined: no message began). */
export type RunOutcome =
  | { ok: true; message: unknown }
  | { ok: false; partial: unknown; errorType: string | undefined; description: string };

/** Which of the SDK's streams: `client.messages.stream()` or `client.beta.messages.stream()`. */
export type SdkApi = 'messages' | 'beta';

/** How this client's stream is consumed: only `finalMessage()`, or iterated and then `finalMessage()`. */
export type Consumption = 'final' | 'iterate';

const API_KEY = 'sk-ant-test-key-000000';
const BASE_URL = 'https://api.example.test';
const PARAMS = { model: 'claude-sonnet-5', max_tokens: 1024, messages: [{ role: 'user' as const, content: 'hi' }] };
const REQUEST: MessagesRequest = { model: 'claude-sonnet-5', max_tokens: 1024, messages: [], stream: true };

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * The SDK's final message, without the `parsed_output` (structured outputs) it adds on top: that
 * field is the SDK's, not the API's.
 */
function withoutParsedOutput(final: object): unknown {
  const { parsed_output: _parsed, ...message } = final as Record<string, unknown>;
  return message;
}

/** Runs the chunks through the SDK's `messages.stream()` or `beta.messages.stream()`. */
export async function sdkRun(chunks: readonly Uint8Array[], api: SdkApi): Promise<RunOutcome> {
  const sdk = new Anthropic({
    apiKey: API_KEY,
    baseURL: BASE_URL,
    maxRetries: 0,
    fetch: (async () => sseResponse(chunks)) as typeof fetch,
  });
  // The SDK forgets its snapshot when a stream ends without message_stop, so keep the last one seen.
  let last: object | undefined;
  const keep = (_event: unknown, snapshot: object): void => {
    last = snapshot;
  };
  try {
    if (api === 'beta') {
      const stream = sdk.beta.messages.stream(PARAMS).on('streamEvent', keep);
      return { ok: true, message: withoutParsedOutput(await stream.finalMessage()) };
    }
    const stream = sdk.messages.stream(PARAMS).on('streamEvent', keep);
    return { ok: true, message: withoutParsedOutput(await stream.finalMessage()) };
  } catch (error) {
    const errorType = error instanceof Anthropic.APIError ? (error.type ?? undefined) : undefined;
    return { ok: false, partial: last, errorType, description: describeError(error) };
  }
}

function ourClient(chunks: readonly Uint8Array[]): MessagesClient {
  return new MessagesClient({
    baseUrl: BASE_URL,
    apiKey: API_KEY,
    authHeader: 'x-api-key',
    anthropicVersion: '2023-06-01',
    betas: [],
    maxRetries: 0,
    fetch: (async () => sseResponse(chunks)) as typeof fetch,
  });
}

/** What this client's stream produced, plus how many events its iterator yielded (0 for `final`). */
export interface OurRun {
  outcome: RunOutcome;
  events: number;
}

/** Runs the chunks through this client's `MessagesClient.stream()`. */
export async function ourRun(chunks: readonly Uint8Array[], consumption: Consumption): Promise<OurRun> {
  const stream = ourClient(chunks).stream(REQUEST);
  let events = 0;
  try {
    if (consumption === 'iterate') {
      for await (const _item of stream) events++;
    }
    const message: Message = await stream.finalMessage();
    return { outcome: { ok: true, message }, events };
  } catch (error) {
    if (!(error instanceof ClaudeApiError)) throw error;
    const partial = error.partial;
    // Before message_start this client still reports an empty placeholder message (so the UI has
    // something to show); the SDK has no snapshot at all then. Both mean "no message began".
    const began = partial !== undefined && (partial.id !== '' || partial.content.length > 0);
    return { outcome: { ok: false, partial: began ? partial : undefined, errorType: error.apiErrorType, description: describeError(error) }, events };
  }
}
