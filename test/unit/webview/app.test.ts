import * as assert from 'node:assert/strict';
import type { ViewTurn } from '../../../src/common/protocol';
import { ChatApp } from '../../../src/webview/app';
import { assistantTurn, chatState, FakeApi, makeWindow, openPage, usage, userTurn, zeroTotals } from './harness';

const streamingTurn: ViewTurn = { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] };

describe('webview app: protocol messages to DOM', () => {
  it('says ready on start and renders nothing before init', () => {
    const page = openPage();
    assert.deepEqual(page.api.posted, [{ type: 'ready' }]);
    page.send({ type: 'turnAdded', turn: userTurn('u1', 'early') });
    assert.equal(page.$$('[data-testid="message"]').length, 0);
  });

  it('streams a reply: data-status transitions, one element per block with its type, exact usage', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() });
    page.send({ type: 'turnAdded', turn: userTurn('u1', 'Hi <b>there</b>') });
    page.send({ type: 'turnAdded', turn: streamingTurn, requestId: 'r1' });
    const assistant = page.$('[data-testid="message"][data-role="assistant"]');
    assert.equal(assistant?.getAttribute('data-status'), 'streaming');
    assert.equal(page.$('[data-testid="message"][data-role="user"]')?.textContent, 'Hi <b>there</b>', 'user text is plain text');

    page.send({
      type: 'blockOps',
      requestId: 'r1',
      turnId: 'a1',
      ops: [
        { op: 'set', index: 0, block: { type: 'thinking', thinking: '', signature: '' } },
        { op: 'append', index: 0, field: 'thinking', text: 'Let me think' },
        { op: 'set', index: 1, block: { type: 'redacted_thinking', data: 'xyz' } },
        { op: 'set', index: 2, block: { type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'vscode webview csp' } } },
        { op: 'set', index: 3, block: { type: 'web_search_tool_result', tool_use_id: 's1', content: [{ type: 'web_search_result', url: 'https://code.visualstudio.com/api', title: 'VS Code API', encrypted_content: 'e' }] } },
        { op: 'set', index: 4, block: { type: 'text', text: '' } },
        { op: 'append', index: 4, field: 'text', text: 'Hello' },
      ],
    });
    const thinking = assistant?.querySelector<HTMLDetailsElement>('[data-block-type="thinking"] details');
    assert.equal(thinking?.open, false, 'thinking is folded (its latest line shows in the summary)');
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'append', index: 4, field: 'text', text: ', world.' }] });
    assert.equal(assistant?.querySelector('[data-block-type="text"]')?.textContent?.trim(), 'Hello, world.');
    assert.equal(assistant?.querySelector('[data-testid="usage"]'), null, 'no usage while streaming');
    assert.ok(page.$('[data-testid="stop"]'), 'stop is present while streaming');

    const final = assistantTurn('a1', [
      { type: 'thinking', thinking: 'Let me think', signature: 'sig' },
      { type: 'redacted_thinking', data: 'xyz' },
      { type: 'server_tool_use', id: 's1', name: 'web_search', input: { query: 'vscode webview csp' } },
      { type: 'web_search_tool_result', tool_use_id: 's1', content: [{ type: 'web_search_result', url: 'https://code.visualstudio.com/api', title: 'VS Code API', encrypted_content: 'e' }] },
      { type: 'text', text: 'Hello, world.' },
      { type: 'mystery_block', payload: 1 },
    ], { usage, cost: { dollars: 0.0123, serverToolRequests: 2 } });
    page.send({ type: 'turnUpdated', turn: final, totals: { inputTokens: 1234, outputTokens: 567, cacheReadTokens: 8910, cacheCreationTokens: 1112, cacheHitRate: 0.79, dollars: 0.0123 } });

    assert.equal(assistant?.getAttribute('data-status'), 'done');
    const types = Array.from(assistant?.querySelectorAll('[data-block-type]') ?? []).map((el) => el.getAttribute('data-block-type'));
    assert.deepEqual(types, ['thinking', 'redacted_thinking', 'server_tool_use', 'web_search_tool_result', 'text', 'mystery_block']);
    assert.equal(thinking?.open, false, 'thinking folds when done');
    assert.match(assistant?.querySelector('[data-block-type="server_tool_use"]')?.textContent ?? '', /vscode webview csp/);
    const result = assistant?.querySelector('[data-block-type="web_search_tool_result"] a');
    assert.equal(result?.getAttribute('href'), 'https://code.visualstudio.com/api');
    assert.equal(result?.textContent, 'VS Code API');
    assert.match(assistant?.querySelector('[data-block-type="mystery_block"]')?.textContent ?? '', /mystery_block/);

    const usageEl = assistant?.querySelector('[data-testid="usage"]');
    assert.ok(usageEl, 'usage after the turn ends');
    assert.equal(usageEl.getAttribute('data-input-tokens'), '1234');
    assert.equal(usageEl.getAttribute('data-output-tokens'), '567');
    assert.equal(usageEl.getAttribute('data-cache-read-tokens'), '8910');
    assert.equal(usageEl.getAttribute('data-cache-creation-tokens'), '1112');
    const usageText = usageEl.textContent ?? '';
    assert.equal(usageText, 'in 1,234 · cache read 8,910 · cache write 1,112 · out 567 · 2 web searches · $0.0123', 'one compact line');
    const details = usageEl.getAttribute('title') ?? '';
    for (const part of ['Input (not cached): 1,234', 'Cache read: 8,910', 'Cache write: 1,112 (5m 1,000, 1h 112)', 'Output (thinking included): 567', 'Cost: $0.0123']) {
      assert.ok(details.includes(part), `the tooltip shows "${part}" in: ${details}`);
    }
    assert.equal(page.$('[data-testid="totals"]')?.textContent, 'Conversation · $0.0123 · cache hit 79%');
    assert.equal(page.$('[data-testid="stop"]'), null, 'stop is gone when the reply ends');
  });

  it('shows the latest line of thinking while it streams, then how long the model thought', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() }, { type: 'turnAdded', turn: streamingTurn, requestId: 'r1' });
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [
      { op: 'set', index: 0, block: { type: 'thinking', thinking: '', signature: '' } },
      { op: 'append', index: 0, field: 'thinking', text: 'First, read the question.\n\nThen check the ' },
    ] });
    const summary = () => page.$('[data-block-type="thinking"] summary')?.textContent;
    assert.equal(summary(), 'Thinking…Then check the');
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'thinking', text: 'edge cases.' }] });
    assert.equal(summary(), 'Thinking…Then check the edge cases.', 'the line follows the stream');
    assert.equal(page.$<HTMLDetailsElement>('[data-block-type="thinking"] details')?.open, false, 'without expanding');
    page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'set', index: 1, block: { type: 'text', text: 'Answer' } }] });
    assert.match(summary() ?? '', /^Thought for \d+ s$/, 'a later block ends the thinking, timed by the view meanwhile');
    const done = assistantTurn('a1', [{ type: 'thinking', thinking: 'First, read the question.\n\nThen check the edge cases.', signature: 's' }, { type: 'text', text: 'Answer' }], { thinkingMs: { 0: 12_400 } });
    page.send({ type: 'turnUpdated', turn: done, totals: chatState().totals });
    assert.equal(summary(), 'Thought for 12 s', "the host's timing wins");
    page.send({ type: 'turnUpdated', turn: { ...done, thinkingMs: { 0: 125_000 } }, totals: chatState().totals });
    assert.equal(summary(), 'Thought for 2 m 5 s');
  });

  it('shows the tokens and no cost for a model whose prices are unknown', () => {
    const page = openPage();
    const turn = assistantTurn('a1', [{ type: 'text', text: 'Hi' }], { model: 'claude-opus-6', usage, cost: { serverToolRequests: 2 } });
    page.send({ type: 'init', state: chatState() }, { type: 'turnAdded', turn });
    page.send({ type: 'turnUpdated', turn, totals: { inputTokens: 1234, outputTokens: 567, cacheReadTokens: 8910, cacheCreationTokens: 1112, cacheHitRate: 0.79 } });
    const usageText = page.$('[data-testid="usage"]')?.textContent ?? '';
    assert.match(usageText, /in 1,234/);
    assert.match(usageText, /out 567/);
    assert.doesNotMatch(usageText, /\$/, 'no dollar figure is made up');
    const totals = page.$('[data-testid="totals"]')?.textContent ?? '';
    assert.match(totals, /11,256 in, 567 out/, 'without prices the token counts stand in for the cost');
    assert.doesNotMatch(totals, /\$/);
  });

  it('leaves zero figures out of the line, and marks a cut-short reply\'s output and cost as estimates', () => {
    const page = openPage();
    const cut = assistantTurn('a1', [{ type: 'text', text: 'Partial' }], {
      status: 'stopped',
      stopReason: null,
      usage: { input_tokens: 0, output_tokens: 320, cache_read_input_tokens: 15899, cache_creation_input_tokens: 0 },
      usageEstimated: true,
      cost: { dollars: 0.0096, serverToolRequests: 0 },
    });
    page.send({ type: 'init', state: chatState() }, { type: 'turnAdded', turn: cut });
    page.send({ type: 'turnUpdated', turn: cut, totals: { inputTokens: 0, outputTokens: 320, cacheReadTokens: 15899, cacheCreationTokens: 0, cacheHitRate: 1, dollars: 0.0096, estimated: true } });
    const usageEl = page.$('[data-testid="usage"]');
    assert.equal(usageEl?.textContent, 'cache read 15,899 · out ≈320 · ≈$0.0096');
    assert.equal(usageEl?.getAttribute('data-estimated'), 'true');
    assert.match(usageEl?.getAttribute('title') ?? '', /cut short before the API sent its final count/);
    assert.equal(page.$('[data-testid="totals"]')?.textContent, 'Conversation · ≈$0.0096 · cache hit 100%');
  });

  it('marks a stopped reply and keeps its text', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() }, { type: 'turnAdded', turn: streamingTurn, requestId: 'r9' });
    page.send({ type: 'blockOps', requestId: 'r9', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'text', text: 'Partial' } }] });
    (page.$('[data-testid="stop"]') as HTMLButtonElement).click();
    assert.deepEqual(page.api.of('stop'), [{ type: 'stop', requestId: 'r9' }]);
    page.send({ type: 'turnUpdated', turn: assistantTurn('a1', [{ type: 'text', text: 'Partial' }], { status: 'stopped', stopReason: null }), totals: chatState().totals });
    const turn = page.$('[data-role="assistant"]');
    assert.equal(turn?.getAttribute('data-status'), 'stopped');
    assert.match(turn?.textContent ?? '', /Partial/);
    assert.equal(turn?.querySelector('[data-testid="stop-note"]')?.getAttribute('data-stop-reason'), 'stopped');
  });

  it('rebuilds the same DOM from init at any time (render from state only)', () => {
    const turns = [userTurn('u1', 'Q'), assistantTurn('a1', [{ type: 'text', text: 'Para one.\n\nPara **two**.' }], { usage })];
    const one = openPage();
    one.send({ type: 'init', state: chatState({ turns }) });
    const two = openPage();
    two.send({ type: 'init', state: chatState() }, { type: 'turnAdded', turn: turns[0] as ViewTurn });
    two.send({ type: 'turnAdded', turn: { ...streamingTurn }, requestId: 'r' });
    two.send({ type: 'blockOps', requestId: 'r', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'text', text: '' } }, { op: 'append', index: 0, field: 'text', text: 'Para one.\n\nPara ' }] });
    two.send({ type: 'blockOps', requestId: 'r', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'text', text: '**two**.' }] });
    two.send({ type: 'turnUpdated', turn: turns[1] as ViewTurn, totals: chatState().totals });
    assert.equal(two.$('.turns')?.innerHTML, one.$('.turns')?.innerHTML);
  });

  it('draws streamed ops once per frame, not once per message', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState() }, { type: 'turnAdded', turn: streamingTurn, requestId: 'r' });
    page.app.handle({ type: 'blockOps', requestId: 'r', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'text', text: 'a' } }] });
    page.app.handle({ type: 'blockOps', requestId: 'r', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'text', text: 'b' }] });
    assert.equal(page.$('[data-block-type="text"] .md')?.textContent, '', 'nothing drawn before the frame');
    page.app.flush();
    assert.equal(page.$('[data-block-type="text"] .md')?.textContent?.trim(), 'ab');
  });

  it('numbers citations per turn as inline superscripts, one number per source, and lists the sources', () => {
    const page = openPage();
    const cite = (url: string, title: string) => ({ type: 'web_search_result_location', url, title, encrypted_index: 'x', cited_text: `c ${title}` });
    page.send({
      type: 'init',
      state: chatState({
        turns: [
          assistantTurn('a1', [
            { type: 'text', text: 'First claim.', citations: [cite('https://a.example/', 'A'), cite('https://b.example/', 'B')] },
            { type: 'text', text: ' Second claim.', citations: [cite('https://b.example/', 'B'), cite('https://c.example/', 'C'), cite('https://c.example/', 'C')] },
            { type: 'text', text: ' Document claim.', citations: [{ type: 'char_location', document_index: 0, document_title: 'notes.md', start_char_index: 0, end_char_index: 3, cited_text: 'abc' }] },
          ]),
          assistantTurn('a2', [{ type: 'text', text: 'Other turn.', citations: [cite('https://c.example/', 'C')] }]),
        ],
      }),
    });
    const runs = page.$$('.block-text');
    assert.equal(runs.length, 2, 'one text element per run');
    assert.equal(runs[0]?.getAttribute('data-block-indexes'), '0-2');
    const blocks = page.$$('[data-block-type="text"]').map((el) => `${el.getAttribute('data-block-index') ?? el.getAttribute('data-block-indexes')} ${el.textContent?.split(/[\d“]/)[0]}`);
    assert.deepEqual(blocks, ['0 First claim.', '1  Second claim.', '2  Document claim.', '0 Other turn.'], 'still one element per content block: a span each inside the run, the lone block its run');
    const marks = (i: number) => Array.from(runs[0]?.querySelectorAll('[data-testid="citation-marks"]')[i]?.querySelectorAll('[data-testid="citation"]') ?? []).map((a) => `${a.textContent}${a.getAttribute('href') ?? ''}`);
    assert.deepEqual(marks(0), ['1https://a.example/', '2https://b.example/']);
    assert.deepEqual(marks(1), ['2https://b.example/', '3https://c.example/'], 'the same source keeps its number; a source cited twice in a block shows once');
    assert.deepEqual(marks(2), ['4'], 'a document citation is numbered too');
    assert.equal(runs[0]?.querySelectorAll('p').length, 1, 'the fragments flow as one paragraph');
    const paragraph = runs[0]?.querySelector('p')?.cloneNode(true) as HTMLElement;
    paragraph.querySelectorAll('.citation-popover').forEach((popover) => popover.remove());
    assert.equal(paragraph.textContent, 'First claim.12 Second claim.23 Document claim.4', 'each marker at the end of its fragment');
    const sources = Array.from(page.$$('[data-turn-id="a1"] [data-testid="source"]')).map((li) => `${li.getAttribute('data-citation')} ${li.textContent}`);
    assert.deepEqual(sources, ['1 A · a.example', '2 B · b.example', '3 C · c.example', '4 notes.md, “abc”']);
    assert.deepEqual(Array.from(runs[1]?.querySelectorAll('[data-testid="citation"]') ?? []).map((a) => a.textContent), ['1'], 'numbering restarts in each turn');
  });

  it('shows stop reasons: max_tokens with Continue, refusal, context window, interrupted; pause_turn shows nothing', () => {
    const page = openPage();
    const text = [{ type: 'text', text: 'Partial answer' }];
    page.send({
      type: 'init',
      state: chatState({
        turns: [
          assistantTurn('a1', text, { stopReason: 'refusal' }),
          assistantTurn('a2', text, { stopReason: 'model_context_window_exceeded' }),
          assistantTurn('a3', text, { stopReason: 'pause_turn' }),
          assistantTurn('a4', text, { interrupted: true, stopReason: null }),
          assistantTurn('a5', text, { stopReason: 'max_tokens' }),
        ],
      }),
    });
    const note = (id: string) => page.$(`[data-turn-id="${id}"] [data-testid="stop-note"]`);
    assert.match(note('a1')?.textContent ?? '', /declined/);
    assert.match(page.$('[data-turn-id="a1"]')?.textContent ?? '', /Partial answer/, 'refusal keeps the partial text');
    assert.match(note('a2')?.textContent ?? '', /too long for the model's context window/);
    assert.equal(note('a3'), null);
    assert.equal(note('a4')?.getAttribute('data-stop-reason'), 'interrupted');
    assert.match(note('a5')?.textContent ?? '', /token limit/);
    const button = page.$('[data-turn-id="a5"] [data-testid="continue"]');
    assert.ok(button, 'Continue on the latest turn');
    button.click();
    assert.deepEqual(page.api.of('continue'), [{ type: 'continue' }]);
  });

  it('shows errors with status, request id and Retry; counts down retries with Cancel', () => {
    const page = openPage();
    page.send({
      type: 'init',
      state: chatState({
        turns: [
          assistantTurn('a1', [], {
            status: 'error',
            error: { message: 'The API is overloaded. Try again in a moment.', kind: 'overloaded', status: 529, requestId: 'req_abc', retryable: true },
          }),
        ],
      }),
    });
    const error = page.$('[data-testid="error"]');
    assert.match(error?.textContent ?? '', /overloaded/);
    assert.match(error?.textContent ?? '', /HTTP 529/);
    assert.match(error?.textContent ?? '', /req_abc/);
    page.$<HTMLElement>('[data-testid="error"] [data-action="retry"]')?.click();
    assert.deepEqual(page.api.of('retry'), [{ type: 'retry' }]);

    page.send({ type: 'retrying', requestId: 'r2', attempt: 2, delayMs: 3000, reason: 'Overloaded (529).' });
    const countdown = page.$('[data-testid="retrying"]');
    assert.match(countdown?.textContent ?? '', /Retrying in 3 s \(attempt 2\)…/);
    page.$<HTMLElement>('[data-testid="retrying"] [data-action="cancel-retry"]')?.click();
    assert.deepEqual(page.api.of('cancelRetry'), [{ type: 'cancelRetry', requestId: 'r2' }]);
    page.send({ type: 'turnAdded', turn: { ...streamingTurn, id: 'a2' }, requestId: 'r2' });
    assert.equal(page.$('[data-testid="retrying"]'), null, 'the countdown goes once the request moves on');
  });

  it('offers on the error card what fixes it, and Retry only where sending again can work', () => {
    const cards = (error: { kind: string; status?: number; retryable: boolean; setting?: string }): string[] => {
      const page = openPage();
      page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', [], { status: 'error', error: { message: 'It failed.', ...error } })] }) });
      return Array.from(page.win.document.querySelectorAll('[data-testid="error"] [data-action]')).map((button) => button.getAttribute('data-action') ?? '');
    };
    assert.deepEqual(cards({ kind: 'authentication_error', status: 401, retryable: false, setting: 'claudeMessages.authHeader' }), ['set-api-key', 'open-setting', 'test-connection'], 'the same key would be refused again: no Retry');
    assert.deepEqual(cards({ kind: 'missing_key', retryable: false }), ['set-api-key']);
    assert.deepEqual(cards({ kind: 'key_unreadable', retryable: true }), ['retry'], 'a stored key may be fine: no Set API key');
    assert.deepEqual(cards({ kind: 'redirect', status: 307, retryable: false, setting: 'claudeMessages.baseUrl' }), ['open-setting', 'test-connection']);
    assert.deepEqual(cards({ kind: 'connection_error', retryable: true, setting: 'claudeMessages.baseUrl' }), ['retry', 'open-setting', 'test-connection']);
    assert.deepEqual(cards({ kind: 'timeout_error', retryable: true, setting: 'claudeMessages.headersTimeoutSeconds' }), ['retry', 'open-setting']);
    assert.deepEqual(cards({ kind: 'invalid_request_error', status: 400, retryable: false, setting: 'claudeMessages.maxTokens' }), ['open-setting']);
    assert.deepEqual(cards({ kind: 'overloaded_error', status: 529, retryable: true }), ['retry']);
    assert.deepEqual(cards({ kind: 'billing_error', status: 402, retryable: false }), ['retry'], 'nothing better to offer: Retry, for after the account is fixed');
    assert.deepEqual(cards({ kind: 'request_too_large', status: 413, retryable: false }), ['new-chat']);

    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', [], { status: 'error', error: { message: 'Too large.', kind: 'request_too_large', status: 413, retryable: false } })] }) });
    page.$<HTMLElement>('[data-testid="error"] [data-action="new-chat"]')?.click();
    assert.deepEqual(page.api.of('newChat'), [{ type: 'newChat' }]);
  });

  it('the error buttons post Open Setting (naming the setting), Test Connection and Set API Key', () => {
    const page = openPage();
    const error = { message: 'The API did not accept the API key.', kind: 'authentication_error', status: 401, retryable: false, setting: 'claudeMessages.authHeader' };
    page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', [], { status: 'error', error })] }) });
    const open = page.$<HTMLElement>('[data-testid="error"] [data-action="open-setting"]');
    assert.match(open?.getAttribute('aria-label') ?? '', /claudeMessages\.authHeader/, 'the button names the setting');
    open?.click();
    page.$<HTMLElement>('[data-testid="error"] [data-action="test-connection"]')?.click();
    page.$<HTMLElement>('[data-testid="error"] [data-action="set-api-key"]')?.click();
    assert.deepEqual(page.api.posted.filter((m) => m.type !== 'ready'), [{ type: 'openSetting', setting: 'claudeMessages.authHeader' }, { type: 'testConnection' }, { type: 'setApiKey' }]);
  });

  it('collapses a fixed error to one line with Retry (on the latest turn), the error folded under it', () => {
    const page = openPage();
    const error = { message: 'No API key is set.', kind: 'missing_key', retryable: false };
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'hi'), assistantTurn('a1', [], { status: 'error', error })] }) });
    assert.equal(page.$('[data-testid="error"]')?.getAttribute('role'), 'alert');
    assert.equal(page.$('[data-testid="error"] [data-testid="retry"]'), null);
    page.send({ type: 'turnUpdated', turn: assistantTurn('a1', [], { status: 'error', error: { ...error, fixed: 'a key is set' } }), totals: zeroTotals });
    const card = page.$('[data-testid="error"]');
    assert.equal(page.$$('[data-testid="error"]').length, 1);
    assert.equal(card?.getAttribute('data-fixed'), 'true');
    assert.equal(card?.getAttribute('role'), null, 'no longer an alert');
    assert.match(card?.querySelector('.error-fixed-line')?.textContent ?? '', /^Fixed: a key is set — Retry$/);
    assert.equal(card?.querySelector('[data-action="set-api-key"]'), null, 'the fix is not offered again');
    assert.equal(card?.querySelector('details')?.open, false, 'the error is folded');
    assert.match(card?.querySelector('details')?.textContent ?? '', /No API key is set\./);
    card?.querySelector<HTMLElement>('[data-testid="retry"]')?.click();
    assert.deepEqual(page.api.of('retry'), [{ type: 'retry' }]);

    // An older fixed error says so, without a Retry (Retry acts on the latest turn).
    page.send({ type: 'turnAdded', turn: userTurn('u2', 'again') }, { type: 'turnAdded', turn: assistantTurn('a2', [{ type: 'text', text: 'Hello.', citations: null }]) });
    assert.equal(page.$('[data-testid="error"] [data-testid="retry"]'), null);
    assert.match(page.$('[data-testid="error"]')?.textContent ?? '', /Fixed: a key is set/);
  });

  it('shows the setup card, not a banner, until a key is set elsewhere (setupCard.test.ts has the rest)', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ apiKey: 'missing' }) });
    assert.equal(page.$('[data-testid="setup-card"]')?.hidden, false);
    page.$<HTMLElement>('[data-testid="setup-enter-key"]')?.click();
    assert.deepEqual(page.api.of('setApiKey'), [{ type: 'setApiKey' }]);
    page.send({ type: 'apiKey', apiKey: 'set' });
    assert.equal(page.$('[data-testid="setup-key-state"]')?.textContent, 'Key stored');
  });

  it('says the key could not be read, with no Set API key button, when the keychain failed', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ apiKey: 'unreadable' }) });
    const banner = page.$<HTMLElement>('[data-testid="key-unreadable-banner"]');
    assert.match(banner?.textContent ?? '', /could not be read from the system keychain/);
    assert.equal(page.$('[data-testid="api-key-banner"]'), null);
    assert.equal(page.$('[data-testid="set-api-key"]'), null);
    page.send({ type: 'apiKey', apiKey: 'set' });
    assert.equal(page.$('[data-testid="key-unreadable-banner"]'), null);
  });

  it('shows context chips on user turns, expandable to their text, and tool results briefly', () => {
    const page = openPage();
    page.send({
      type: 'init',
      state: chatState({
        turns: [
          userTurn('u1', 'Explain this', { chips: [{ label: 'src/a.ts:10-12', language: 'typescript', text: 'const a = 1;' }] }),
          { id: 'u2', role: 'user', status: 'done', blocks: [{ type: 'tool_result', tool_use_id: 't1', content: 'Edited 3 lines in src/a.ts' }] },
        ],
      }),
    });
    const chip = page.$<HTMLDetailsElement>('[data-testid="context-chip"]');
    assert.equal(chip?.querySelector('summary')?.textContent, 'src/a.ts:10-12');
    assert.equal(chip?.querySelector('pre')?.textContent, 'const a = 1;');
    assert.equal(chip?.open, false);
    const result = page.$('[data-block-type="tool_result"]');
    assert.match(result?.querySelector('summary')?.textContent ?? '', /Tool result: Edited 3 lines/);
  });

  it('renders tool_use with its pretty JSON input and web_fetch results', () => {
    const page = openPage();
    page.send({
      type: 'init',
      state: chatState({
        turns: [
          assistantTurn('a1', [
            { type: 'tool_use', id: 't1', name: 'str_replace_based_edit_tool', input: { command: 'view', path: 'a.ts' } },
            { type: 'server_tool_use', id: 's2', name: 'web_fetch', input: { url: 'https://example.com/page' } },
            { type: 'web_fetch_tool_result', tool_use_id: 's2', content: { type: 'web_fetch_result', url: 'https://example.com/page', retrieved_at: '2026-01-01T00:00:00Z', content: { type: 'document', title: 'Example Page' } } },
            { type: 'web_fetch_tool_result', tool_use_id: 's3', content: { type: 'web_fetch_tool_result_error', error_code: 'url_not_accessible' } },
            { type: 'web_search_tool_result', tool_use_id: 's4', content: { type: 'web_search_tool_result_error', error_code: 'max_uses_exceeded' } },
          ]),
        ],
      }),
    });
    const tool = page.$('[data-block-type="tool_use"]');
    assert.match(tool?.textContent ?? '', /str_replace_based_edit_tool/);
    assert.equal(tool?.querySelector('pre')?.textContent, '{\n  "command": "view",\n  "path": "a.ts"\n}');
    assert.equal(page.$('[data-block-type="server_tool_use"] a')?.getAttribute('href'), 'https://example.com/page');
    const fetches = page.$$('[data-block-type="web_fetch_tool_result"]');
    assert.match(fetches[0]?.textContent ?? '', /Example Page/);
    assert.match(fetches[0]?.textContent ?? '', /retrieved 2026-01-01T00:00:00Z/);
    assert.match(fetches[1]?.textContent ?? '', /url_not_accessible/);
    assert.match(page.$('[data-block-type="web_search_tool_result"]')?.textContent ?? '', /max_uses_exceeded/);
  });

  it('remembers a thinking block the reader opened across a rebuild (UI state)', () => {
    const page = openPage();
    const state = chatState({ turns: [assistantTurn('a1', [{ type: 'thinking', thinking: 'Hmm.', signature: 's' }, { type: 'text', text: 'Done.' }])] });
    page.send({ type: 'init', state });
    const summary = page.$('[data-block-type="thinking"] summary');
    summary?.click();
    const rebuilt = openPage(page.api.saved);
    rebuilt.send({ type: 'init', state });
    assert.equal(rebuilt.$<HTMLDetailsElement>('[data-block-type="thinking"] details')?.open, true);
  });
});

describe('webview app: continuations', () => {
  it('shows a continue request as a seam, not as a question', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Write'), assistantTurn('a1', [{ type: 'text', text: 'Cut' }], { stopReason: 'max_tokens' }), userTurn('u2', 'Continue it exactly', { continueRequest: true })] }) });
    const seam = page.$('[data-turn-id="u2"]');
    assert.equal(seam?.getAttribute('data-continue-request'), 'true');
    assert.equal(seam?.textContent, 'Continued');
  });
});

describe('webview app: messages posted to the page', () => {
  function started() {
    const win = makeWindow();
    const api = new FakeApi();
    const warnings: string[] = [];
    new ChatApp(win, api, { requestFrame: () => undefined, idle: null, warn: (message) => warnings.push(message) }).start();
    const post = (data: unknown): void => void win.dispatchEvent(new win.MessageEvent('message', { data }));
    return { win, warnings, post };
  }

  it('applies host messages of known kinds without a warning', () => {
    const { win, warnings, post } = started();
    post({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Hello')] }) });
    assert.equal(win.document.querySelectorAll('[data-testid="message"]').length, 1);
    assert.deepEqual(warnings, []);
  });

  it('reports a message of an unknown kind instead of dropping it silently, and keeps working', () => {
    const { win, warnings, post } = started();
    post({ type: 'turnRemoved', turnId: 'u1' });
    post('not a message');
    assert.equal(warnings.length, 2);
    assert.match(warnings[0] ?? '', /unknown kind "turnRemoved"/);
    assert.match(warnings[1] ?? '', /no type: string/);
    post({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Hello')] }) });
    assert.equal(win.document.querySelectorAll('[data-testid="message"]').length, 1);
  });
});
