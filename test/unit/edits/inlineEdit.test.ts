import assert from 'node:assert/strict';
import { capabilitiesFor } from '../../../src/common/anthropic/models';
import type { RequestSettings } from '../../../src/common/anthropic/request';
import type { MessageParam, MessagesRequest, Tool, ToolResultBlock } from '../../../src/common/anthropic/types';
import {
  asksForNewFile,
  cutMessage,
  INLINE_EDIT_SYSTEM,
  planInlineEdit,
  proposalSteps,
  runInlineEdit,
  type InlineEditPlan,
  type InlineEditRun,
} from '../../../src/common/edits/inlineEdit';
import { FakeClient, messageEnd, messageStart, replay, textReply, toolUseBlock } from '../chat/fakes';
import { plainSettings } from '../anthropic/requestFixtures';
import { fakeWorkspace } from './fakeWorkspace';

const EDITOR = 'str_replace_based_edit_tool';

/** The shared plain settings with a system prompt, every server tool on, a forced tool choice, and caching. */
function settings(overrides: Partial<RequestSettings> = {}): RequestSettings {
  const base = plainSettings();
  return plainSettings({
    system: 'Be brief.',
    webSearch: { ...base.webSearch, enabled: true },
    webFetch: { ...base.webFetch, enabled: true },
    codeExecution: { ...base.codeExecution, enabled: true },
    toolChoice: { mode: 'any', name: '', disableParallelToolUse: false },
    cacheTtl: '5m',
    ...overrides,
  });
}

function toolTurn(calls: Array<{ id: string; name?: string; input: unknown }>, stopReason: 'tool_use' | 'max_tokens' = 'tool_use') {
  const events = [messageStart()];
  calls.forEach((call, index) => events.push(...toolUseBlock(index, call.id, call.name ?? EDITOR, call.input)));
  return replay([...events, ...messageEnd(stopReason)]);
}

/** A plan whose request builder records warnings like the real one, over a one-file workspace. */
function setup(client: FakeClient, overrides: Partial<InlineEditRun> = {}) {
  const workspace = fakeWorkspace({ '/ws/a.ts': 'const a = 1;\nconst b = 2;\n' });
  const plan: InlineEditPlan = {
    instruction: 'change b',
    content: { blocks: [{ type: 'text', text: 'change b' }], chips: [] },
    buildRequest: (messages: MessageParam[], tools: Tool[]) => ({
      body: { model: 'claude-sonnet-5', max_tokens: 1024, stream: true, messages, tools } satisfies MessagesRequest,
      warnings: ['temperature was dropped'],
    }),
    allowCreate: false,
  };
  const run: InlineEditRun = {
    plan,
    client,
    files: { resolvePath: workspace.ctx.resolvePath, getDocument: workspace.ctx.getDocument },
    maxToolRounds: 5,
    signal: new AbortController().signal,
    ...overrides,
  };
  return run;
}

function lastResults(request: MessagesRequest | undefined): ToolResultBlock[] {
  return request?.messages.at(-1)?.content as ToolResultBlock[];
}

describe('inline edit: the run', () => {
  it('executes the calls against the working copy, sends every result back in one user turn, and ends with the model', async () => {
    const client = new FakeClient([
      toolTurn([
        { id: 'toolu_1', input: { command: 'str_replace', path: 'a.ts', old_str: 'const b = 2;', new_str: 'const b = 3;' } },
        { id: 'toolu_2', input: { command: 'view', path: 'a.ts' } },
      ]),
      replay(textReply(['Changed b.'])),
    ]);
    const warnings: string[] = [];
    const result = await runInlineEdit(setup(client, { onWarning: (w) => warnings.push(w) }));

    assert.equal(result.kind, 'proposal');
    assert.equal(client.requests.length, 2);
    const results = lastResults(client.requests[1]);
    assert.deepEqual(results.map((r) => [r.tool_use_id, r.is_error ?? false]), [['toolu_1', false], ['toolu_2', false]]);
    assert.match(String(results[1]?.content), /const b = 3;/, 'the second call sees the first one\'s edit');
    assert.deepEqual(result.kind === 'proposal' && result.files.map((f) => [f.target.relative, f.text]), [['a.ts', 'const a = 1;\nconst b = 3;\n']]);
    assert.equal(result.kind === 'proposal' && result.cut, undefined);
    assert.deepEqual(warnings, ['temperature was dropped', 'temperature was dropped'], 'one per request');
  });

  it('bills every request of the edit and keeps the closing sentence; counts streamed text and tool input', async () => {
    const client = new FakeClient([
      toolTurn([{ id: 'toolu_1', input: { command: 'str_replace', path: 'a.ts', old_str: 'const b = 2;', new_str: 'const b = 3;' } }]),
      replay(textReply(['Changed ', 'b.'], 'end_turn', 7)),
    ]);
    const streamed: number[] = [];
    const result = await runInlineEdit(setup(client, { onStreamed: (n) => streamed.push(n) }));
    assert.equal(result.kind, 'proposal');
    if (result.kind !== 'proposal') return;
    assert.deepEqual(result.bill.rounds.map((u) => [u.input_tokens, u.output_tokens]), [[10, 20], [10, 7]], 'one usage per request, tool round included');
    assert.equal(result.bill.closing, 'Changed b.');
    assert.ok(streamed.length >= 3, 'tool input and text deltas both count');
    assert.ok(streamed.every((n, i) => i === 0 || n > streamed[i - 1]!), 'the count only grows');
    assert.ok(streamed.at(-1)! > 'Changed b.'.length, 'the tool input counts as well as the text');
  });

  it('answers calls of other tools and paths outside the workspace with is_error results, changing nothing', async () => {
    const client = new FakeClient([
      toolTurn([
        { id: 'toolu_x', name: 'bash', input: { command: 'rm -rf /' } },
        { id: 'toolu_y', input: { command: 'str_replace', path: '../etc/passwd', old_str: 'root', new_str: 'x' } },
      ]),
      replay(textReply(['Sorry.'])),
    ]);
    const result = await runInlineEdit(setup(client));
    const results = lastResults(client.requests[1]);
    assert.deepEqual(results.map((r) => r.is_error), [true, true]);
    assert.equal(result.kind, 'answer', 'nothing changed, so the words go to the chat');
  });

  it('refuses create unless the plan allows it', async () => {
    const client = new FakeClient([toolTurn([{ id: 't1', input: { command: 'create', path: 'b.ts', file_text: 'x' } }]), replay(textReply(['ok']))]);
    await runInlineEdit(setup(client));
    assert.equal(lastResults(client.requests[1])[0]?.is_error, true);
  });

  it('stops at the round cap, with or without an edit', async () => {
    const view = { command: 'view', path: 'a.ts' };
    const client = new FakeClient([toolTurn([{ id: 't1', input: view }]), toolTurn([{ id: 't2', input: view }]), toolTurn([{ id: 't3', input: view }])]);
    const result = await runInlineEdit(setup(client, { maxToolRounds: 2 }));
    assert.deepEqual(result, { kind: 'no-edit', reason: 'tool-round-cap', toolRounds: 2 });
    assert.equal(client.requests.length, 3);

    const edit = { command: 'str_replace', path: 'a.ts', old_str: 'const a = 1;', new_str: 'const a = 0;' };
    const editing = new FakeClient([toolTurn([{ id: 't1', input: edit }]), toolTurn([{ id: 't2', input: view }])]);
    const capped = await runInlineEdit(setup(editing, { maxToolRounds: 1 }));
    assert.equal(capped.kind, 'proposal');
    assert.equal(capped.kind === 'proposal' && capped.cut, 'tool-round-cap');
  });

  it('continues after pause_turn, as the chat does', async () => {
    const client = new FakeClient([replay(textReply(['Searching '], 'pause_turn')), replay(textReply(['No change needed.']))]);
    const result = await runInlineEdit(setup(client));
    assert.equal(client.requests.length, 2);
    assert.equal(client.requests[1]?.messages.at(-1)?.role, 'assistant', 'the paused reply is sent back to be continued');
    assert.equal(result.kind, 'answer');
  });

  it('marks a proposal cut by max_tokens as possibly incomplete', async () => {
    const edit = { command: 'str_replace', path: 'a.ts', old_str: 'const a = 1;', new_str: 'const a = 0;' };
    const client = new FakeClient([toolTurn([{ id: 't1', input: edit }]), replay(textReply(['Then I would'], 'max_tokens'))]);
    const result = await runInlineEdit(setup(client));
    assert.equal(result.kind === 'proposal' && result.cut, 'max_tokens');
  });

  it('reports a failed request as an error and a cancelled one as stopped', async () => {
    const failing = new FakeClient([replay(textReply(['partial']), { failAfter: 2 })]);
    assert.equal((await runInlineEdit(setup(failing))).kind, 'error');
    const controller = new AbortController();
    const waiting = new FakeClient([replay(textReply(['partial']), { waitForAbortAfter: 2, onWaiting: () => controller.abort() })]);
    assert.equal((await runInlineEdit(setup(waiting, { signal: controller.signal }))).kind, 'stopped');
  });

  it('reports the streamed text as it grows', async () => {
    const texts: string[] = [];
    const client = new FakeClient([replay(textReply(['Hel', 'lo']))]);
    await runInlineEdit(setup(client, { onText: (text) => texts.push(text) }));
    assert.deepEqual(texts, ['Hel', 'Hello']);
  });
});

describe('inline edit: the plan', () => {
  const context = { path: 'src/a.ts', language: 'typescript', selection: { text: 'const b = 2;', startLine: 2, endLine: 2 }, fileText: 'const a = 1;\nconst b = 2;\n' };

  it('sends the file and selection as cached context blocks, then the instruction', () => {
    const plan = planInlineEdit({ instruction: '  rename b to c ', context, settings: settings(), capabilities: capabilitiesFor('claude-sonnet-4-6'), fileMaxChars: 60_000 });
    assert.equal(plan.instruction, 'rename b to c');
    const blocks = plan.content.blocks;
    const last = blocks.at(-1);
    assert.equal(last?.type === 'text' ? last.text : '', 'rename b to c');
    assert.ok(blocks.length >= 3, 'file, selection and instruction');
    assert.match(JSON.stringify(blocks[0]), /src\/a\.ts/);
    assert.deepEqual(plan.content.chips.map((c) => c.label), ['src/a.ts', 'src/a.ts:2-2']);
  });

  it('builds the request with only the text editor tool: no web search, fetch or code execution, no forced tool choice, the edit prompt after the user\'s', () => {
    const plan = planInlineEdit({ instruction: 'x', context, settings: settings(), capabilities: capabilitiesFor('claude-sonnet-4-6'), fileMaxChars: 60_000 });
    const tool: Tool = { type: 'text_editor_20250728', name: EDITOR };
    const { body } = plan.buildRequest([{ role: 'user', content: 'x' }], [tool]);
    assert.deepEqual(body.tools?.map((t) => t.name), [EDITOR]);
    assert.equal(body.tool_choice, undefined, 'the user\'s forced tool choice would loop the editor until the round cap');
    const system = JSON.stringify(body.system);
    assert.ok(system.indexOf('Be brief.') >= 0 && system.indexOf('Be brief.') < system.indexOf('str_replace_based_edit_tool'));
    assert.ok(system.includes(INLINE_EDIT_SYSTEM));
  });

  it('allows create only when the instruction asks for a new file', () => {
    assert.equal(asksForNewFile('create a new file with the tests'), true);
    assert.equal(asksForNewFile('add a helper file for parsing'), true);
    assert.equal(asksForNewFile('rename this variable'), false);
    assert.equal(asksForNewFile('profile this function'), false);
  });

  it('plans one review step per changed file: create, or change against the text the tool read', () => {
    const read = { target: { ok: true as const, absolute: '/ws/a.ts', relative: 'a.ts', root: '/ws' }, originalText: 'a', baseVersion: 4, eol: '\n' as const, exists: true, text: 'b' };
    const fromDisk = { ...read, target: { ok: true as const, absolute: '/ws/c.ts', relative: 'c.ts', root: '/ws' }, baseVersion: undefined };
    const created = { ...read, target: { ok: true as const, absolute: '/ws/n.ts', relative: 'n.ts', root: '/ws' }, originalText: undefined, baseVersion: undefined, text: 'new' };
    assert.deepEqual(proposalSteps([read, fromDisk, created], 'do it'), [
      { kind: 'change', absolutePath: '/ws/a.ts', relativePath: 'a.ts', snapshotText: 'a', snapshotVersion: 4, after: 'b', label: 'do it' },
      { kind: 'change', absolutePath: '/ws/c.ts', relativePath: 'c.ts', snapshotText: 'a', snapshotVersion: undefined, after: 'b', label: 'do it' },
      { kind: 'create', absolutePath: '/ws/n.ts', relativePath: 'n.ts', text: 'new' },
    ]);
  });

  it('says why a turn was cut, and whether there is something to review', () => {
    assert.equal(cutMessage('tool-round-cap', 3, 'none-proposed'), 'stopped after 3 tool rounds without an edit (claudeMessages.maxToolRounds).');
    assert.equal(cutMessage('tool-round-cap', 3, 'some-proposed'), 'stopped after 3 tool rounds (claudeMessages.maxToolRounds); review what was proposed so far.');
    assert.match(cutMessage('max_tokens', 1, 'some-proposed'), /maxTokens.*may be incomplete/);
  });
});
