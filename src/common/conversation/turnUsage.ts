/**
 * The usage a turn is counted and priced with. A reply that was stopped or broke off never got the
 * final `message_delta`, so its `output_tokens` is still the figure from `message_start` (often 1)
 * although whole paragraphs arrived. For such a turn the output is estimated from what arrived and
 * marked as an estimate, so the view shows "≈ 320 out" and a cost near the real one, not "out 1".
 */
import type { ContentBlock, Usage } from '../anthropic/types';
import type { AssistantTurn } from './model';

/** Characters per output token for the estimate: the usual figure for English text and code. */
const CHARS_PER_TOKEN = 4;

export interface TurnUsage {
  usage: Usage;
  /** True when `output_tokens` was estimated from the content that arrived. */
  estimated: boolean;
}

/** The usage to count for `turn`, or undefined when it has none. */
export function turnUsage(turn: AssistantTurn): TurnUsage | undefined {
  const usage = turn.usage;
  if (!usage) return undefined;
  // A finished reply's figures are the API's own; only a cut-short one lacks the final count.
  if (turn.status === 'done' && !turn.interrupted) return { usage, estimated: false };
  const estimate = estimateOutputTokens(turn.content);
  if (estimate <= usage.output_tokens) return { usage, estimated: false };
  return { usage: { ...usage, output_tokens: estimate }, estimated: true };
}

/** A rough count of the output tokens `content` took: its generated characters / 4. */
export function estimateOutputTokens(content: readonly ContentBlock[]): number {
  let chars = 0;
  for (const block of content) chars += generatedChars(block);
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

function generatedChars(block: ContentBlock): number {
  // Read as a record: unknown block types share the union, so its fields are not narrowed.
  const fields = block as unknown as Record<string, unknown>;
  switch (block.type) {
    case 'text':
      return typeof fields['text'] === 'string' ? fields['text'].length : 0;
    case 'thinking':
      return typeof fields['thinking'] === 'string' ? fields['thinking'].length : 0;
    case 'tool_use':
    case 'server_tool_use':
      return JSON.stringify(fields['input'] ?? {}).length;
    default:
      // Server tool results are input the API added, not output the model wrote.
      return 0;
  }
}
