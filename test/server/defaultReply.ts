/**
 * The reply when no script matches: a short markdown answer echoing the prompt, streamed one word
 * per event so people and e2e tests can watch it grow. It honours `max_tokens` and `stop_sequences`
 * the way the API does (cut, with stop_reason max_tokens or stop_sequence).
 */
import { eventsReply, messageEnd, messageStart, splitWords, textBlockEvents } from './builders';
import { tokensForChars } from './canonical';
import { isRecord } from './http';
import { lastUserHasToolResult, lastUserPrompt } from './request';
import type { EventsReply } from './types';

const MAX_ECHO = 200;

/** The full text of the default answer for a request. */
export function defaultAnswerText(json: unknown): string {
  if (lastUserHasToolResult(json) && lastUserPrompt(json) === '') {
    return 'Thanks, I have the tool result. Everything looks fine, so **I am done** with this step.';
  }
  const prompt = lastUserPrompt(json).trim().replace(/\s+/g, ' ');
  const echo = prompt.length > MAX_ECHO ? `${prompt.slice(0, MAX_ECHO)}…` : prompt;
  return [
    `You said: ${echo}. This is the **local test server** answering, one token at a time.`,
    '',
    'A few things worth knowing:',
    '',
    '- Prompt tokens are estimated as one token per four characters.',
    '- Prompt caching is *simulated*, so a follow-up turn reads the cached prefix.',
    '- Nothing here talks to the internet.',
    '',
    '```ts',
    'const answer: number = 42;',
    '```',
    '',
    'That is all for now.',
  ].join('\n');
}

function cut(text: string, json: Record<string, unknown>): { text: string; stopReason: string; stopSequence: string | null } {
  const sequences = Array.isArray(json.stop_sequences) ? json.stop_sequences.filter((s): s is string => typeof s === 'string' && s !== '') : [];
  let result = { text, stopReason: 'end_turn', stopSequence: null as string | null };
  for (const sequence of sequences) {
    const at = result.text.indexOf(sequence);
    if (at >= 0) result = { text: result.text.slice(0, at), stopReason: 'stop_sequence', stopSequence: sequence };
  }
  const maxTokens = typeof json.max_tokens === 'number' ? json.max_tokens : Infinity;
  if (tokensForChars(result.text.length) > maxTokens) {
    let kept = '';
    for (const piece of splitWords(result.text)) {
      if (tokensForChars((kept + piece).length) > maxTokens) break;
      kept += piece;
    }
    // Even max_tokens: 1 gets something, as the API always produces at least one token.
    if (kept === '') kept = result.text.slice(0, Math.max(1, maxTokens * 4));
    result = { text: kept, stopReason: 'max_tokens', stopSequence: null };
  }
  return result;
}

/** The default reply as a scripted reply (usage filled later by the simulation). */
export function defaultReply(json: unknown, tokenDelayMs: number): EventsReply {
  const request = isRecord(json) ? json : {};
  const { text, stopReason, stopSequence } = cut(defaultAnswerText(json), request);
  return eventsReply([
    messageStart(),
    ...textBlockEvents(0, text),
    ...messageEnd(stopReason, undefined, stopSequence),
  ], { delayMs: tokenDelayMs });
}
