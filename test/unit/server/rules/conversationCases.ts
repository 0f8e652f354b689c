/** Cases for the conversation rules: content, tool pairing, signatures, prefill, system messages. */
import { PREFILL_MESSAGE } from '../../../server/server';
import { assistant, request, text, user } from './ruleCases';
import type { RuleCase } from './ruleCases';

const toolUse = (id: string): Record<string, unknown> => ({ type: 'tool_use', id, name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'a.ts' } });
const toolResult = (id: string): Record<string, unknown> => ({ type: 'tool_result', tool_use_id: id, content: '1: const a = 1;' });
const thinking = (signature?: string): Record<string, unknown> => ({ type: 'thinking', thinking: 'Let me look.', ...(signature === undefined ? {} : { signature }) });
const TOOLS = { tools: [{ name: 'str_replace_based_edit_tool', type: 'text_editor_20250728' }] };

export const CONVERSATION_CASES: readonly RuleCase[] = [
  {
    rule: 'prefill', title: 'a final assistant message on Sonnet 5',
    bad: request('claude-sonnet-5', [user('Which is it?'), assistant('The best answer is')]),
    fixed: request('claude-sonnet-5', [user('Which is it?'), assistant('The best answer is'), user('Go on.')]),
    message: PREFILL_MESSAGE,
  },
  {
    rule: 'prefill', title: 'Haiku 5.5 refuses it too (Haiku 4.5, with the same request, does not)',
    bad: request('claude-haiku-5-5', [user('Which is it?'), assistant('The best answer is')]),
    fixed: request('claude-haiku-4-5', [user('Which is it?'), assistant('The best answer is')]),
    message: PREFILL_MESSAGE,
  },
  {
    rule: 'prefill', title: 'a final assistant turn whose server tool already has its result is not a pause_turn continuation',
    bad: request('claude-opus-5-5', [user('Search'), assistant([
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
    ])]),
    fixed: request('claude-opus-5-5', [user('Search'), assistant([
      { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'q' } },
      { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
      { type: 'server_tool_use', id: 'srvtoolu_2', name: 'web_search', input: { query: 'q2' } },
    ])]),
    message: PREFILL_MESSAGE,
  },
  {
    rule: 'final-assistant-trailing-whitespace', title: 'a prefill ending in a space (where prefill is allowed)',
    bad: request('claude-sonnet-4-5', [user('Which is it?'), assistant([text('The best answer is ')])]),
    fixed: request('claude-sonnet-4-5', [user('Which is it?'), assistant([text('The best answer is')])]),
    message: 'messages: final assistant content cannot end with trailing whitespace',
  },
  {
    rule: 'empty-content', title: 'an assistant message with content [] in the middle',
    bad: request('claude-sonnet-5', [user('Hi'), assistant([]), user('Hello?')]),
    fixed: request('claude-sonnet-5', [user('Hi'), assistant([text('Hello.')]), user('Hello?')]),
    message: 'messages.1: all messages must have non-empty content except for the optional final assistant message',
  },
  {
    rule: 'empty-content', title: "a user message with content ''",
    bad: request('claude-sonnet-4-5', [user('')]),
    fixed: request('claude-sonnet-4-5', [user('Hi'), assistant('')]),
    message: 'messages.0: all messages must have non-empty content except for the optional final assistant message',
  },
  {
    rule: 'empty-text-block', title: "a text block with text ''",
    bad: request('claude-sonnet-5', [user([text(''), text('Hi')])]),
    fixed: request('claude-sonnet-5', [user([text('Hi')])]),
    message: 'messages: text content blocks must be non-empty',
  },
  {
    rule: 'empty-text-block', title: "a system text block with text ''",
    bad: request('claude-sonnet-5', [user('Hi')], { system: [text('')] }),
    fixed: request('claude-sonnet-5', [user('Hi')], { system: [text('Be brief.')] }),
    message: 'system: text content blocks must be non-empty',
  },
  {
    rule: 'tool-use-without-result', title: 'the next user message answers with text only',
    bad: request('claude-sonnet-5', [user('Read a.ts'), assistant([toolUse('toolu_1')]), user('ok')], TOOLS),
    fixed: request('claude-sonnet-5', [user('Read a.ts'), assistant([toolUse('toolu_1')]), user([toolResult('toolu_1'), text('ok')])], TOOLS),
    message: 'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_1. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
  },
  {
    rule: 'tool-use-without-result', title: 'the result comes after a text block, not first',
    bad: request('claude-sonnet-5', [user('Read'), assistant([toolUse('toolu_1'), toolUse('toolu_2')]), user([toolResult('toolu_1'), text('and'), toolResult('toolu_2')])], TOOLS),
    fixed: request('claude-sonnet-5', [user('Read'), assistant([toolUse('toolu_1'), toolUse('toolu_2')]), user([toolResult('toolu_1'), toolResult('toolu_2'), text('and')])], TOOLS),
    message: 'messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_2. Each `tool_use` block must have a corresponding `tool_result` block in the next message.',
  },
  {
    rule: 'tool-result-without-tool-use', title: 'a tool_result whose tool_use is not in the previous assistant message',
    bad: request('claude-sonnet-5', [user('Read a.ts'), assistant([toolUse('toolu_1')]), user([toolResult('toolu_1'), toolResult('toolu_9')])], TOOLS),
    fixed: request('claude-sonnet-5', [user('Read a.ts'), assistant([toolUse('toolu_1')]), user([toolResult('toolu_1')])], TOOLS),
    message: 'messages.2.content.1: unexpected `tool_use_id` found in `tool_result` blocks: toolu_9. Each `tool_result` block must have a corresponding `tool_use` block in the previous message.',
  },
  {
    rule: 'thinking-signature', title: 'a thinking block sent back with an empty signature',
    bad: request('claude-sonnet-5', [user('Hi'), assistant([thinking(''), text('Hello.')]), user('More')]),
    fixed: request('claude-sonnet-5', [user('Hi'), assistant([thinking('sig_abc'), text('Hello.')]), user('More')]),
    message: 'messages.1.content.0: Invalid `signature` in `thinking` block',
  },
  {
    rule: 'thinking-signature', title: 'a thinking block sent back without a signature',
    bad: request('claude-sonnet-5', [user('Hi'), assistant([thinking(), text('Hello.')]), user('More')]),
    fixed: request('claude-sonnet-5', [user('Hi'), assistant([text('Hello.')]), user('More')]),
    message: 'messages.1.content.0.thinking.signature: Field required',
  },
  {
    rule: 'system-message', title: "a role 'system' message on Sonnet 5 (Opus 5 takes it)",
    bad: request('claude-sonnet-5', [user('Hi'), { role: 'system', content: 'Answer in French from now on.' }]),
    fixed: request('claude-opus-5', [user('Hi'), { role: 'system', content: 'Answer in French from now on.' }]),
    message: "role 'system' is not supported on this model",
  },
];
