import assert from 'node:assert/strict';
import { runEditorToolCall } from '../../../src/common/edits/editorToolCall';
import { TEXT_EDITOR_TOOL_NAME } from '../../../src/common/edits/toolDefinition';
import { fakeWorkspace } from './fakeWorkspace';

describe('edits/editorToolCall', () => {
  const call = (input: unknown, name = TEXT_EDITOR_TOOL_NAME) => ({ type: 'tool_use' as const, id: 'toolu_1', name, input });

  // Each shape the schema forbids must come back as an is_error result for the same call id.
  const malformed: Array<[string, unknown]> = [
    ['a string', 'view a.txt'],
    ['an array', [{ command: 'view' }]],
    ['null', null],
    ['no command', { path: 'a.txt' }],
    ['a numeric command', { command: 1, path: 'a.txt' }],
    ['an unknown command', { command: 'rm', path: 'a.txt' }],
    ['no path', { command: 'view' }],
    ['view_range of three', { command: 'view', path: 'a.txt', view_range: [1, 2, 3] }],
    ['str_replace without old_str', { command: 'str_replace', path: 'a.txt' }],
    ['str_replace with an object new_str', { command: 'str_replace', path: 'a.txt', old_str: 'x', new_str: {} }],
    ['insert with a fractional line', { command: 'insert', path: 'a.txt', insert_line: 1.5, insert_text: 'y' }],
    ['insert with numeric text', { command: 'insert', path: 'a.txt', insert_line: 1, insert_text: 5 }],
    ['create with null text', { command: 'create', path: 'b.txt', file_text: null }],
  ];
  for (const [name, input] of malformed) {
    it(`answers ${name} with an is_error result`, () => {
      const { ctx, files } = fakeWorkspace({ '/ws/a.txt': 'x\n' });
      const result = runEditorToolCall(call(input), ctx);
      assert.equal(result.type, 'tool_result');
      assert.equal(result.tool_use_id, 'toolu_1');
      assert.equal(result.is_error, true);
      assert.match(String(result.content), /^Error: .*Nothing was changed\.$/s);
      assert.equal(ctx.workingSet.changedFiles().length, 0);
      assert.equal(files.get('/ws/a.txt'), 'x\n');
    });
  }

  it('answers another tool with an is_error result, and a good call without is_error', () => {
    const { ctx } = fakeWorkspace({ '/ws/a.txt': 'x\n' });
    assert.equal(runEditorToolCall(call({ command: 'view', path: 'a.txt' }, 'bash'), ctx).is_error, true);
    const good = runEditorToolCall(call({ command: 'view', path: 'a.txt' }), ctx);
    assert.equal(good.is_error, undefined);
    assert.equal(good.content, '     1\tx');
  });
});
