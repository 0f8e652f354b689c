import * as assert from 'node:assert/strict';
import type { MessagesRequest } from '../../src/common/anthropic/types';
import {
  authenticationErrorReply,
  dropReply,
  overloadedReply,
  rateLimitReply,
  stopReasonReply,
  textReply,
  thinkingReply,
  toolUseReply,
  webSearchReply,
} from '../server/server';
import { assistantCount, freshChat, lastAssistant, replyToReplace, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForReplacedReply, waitForStatus } from './chatView';
import { world } from './world';
import { storedWith, texts } from './store';
import { waitUntil } from './waitFor';

describe('chat: what the API returns', () => {
  before(async () => {
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-blocks-key');
  });

  it('shows thinking live, then collapsed, before the text', async () => {
    const frame = await freshChat();
    world().server.enqueue(thinkingReply('The user wants a sum. Two plus two is four.', 'The answer is **4**.'));
    await sendPrompt(frame, 'What is 2 + 2?');
    await waitForStatus(frame, 'done');
    const turn = lastAssistant(frame);
    const thinking = turn.locator('[data-block-type="thinking"]');
    assert.equal(await thinking.count(), 1);
    assert.match(await thinking.textContent() ?? '', /Two plus two is four/);
    assert.equal(await thinking.locator('details[open]').count(), 0, 'thinking is collapsed once the turn is done');
    assert.match(await turn.locator('[data-block-type="text"]').innerText(), /The answer is 4/);
    assert.equal(await turn.locator('[data-block-type="text"] strong').innerText(), '4', 'markdown is rendered');
  });

  it('keeps table words whole and scrolls wide tables and long code lines sideways, with edge shadows', async () => {
    const frame = await freshChat();
    const table = [
      '| Technique | Throughput | Reliability | Maintainability | Observability |',
      '| --- | --- | --- | --- | --- |',
      '| Memoization | Considerable | Predictable | Straightforward | Instrumented |',
      '| Backpressure | Substantial | Dependable | Understandable | Traceable |',
    ].join('\n');
    const code = '```ts\nexport const configuration = { retries: 3, timeoutMilliseconds: 30000, endpoint: "https://api.example.com/v1/resources" };\n```';
    world().server.enqueue(textReply(`Compare:\n\n${table}\n\n${code}\n`));
    await sendPrompt(frame, 'Compare techniques');
    await waitForStatus(frame, 'done');
    const layout = await lastAssistant(frame).evaluate((turn) => {
      const tableEl = turn.querySelector('.md table') as HTMLElement;
      const pre = turn.querySelector('.code-block pre') as HTMLElement;
      // A word cut across lines has more than one client rect.
      const brokenWords: string[] = [];
      for (const cell of turn.querySelectorAll('.md td, .md th')) {
        const node = cell.firstChild;
        if (!node || node.nodeType !== Node.TEXT_NODE) continue;
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          if (range.getClientRects().length > 1) brokenWords.push(match[0]);
        }
      }
      return {
        brokenWords,
        tableScrolls: tableEl.scrollWidth > tableEl.clientWidth,
        preScrolls: pre.scrollWidth > pre.clientWidth,
        preOverflow: getComputedStyle(pre).overflowX,
        shadows: getComputedStyle(pre).backgroundAttachment,
      };
    });
    assert.deepEqual(layout.brokenWords, [], 'no word in a table cell is split across lines');
    assert.ok(layout.tableScrolls, 'the table is wider than the sidebar and scrolls');
    assert.ok(layout.preScrolls, 'the long code line scrolls');
    assert.equal(layout.preOverflow, 'auto');
    assert.equal(layout.shadows, 'local, local, scroll, scroll', 'edge shadows show there is more to scroll to');
    await screenshot('wide-table-and-code');
  });

  it('shows a web search, its results and numbered citation links', async () => {
    const frame = await freshChat();
    world().server.enqueue(
      webSearchReply('vscode webview csp', [{ url: 'https://example.com/csp', title: 'Webview CSP guide' }, { url: 'https://example.org/nonce', title: 'Nonces' }], 'Webviews need a strict content security policy.'),
    );
    await sendPrompt(frame, 'How should a webview CSP look?');
    await waitForStatus(frame, 'done');
    const turn = lastAssistant(frame);
    assert.match(await turn.locator('[data-block-type="server_tool_use"]').innerText(), /vscode webview csp/);
    const results = turn.locator('[data-block-type="web_search_tool_result"]');
    assert.match(await results.innerText(), /Webview CSP guide/);
    const citation = turn.locator('[data-testid="citation"]').first();
    assert.equal(await citation.getAttribute('href'), 'https://example.com/csp');
    assert.match(await citation.innerText(), /1/);
    const usage = turn.locator('[data-testid="usage"]');
    assert.match(await usage.innerText(), /search/i, 'web search requests are counted');
    await screenshot('web-search');
  });

  it('runs a client tool call on a workspace file and sends its result back', async () => {
    const frame = await freshChat();
    const { server } = world();
    server.enqueue(
      toolUseReply('str_replace_based_edit_tool', { command: 'view', path: 'sample.ts' }, { id: 'toolu_chat_1', text: 'Let me look at the file.' }),
      textReply('It defines `add` and `greet`.'),
    );
    await sendPrompt(frame, 'What is in sample.ts?');
    await frame.waitForFunction(() => document.body.innerText.includes('It defines'), undefined, { timeout: 30_000 });
    await waitForStatus(frame, 'done');
    const toolBlock = frame.locator('[data-block-type="tool_use"]').last();
    assert.match((await toolBlock.textContent()) ?? '', /str_replace_based_edit_tool/);
    assert.match((await toolBlock.textContent()) ?? '', /sample\.ts/, 'the tool input is shown');
    const requests = server.requests.filter((r) => r.path === '/v1/messages');
    assert.equal(requests.length, 2);
    const second = requests[1]!.json as { messages: Array<{ role: string; content: Array<{ type: string; tool_use_id?: string; content?: string; is_error?: boolean }> }> };
    const result = second.messages.at(-1)!.content[0]!;
    assert.equal(result.type, 'tool_result');
    assert.equal(result.tool_use_id, 'toolu_chat_1');
    assert.ok(!result.is_error, String(result.content));
    assert.match(String(result.content), /1\texport function add/, 'line-numbered file text');
  });

  it('shows an error with status and request id, keeps the prompt, and Retry succeeds', async () => {
    const frame = await freshChat();
    world().server.enqueue(authenticationErrorReply('invalid x-api-key'));
    await sendPrompt(frame, 'Will this work?');
    await waitForStatus(frame, 'error');
    const error = frame.locator('[data-testid="error"]').last();
    const text = await error.innerText();
    assert.match(text, /API key/i, 'says what happened and what to do');
    assert.match(text, /401/);
    assert.match(text, /req_/, 'shows the request id');
    assert.equal(await error.locator('[data-testid="retry"]').count(), 0, 'no Retry while the same key would be refused again');
    // A new key (here through the command) folds the card to "Fixed: a key is set — Retry".
    await setApiKeyThroughCommand('sk-ant-e2e-blocks-key-renewed');
    await frame.locator('[data-testid="error"][data-fixed="true"]').waitFor({ timeout: 15_000 });
    await frame.locator('[data-testid="retry"]').last().click();
    await waitForStatus(frame, 'done');
    assert.match(await lastAssistant(frame).innerText(), /You said: Will this work\?/);
  });

  it('counts down a 429 retry and then streams the reply', async () => {
    const frame = await freshChat();
    world().server.enqueue(rateLimitReply(2));
    await sendPrompt(frame, 'Busy?');
    const countdown = frame.locator('[data-testid="retrying"]');
    await countdown.waitFor({ timeout: 10_000 });
    assert.match(await countdown.innerText(), /Retrying in \d/);
    await waitForStatus(frame, 'done', 20_000);
    assert.equal(await frame.locator('[data-testid="retrying"]').count(), 0, 'the countdown goes away');
  });

  it('cancels a 529 retry while it counts down', async () => {
    const frame = await freshChat();
    const { server } = world();
    server.enqueue({ ...overloadedReply(), headers: { 'retry-after': '20' } });
    await sendPrompt(frame, 'Overloaded?');
    const countdown = frame.locator('[data-testid="retrying"]');
    await countdown.waitFor({ timeout: 10_000 });
    await countdown.getByRole('button', { name: /Cancel/ }).click();
    await waitForStatus(frame, 'stopped', 10_000);
    assert.equal(await frame.locator('[data-testid="retrying"]').count(), 0);
    // Not a wait for something: a window in which nothing may happen. It catches a cancel that
    // re-sends at once; a retry still scheduled for retry-after (20 s) would come after it.
    await frame.waitForTimeout(500);
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages').length, 1, 'no retry is sent after cancel');
  });

  it('keeps the partial reply of a dropped stream, marked as interrupted', async () => {
    const frame = await freshChat();
    world().server.enqueue(dropReply(8));
    await sendPrompt(frame, 'Tell me something long');
    await waitForStatus(frame, 'error', 20_000);
    const turn = lastAssistant(frame);
    assert.match(await turn.locator('[data-block-type="text"]').innerText(), /You said/, 'what arrived stays on screen');
    assert.match(await turn.innerText(), /interrupted/i);

    // Retry on a model that refuses prefill: the conversation as it stood; the failed attempt is
    // an earlier version of the reply (versions.test.ts pages through it).
    const { server } = world();
    server.enqueue(textReply('Here it is, whole this time.'));
    const failed = await replyToReplace(frame);
    await frame.locator('[data-testid="retry"]').last().click();
    await waitForReplacedReply(frame, failed);
    const last = server.requests.filter((r) => r.path === '/v1/messages').at(-1)?.json as MessagesRequest;
    assert.deepEqual(last.messages.map((m) => m.role), ['user'], 'the failed reply is not sent back as a prefill');
    assert.equal(await assistantCount(frame), 1, 'one reply, not a second card below the error');
    assert.equal(await lastAssistant(frame).locator('[data-testid="version-label"]').getAttribute('data-label'), '2 / 2');
    assert.match(await lastAssistant(frame).innerText(), /whole this time/);
    await screenshot('retry-earlier-attempt');
  });

  it('says when the reply hit max_tokens and continues on request', async () => {
    const frame = await freshChat();
    world().server.enqueue(stopReasonReply('max_tokens', { text: 'The first half of the answer' }), textReply(' and the second half.'));
    await sendPrompt(frame, 'Write a lot');
    await waitForStatus(frame, 'done');
    const note = frame.locator('[data-testid="stop-note"][data-stop-reason="max_tokens"]');
    await note.waitFor();
    await frame.locator('[data-testid="continue"]').click();
    await frame.waitForFunction(() => document.body.innerText.includes('second half'));
    const { server } = world();
    const last = server.requests.filter((r) => r.path === '/v1/messages').at(-1)?.json as { model: string; messages: Array<{ role: string }> };
    // The default model refuses a prefill: Continue asks in a user turn, shown as part of the reply.
    assert.equal(last.model, 'claude-sonnet-5-5');
    assert.deepEqual(last.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.equal(await frame.locator('[data-testid="message"][data-continue-request="true"]').count(), 1);
    assert.equal(await frame.locator('[data-testid="message"][data-role="user"]:not([data-continue-request])').count(), 1, 'no second question in the transcript');
    await screenshot('continue-seam');
  });

  it('never executes hostile markdown from the model', async () => {
    const frame = await freshChat();
    world().server.enqueue(
      textReply('Try <img src=x onerror="window.__pwned=1"> and <script>window.__pwned=2</script> and [click me](javascript:window.__pwned=3) and <iframe src="javascript:window.__pwned=4"></iframe> <svg onload="window.__pwned=5"></svg>'),
    );
    await sendPrompt(frame, 'Show me something');
    await waitForStatus(frame, 'done');
    // An image that slipped through would run its onerror when its load fails; an image is
    // complete once loaded or failed, so after this any such handler has run.
    await frame.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    assert.equal(await frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    const turn = lastAssistant(frame);
    assert.equal(await turn.locator('script, iframe, [onerror], [onload]').count(), 0);
    assert.equal(await turn.locator('a[href^="javascript:"]').count(), 0);
    await turn.locator('text=click me').click().catch(() => undefined);
    assert.equal(await frame.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
  });

  it('restores the open conversation, every block, after a window reload', async function (this: Mocha.Context) {
    // A whole workbench and extension host start again.
    this.timeout(240_000);
    const frame = await freshChat();
    world().server.enqueue(thinkingReply('Reload me.', 'Still here after a reload.'));
    await sendPrompt(frame, 'Remember this');
    await waitForStatus(frame, 'done');
    const before = await frame.locator('[data-testid="message"]').count();
    // The reply is on disk before the reload (deactivate waits for a queued save, but a reload may
    // come before the save is even queued on a busy machine).
    const saved = () => storedWith('Remember this').some((c) => c.turns.some((t) => t.role === 'assistant' && t.status === 'done' && texts(c).some((x) => x.includes('Still here'))));
    assert.ok(await waitUntil(saved, { timeoutMs: 20_000 }), 'the reply was saved');
    const { page } = world();
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    const again = await openChat();
    // A reloaded window starts a new extension host, which restores the conversation from disk:
    // on a busy machine that takes a while.
    await again.locator('[data-testid="message"][data-role="assistant"][data-status="done"]').first().waitFor({ timeout: 90_000 });
    assert.equal(await again.locator('[data-testid="message"]').count(), before);
    const turn = again.locator('[data-testid="message"][data-role="assistant"]').last();
    assert.equal(await turn.locator('[data-block-type="thinking"]').count(), 1);
    assert.match(await turn.locator('[data-block-type="text"]').innerText(), /Still here after a reload/);
  });
});
