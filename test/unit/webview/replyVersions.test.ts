import * as assert from 'node:assert/strict';
import type { ViewTurn } from '../../../src/common/protocol';
import { assistantTurn, chatState, openPage, userTurn, type Page } from './harness';

function key(page: Page, target: Element | null | undefined, keyName: string, init: KeyboardEventInit = {}): void {
  assert.ok(target, 'the key target exists');
  target.dispatchEvent(new page.win.KeyboardEvent('keydown', { key: keyName, bubbles: true, cancelable: true, ...init }));
}

const failedFirst: ViewTurn = assistantTurn('a0', [{ type: 'text', text: 'Half an answer' }], { status: 'error', error: { message: 'The connection dropped', kind: 'stream_interrupted', retryable: true } });
const secondVersion: ViewTurn = assistantTurn('a1', [{ type: 'text', text: 'The second answer' }]);

function regenerated(): ViewTurn {
  return assistantTurn('a2', [{ type: 'text', text: 'The newest answer' }], { earlierVersions: [failedFirst, secondVersion] });
}

describe('webview: versions of a reply (pager)', () => {
  it('shows "3 / 3" on a reply with two earlier versions, and pages back to each one read-only', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Q'), regenerated()] }) });
    const reply = page.$('[data-turn-id="a2"]');
    const label = (): string | null | undefined => reply?.querySelector('[data-testid="version-label"]')?.getAttribute('data-label');
    const prev = (): HTMLButtonElement | null | undefined => reply?.querySelector<HTMLButtonElement>('[data-testid="version-prev"]');
    const next = (): HTMLButtonElement | null | undefined => reply?.querySelector<HTMLButtonElement>('[data-testid="version-next"]');
    assert.equal(label(), '3 / 3');
    assert.equal(prev()?.getAttribute('aria-label'), 'Previous version');
    assert.equal(next()?.getAttribute('aria-label'), 'Next version');
    assert.equal(next()?.disabled, true, 'the newest is shown: nothing after it');
    assert.equal(reply?.querySelectorAll('[data-testid="version-pager"]').length, 1);
    assert.match(reply?.textContent ?? '', /The newest answer/);
    assert.doesNotMatch(reply?.textContent ?? '', /3 \/ 3/, 'the pager adds no text to the reply (CSS draws its label)');

    prev()?.click();
    assert.equal(label(), '2 / 3');
    const earlier = reply?.querySelector('[data-testid="earlier-version"]');
    assert.match(earlier?.textContent ?? '', /The second answer/);
    assert.equal(reply?.querySelector<HTMLElement>('.blocks:not(.earlier-version)')?.hidden, true, 'the current version steps aside');
    assert.equal(reply?.querySelector('[data-testid="copy-message"]'), null, 'no actions on an earlier version');
    assert.equal(reply?.querySelector('[data-testid="regenerate"]'), null);
    assert.equal(page.doc.activeElement, prev(), 'focus stays on the pager');

    prev()?.click();
    assert.equal(label(), '1 / 3');
    assert.equal(prev()?.disabled, true);
    assert.match(reply?.querySelector('[data-testid="earlier-version"]')?.textContent ?? '', /Half an answer.*This version failed: The connection dropped/s);
    assert.equal(reply?.querySelector('[data-testid="error"]'), null, 'the old error is no live error card (no alert, no Retry)');
    assert.equal(page.doc.activeElement, next(), 'at the first version focus moves to the enabled step');

    next()?.click();
    next()?.click();
    assert.equal(label(), '3 / 3');
    assert.equal(reply?.querySelector('[data-testid="earlier-version"]'), null);
    assert.equal(reply?.querySelector<HTMLElement>('.blocks')?.hidden, false);
    assert.equal(page.api.posted.filter((m) => m.type !== 'ready').length, 0, 'paging tells the host nothing');
  });

  it('has no pager on a reply with one version', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Q'), secondVersion] }) });
    assert.equal(page.$$('[data-testid="version-pager"]').length, 0);
  });

  it('keeps the pager on a regenerated reply while it streams, at the new version', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Q')] }) });
    page.send({ type: 'turnAdded', turn: { id: 'a2', role: 'assistant', status: 'streaming', blocks: [], earlierVersions: [secondVersion] }, requestId: 'r1' });
    assert.equal(page.$('[data-turn-id="a2"] [data-testid="version-label"]')?.getAttribute('data-label'), '2 / 2');
    assert.equal(page.$$('[data-testid="regenerate"]').length, 0, 'no Regenerate while it streams');
  });
});

describe('webview: Regenerate', () => {
  it('is offered on the last ended reply only (done, stopped or failed), labelled, and posts its turn id', () => {
    const page = openPage();
    const stopped = assistantTurn('a2', [{ type: 'text', text: 'Stopp' }], { status: 'stopped' });
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Q1'), assistantTurn('a1', [{ type: 'text', text: 'A1' }]), userTurn('u2', 'Q2'), stopped] }) });
    const buttons = page.$$('[data-testid="regenerate"]');
    assert.equal(buttons.length, 1);
    assert.equal(buttons[0]?.closest('[data-testid="message"]')?.getAttribute('data-turn-id'), 'a2');
    assert.match(buttons[0]?.getAttribute('aria-label') ?? '', /Regenerate this reply/);
    buttons[0]?.click();
    assert.deepEqual(page.api.of('regenerate'), [{ type: 'regenerate', turnId: 'a2' }]);
    assert.equal(page.doc.activeElement, page.$('[data-testid="prompt"]'), 'the reply is redrawn: the focus waits in the prompt');
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Q1'), failedFirst] }) });
    assert.equal(page.$$('[data-testid="regenerate"]').length, 1, 'a failed reply can be regenerated too');
  });

  it('is not offered on an inline edit\'s note, nor is Edit on its question', () => {
    const page = openPage();
    const note = userTurn('n1', 'Inline edit: add a comment', { editNote: true });
    const noteReply = assistantTurn('n2', [{ type: 'text', text: 'Added a comment. Cost: $0.01' }], { editNote: true });
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Q1'), assistantTurn('a1', [{ type: 'text', text: 'A1' }]), note, noteReply] }) });
    assert.equal(page.$$('[data-testid="regenerate"]').length, 0);
    const edits = page.$$('[data-testid="edit-message"]');
    assert.equal(edits.length, 1, 'Edit on the chat question only');
    assert.equal(edits[0]?.closest('[data-testid="message"]')?.getAttribute('data-turn-id'), 'u1');
    assert.equal(page.$$('[data-turn-id="n2"] [data-testid="copy-message"]').length, 1, 'the note can still be copied');
  });
});

describe('webview: Edit & Resend', () => {
  function withHistory(): Page {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'First question'), assistantTurn('a1', [{ type: 'text', text: 'A1' }]), userTurn('u2', 'Second question'), assistantTurn('a2', [{ type: 'text', text: 'A2' }])] }) });
    return page;
  }

  it('opens an editor prefilled with the question, says what sending replaces, and sends on Enter', () => {
    const page = withHistory();
    const edit = page.$<HTMLButtonElement>('[data-turn-id="u1"] [data-testid="edit-message"]');
    assert.equal(edit?.getAttribute('aria-label'), 'Edit this message and send it again');
    assert.equal(page.$$('[data-testid="edit-message"]').length, 2, 'every question can be edited');
    edit?.click();
    const input = page.$<HTMLTextAreaElement>('[data-turn-id="u1"] [data-testid="edit-input"]');
    assert.equal(input?.value, 'First question');
    assert.equal(page.doc.activeElement, input, 'the editor takes the focus');
    assert.equal(page.$('[data-turn-id="u1"] [data-testid="edit-note"]')?.textContent, 'Sending replaces the 3 messages after this one.');
    assert.equal(input?.getAttribute('aria-describedby'), page.$('[data-testid="edit-note"]')?.id);
    assert.ok(input);
    input.value = 'First question, shorter';
    key(page, input, 'Enter', { shiftKey: true });
    assert.deepEqual(page.api.of('editAndResend'), [], 'Shift+Enter is a newline');
    key(page, input, 'Enter');
    assert.deepEqual(page.api.of('editAndResend'), [{ type: 'editAndResend', turnId: 'u1', text: 'First question, shorter' }]);
    assert.equal(page.$('[data-testid="message-editor"]'), null, 'the editor closes');
    assert.equal(page.doc.activeElement, page.$('[data-testid="prompt"]'), 'the focus waits in the prompt, as after any message');
  });

  it('sends on Ctrl+Enter, says nothing of later messages on the last question, and refuses a blank text', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'Only question')] }) });
    page.$<HTMLButtonElement>('[data-testid="edit-message"]')?.click();
    assert.equal(page.$('[data-testid="edit-note"]'), null);
    const input = page.$<HTMLTextAreaElement>('[data-testid="edit-input"]');
    assert.ok(input);
    input.value = '   ';
    key(page, input, 'Enter', { ctrlKey: true });
    assert.deepEqual(page.api.of('editAndResend'), []);
    input.value = 'Better question';
    key(page, input, 'Enter', { ctrlKey: true });
    assert.deepEqual(page.api.of('editAndResend'), [{ type: 'editAndResend', turnId: 'u1', text: 'Better question' }]);
  });

  it('cancels on Escape: the question is back, unchanged, and focus returns to Edit', () => {
    const page = withHistory();
    page.$<HTMLButtonElement>('[data-turn-id="u2"] [data-testid="edit-message"]')?.click();
    assert.equal(page.$('[data-turn-id="u2"] [data-testid="edit-note"]')?.textContent, 'Sending replaces the message after this one.');
    const input = page.$<HTMLTextAreaElement>('[data-testid="edit-input"]');
    assert.ok(input);
    input.value = 'Changed my mind';
    key(page, input, 'Escape');
    assert.equal(page.$('[data-testid="message-editor"]'), null);
    assert.equal(page.$('[data-turn-id="u2"] .blocks')?.hidden, false);
    assert.match(page.$('[data-turn-id="u2"]')?.textContent ?? '', /Second question/);
    assert.equal(page.doc.activeElement, page.$('[data-turn-id="u2"] [data-testid="edit-message"]'));
    assert.deepEqual(page.api.of('editAndResend'), []);

    // The buttons do the same by mouse.
    page.$<HTMLButtonElement>('[data-turn-id="u2"] [data-testid="edit-message"]')?.click();
    page.$<HTMLButtonElement>('[data-testid="edit-cancel"]')?.click();
    assert.equal(page.$('[data-testid="message-editor"]'), null);
    page.$<HTMLButtonElement>('[data-turn-id="u2"] [data-testid="edit-message"]')?.click();
    page.$<HTMLButtonElement>('[data-testid="edit-send"]')?.click();
    assert.deepEqual(page.api.of('editAndResend'), [{ type: 'editAndResend', turnId: 'u2', text: 'Second question' }]);
  });

  it('is not offered while a reply streams, nor on tool results or a continue request', () => {
    const page = withHistory();
    page.send({ type: 'turnAdded', turn: userTurn('u3', 'Third') });
    page.send({ type: 'turnAdded', turn: { id: 'a3', role: 'assistant', status: 'streaming', blocks: [] }, requestId: 'r1' });
    const edits = page.$$('[data-testid="edit-message"]') as HTMLButtonElement[];
    assert.equal(edits.length, 3);
    assert.ok(edits.every((button) => button.disabled), 'disabled while the reply streams');
    edits[0]?.click();
    assert.equal(page.$('[data-testid="message-editor"]'), null);
    page.send({ type: 'turnUpdated', turn: { id: 'a3', role: 'assistant', status: 'done', blocks: [{ type: 'text', text: 'A3' }] }, totals: chatState().totals });
    assert.ok((page.$$('[data-testid="edit-message"]') as HTMLButtonElement[]).every((button) => !button.disabled), 'enabled once it ended');

    const tools = openPage();
    tools.send({ type: 'init', state: chatState({ turns: [userTurn('t1', '', { blocks: [{ type: 'tool_result', tool_use_id: 'x', content: 'ok' }] }), userTurn('c1', 'Continue', { continueRequest: true })] }) });
    assert.equal(tools.$$('[data-testid="edit-message"]').length, 0);
  });
});
