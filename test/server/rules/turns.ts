/** Rules about how turns fit together: tool calls answered, no prefill where it is refused. */
import { endsOnPausedServerTool, idsOf, pathOf, turnsOf } from './conversation';
import type { Turn } from './conversation';
import { NO_PREFILL } from './families';
import { ALL_MODELS, invalid } from './types';
import type { ApiRefusal, Rule } from './types';

/** The ids answered by the tool_result blocks at the very start of a turn. */
function leadingResultIds(turn: Turn | undefined): Set<string> {
  const ids = new Set<string>();
  for (const { block } of turn?.role === 'user' ? turn.blocks : []) {
    if (block.type !== 'tool_result') break;
    if (typeof block.tool_use_id === 'string') ids.add(block.tool_use_id);
  }
  return ids;
}

function unansweredToolUse(turns: Turn[]): ApiRefusal | undefined {
  for (const [index, turn] of turns.entries()) {
    const next = turns[index + 1];
    // A final assistant turn has no next message; whether it may stand there is the prefill rule's call.
    if (turn.role !== 'assistant' || !next) continue;
    const answered = leadingResultIds(next);
    const missing = turn.blocks.filter(({ block }) => block.type === 'tool_use' && typeof block.id === 'string' && !answered.has(block.id));
    const first = missing[0];
    if (first) {
      const ids = missing.map(({ block }) => String(block.id)).join(', ');
      return invalid(`messages.${first.message}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${ids}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`);
    }
  }
  return undefined;
}

/** Every `tool_use` is answered by a `tool_result` with its id at the start of the next user turn. */
export const TOOL_USE_ANSWERED_RULE: Rule = {
  id: 'tool-use-without-result',
  appliesTo: ALL_MODELS,
  source: 'reference §1.3 tool_result ("all results for one assistant turn in one user message, tool_result blocks first") and §3 stop_reason tool_use',
  check: ({ body }) => unansweredToolUse(turnsOf(body)),
};

function orphanToolResult(turns: Turn[]): ApiRefusal | undefined {
  for (const [index, turn] of turns.entries()) {
    if (turn.role !== 'user') continue;
    const previous = turns[index - 1];
    const calls = new Set(previous?.role === 'assistant' ? idsOf(previous, 'tool_use') : []);
    const orphan = turn.blocks.find(({ block }) => block.type === 'tool_result' && !(typeof block.tool_use_id === 'string' && calls.has(block.tool_use_id)));
    if (orphan) {
      return invalid(`${pathOf(orphan)}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(orphan.block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`);
    }
  }
  return undefined;
}

/** No `tool_result` without its `tool_use` in the assistant turn right before. */
export const TOOL_RESULT_MATCHED_RULE: Rule = {
  id: 'tool-result-without-tool-use',
  appliesTo: ALL_MODELS,
  source: 'reference §1.3 tool_use / tool_result (a result answers a call of the previous assistant message)',
  check: ({ body }) => orphanToolResult(turnsOf(body)),
};

/** The message the API answers a prefill with, on models that refuse it. */
export const PREFILL_MESSAGE = 'This model does not support assistant message prefill. The conversation must end with a user message.';

/**
 * A final assistant message, except a `pause_turn` continuation (the paused server tool call is
 * the last block and its result is not there yet: the API runs it when the turn is sent back).
 */
export const PREFILL_RULE: Rule = {
  id: 'prefill',
  appliesTo: NO_PREFILL,
  source: 'https://platform.claude.com/docs/en/api/errors#prefill-not-supported (SDK MessageCreateParams.messages); reference §1.2 messages, §3 pause_turn',
  check: ({ body }) => {
    const last = turnsOf(body).at(-1);
    return last?.role === 'assistant' && !endsOnPausedServerTool(last) ? invalid(PREFILL_MESSAGE) : undefined;
  },
};

/** A final assistant message whose text ends in whitespace (where prefill is allowed at all). */
export const TRAILING_WHITESPACE_RULE: Rule = {
  id: 'final-assistant-trailing-whitespace',
  appliesTo: ALL_MODELS,
  source: 'API error "final assistant content cannot end with trailing whitespace" (prefill, reference §1.2 messages)',
  check: ({ body }) => {
    const last = turnsOf(body).at(-1);
    const block = last?.role === 'assistant' ? last.blocks.at(-1)?.block : undefined;
    return block?.type === 'text' && typeof block.text === 'string' && /\s$/.test(block.text)
      ? invalid('messages: final assistant content cannot end with trailing whitespace')
      : undefined;
  },
};
