/**
 * Flows with the server tools: a search the API pauses and the engine continues, web search and
 * web fetch results kept in the history, and code execution whose container the next request reuses.
 */
import * as assert from 'node:assert/strict';
import { codeExecutionReply, fakeId, resumedSearchReply, stopReasonReply, webFetchReply, webSearchReply } from '../../server/server';
import { assertAnswered, blocksOf, roles, sentBody, shape } from './checks';
import type { Flow, RawSettings } from './world';

const HITS = [{ url: 'https://code.visualstudio.com/api', title: 'VS Code API' }];

export const pauseFlow: Flow = {
  id: 'pause-turn',
  name: 'pause_turn: the engine continues the paused search, the reply completes, then a follow-up',
  requests: 3,
  async run(world) {
    const raw: RawSettings = { webSearch: true };
    const h = await world.chat({ settings: raw });
    const paused = fakeId('srvtoolu');
    world.server.enqueue(
      stopReasonReply('pause_turn', { toolUseId: paused }),
      resumedSearchReply(paused, HITS, 'The API is documented at code.visualstudio.com.'),
      world.answer(raw, 'A follow-up on the search.', 'It covers the extension API.'),
    );
    await h.session.send('Where is the VS Code API documented?');
    assertAnswered(h, 'The API is documented at code.visualstudio.com.');
    // The continuation sends the paused reply back as it is: it ends on the unrun search.
    const continuation = sentBody(world.server, 1);
    assert.deepEqual(roles(continuation), ['user', 'assistant']);
    const last = blocksOf(continuation.messages[1]).at(-1);
    assert.deepEqual([last?.type, last?.['id']], ['server_tool_use', paused]);
    await h.session.send('What does it cover?');
    assertAnswered(h, 'It covers the extension API.');
    assert.deepEqual(shape(sentBody(world.server, 2)), [['text'], ['text', 'server_tool_use', 'web_search_tool_result', 'text'], ['text']]);
  },
};

export const webFlow: Flow = {
  id: 'web',
  name: 'web search and web fetch: results and citations kept in the history, then a follow-up',
  requests: 3,
  async run(world) {
    const raw: RawSettings = { webSearch: true, webFetch: true };
    const h = await world.chat({ settings: raw });
    world.server.enqueue(
      webSearchReply('vscode webview api', HITS, 'Webviews are documented.'),
      webFetchReply('https://code.visualstudio.com/api', 'Webviews let extensions show HTML.', 'The page explains webviews.'),
      world.answer(raw, 'Both sources agree.', 'Both say webviews show HTML.'),
    );
    await h.session.send('Search for the webview API');
    await h.session.send('Fetch https://code.visualstudio.com/api');
    await h.session.send('Summarise both');
    assertAnswered(h, 'Both say webviews show HTML.');
    const first = sentBody(world.server, 0);
    assert.deepEqual(first.tools?.map((tool) => tool.name), ['web_search', 'web_fetch']);
    assert.deepEqual(shape(sentBody(world.server, 2)), [
      ['text'],
      ['server_tool_use', 'web_search_tool_result', 'text', 'text'],
      ['text'],
      ['server_tool_use', 'web_fetch_tool_result', 'text'],
      ['text'],
    ]);
  },
};

export const codeExecutionFlow: Flow = {
  id: 'code-execution',
  name: 'code execution: a bash run in the sandbox, then a follow-up that reuses its container',
  requests: 2,
  async run(world) {
    const raw: RawSettings = { codeExecution: true };
    const h = await world.chat({ settings: raw });
    const container = { id: 'container_flow_1', expires_at: new Date(Date.now() + 60 * 60 * 1000).toISOString() };
    world.server.enqueue(
      codeExecutionReply({ command: 'python3 -c "print(6 * 7)"', stdout: '42\n' }, 'It prints 42.', { container }),
      world.answer(raw, 'Run it again in the same sandbox.', 'Still 42.'),
    );
    await h.session.send('What does 6 * 7 print in Python?');
    assertAnswered(h, 'It prints 42.');
    await h.session.send('And again?');
    assertAnswered(h, 'Still 42.');
    const [first, second] = [sentBody(world.server, 0), sentBody(world.server, 1)];
    assert.deepEqual(first.tools?.map((tool) => tool.name), ['code_execution']);
    assert.equal(first.container, undefined, 'no container before the sandbox exists');
    assert.equal(second.container, container.id, 'the follow-up works in the same sandbox');
    assert.deepEqual(shape(second)[1], ['server_tool_use', 'bash_code_execution_tool_result', 'text']);
  },
};
