/**
 * The inline edit as the host command runs it (src/host/commands/inlineEdit.ts): planned from the
 * editor context and the user's settings, one turn through the turn engine with the text editor
 * tool on a working copy, the proposal at the end.
 */
import * as assert from 'node:assert/strict';
import { INLINE_EDIT_SYSTEM, planInlineEdit, runInlineEdit } from '../../../src/common/edits/inlineEdit';
import { TEXT_EDITOR_TOOL_NAME } from '../../../src/common/edits/toolDefinition';
import { toolUseReply } from '../../server/server';
import { fakeWorkspace } from '../edits/fakeWorkspace';
import { EDITOR_CONTEXT, FILE_TEXT } from './chatFlows';
import { assertSigned, sentBody, sentThinking, shape } from './checks';
import type { Flow, RawSettings } from './world';

export const inlineEditFlow: Flow = {
  id: 'inline-edit',
  name: 'inline edit with thinking: the model thinks, edits through the tool, and the edit is proposed',
  requests: 2,
  async run(world) {
    const raw: RawSettings = { thinking: 'on' };
    const { request, contextFileMaxChars, maxToolRounds } = world.settings(raw);
    const plan = planInlineEdit({
      instruction: 'Set b to 3',
      context: EDITOR_CONTEXT,
      settings: request,
      capabilities: world.capabilities,
      fileMaxChars: contextFileMaxChars,
    });
    const workspace = fakeWorkspace({ '/ws/a.ts': FILE_TEXT });
    const edit = { command: 'str_replace', path: 'a.ts', old_str: 'const b = 2;', new_str: 'const b = 3;' };
    world.server.enqueue(
      toolUseReply(TEXT_EDITOR_TOOL_NAME, edit, world.thinks(raw) ? { thinking: 'Replace the selected line.' } : {}),
      world.answer(raw, 'Done.', 'Set b to 3.'),
    );
    const result = await runInlineEdit({
      plan,
      client: world.client(raw),
      files: { resolvePath: workspace.ctx.resolvePath, getDocument: workspace.ctx.getDocument, listDirectory: workspace.ctx.listDirectory },
      maxToolRounds,
      signal: new AbortController().signal,
    });
    assert.equal(result.kind, 'proposal', JSON.stringify(result.kind === 'error' ? String(result.error) : result.kind));
    assert.deepEqual(result.kind === 'proposal' && result.files.map((f) => [f.target.relative, f.text]), [['a.ts', FILE_TEXT.replace('b = 2', 'b = 3')]]);
    const second = sentBody(world.server, 1);
    assert.deepEqual(second.tools?.map((tool) => tool.name), [TEXT_EDITOR_TOOL_NAME], 'the edit offers the editor tool only');
    assert.ok(Array.isArray(second.system) && second.system.some((block) => block.text === INLINE_EDIT_SYSTEM));
    const call = world.thinks(raw) ? ['thinking', 'tool_use'] : ['tool_use'];
    assert.deepEqual(shape(second), [['text', 'text', 'text'], call, ['tool_result']]);
    assertSigned(sentThinking(second));
  },
};
