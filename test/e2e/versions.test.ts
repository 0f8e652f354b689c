/**
 * Message actions that ask again: Regenerate the last reply (the new one replaces it in place, the
 * older one a page back), Retry after an error (the same), and Edit & Resend a question (the turns
 * after it go). Each checks what the strict server was sent, and the hooks check it refused nothing.
 */
import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import type { MessagesRequest } from '../../src/common/anthropic/types';
import { dropReply, textReply } from '../server/server';
import { assistantCount, freshChat, lastAssistant, replyToReplace, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForNewReply, waitForReplacedReply, waitForStatus } from './chatView';
import { world } from './world';

function messageBodies(): MessagesRequest[] {
  return world().server.requests.filter((r) => r.path === '/v1/messages').map((r) => r.json as MessagesRequest);
}

function textsOf(body: MessagesRequest | undefined): string[] {
  return (body?.messages ?? []).map((m) => (typeof m.content === 'string' ? m.content : m.content.map((b) => (b.type === 'text' ? String(b['text']) : b.type)).join('|')));
}

async function versionLabel(frame: Frame): Promise<string | null> {
  return lastAssistant(frame).locator('[data-testid="version-label"]').getAttribute('data-label');
}

describe('message actions: versions of a reply, edit and resend', () => {
  before(async () => {
    // A server that takes any key before the key is set: the model list it fetches then is no refusal.
    world().server.reset();
    world().server.configure({ apiKey: null, tokenDelayMs: 5 });
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-versions-key');
  });

  it('regenerates the last reply in place: "2 / 2", the older one a page back, and only the current one sent on', async () => {
    const frame = await freshChat();
    world().server.enqueue(textReply('The first answer.'), textReply('A better answer.'), textReply('A follow-up answer.'));
    await sendPrompt(frame, 'Explain webviews');
    await waitForStatus(frame, 'done');
    const first = await replyToReplace(frame);
    const regenerate = lastAssistant(frame).locator('[data-testid="regenerate"]');
    assert.match(await regenerate.getAttribute('aria-label') ?? '', /Regenerate this reply/);
    await regenerate.click();
    await waitForReplacedReply(frame, first);
    assert.equal(await assistantCount(frame), 1, 'the new reply replaced the old one');
    const reply = lastAssistant(frame);
    assert.match(await reply.innerText(), /A better answer\./);
    assert.equal(await versionLabel(frame), '2 / 2');

    // By keyboard: the pager's ‹ with Enter shows the older version, read-only.
    await reply.locator('[data-testid="version-prev"]').press('Enter');
    assert.equal(await versionLabel(frame), '1 / 2');
    assert.match(await reply.locator('[data-testid="earlier-version"]').innerText(), /The first answer\./);
    assert.equal(await reply.locator('[data-testid="regenerate"]').count(), 0, 'no actions on an older version');
    await screenshot('reply-versions', 'side-bar');
    await reply.locator('[data-testid="version-next"]').press('Enter');
    assert.equal(await versionLabel(frame), '2 / 2');
    assert.equal(await reply.locator('[data-testid="earlier-version"]').count(), 0);

    await sendPrompt(frame, 'And then?');
    await waitForNewReply(frame, 1);
    const last = messageBodies().at(-1);
    assert.deepEqual(textsOf(last), ['Explain webviews', 'A better answer.', 'And then?'], 'only the current version is sent');
  });

  it('edits an earlier question and resends it: the turns after it are gone, the request holds the new text', async () => {
    const frame = await freshChat();
    world().server.enqueue(textReply('Answer one.'), textReply('Answer two.'), textReply('An answer to the edit.'));
    await sendPrompt(frame, 'First question');
    await waitForNewReply(frame, 0);
    await sendPrompt(frame, 'Second question');
    await waitForNewReply(frame, 1);
    const question = frame.locator('[data-testid="message"][data-role="user"]').first();
    // Keyboard: Enter on the focused Edit opens the editor, prefilled, with the focus in it.
    await question.locator('[data-testid="edit-message"]').press('Enter');
    const input = question.locator('[data-testid="edit-input"]');
    assert.equal(await input.inputValue(), 'First question');
    assert.equal(await question.locator('[data-testid="edit-note"]').innerText(), 'Sending replaces the 3 messages after this one.');
    assert.ok(await input.evaluate((el) => el === document.activeElement), 'the editor has the focus');
    await screenshot('edit-message', 'side-bar');
    await input.fill('First question, put better');
    await input.press('Enter');
    await frame.waitForFunction(() => {
      const turns = document.querySelectorAll('[data-testid="message"]');
      return turns.length === 2 && turns[1]?.getAttribute('data-status') === 'done';
    });
    assert.match(await lastAssistant(frame).innerText(), /An answer to the edit\./);
    assert.equal(await frame.locator('[data-testid="message"][data-role="user"]').first().innerText(), 'First question, put better');
    assert.deepEqual(textsOf(messageBodies().at(-1)), ['First question, put better']);
  });

  it('retries after a scripted error in place: one reply element, "2 / 2", the failed attempt a page back', async () => {
    const frame = await freshChat();
    world().server.enqueue(dropReply(6), textReply('Whole this time.'));
    await sendPrompt(frame, 'Tell me something');
    await waitForStatus(frame, 'error', 20_000);
    const failed = await replyToReplace(frame);
    await frame.locator('[data-testid="error"] [data-testid="retry"]').click();
    await waitForReplacedReply(frame, failed);
    assert.equal(await assistantCount(frame), 1, 'one reply element, not a second card below the error');
    assert.equal(await frame.locator('[data-testid="error"]').count(), 0, 'the error went with the failed attempt');
    assert.equal(await versionLabel(frame), '2 / 2');
    await lastAssistant(frame).locator('[data-testid="version-prev"]').click();
    assert.match(await lastAssistant(frame).locator('[data-testid="earlier-version"]').innerText(), /This version failed/);
    assert.deepEqual(messageBodies().at(-1)?.messages.map((m) => m.role), ['user'], 'the failed attempt is not sent');
  });
});
