/**
 * The hostile corpus (test/unit/webview/hostileCorpus.ts) in the real webview: the unit tests
 * render it with the webview code in a fake DOM; this puts the same payloads in what the test
 * server streams, so the whole path (SSE parsing, the extension host, postMessage, the real
 * Chromium DOM with its CSP) is covered. Payloads go many to a reply so the test stays quick.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import {
  eventsReply,
  invalidRequestReply,
  messageEnd,
  messageStart,
  textBlockEvents,
  textReply,
  thinkingBlockEvents,
  webSearchReply,
} from '../server/server';
import { HOSTILE_PAYLOADS, unsafeFindings } from '../unit/webview/hostileCorpus';
import { assistantCount, lastAssistant, newChat, openChat, sendPrompt, waitForNewReply } from './chatView';
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
});
