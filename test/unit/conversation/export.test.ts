import assert from 'node:assert/strict';
import { buildContextContent } from '../../../src/common/conversation/contextBlocks';
import type { Conversation } from '../../../src/common/conversation/model';
import { appendUserTurn, createConversation, finishAssistantTurn, startAssistantTurn } from '../../../src/common/conversation/conversation';
import { conversationToJson, conversationToMarkdown } from '../../../src/common/conversation/export';
import { CONVERSATION_FILE_VERSION, parseConversation } from '../../../src/common/conversation/serialization';
import { codeExecutionResponse, richResponse, usage } from './fixtures';

function sample(): Conversation {
  const c = createConversation({ model: 'claude-haiku-4-5', id: 'exp', title: 'CSP question', now: Date.UTC(2026, 0, 2) });
  const { blocks, chips } = buildContextContent(
    { path: 'src/view.ts', language: 'typescript', selection: { text: 'const csp = "```";', startLine: 7, endLine: 7 } },
    'What is this CSP for?',
    { fileMaxChars: 0 },
  );
  appendUserTurn(c, { content: blocks, chips, now: 2 });
  const a = startAssistantTurn(c, { model: 'claude-haiku-4-5', now: 3 });
  finishAssistantTurn(
    c,
    a.id,
    {
      status: 'done',
      snapshot: {
        content: [...richResponse(), { type: 'tool_use', id: 'toolu_1', name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'src/view.ts' } }],
        stopReason: 'tool_use',
        usage: usage({ input_tokens: 1200, output_tokens: 340, cache_read_input_tokens: 5000, server_tool_use: { web_search_requests: 1 } }),
      },
    },
    4,
  );
  appendUserTurn(c, { content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: 'line 1\nline 2' }], now: 5 });
  return c;
}

describe('export', () => {
  it('writes readable Markdown with every piece of the turn', () => {
    const md = conversationToMarkdown(sample());
    assert.match(md, /^# CSP question\n/);
    assert.match(md, /## You/);
    assert.match(md, /## Claude \(`claude-haiku-4-5`\)/);
    assert.match(md, /<details><summary>Context: src\/view\.ts:7-7<\/summary>/);
    // The code holds a triple backtick, so its fence must be longer.
    assert.match(md, /````typescript\nconst csp = "```";\n````/);
    assert.match(md, /<details><summary>Thinking<\/summary>\n\nLet me look this up\.\n\n<\/details>/);
    assert.match(md, /_\(Redacted thinking\.\)_/);
    assert.match(md, /\*\*Tool call\*\* `web_search`/);
    assert.match(md, /\*\*Tool call\*\* `str_replace_based_edit_tool` \(`toolu_1`\)\n\n```json\n\{\n {2}"command": "view",\n {2}"path": "src\/view\.ts"\n\}\n```/);
    assert.match(md, /\*\*Tool result\*\* for `toolu_1`\n\n```\nline 1\nline 2\n```/);
    assert.match(md, /\*\*Web search results\*\*\n\n- \[CSP \(guide\)\]\(https:\/\/example\.com\/csp\)\n/);
    assert.match(md, /Use a nonce\.\[\^1\]/);
    assert.match(md, /\n\[\^1\]: \[CSP \(guide\)\]\(https:\/\/example\.com\/csp\) — “a nonce on the script”\n?$/);
    assert.match(md, /\*\*mystery_block\*\*\n\n```json\n[\s\S]*"extra": "kept"/);
    assert.match(md, /Usage: 1200 input · 340 output · 5000 cache read · 0 cache write · 1 server tool requests · \$\d+\.\d{4}/);
  });

  it('writes code execution as the command, its output, exit code, files and errors', () => {
    const c = createConversation({ model: 'claude-sonnet-5', title: 'Plot' });
    appendUserTurn(c, { content: [{ type: 'text', text: 'Plot it.' }] });
    const a = startAssistantTurn(c, { model: 'claude-sonnet-5' });
    const blocks = [
      ...codeExecutionResponse(),
      { type: 'server_tool_use', id: 'srvtoolu_p', name: 'code_execution', input: { code: 'print("```")' } },
      { type: 'code_execution_tool_result', tool_use_id: 'srvtoolu_p', content: { type: 'encrypted_code_execution_result', encrypted_stdout: 'RU5D', stderr: '', return_code: 0, content: [] } },
      { type: 'text_editor_code_execution_tool_result', tool_use_id: 'x', content: { type: 'text_editor_code_execution_tool_result_error', error_code: 'file_not_found', error_message: 'No <such> file' } },
    ];
    finishAssistantTurn(c, a.id, { status: 'done', snapshot: { content: blocks } });
    const md = conversationToMarkdown(c);
    assert.match(md, /\*\*Ran a command\*\* \(`srvtoolu_b1`\)\n\n```bash\npython3 plot\.py && ls\n```/);
    assert.match(md, /\*\*Result:\*\* exit code 0\n\nOutput:\n\n```text\nplot\.png\nplot\.py\n```\n\nErrors \(stderr\):\n\n```text\nwarning: <font> cache rebuilt\n```\n\nFiles written: `file_011abc`/);
    assert.match(md, /\*\*Created\*\* `\/tmp\/notes\.md` in the sandbox \(`srvtoolu_t1`\)\n\n```\n# Notes\n```\n\n_File created\._/);
    assert.match(md, /\*\*Edited\*\* `\/tmp\/notes\.md` in the sandbox \(`srvtoolu_t2`\): replaced\n\n```\nNotes\n```\n\nwith\n\n```\nResults\n```\n\n_File edited\._\n\n```diff\n-# Notes\n\+# Results\n```/);
    assert.match(md, /\*\*Viewed\*\* `\/tmp\/notes\.md` in the sandbox \(`srvtoolu_t3`\)\n\n_File content \(1 line\):_\n\n```\n# Results\n```/);
    assert.match(md, /\*\*Code execution failed:\*\* `execution_time_exceeded`/);
    assert.match(md, /\*\*Ran code\*\* \(`srvtoolu_p`\)\n\n````python\nprint\("```"\)\n````\n\n\*\*Result:\*\* exit code 0\n\n_\(Output encrypted\.\)_/);
    assert.match(md, /\*\*The file command failed:\*\* `file_not_found` — `No <such> file`/);
    assert.ok(!md.includes('RU5D'), 'encrypted output stays out');
    assert.ok(!md.includes('"type": "bash_code_execution_result"'), 'no raw JSON for known blocks');
  });

  it('notes stopped, interrupted and failed replies', () => {
    const c = createConversation({ model: 'm', title: 't' });
    appendUserTurn(c, { content: [{ type: 'text', text: 'q' }] });
    const a = startAssistantTurn(c, { model: 'm' });
    finishAssistantTurn(c, a.id, { status: 'stopped', snapshot: { content: [{ type: 'text', text: 'part' }] }, interrupted: true });
    appendUserTurn(c, { content: [{ type: 'text', text: 'again' }] });
    const b = startAssistantTurn(c, { model: 'm' });
    finishAssistantTurn(c, b.id, { status: 'error', error: { message: 'Rate limited: try again in 20 s', kind: 'rate_limit', retryable: true } });
    const md = conversationToMarkdown(c);
    assert.match(md, /Interrupted/);
    assert.match(md, /> \*\*Error:\*\* Rate limited: try again in 20 s/);
  });

  it('exports JSON that parses back to the same conversation, with a version and stable key order', () => {
    const c = sample();
    const json = conversationToJson(c);
    const data = JSON.parse(json) as { version: number };
    assert.equal(data.version, CONVERSATION_FILE_VERSION);
    assert.deepEqual(parseConversation(json), c);
    // Same data in another key order gives the same bytes.
    const reordered = JSON.parse(JSON.stringify({ turns: c.turns, updatedAt: c.updatedAt, model: c.model, title: c.title, id: c.id, createdAt: c.createdAt })) as Conversation;
    assert.equal(conversationToJson(reordered), json);
    assert.ok(json.indexOf('"createdAt"') < json.indexOf('"id"'));
  });
});
