import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { world } from './world';
import { assistantCount, lastAssistant, newChat, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForNewReply, waitForStatus } from './chatView';

const KEY = 'sk-ant-e2e-secret-key-9f8e7d6c5b4a';

describe('chat: the first conversation', () => {
  it('opens the chat view, takes the key through the command, and streams a reply token by token', async () => {
    const { server } = world();
    server.reset();
    // Any key until this test's key is set: the token meter counts in the background (when a chat
    // opens, when the key changes), and a count sent with an earlier test's key is no failure here.
    server.configure({ apiKey: null, tokenDelayMs: 40 });
    const frame = await openChat();
    if ((await frame.locator('[data-testid="message"]').count()) > 0) await newChat(frame);
    await setApiKeyThroughCommand(KEY);
    server.configure({ apiKey: KEY });

    // Every length the streaming reply shows is recorded in the page as it changes (a busy machine
    // can make polling from outside miss the steps).
    await frame.evaluate(() => {
      const seen = new Set<number>();
      (window as unknown as { __lengths: Set<number> }).__lengths = seen;
      new MutationObserver(() => {
        const turns = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
        const last = turns[turns.length - 1];
        if (last?.getAttribute('data-status') === 'streaming') seen.add((last.textContent ?? '').length);
      }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await sendPrompt(frame, 'Hello from the e2e test');
    const user = frame.locator('[data-testid="message"][data-role="user"]').last();
    await user.waitFor();
    assert.match(await user.innerText(), /Hello from the e2e test/);
    assert.equal(await frame.locator('[data-testid="message"][data-role="user"]').count(), 1);

    await waitForStatus(frame, 'done');
    const assistant = lastAssistant(frame);
    const lengths = await frame.evaluate(() => (window as unknown as { __lengths: Set<number> }).__lengths.size);
    assert.ok(lengths >= 4, `the reply should grow visibly while streaming (saw ${lengths} lengths)`);
    assert.equal(await assistant.getAttribute('data-status'), 'done');
    assert.match(await assistant.locator('[data-block-type="text"]').first().innerText(), /You said: Hello from the e2e test/);

    const request = server.requests.filter((r) => r.path === '/v1/messages').at(-1);
    assert.ok(request, 'the test server saw the request');
    assert.equal(request.headers['x-api-key'], KEY);
    await screenshot('first-reply');
  });

  it('shows the final usage figures the server sent', async () => {
    const frame = await openChat();
    const usage = lastAssistant(frame).locator('[data-testid="usage"]');
    await usage.waitFor();
    const { server } = world();
    // The last reply to a message: the token meter's count_tokens calls may have come after it.
    const reply = server.replies.filter((r) => r.path === '/v1/messages').at(-1);
    assert.ok(reply?.usage, 'the server recorded the usage it sent');
    assert.equal(Number(await usage.getAttribute('data-input-tokens')), reply.usage.input_tokens);
    assert.equal(Number(await usage.getAttribute('data-output-tokens')), reply.usage.output_tokens);
    assert.equal(Number(await usage.getAttribute('data-cache-read-tokens')), reply.usage.cache_read_input_tokens ?? 0);
    assert.equal(Number(await usage.getAttribute('data-cache-creation-tokens')), reply.usage.cache_creation_input_tokens ?? 0);
  });

  it('stops a reply mid-stream and keeps what arrived', async () => {
    const { server } = world();
    server.configure({ tokenDelayMs: 150 });
    const frame = await openChat();
    await sendPrompt(frame, 'Tell me a long story');
    await waitForStatus(frame, 'streaming');
    const assistant = lastAssistant(frame);
    await assistant.locator('[data-block-type="text"]').first().waitFor();
    await frame.waitForFunction(() => {
      const turns = document.querySelectorAll('[data-testid="message"][data-role="assistant"]');
      return (turns[turns.length - 1]?.textContent ?? '').length > 20;
    });
    const stop = frame.locator('[data-testid="stop"]');
    assert.ok(await stop.isEnabled(), 'stop is enabled while streaming');
    await stop.click();
    await waitForStatus(frame, 'stopped', 10_000);
    const kept = await assistant.innerText();
    assert.ok(kept.length > 20, 'partial text stays on screen');
    // Not a wait for something: a window in which nothing may arrive (tokens come every 150 ms).
    await frame.waitForTimeout(600);
    assert.equal(await assistant.innerText(), kept, 'nothing arrives after stop');
    assert.equal(await frame.locator('[data-testid="stop"]:enabled').count(), 0, 'stop is gone once stopped');
    server.configure({ tokenDelayMs: 40 });

    // A message after an early stop is a valid request (the strict server checks it at the end).
    const before = await assistantCount(frame);
    await sendPrompt(frame, 'Shorter, please');
    await waitForNewReply(frame, before);
    assert.match(await lastAssistant(frame).innerText(), /You said: Shorter, please/);
  });

  it('starts a new chat, and the key never appears in settings, request bodies or the webview', async () => {
    const { server, codeServer } = world();
    const frame = await openChat();
    await newChat(frame);
    assert.equal(await frame.locator('[data-testid="message"]').count(), 0);

    const settingsText = fs.readFileSync(path.join(codeServer.userDataDir, 'User', 'settings.json'), 'utf8');
    assert.ok(!settingsText.includes(KEY), 'the key is not in settings.json');
    for (const request of server.requests) {
      assert.ok(!request.body.includes(KEY), `the key is not in the body of ${request.path}`);
      assert.ok(!request.path.includes(KEY), 'the key is not in a URL');
    }
    const html = await frame.content();
    assert.ok(!html.includes(KEY), 'the key is not in the webview');
  });
});
