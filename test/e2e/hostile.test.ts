/**
 * The hostile corpus (test/unit/webview/hostileCorpus.ts) in the real webview: the unit tests
 * render it with the webview code in a fake DOM; this puts the same payloads in what the test
 * server streams, so the whole path (SSE parsing, the extension host, postMessage, the real
 * Chromium DOM with its CSP) is covered. Payloads go many to a reply so the test stays quick.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import {
  codeExecutionReply,
  eventsReply,
  invalidRequestReply,
  messageEnd,
  messageStart,
  textBlockEvents,
  textReply,
  thinkingBlockEvents,
  toolUseReply,
  webFetchReply,
  webSearchReply,
} from '../server/server';
import { HOSTILE_PAYLOADS, unsafeFindings } from '../unit/webview/hostileCorpus';
import { assistantCount, lastAssistant, newChat, openChat, sendPrompt, waitForNewReply, waitForStatus } from './chatView';
import { world } from './world';

const PAYLOADS = HOSTILE_PAYLOADS.map((entry) => entry.payload);
/** What the payloads set when they run (the corpus uses `pwned`; `__pwned` is the marker other e2e tests use). */
const MARKERS = ['pwned', '__pwned'];

/**
 * Runs the corpus check inside the webview on every element `selector` matches. The function's
 * own source is sent (it is self-contained and DOM-only), so the check sees the live DOM, not a copy.
 */
async function findingsIn(frame: Frame, selector: string): Promise<string[][]> {
  return frame.evaluate(`(() => {
    const check = ${unsafeFindings.toString()};
    return Array.from(document.querySelectorAll(${JSON.stringify(selector)})).map((element) => check(element));
  })()`);
}

/** Which markers were set, in the view's frame or the webview frame around it. */
async function markersSet(frame: Frame): Promise<string[]> {
  return frame.evaluate((names) => {
    const set: string[] = [];
    const scopes: Array<() => Record<string, unknown>> = [() => window as unknown as Record<string, unknown>, () => window.parent as unknown as Record<string, unknown>];
    for (const scope of scopes) {
      for (const name of names) {
        try {
          if (scope()[name] !== undefined) set.push(name);
        } catch {
          // A cross-origin parent cannot be read; a payload there could not have reached us either.
        }
      }
    }
    return set;
  }, MARKERS);
}

/** The block types of the last assistant turn, in order: a payload that forged a block would add one. */
async function blockTypes(frame: Frame): Promise<string[]> {
  return lastAssistant(frame).locator('[data-block-type]').evaluateAll((blocks) => blocks.map((block) => block.getAttribute('data-block-type') ?? ''));
}

async function send(frame: Frame, prompt: string, status: 'done' | 'error'): Promise<void> {
  const before = await assistantCount(frame);
  await sendPrompt(frame, prompt);
  await waitForNewReply(frame, before, status);
}

describe('chat: hostile model output in the real webview', () => {
  it('renders every corpus payload from every field inert, and keeps working', async () => {
    const { server } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    const frame = await openChat();
    await newChat(frame);

    // The check itself works in this page: a parsed (inert) hostile fragment is reported.
    const selfCheck = await frame.evaluate(`(() => {
      const check = ${unsafeFindings.toString()};
      const doc = new DOMParser().parseFromString('<div><img src=x onerror="window.pwned=1"><a href="javascript:x">a</a></div>', 'text/html');
      return check(doc.body);
    })()`);
    assert.ok(Array.isArray(selfCheck) && selfCheck.length >= 2, `the in-page check finds planted markup: ${JSON.stringify(selfCheck)}`);

    server.enqueue(
      // Thinking and text: one block of each per payload.
      eventsReply([
        messageStart(),
        ...PAYLOADS.flatMap((payload, i) => [...thinkingBlockEvents(2 * i, payload), ...textBlockEvents(2 * i + 1, payload)]),
        ...messageEnd('end_turn'),
      ]),
      // Search: the query, and every result's URL, title and page age.
      webSearchReply(PAYLOADS.join(' '), PAYLOADS.map((payload) => ({ url: payload, title: payload, pageAge: payload })), 'Searched.'),
      // Citations: a cited text block per payload, the payload as the cited URL, title and text.
      eventsReply([
        messageStart(),
        ...PAYLOADS.flatMap((payload, i) =>
          textBlockEvents(i, `Claim ${i}.`, [{ type: 'web_search_result_location', url: payload, title: payload, cited_text: payload, encrypted_index: `enc_${i}` }]),
        ),
        ...messageEnd('end_turn'),
      ]),
      // An API error whose message is the whole corpus.
      invalidRequestReply(PAYLOADS.join('\n')),
    );
    await send(frame, 'Think and answer', 'done');
    assert.equal(await lastAssistant(frame).locator('[data-block-type="thinking"]').count(), PAYLOADS.length, 'every thinking payload is shown');
    await send(frame, 'Search for it', 'done');
    assert.match(await lastAssistant(frame).locator('[data-block-type="web_search_tool_result"]').innerText(), /window\.pwned/, 'result titles are shown, as text');
    await send(frame, 'Cite it', 'done');
    assert.match(await lastAssistant(frame).innerText(), new RegExp(`Claim ${PAYLOADS.length - 1}\\.`), 'every cited block is shown');
    await send(frame, 'Fail', 'error');
    assert.match(await frame.locator('[data-testid="error"]').last().innerText(), /window\.pwned/, 'the error message is shown, as text');

    // A slipped-through image runs its onerror once its load fails; a complete image has loaded or failed.
    await frame.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    assert.deepEqual(await markersSet(frame), [], 'no payload ran');
    const turns = await findingsIn(frame, '[data-testid="message"][data-role="assistant"], [data-testid="error"]');
    assert.ok(turns.length >= 4, `four assistant turns are checked (found ${turns.length})`);
    assert.deepEqual(turns.filter((found) => found.length > 0), [], 'nothing executable, navigating or loading survived');

    // The view still works: a plain message after all that renders to the end.
    server.enqueue(textReply('All clear.'));
    await send(frame, 'Still there?', 'done');
    assert.match(await lastAssistant(frame).innerText(), /All clear\./);
    assert.deepEqual(await markersSet(frame), [], 'nothing ran later either');
  });

  it('renders the corpus inert inside a client tool input, a fetched document and code execution output', async () => {
    const { server } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    const frame = await openChat();
    await newChat(frame);
    const javascriptUrl = PAYLOADS.find((payload) => /^\s*javascript:/i.test(payload)) ?? 'javascript:window.pwned=1';
    // Every payload as a key and as a value of the input: a view that builds markup from either would show it.
    const input = { command: 'view', path: PAYLOADS[0] ?? '', ...Object.fromEntries(PAYLOADS.map((payload) => [payload, payload])) };
    server.enqueue(
      toolUseReply('str_replace_based_edit_tool', input, { id: 'toolu_hostile_1', text: 'Looking at it.' }),
      textReply('The tool answered.'),
      webFetchReply(javascriptUrl, PAYLOADS.join('\n'), 'Fetched it.', { title: PAYLOADS.join(' ') }),
      codeExecutionReply({ command: PAYLOADS.join('; '), stdout: PAYLOADS.join('\n'), stderr: PAYLOADS.join('\n'), returnCode: 1 }, 'Ran it.'),
    );

    // The tool round: the view shows the hostile input, the extension answers it (the path is no
    // file of the workspace, so with an error), and the model's next reply follows.
    await sendPrompt(frame, 'Use the tool');
    await frame.waitForFunction(() => document.body.innerText.includes('The tool answered.'), undefined, { timeout: 30_000 });
    await waitForStatus(frame, 'done');
    const toolBlock = frame.locator('[data-block-type="tool_use"]').last();
    assert.match((await toolBlock.textContent()) ?? '', /window\.pwned/, 'the input is shown, as text');
    const toolRequest = server.requests.filter((request) => request.path === '/v1/messages').at(-1)?.json as
      { messages: Array<{ role: string; content: Array<{ type?: string; tool_use_id?: string }> | string }> } | undefined;
    const answer = toolRequest?.messages.at(-1);
    assert.ok(Array.isArray(answer?.content) && answer.content.some((block) => block.type === 'tool_result' && block.tool_use_id === 'toolu_hostile_1'), 'the tool was answered');

    await send(frame, 'Fetch it', 'done');
    const fetched = lastAssistant(frame).locator('[data-block-type="web_fetch_tool_result"]');
    assert.equal(await fetched.count(), 1, 'the fetched document is shown');
    assert.deepEqual(await blockTypes(frame), ['server_tool_use', 'web_fetch_tool_result', 'text'], 'the reply\'s blocks and no others');
    assert.equal(await lastAssistant(frame).locator('a[href^="javascript:" i]').count(), 0, 'the javascript: URL is no link');
    await send(frame, 'Run it', 'done');
    const ran = lastAssistant(frame).locator('[data-block-type="bash_code_execution_tool_result"]');
    assert.equal(await ran.count(), 1, 'the run is shown');
    assert.deepEqual(await blockTypes(frame), ['server_tool_use', 'bash_code_execution_tool_result', 'text'], 'the reply\'s blocks and no others');
    assert.match((await ran.textContent()) ?? '', /window\.pwned/, 'its output is shown, as text');

    await frame.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    assert.deepEqual(await markersSet(frame), [], 'no payload ran');
    const turns = await findingsIn(frame, '[data-testid="message"]');
    assert.ok(turns.length >= 5, `every turn is checked (found ${turns.length})`);
    assert.deepEqual(turns.filter((found) => found.length > 0), [], 'nothing executable, navigating or loading survived');
    // Nothing escaped its block: every rendered block sits inside a message, and each message holds only blocks of its own.
    const stray = await frame.evaluate(() =>
      Array.from(document.querySelectorAll('[data-block-type]')).filter((block) => !block.closest('[data-testid="message"]')).length,
    );
    assert.equal(stray, 0, 'no block outside a message');

    server.enqueue(textReply('Still rendering.'));
    await send(frame, 'Still there?', 'done');
    assert.match(await lastAssistant(frame).innerText(), /Still rendering\./);
    assert.deepEqual(await markersSet(frame), [], 'nothing ran later either');
  });
});
