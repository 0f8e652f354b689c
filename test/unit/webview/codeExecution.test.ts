import * as assert from 'node:assert/strict';
import type { ContentBlock, ViewTurn } from '../../../src/common/protocol';
import { codeExecutionResponse } from '../conversation/fixtures';
import { allAttributes, assistantTurn, chatState, openPage, type Page } from './harness';

function show(blocks: ContentBlock[]): { page: Page; assistant: HTMLElement } {
  const page = openPage();
  page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', blocks)] }) });
  const assistant = page.$('[data-testid="message"][data-role="assistant"]');
  assert.ok(assistant);
  return { page, assistant };
}

function field(root: Element | null | undefined, name: string): string | null | undefined {
  return root?.querySelector(`[data-field="${name}"]`)?.textContent;
}

describe('webview: code execution blocks', () => {
  it('gives every call and result its API block type, in order', () => {
    const { assistant } = show(codeExecutionResponse());
    const types = Array.from(assistant.querySelectorAll('[data-block-type]')).map((el) => el.getAttribute('data-block-type'));
    assert.deepEqual(types, [
      'server_tool_use', 'bash_code_execution_tool_result',
      'server_tool_use', 'text_editor_code_execution_tool_result',
      'server_tool_use', 'text_editor_code_execution_tool_result',
      'server_tool_use', 'text_editor_code_execution_tool_result',
      'server_tool_use', 'bash_code_execution_tool_result',
      'text',
    ]);
  });

  it('shows a Bash run: the command, stdout, stderr, exit code and the ids of the files written', () => {
    const { assistant } = show(codeExecutionResponse().slice(0, 2));
    const call = assistant.querySelector('[data-block-type="server_tool_use"]');
    assert.match(call?.textContent ?? '', /^Running a command/);
    assert.equal(field(call, 'command'), 'python3 plot.py && ls');
    const result = assistant.querySelector('[data-block-type="bash_code_execution_tool_result"]');
    assert.equal(field(result, 'stdout'), 'plot.png\nplot.py\n');
    assert.equal(field(result, 'stderr'), 'warning: <font> cache rebuilt');
    assert.equal(result?.querySelector('[data-field="return-code"]')?.getAttribute('data-return-code'), '0');
    assert.match(field(result, 'return-code') ?? '', /exit code 0/);
    assert.deepEqual(Array.from(result?.querySelectorAll('[data-field="file-id"]') ?? []).map((el) => el.textContent), ['file_011abc']);
  });

  it('shows a failed exit code and an error result with its error_code', () => {
    const { assistant } = show([
      { type: 'code_execution_tool_result', tool_use_id: 's1', content: { type: 'code_execution_result', stdout: '', stderr: 'Traceback…', return_code: 1, content: [] } },
      ...codeExecutionResponse().slice(8, 10),
      { type: 'text_editor_code_execution_tool_result', tool_use_id: 's3', content: { type: 'text_editor_code_execution_tool_result_error', error_code: 'file_not_found', error_message: 'No such file: /tmp/x' } },
    ]);
    const run = assistant.querySelector('[data-block-type="code_execution_tool_result"]');
    assert.equal(run?.querySelector('[data-field="return-code"]')?.getAttribute('data-return-code'), '1');
    assert.match(field(run, 'return-code') ?? '', /Failed \(exit code 1\)/);
    assert.equal(field(run, 'stdout'), undefined, 'no empty output box');
    const timeout = assistant.querySelector('[data-block-type="bash_code_execution_tool_result"] [data-field="error"]');
    assert.equal(timeout?.getAttribute('data-error-code'), 'execution_time_exceeded');
    assert.match(timeout?.textContent ?? '', /Code execution failed: execution_time_exceeded/);
    const editor = assistant.querySelector('[data-block-type="text_editor_code_execution_tool_result"]');
    assert.equal(editor?.querySelector('[data-field="error"]')?.getAttribute('data-error-code'), 'file_not_found');
    assert.match(editor?.textContent ?? '', /The file command failed: file_not_found.*No such file: \/tmp\/x/);
  });

  it('shows Python code, and says so when the output is encrypted', () => {
    const { assistant } = show([
      { type: 'server_tool_use', id: 's1', name: 'code_execution', input: { code: 'print(6 * 7)' } },
      { type: 'code_execution_tool_result', tool_use_id: 's1', content: { type: 'encrypted_code_execution_result', encrypted_stdout: 'RU5D', stderr: '', return_code: 0, content: [] } },
    ]);
    assert.equal(field(assistant, 'code'), 'print(6 * 7)');
    assert.ok(assistant.querySelector('[data-field="stdout-encrypted"]'));
    assert.ok(!(assistant.textContent ?? '').includes('RU5D'), 'the encrypted text is not shown');
  });

  it("shows the sandbox's file commands and their results", () => {
    const { assistant } = show(codeExecutionResponse().slice(2, 8));
    const calls = assistant.querySelectorAll('[data-block-type="server_tool_use"]');
    assert.match(calls[0]?.textContent ?? '', /^Creating \/tmp\/notes\.md/);
    assert.equal(field(calls[0], 'file-text'), '# Notes\n');
    assert.match(calls[1]?.textContent ?? '', /^Editing \/tmp\/notes\.md/);
    assert.deepEqual([field(calls[1], 'old-str'), field(calls[1], 'new-str')], ['Notes', 'Results']);
    assert.match(calls[2]?.textContent ?? '', /^Viewing \/tmp\/notes\.md/);
    const results = assistant.querySelectorAll('[data-block-type="text_editor_code_execution_tool_result"]');
    assert.equal(results[0]?.textContent, 'File created');
    assert.match(results[1]?.textContent ?? '', /File edited \(@@ -1,1 \+1,1 @@\)/);
    assert.equal(field(results[1], 'diff'), '-# Notes\n+# Results');
    assert.match(results[2]?.textContent ?? '', /Viewed a file lines 1–1 of 1/);
    assert.equal(field(results[2], 'file-content'), '# Results\n');
  });

  it('puts what the sandbox printed into text, never HTML', () => {
    const hostile = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
    const { assistant } = show([
      { type: 'server_tool_use', id: 's1', name: 'bash_code_execution', input: { command: hostile } },
      { type: 'bash_code_execution_tool_result', tool_use_id: 's1', content: { type: 'bash_code_execution_result', stdout: hostile, stderr: hostile, return_code: 0, content: [{ type: 'bash_code_execution_output', file_id: hostile }] } },
      { type: 'text_editor_code_execution_tool_result', tool_use_id: 's2', content: { type: 'text_editor_code_execution_tool_result_error', error_code: hostile, error_message: hostile } },
    ]);
    assert.equal(assistant.querySelectorAll('img, script').length, 0);
    assert.equal(field(assistant, 'stdout'), hostile);
    assert.ok(!allAttributes(assistant).some((a) => a.name.startsWith('on')), 'no event handler attributes');
  });

  it('shows a call as it streams: a title first, the command once its input is whole', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    const turn: ViewTurn = { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] };
    page.send({ type: 'turnAdded', turn, requestId: 'r1' });
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'server_tool_use', id: 's1', name: 'bash_code_execution', input: {} } }] });
    const call = page.$('[data-block-type="server_tool_use"]');
    assert.equal(call?.textContent, 'Running a command…');
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'server_tool_use', id: 's1', name: 'bash_code_execution', input: { command: 'ls' } } }] });
    assert.equal(field(page.$('[data-block-type="server_tool_use"]'), 'command'), 'ls');
  });

  it('says what it cannot show of a result type it does not know, and keeps going', () => {
    const { assistant } = show([
      { type: 'bash_code_execution_tool_result', tool_use_id: 's1', content: { type: 'bash_code_execution_future_result', x: 1 } },
      { type: 'text', text: 'after' },
    ]);
    assert.match(assistant.textContent ?? '', /bash_code_execution_future_result.*not shown here/);
    assert.match(assistant.querySelector('[data-block-type="text"]')?.textContent ?? '', /after/);
  });
});
