/**
 * Faults a person meets in the chat, each through the strict test server (issue 12): a redirect,
 * a server that never answers, a stream of pings, a key echoed back, proxy error pages, a JSON
 * error where the stream should be, a huge error body. Each checks what the message says, what
 * was kept, which button is offered, and that the chat goes on working afterwards.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import {
  dropReply,
  headersNeverSentReply,
  hugeErrorBodyReply,
  jsonErrorAsSseReply,
  pingsForeverReply,
  proxyPageReply,
  redirectReply,
  startTestServer,
  textReply,
} from '../server/server';
import { assistantCount, freshChat, lastAssistant, replyToReplace, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForNewReply, waitForReplacedReply } from './chatView';
import { changeUserSettings } from './settings';
import { questions, storedConversations } from './store';
import { waitUntil } from './waitFor';
import { world } from './world';

const KEY = 'sk-ant-e2e-faults-key-5e4d3c2b1a09';

/** Low limits so a hang ends in seconds; the model switch is what tells us they are in force (settings.ts). */
const FAULT_SETTINGS = {
  'claudeMessages.headersTimeoutSeconds': 5,
  'claudeMessages.streamIdleTimeoutSeconds': 5,
  'claudeMessages.maxRetries': 1,
  'claudeMessages.model': 'claude-opus-5-5',
};

async function send(frame: Frame, prompt: string, status: 'done' | 'error', timeoutMs = 30_000): Promise<void> {
  const before = await assistantCount(frame);
  await sendPrompt(frame, prompt);
  await waitForNewReply(frame, before, status, timeoutMs);
}

function lastError(frame: Frame) {
  return frame.locator('[data-testid="error"]').last();
}

function messageRequests(): number {
  return world().server.requests.filter((request) => request.path === '/v1/messages').length;
}

/**
 * The chat still answers a plain message after the fault, and the stored conversation is intact:
 * it parses, and holds every question the view shows, in order, and a reply for each.
 */
async function stillWorks(frame: Frame): Promise<void> {
  world().server.enqueue(textReply('Back to normal.'));
  await send(frame, 'Are you still there?', 'done');
  assert.match(await lastAssistant(frame).innerText(), /Back to normal\./);
  const shown = (await frame.locator('[data-testid="message"][data-role="user"]').allInnerTexts()).map((text) => text.trim());
  const saved = () => storedConversations().find((c) => JSON.stringify(questions(c)) === JSON.stringify(shown));
  assert.ok(await waitUntil(() => saved() !== undefined, { timeoutMs: 15_000 }), `no stored conversation holds the questions ${JSON.stringify(shown)}`);
  const turns = saved()!.turns;
  const unanswered = turns.filter((turn, i) => turn.role === 'user' && turns[i + 1]?.role !== 'assistant');
  assert.deepEqual(unanswered, [], 'every question is followed by its reply (the failed ones included, with what arrived)');
}

describe('chat: faults on the way to the API', () => {
  before(async function (this: Mocha.Context) {
    this.timeout(90_000);
    world().server.reset();
    world().server.configure({ apiKey: null });
    await openChat();
    await setApiKeyThroughCommand(KEY);
    await changeUserSettings(FAULT_SETTINGS, 'Opus 5.5');
  });

  after(async function (this: Mocha.Context) {
    this.timeout(60_000);
    await changeUserSettings(Object.fromEntries(Object.keys(FAULT_SETTINGS).map((name) => [name, undefined])), 'Sonnet 5.5');
  });

  it('refuses a redirect to another origin (5 statuses): names the target without its query, sends nothing there', async () => {
    const frame = await freshChat();
    const { server } = world();
    const other = await startTestServer({ apiKey: null });
    try {
      const statuses = [301, 302, 303, 307, 308] as const;
      for (const [i, status] of statuses.entries()) {
        // Another port, then another host name: both are another origin.
        const host = i % 2 === 0 ? other.url : `http://localhost:${other.port}`;
        server.enqueue(redirectReply(status, `${host}/moved/v1/messages?token=tok-${i}-secret`));
        await send(frame, `Redirect me (${status})`, 'error');
        const error = lastError(frame);
        assert.equal(await error.getAttribute('data-kind'), 'redirect');
        const text = await error.innerText();
        assert.ok(text.includes(`redirected (${status}) to ${host}/moved/v1/messages`), text);
        assert.match(text, /Redirects are not followed/);
        assert.match(text, /plain http:\/\//, 'the target is http: the message says the key would travel unencrypted');
        assert.match(text, /claudeMessages\.baseUrl/, 'says which setting fixes it');
        assert.doesNotMatch(text, /tok-\d-secret|token=/, 'the query (where tokens live) is not shown');
        assert.equal(await error.locator('[data-action="retry"]').count(), 0, 'no Retry: the same request would be redirected again');
        assert.equal(await error.locator('[data-action="open-setting"]').getAttribute('data-setting'), 'claudeMessages.baseUrl', 'Open Setting, for the base URL');
      }
      assert.equal(messageRequests(), statuses.length, 'a redirect is not retried');
      assert.equal(other.history.length, 0, 'the other origin received nothing');
      await screenshot('fault-redirect');
      await stillWorks(frame);
    } finally {
      await other.close();
    }
  });

  it('gives up on a server that never sends headers after the header timeout, and keeps nothing half-built', async () => {
    const frame = await freshChat();
    const { server } = world();
    // maxRetries 1: the first attempt and its retry both hang.
    server.enqueue(headersNeverSentReply(), headersNeverSentReply());
    const started = Date.now();
    await send(frame, 'Anyone there?', 'error', 45_000);
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 30_000, `ended after ${elapsed} ms, not after the old 300 s per attempt`);
    const text = await lastError(frame).innerText();
    assert.match(text, /did not start answering within 5 s/);
    assert.match(text, /claudeMessages\.headersTimeoutSeconds/, 'says which setting to raise');
    assert.equal(await lastError(frame).getAttribute('data-kind'), 'timeout_error');
    assert.equal(messageRequests(), 2, 'retried once, as the setting says');
    assert.equal(await lastAssistant(frame).locator('[data-block-type]').count(), 0, 'no empty or half-built block is shown');
    assert.match(await frame.locator('[data-testid="message"][data-role="user"]').last().innerText(), /Anyone there\?/, 'the question stays');
    // Retry is what helps here: the server answers this time.
    server.enqueue(textReply('Sorry, I was stuck.'));
    const failed = await replyToReplace(frame);
    await lastError(frame).locator('[data-action="retry"]').click();
    await waitForReplacedReply(frame, failed, 'done');
    assert.match(await lastAssistant(frame).innerText(), /Sorry, I was stuck\./);
  });

  it('ends a stream of pings at the idle limit, keeping the text that came before', async () => {
    const frame = await freshChat();
    const events = textReply('These words arrived before the pings began.').events;
    const beforeStop = events.findIndex((event) => event.type === 'content_block_stop');
    world().server.enqueue(pingsForeverReply(beforeStop, 250, events));
    const started = Date.now();
    await send(frame, 'Say something, then go quiet', 'error', 45_000);
    assert.ok(Date.now() - started < 30_000, 'the pings did not keep it open');
    const turn = lastAssistant(frame);
    assert.match(await turn.locator('[data-block-type="text"]').innerText(), /These words arrived before the pings began\./, 'what arrived is kept');
    const text = await lastError(frame).innerText();
    assert.match(text, /stalled: no part of the reply arrived for 5 s \(keep-alive pings aside\)/);
    assert.match(text, /What arrived is kept/);
    assert.equal(await lastError(frame).locator('[data-action="retry"]').count(), 1);
    await screenshot('fault-pings-forever');
    await stillWorks(frame);
  });

  it('scrubs a key echoed in the request-id header and the request_id field', async () => {
    const frame = await freshChat();
    const { server } = world();
    server.enqueue({
      kind: 'http-error', status: 400, headers: { 'request-id': `req_${KEY}` },
      body: { type: 'error', error: { type: 'invalid_request_error', message: `max_tokens: too large for key ${KEY}` }, request_id: KEY },
    });
    await send(frame, 'Echo my key', 'error');
    const details = await lastError(frame).locator('.error-details').innerText();
    assert.match(details, /request id req_\[redacted\]/, 'the header id, scrubbed');
    assert.match(await lastError(frame).innerText(), /for key \[redacted\]/);

    // The same in a stream that breaks: the id comes from the header of the 200.
    server.enqueue(dropReply(6, { headers: { 'request-id': KEY } }));
    await send(frame, 'Echo it while streaming', 'error');
    assert.match(await lastError(frame).locator('.error-details').innerText(), /request id \[redacted\]/);

    for (const view of world().page.frames()) {
      const html = await view.content().catch(() => '');
      assert.ok(!html.includes(KEY), `the key is not in the DOM of ${view.url().slice(0, 80)}`);
    }
    await stillWorks(frame);
  });

  it('names proxy error pages as such: retries 429 and 503 with a visible notice, not 413', async () => {
    const frame = await freshChat();
    const { server } = world();
    for (const status of [429, 503]) {
      server.enqueue(proxyPageReply(status, 2), textReply(`Through the proxy after a ${status}.`));
      const requestsBefore = messageRequests();
      const before = await assistantCount(frame);
      await sendPrompt(frame, `Behind a proxy (${status})`);
      const notice = frame.locator('[data-testid="retrying"]');
      await notice.waitFor({ timeout: 15_000 });
      const said = await notice.innerText();
      assert.match(said, /Retrying/);
      assert.match(said, new RegExp(`HTML error page \\(status ${status}\\), probably from a proxy or gateway`), said);
      await waitForNewReply(frame, before, 'done');
      assert.match(await lastAssistant(frame).innerText(), new RegExp(`after a ${status}`));
      assert.equal(messageRequests() - requestsBefore, 2, 'one retry');
    }
    server.enqueue(proxyPageReply(413));
    const requestsBefore = messageRequests();
    await send(frame, 'Too big for the proxy', 'error');
    const text = await lastError(frame).innerText();
    assert.match(text, /HTML error page \(status 413\), probably from a proxy or gateway/);
    assert.match(text, /Start a new chat or send less context/, 'says what helps');
    assert.equal(await lastError(frame).getAttribute('data-kind'), 'request_too_large');
    assert.equal(messageRequests() - requestsBefore, 1, 'a 413 is not retried');
    assert.equal(await lastError(frame).locator('[data-action="retry"]').count(), 0, 'no Retry: the same conversation would be too large again');
    assert.equal(await lastError(frame).locator('[data-action="new-chat"]').count(), 1, 'New chat instead');
    await screenshot('fault-proxy-413');
  });

  it('shows a JSON error sent as an event-stream body as the API error, not as a broken stream', async () => {
    const frame = await freshChat();
    world().server.enqueue(jsonErrorAsSseReply());
    await send(frame, 'Stream me an error', 'error');
    const error = lastError(frame);
    const text = await error.innerText();
    assert.match(text, /The API rejected the request/);
    assert.match(text, /max_tokens: 64001 > 64000/);
    assert.match(text, /claudeMessages\.maxTokens/, 'names the setting that fixes it');
    assert.doesNotMatch(text, /stream ended|interrupted/i);
    assert.equal(await error.getAttribute('data-kind'), 'invalid_request_error');
    assert.equal(messageRequests(), 1, 'a 400 is not retried');
    await stillWorks(frame);
  });

  it('caps a huge error body: the view shows a short message', async () => {
    const frame = await freshChat();
    world().server.enqueue(hugeErrorBodyReply(400, 8 * 1024 * 1024));
    await send(frame, 'Drown me', 'error');
    const text = await lastError(frame).innerText();
    assert.ok(text.length < 1500, `a short message (${text.length} characters)`);
    assert.match(text, /answered 400 with text that is not an API response/);
    assert.match(text, /claudeMessages\.baseUrl/);
    const html = await frame.content();
    assert.ok(html.length < 500_000, `the view holds no megabytes of body (${html.length} characters)`);
    await stillWorks(frame);
  });
});
