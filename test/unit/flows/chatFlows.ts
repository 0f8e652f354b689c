/**
 * The chat's everyday flows: a conversation with thinking, Explain Selection with its cached
 * context blocks, and a tool round with the text editor tool.
 */
import * as assert from 'node:assert/strict';
import type { ToolPort } from '../../../src/common/chat/turnEngine';
import { buildContextContent, type EditorContext } from '../../../src/common/conversation/contextBlocks';
import { runEditorToolCall } from '../../../src/common/edits/editorToolCall';
import { textEditorTool, TEXT_EDITOR_TOOL_NAME } from '../../../src/common/edits/toolDefinition';
import { toolUseReply } from '../../server/server';
import { fakeWorkspace, type FakeWorkspace } from '../edits/fakeWorkspace';
import { assertAnswered, assertSigned, blocksOf, cacheMarkers, roles, sentBody, sentThinking, shape } from './checks';
import type { Flow, RawSettings } from './world';

/** The file the editor flows work on (the fake workspace holds it at /ws/a.ts). */
export const FILE_TEXT = 'const a = 1;\nconst b = 2;\nexport const sum = a + b;\n';

/** The editor as Explain Selection and the inline edit capture it: line 2 of a.ts selected. */
export const EDITOR_CONTEXT: EditorContext = {
  path: 'a.ts',
  language: 'typescript',
  selection: { text: 'const b = 2;', startLine: 2, endLine: 2 },
  fileText: FILE_TEXT,
};

/** The chat's text editor tool over a fake workspace, as src/host/chatTools.ts runs it on real files. */
export function editorTools(workspace: FakeWorkspace): ToolPort {
  return {
    definitions: () => [textEditorTool()],
    run: (calls) => Promise.resolve(calls.map((call) => runEditorToolCall(call, workspace.ctx))),
  };
}

export const chatFlow: Flow = {
  id: 'chat',
  name: 'chat: a message, then a follow-up with the signed thinking sent back',
  requests: 2,
  async run(world) {
    const raw: RawSettings = { thinking: 'on' };
    const h = await world.chat({ settings: raw });
    world.server.enqueue(
      world.answer(raw, 'The user says hello.', 'Hello! What are you working on?'),
      world.answer(raw, 'They want more.', 'Here is more.'),
    );
    await h.session.send('Hello');
    await h.session.send('Tell me more');
    assertAnswered(h, 'Here is more.');
    const second = sentBody(world.server, 1);
    assert.deepEqual(roles(second), ['user', 'assistant', 'user']);
    const thinking = sentThinking(second);
    assert.equal(thinking.length, world.thinks(raw) ? 1 : 0);
    assertSigned(thinking);
  },
};

/** Explain Selection: the file and selection as context blocks, cached with `ttl`, then a follow-up. */
export function explainFlow(ttl: '5m' | '1h'): Flow {
  return {
    id: `explain-${ttl}`,
    name: `explain: file and selection context blocks cached for ${ttl}, then a follow-up`,
    requests: 2,
    async run(world) {
      // A system prompt too, so the request carries every kind of breakpoint at once.
      const raw: RawSettings = { cacheTtl: ttl, systemPrompt: 'You explain TypeScript to a colleague.' };
      const question = 'Explain this code: what it does, how it works, and anything surprising in it.';
      const content = buildContextContent(EDITOR_CONTEXT, question, { fileMaxChars: world.settings(raw).contextFileMaxChars });
      const h = await world.chat({ settings: raw });
      world.server.enqueue(world.answer(raw, 'It declares b.', 'It declares b as 2.'), world.answer(raw, 'Why b?', 'Because a + b needs it.'));
      await h.session.send(question, content);
      await h.session.send('Why is b needed?');
      assertAnswered(h, 'Because a + b needs it.');
      for (const index of [0, 1]) {
        const body = sentBody(world.server, index);
        const markers = cacheMarkers(body);
        assert.equal(markers.length, 4, `request ${index + 1} uses every breakpoint the API allows`);
        assert.deepEqual(new Set(markers.map((m) => m.ttl)), new Set([ttl]));
        const sent = blocksOf(body.messages[0]);
        assert.deepEqual(sent.map((b) => String(b['text']).split('\n')[0]), [
          '<file path="a.ts" language="typescript" lines="1-3">',
          '<selection path="a.ts" language="typescript" lines="2-2">',
          question,
        ]);
        assert.ok(sent.every((b) => !('editorContext' in b)), 'the extension\'s own mark is never sent');
      }
    },
  };
}

export const toolFlow: Flow = {
  id: 'tools',
  name: 'tools: the model thinks, calls the text editor, reads the result and answers; then a follow-up',
  requests: 3,
  async run(world) {
    const raw: RawSettings = { thinking: 'on' };
    const workspace = fakeWorkspace({ '/ws/a.ts': FILE_TEXT });
    const h = await world.chat({ settings: raw, tools: editorTools(workspace) });
    const edit = { command: 'str_replace', path: 'a.ts', old_str: 'const b = 2;', new_str: 'const b = 3;' };
    world.server.enqueue(
      toolUseReply(TEXT_EDITOR_TOOL_NAME, edit, world.thinks(raw) ? { thinking: 'I should change b in a.ts.' } : {}),
      world.answer(raw, 'The edit applied.', 'I set b to 3.'),
      world.answer(raw, 'A thank-you.', 'You are welcome.'),
    );
    await h.session.send('Set b to 3 in a.ts');
    assertAnswered(h, 'I set b to 3.');
    await h.session.send('Thanks');
    assertAnswered(h, 'You are welcome.');
    assert.deepEqual(workspace.ctx.workingSet.changedFiles().map((f) => f.text), [FILE_TEXT.replace('b = 2', 'b = 3')]);
    const call = world.thinks(raw) ? ['thinking', 'tool_use'] : ['tool_use'];
    assert.deepEqual(shape(sentBody(world.server, 1)), [['text'], call, ['tool_result']]);
    const third = sentBody(world.server, 2);
    assert.deepEqual(roles(third), ['user', 'assistant', 'user', 'assistant', 'user']);
    const result = blocksOf(third.messages[2])[0];
    assert.equal(result?.['is_error'], undefined, `the edit succeeded: ${JSON.stringify(result?.['content'])}`);
    assertSigned(sentThinking(third));
  },
};
