import * as assert from 'node:assert/strict';
import type { AssistantTurn } from '../../../src/common/conversation/model';
import { conversationTotals } from '../../../src/common/conversation/pricing';
import { estimateOutputTokens, turnUsage } from '../../../src/common/conversation/turnUsage';
import { toViewTurn } from '../../../src/common/conversation/viewTurns';

function reply(patch: Partial<AssistantTurn>): AssistantTurn {
  return {
    id: 'a1',
    role: 'assistant',
    createdAt: 0,
    status: 'done',
    content: [{ type: 'text', text: 'x'.repeat(1200) }],
    model: 'claude-sonnet-5-5',
    stopReason: 'end_turn',
    usage: { input_tokens: 10, output_tokens: 1, cache_read_input_tokens: 5000, cache_creation_input_tokens: 0 },
    ...patch,
  };
}

describe('turn usage: a reply cut short is estimated from what arrived', () => {
  it('keeps the API\'s figures for a finished reply', () => {
    const counted = turnUsage(reply({ usage: { input_tokens: 10, output_tokens: 300 } }));
    assert.deepEqual(counted, { usage: { input_tokens: 10, output_tokens: 300 }, estimated: false });
  });

  it('estimates the output of a stopped reply (message_start said 1) from its text, thinking and tool input', () => {
    const content = [
      { type: 'thinking' as const, thinking: 't'.repeat(400), signature: 's' },
      { type: 'text' as const, text: 'x'.repeat(800) },
      { type: 'tool_use' as const, id: 'toolu_1', name: 'f', input: { path: 'a.ts' } },
      { type: 'web_search_tool_result' as const, tool_use_id: 's', content: [] },
    ];
    assert.equal(estimateOutputTokens(content), Math.ceil((400 + 800 + JSON.stringify({ path: 'a.ts' }).length) / 4));
    const counted = turnUsage(reply({ status: 'stopped', stopReason: null, content }));
    assert.equal(counted?.estimated, true);
    assert.equal(counted?.usage.output_tokens, estimateOutputTokens(content));
    assert.equal(counted?.usage.cache_read_input_tokens, 5000, 'the input figures are the API\'s');
  });

  it('never lowers a count the API already gave, and leaves turns without usage alone', () => {
    assert.equal(turnUsage(reply({ status: 'stopped', usage: { input_tokens: 1, output_tokens: 5000 } }))?.estimated, false);
    assert.equal(turnUsage(reply({ usage: undefined })), undefined);
  });

  it('the view turn and the conversation totals price the estimate and say it is one', () => {
    const stopped = reply({ status: 'stopped', stopReason: null });
    const view = toViewTurn(stopped);
    assert.equal(view.usageEstimated, true);
    assert.equal(view.usage?.output_tokens, 300);
    const finished = toViewTurn(reply({}));
    assert.ok((view.cost?.dollars ?? 0) > (finished.cost?.dollars ?? 0), 'the cost counts the estimated output');
    const totals = conversationTotals({ id: 'c', title: 't', model: 'claude-sonnet-5-5', createdAt: 0, updatedAt: 0, turns: [stopped] });
    assert.equal(totals.outputTokens, 300);
    assert.equal(totals.estimated, true);
  });
});
