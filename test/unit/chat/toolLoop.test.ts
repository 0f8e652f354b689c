import assert from 'node:assert/strict';
import type { MessageParam, MessagesRequest, Tool, ToolResultBlock } from '../../../src/common/anthropic/types';
import { runToolLoop, type ToolLoopOptions } from '../../../src/common/chat/toolLoop';
import { textEditorTool } from '../../../src/common/edits/toolDefinition';
import { fakeWorkspace } from '../edits/fakeWorkspace';
import { FakeClient, messageEnd, messageStart, replay, textReply, toolUseBlock } from './fakes';

const EDITOR = 'str_replace_based_edit_tool';

function toolTurn(calls: Array<{ id: string; name?: string; input: unknown }>) {
  const events = [messageStart()];
  calls.forEach((call, index) => events.push(...toolUseBlock(index, call.id, call.name ?? EDITOR, call.input)));
  return replay([...events, ...messageEnd('tool_use')]);
}

function setup(client: FakeClient, overrides: Partial<ToolLoopOptions> = {}) {
  const workspace = fakeWorkspace({ '/ws/a.ts': 'const a = 1;\nconst b = 2;\n' });
  const { workingSet, ...toolContext } = workspace.ctx;
  const options: ToolLoopOptions = {
    client,
    messages: [{ role: 'user', content: [{ type: 'text', text: 'change b' }] }],
    tools: [textEditorTool()],
    buildRequest: (messages: MessageParam[], tools: Tool[]) => ({
      body: { model: 'claude-sonnet-5', max_tokens: 1024, stream: true, messages, tools } satisfies MessagesRequest,
      warnings: ['temperature was dropped'],
    }),
    toolContext,
    workingSet,
    maxRounds: 5,
    signal: new AbortController().signal,
    ...overrides,
  };
  return { options, workingSet };
}

function lastResults(request: MessagesRequest | undefined): ToolResultBlock[] {
  return request?.messages.at(-1)?.content as ToolResultBlock[];
}

describe('runToolLoop', () => {
  it('executes the calls against the working copy, sends every result back in one user turn, and ends with the model', async () => {
    const client = new FakeClient([
      toolTurn([
        { id: 'toolu_1', input: { command: 'str_replace', path: 'a.ts', old_str: 'const b = 2;', new_str: 'const b = 3;' } },
        { id: 'toolu_2', input: { command: 'view', path: 'a.ts' } },
      ]),
      replay(textReply(['Changed b.'])),
    ]);
    const warnings: string[] = [];
    const { options, workingSet } = setup(client, { onWarning: (w) => warnings.push(w) });
    const result = await runToolLoop(options);

    assert.equal(result.kind, 'finished');
    assert.equal(client.requests.length, 2);
    const results = lastResults(client.requests[1]);
    assert.deepEqual(results.map((r) => [r.tool_use_id, r.is_error ?? false]), [['toolu_1', false], ['toolu_2', false]]);
    assert.match(String(results[1]?.content), /const b = 3;/, 'the second call sees the first one\'s edit');
    assert.deepEqual(workingSet.changedFiles().map((f) => [f.target.relative, f.text]), [['a.ts', 'const a = 1;\nconst b = 3;\n']]);
    assert.deepEqual(warnings, ['temperature was dropped', 'temperature was dropped'], 'one per request');
  });

  it('answers calls of other tools and paths outside the workspace with is_error results, changing nothing', async () => {
    const client = new FakeClient([
      toolTurn([
        { id: 'toolu_x', name: 'bash', input: { command: 'rm -rf /' } },
        { id: 'toolu_y', input: { command: 'str_replace', path: '../etc/passwd', old_str: 'root', new_str: 'x' } },
      ]),
      replay(textReply(['Sorry.'])),
    ]);
    const { options, workingSet } = setup(client);
    await runToolLoop(options);
    const results = lastResults(client.requests[1]);
    assert.deepEqual(results.map((r) => r.is_error), [true, true]);
    assert.equal(workingSet.changedFiles().length, 0);
  });

  it('stops at the round cap', async () => {
    const view = { command: 'view', path: 'a.ts' };
    const client = new FakeClient([toolTurn([{ id: 't1', input: view }]), toolTurn([{ id: 't2', input: view }]), toolTurn([{ id: 't3', input: view }])]);
    const { options } = setup(client, { maxRounds: 2 });
    const result = await runToolLoop(options);
    assert.equal(result.kind, 'round-cap');
    assert.equal(client.requests.length, 3);
  });

  it('reports a failed request as an error and a cancelled one as stopped', async () => {
    const failing = new FakeClient([replay(textReply(['partial']), { failAfter: 2 })]);
    assert.equal((await runToolLoop(setup(failing).options)).kind, 'error');
    const controller = new AbortController();
    const waiting = new FakeClient([replay(textReply(['partial']), { waitForAbortAfter: 2, onWaiting: () => controller.abort() })]);
    assert.equal((await runToolLoop(setup(waiting, { signal: controller.signal }).options)).kind, 'stopped');
  });
});
