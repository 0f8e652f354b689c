import { estimateOutputTokens } from '../../../src/common/conversation/turnUsage';
import assert from 'node:assert/strict';
import type { ContentBlock, MessageParam } from '../../../src/common/anthropic/types';
import { UNANSWERED_TOOL_RESULT } from '../../../src/common/conversation/apiMessages';
import { buildContextContent } from '../../../src/common/conversation/contextBlocks';
import type { Conversation } from '../../../src/common/conversation/model';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn, updateAssistantTurn } from '../../../src/common/conversation/conversation';
import { retryFailedReply } from '../../../src/common/conversation/versions';
import { toApiMessages } from '../../../src/common/conversation/apiMessages';
import { toViewTurns } from '../../../src/common/conversation/viewTurns';
import { richResponse, usage } from './fixtures';

const MODEL = 'claude-sonnet-4-5';

function conversationWith(...steps: Array<(c: Conversation) => void>): Conversation {
  const c = createConversation({ model: MODEL, id: 'c1', now: 1 });
  for (const step of steps) {
    step(c);
  }
  return c;
}

const user = (text: string) => (c: Conversation) => {
  appendUserTurn(c, { content: [{ type: 'text', text }] });
};
const assistant = (content: ContentBlock[], status: 'done' | 'stopped' | 'error' = 'done', extra: { stopReason?: string } = {}) => (c: Conversation) => {
  const turn = startAssistantTurn(c, { model: MODEL });
  finishAssistantTurn(c, turn.id, {
    status,
    snapshot: { content, stopReason: extra.stopReason ?? (status === 'done' ? 'end_turn' : null), usage: usage() },
    ...(status === 'error' ? { error: { message: 'Overloaded', kind: 'overloaded', retryable: true } } : {}),
  });
};

function roles(messages: MessageParam[]): string[] {
  return messages.map((m) => m.role);
}

describe('conversation model and toApiMessages', () => {
  it('sends a finished assistant turn back block for block and field for field', () => {
    const c = conversationWith(user('What is a CSP?'), assistant(richResponse()), user('Thanks'));
    const messages = toApiMessages(c);
    assert.deepEqual(messages, [
      { role: 'user', content: [{ type: 'text', text: 'What is a CSP?' }] },
      { role: 'assistant', content: richResponse() },
      { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
    ]);
  });

  it('returns a copy: changing the request (cache_control) leaves the history alone', () => {
    const c = conversationWith(user('Hi'), assistant(richResponse()), user('More'));
    const messages = toApiMessages(c);
    const reply = messages[1];
    assert.ok(reply?.role === 'assistant' && Array.isArray(reply.content));
    const first = reply.content[0];
    assert.ok(first);
    first['signature'] = 'tampered';
    assert.deepEqual(toApiMessages(c)[1]?.content, richResponse());
  });

  it('leaves out a retried failed reply (an earlier version now), so the retry is no prefill', () => {
    const c = conversationWith(user('Question'), assistant([{ type: 'text', text: 'Half an ans' }], 'error'));
    assert.deepEqual(roles(toApiMessages(c)), ['user', 'assistant'], 'before the retry the partial is history');
    assert.ok(retryFailedReply(c));
    assert.deepEqual(toApiMessages(c), [{ role: 'user', content: [{ type: 'text', text: 'Question' }] }]);
    assert.equal(c.turns[0]?.earlierReplies?.[0]?.[0]?.role, 'assistant', 'kept to read as an earlier version');
  });

  it('retries only a failed last reply', () => {
    const c = conversationWith(user('Question'), assistant([{ type: 'text', text: 'Fine' }]));
    assert.equal(retryFailedReply(c), undefined);
    assert.deepEqual(roles(toApiMessages(c)), ['user', 'assistant']);
  });

  it('marks a continue request for the view and sends it as a plain user message', () => {
    const c = conversationWith(user('Write'), assistant([{ type: 'text', text: 'Cut' }], 'done', { stopReason: 'max_tokens' }));
    appendUserTurn(c, { content: [{ type: 'text', text: 'Go on' }], purpose: 'continue' });
    assert.deepEqual(roles(toApiMessages(c)), ['user', 'assistant', 'user']);
    assert.equal(toViewTurns(c)[2]?.continueRequest, true);
  });

  it('leaves out a turn that errored with no content and merges the user turns around it', () => {
    const c = conversationWith(user('First try'), assistant([], 'error'), user('Second try'), assistant([{ type: 'text', text: 'Answer' }]));
    const messages = toApiMessages(c);
    assert.deepEqual(roles(messages), ['user', 'assistant']);
    assert.deepEqual(messages[0], {
      role: 'user',
      content: [
        { type: 'text', text: 'First try' },
        { type: 'text', text: 'Second try' },
      ],
    });
  });

  it('keeps roles alternating over several errored turns in a row', () => {
    const c = conversationWith(user('a'), assistant([], 'error'), user('b'), assistant([], 'error'), user('c'));
    const messages = toApiMessages(c);
    assert.deepEqual(roles(messages), ['user']);
    assert.equal((messages[0]?.content as unknown[]).length, 3);
  });

  it('sends the complete blocks of a stopped turn and drops what the API would reject', () => {
    const partial: ContentBlock[] = [
      { type: 'thinking', thinking: 'signed', signature: 'sig==' },
      { type: 'redacted_thinking', data: 'R==' },
      { type: 'server_tool_use', id: 'srv_done', name: 'web_search', input: { query: 'q' } },
      { type: 'web_search_tool_result', tool_use_id: 'srv_done', content: [] },
      { type: 'text', text: 'Partial answer so', citations: null },
      { type: 'text', text: '   ' },
      { type: 'thinking', thinking: 'cut off before its signature', signature: '' },
      { type: 'server_tool_use', id: 'srv_cut', name: 'web_search', input: {} },
      { type: 'mystery_block', half: true },
      { type: 'tool_use', id: 'toolu_cut', name: 'str_replace_based_edit_tool', input: {} },
    ];
    const c = conversationWith(user('Go'), assistant(partial, 'stopped'), user('Why did you stop?'));
    const messages = toApiMessages(c);
    assert.deepEqual(messages[1], {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'signed', signature: 'sig==' },
        { type: 'redacted_thinking', data: 'R==' },
        { type: 'server_tool_use', id: 'srv_done', name: 'web_search', input: { query: 'q' } },
        { type: 'web_search_tool_result', tool_use_id: 'srv_done', content: [] },
        { type: 'text', text: 'Partial answer so', citations: null },
      ],
    });
  });

  it('keeps a tool call of a partial turn when the next user turn answers it', () => {
    const toolUse: ContentBlock = { type: 'tool_use', id: 'toolu_1', name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'a.ts' } };
    const c = conversationWith(user('Edit'), assistant([toolUse], 'error'));
    appendUserTurn(c, { content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'file text' }] });
    const messages = toApiMessages(c);
    assert.deepEqual(messages[1], { role: 'assistant', content: [toolUse] });
  });

  it('answers a finished turn\'s unanswered tool call first thing in the next user message', () => {
    const toolUse: ContentBlock = { type: 'tool_use', id: 'toolu_9', name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'a.ts' } };
    const c = conversationWith(user('Edit'), assistant([{ type: 'text', text: 'Looking.' }, toolUse], 'done', { stopReason: 'tool_use' }), user('Never mind'));
    const messages = toApiMessages(c);
    assert.deepEqual(messages[1]?.content, [{ type: 'text', text: 'Looking.' }, toolUse]);
    assert.deepEqual(messages[2], {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_9', content: UNANSWERED_TOOL_RESULT, is_error: true },
        { type: 'text', text: 'Never mind' },
      ],
    });
    // The stored user turn is unchanged.
    assert.equal(c.turns[2]?.content.length, 1);
  });

  it('merges an assistant continuation after pause_turn into one assistant message', () => {
    const c = conversationWith(
      user('Search'),
      assistant([{ type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'x' } }, { type: 'web_search_tool_result', tool_use_id: 's1', content: [] }], 'done', { stopReason: 'pause_turn' }),
      assistant([{ type: 'text', text: 'Found it.' }]),
    );
    const messages = toApiMessages(c);
    assert.deepEqual(roles(messages), ['user', 'assistant']);
    assert.equal((messages[1]?.content as unknown[]).length, 3);
  });

  it('trims trailing whitespace of a final assistant message only in the request', () => {
    const c = conversationWith(user('Count'), assistant([{ type: 'text', text: 'One, two, ' }], 'done', { stopReason: 'max_tokens' }));
    const messages = toApiMessages(c);
    assert.deepEqual(messages[1]?.content, [{ type: 'text', text: 'One, two,' }]);
    assert.deepEqual(c.turns[1]?.content, [{ type: 'text', text: 'One, two, ' }]);
  });

  it('leaves out the empty streaming turn of the request being built', () => {
    const c = conversationWith(user('Hello'));
    startAssistantTurn(c, { model: MODEL });
    assert.deepEqual(toApiMessages(c), [{ role: 'user', content: [{ type: 'text', text: 'Hello' }] }]);
  });

  it('is append-only: only the streaming turn changes, and only until it ends', () => {
    const c = conversationWith(user('Hi'));
    const turn = startAssistantTurn(c, { model: MODEL });
    assert.throws(() => appendUserTurn(c, { content: [{ type: 'text', text: 'too soon' }] }), /still streaming/);
    assert.throws(() => startAssistantTurn(c, { model: MODEL }), /still streaming/);
    const snapshot = { content: [{ type: 'text', text: 'Hel' }] as ContentBlock[] };
    updateAssistantTurn(c, turn.id, snapshot);
    // The accumulator keeps mutating its snapshot; the stored turn must not follow.
    (snapshot.content[0] as { text: string }).text = 'changed';
    assert.deepEqual(c.turns[1]?.content, [{ type: 'text', text: 'Hel' }]);
    finishAssistantTurn(c, turn.id, { status: 'done', snapshot: { content: [{ type: 'text', text: 'Hello' }], stopReason: 'end_turn' } });
    assert.throws(() => updateAssistantTurn(c, turn.id, { content: [] }), /not the streaming turn/);
    assert.throws(() => finishAssistantTurn(c, turn.id, { status: 'stopped' }), /not the streaming turn/);
  });

  it('records the model that answered and how the turn ended', () => {
    const c = conversationWith(user('Hi'));
    const turn = startAssistantTurn(c, { model: 'claude-sonnet-5', cacheTtl: '1h', now: 5 });
    finishAssistantTurn(
      c,
      turn.id,
      { status: 'error', snapshot: { content: [{ type: 'text', text: 'Par' }], model: 'claude-sonnet-5-20260101' }, error: { message: 'Connection lost', kind: 'network', retryable: true }, interrupted: true },
      9,
    );
    const stored = c.turns[1];
    assert.ok(stored?.role === 'assistant');
    assert.equal(stored.model, 'claude-sonnet-5-20260101');
    assert.equal(stored.status, 'error');
    assert.equal(stored.interrupted, true);
    assert.equal(stored.cacheTtl, '1h');
    assert.equal(c.updatedAt, 9);
  });
});

describe('toViewTurns', () => {
  it('shows context as chips, not blocks, and assistant turns with usage, cost and flags', () => {
    const c = createConversation({ model: MODEL, id: 'v' });
    const { blocks, chips } = buildContextContent(
      { path: 'src/a.ts', language: 'typescript', selection: { text: 'let x = 1;', startLine: 3, endLine: 3 }, fileText: 'a\nb\nlet x = 1;\n' },
      'Explain this',
      { fileMaxChars: 1000 },
    );
    appendUserTurn(c, { content: blocks, chips });
    const turn = startAssistantTurn(c, { model: MODEL });
    finishAssistantTurn(c, turn.id, { status: 'stopped', snapshot: { content: richResponse(), usage: usage({ input_tokens: 1_000_000, output_tokens: 0 }) }, interrupted: true });
    const [u, a] = toViewTurns(c);
    assert.deepEqual(u?.blocks, [{ type: 'text', text: 'Explain this' }]);
    assert.equal(u?.chips?.length, 2);
    assert.equal(u?.status, 'done');
    assert.deepEqual(a?.blocks, richResponse());
    assert.equal(a?.status, 'stopped');
    assert.equal(a?.interrupted, true);
    assert.equal(a?.usage?.input_tokens, 1_000_000);
    // Stopped before the final count: the output is estimated from what arrived, and priced.
    assert.equal(a?.usageEstimated, true);
    assert.equal(a?.usage?.output_tokens, estimateOutputTokens(richResponse()));
    assert.ok((a?.cost?.dollars ?? 0) > 3, 'a million input tokens cost $3, plus the estimated output');
  });
});
