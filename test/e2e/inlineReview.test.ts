import * as assert from 'node:assert/strict';
import type { Locator } from 'playwright-core';
import { textReply, toolUseReply } from '../server/server';
import { freshChat, openChat, sendPrompt, setApiKeyThroughCommand, waitForNewReply } from './chatView';
import { inlineInputWidget, openFile, readWorkspaceFile, runInlineEdit, selectLines, writeWorkspaceFile } from './editor';
import { waitUntil } from './waitFor';
import { world } from './world';

const ORIGINAL = [
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '',
  'export function sub(a: number, b: number): number {',
  '  return a - b;',
  '}',
  '',
].join('\n');

/** Whether decoration text (drawn by a CSS `::after` rule) containing `text` shows in the editor. */
async function decorationShown(text: string): Promise<boolean> {
  return world().page.evaluate((wanted) =>
    [...document.querySelectorAll('.monaco-editor .view-lines span')].some((el) => getComputedStyle(el, '::after').content.includes(wanted)),
  text);
}

/** The caret's line as the status bar says it ("Ln 5, Col 1"). */
async function caretLine(): Promise<number> {
  const item = world().page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
  const match = /Ln (\d+)/.exec(await item.innerText());
  return Number(match?.[1]);
}

/**
 * Clicks a CodeLens until `gone` leaves the page. A lens clicked while VS Code redraws the lenses
 * (an editor shown again after the diff closed) names a lens that no longer exists and does nothing.
 */
async function clickUntil(target: Locator, gone: Locator): Promise<void> {
  for (let attempt = 1; attempt <= 4; attempt++) {
    await target.click();
    if (await gone.waitFor({ state: 'detached', timeout: 3_000 }).then(() => true, () => false)) return;
  }
  assert.fail('the lens click never took effect');
}

describe('inline edit, reviewed like an inline chat', () => {
  before(async () => {
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-inline-review-key');
  });

  it('asks at the selection, shows progress at the code, reviews change by change and notes the edit in the chat', async function () {
    // One long flow, a person's whole round trip.
    this.timeout(150_000);
    const { server, page, support } = world();
    const frame = await freshChat();
    writeWorkspaceFile('calc.ts', ORIGINAL);
    // The tool calls stream slowly enough (scripted replies carry their own pace) to see the indicator.
    server.enqueue(
      toolUseReply('str_replace_based_edit_tool', { command: 'str_replace', path: 'calc.ts', old_str: '  return a + b;', new_str: '  // Adds.\n  return a + b;' }, { id: 'toolu_review_1', pieceSize: 4, delayMs: 30 }),
      toolUseReply('str_replace_based_edit_tool', { command: 'str_replace', path: 'calc.ts', old_str: '  return a - b;', new_str: '  // Subtracts.\n  return a - b;' }, { id: 'toolu_review_2', pieceSize: 4, delayMs: 30 }),
      textReply('Documented both functions.'),
    );
    await openFile('calc.ts');
    await selectLines(1, 7);

    // The box opens in the editor, under the selection; Escape closes it and sends nothing.
    await support.runCommand(page, 'Claude Messages: Inline Edit');
    const box = inlineInputWidget();
    await box.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await page.locator('.quick-input-widget input').isVisible(), false, 'not the quick input at the top');
    const lastSelected = await page.locator('.view-line', { hasText: 'return a - b;' }).first().boundingBox();
    const boxTop = (await box.boundingBox())?.y ?? -1;
    assert.ok(lastSelected && boxTop > lastSelected.y && boxTop < lastSelected.y + 80, `the box sits under the selection (${boxTop} vs ${lastSelected?.y})`);
    assert.match(await box.innerText(), /Claude/);
    await box.locator('.edit-textarea .monaco-editor.focused').waitFor({ timeout: 10_000 });
    await page.screenshot({ path: `${world().screenshotsDir}/inline-edit-input.png` });
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(server.requests.filter((r) => r.path === '/v1/messages').length, 0, 'a cancelled box sends nothing');

    await selectLines(1, 7);
    await runInlineEdit('document both functions');
    assert.ok(await waitUntil(() => decorationShown('Claude is editing'), { timeoutMs: 15_000 }), 'the indicator shows at the code');
    assert.ok(await waitUntil(() => decorationShown(' token'), { timeoutMs: 15_000 }), 'with the tokens so far');
    await page.screenshot({ path: `${world().screenshotsDir}/inline-edit-streaming.png` });

    // Review: two changes, counted, visited with Alt+F5 / Shift+Alt+F5.
    const lens = (text: RegExp) => page.locator('.codelens-decoration a, .codelens-decoration span', { hasText: text });
    await lens(/Change 1 of 2/).first().waitFor({ timeout: 30_000 });
    await lens(/Change 2 of 2/).first().waitFor({ timeout: 5_000 });
    assert.equal(await decorationShown('Claude is editing'), false, 'the indicator is gone');
    await page.locator('.monaco-editor .view-lines').first().click();
    await selectLines(1, 0);
    await page.keyboard.press('Alt+F5');
    assert.ok(await waitUntil(async () => (await caretLine()) === 2, { timeoutMs: 10_000 }), 'Alt+F5 goes to the first change (line 2)');
    await page.keyboard.press('Alt+F5');
    assert.ok(await waitUntil(async () => (await caretLine()) === 7, { timeoutMs: 10_000 }), 'then to the second (line 7)');
    await page.keyboard.press('Shift+Alt+F5');
    assert.ok(await waitUntil(async () => (await caretLine()) === 2, { timeoutMs: 10_000 }), 'Shift+Alt+F5 goes back');
    await page.locator('.statusbar-item', { hasText: 'Change 1 of 2' }).first().waitFor({ timeout: 10_000 });

    // Open as Diff: the original on the left, the proposal on the right.
    await lens(/Open as Diff/).first().click();
    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ timeout: 15_000 });
    await page.locator('.tab.active', { hasText: /Original ↔ Claude's Proposal/ }).waitFor({ timeout: 10_000 });
    await diff.locator('.editor.original .view-lines', { hasText: 'return a + b;' }).waitFor({ timeout: 10_000 });
    assert.doesNotMatch(await diff.locator('.editor.original .view-lines').innerText(), /Adds\./, 'the left side is the original');
    await support.runCommand(page, 'View: Close Editor');

    // Accept the first change, reject the second.
    await page.locator('.tab.active', { hasText: 'calc.ts' }).waitFor({ timeout: 10_000 });
    await clickUntil(lens(/^\s*Accept$/).first(), lens(/Change 1 of 2/).first());
    await clickUntil(lens(/^\s*Reject$/).first(), lens(/^\s*Reject$/).first());
    await page.locator('.notification-toast', { hasText: 'rejected the proposed change in calc.ts' }).waitFor({ timeout: 15_000 });
    const text = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /\/\/ Adds\./);
    assert.doesNotMatch(text, /\/\/ Subtracts\./);
    assert.equal(readWorkspaceFile('calc.ts'), ORIGINAL, 'nothing reached the disk without a save');
    await page.screenshot({ path: `${world().screenshotsDir}/inline-review-decided.png` });

    // The chat keeps a note: instruction, closing sentence, file and cost; its chip opens the file.
    const note = frame.locator('[data-testid="message"][data-role="assistant"]', { hasText: 'Documented both functions.' });
    await note.waitFor({ timeout: 15_000 });
    assert.match(await note.innerText(), /calc\.ts.*\+2 −0/s);
    assert.match(await note.innerText(), /Cost: \$\d+\.\d{4} over 3 requests/);
    // Made outside the chat: no Regenerate on the note, no Edit on its question.
    assert.equal(await note.locator('[data-testid="regenerate"]').count(), 0);
    assert.equal(await frame.locator('[data-testid="message"][data-role="user"]', { hasText: 'Inline edit:' }).locator('[data-testid="edit-message"]').count(), 0);
    const question = frame.locator('[data-testid="message"][data-role="user"]', { hasText: 'Inline edit: document both functions' });
    await question.waitFor({ timeout: 5_000 });
    // Another file in front; the chip brings calc.ts back.
    writeWorkspaceFile('other.ts', 'export {};\n');
    await openFile('other.ts');
    await question.locator('[data-testid="attachment"]').first().click();
    await page.locator('.tab.active', { hasText: 'calc.ts' }).waitFor({ timeout: 15_000 });

    // A follow-up in the chat after the note: the strict server takes it (the hooks check refusals).
    server.enqueue(textReply('Comments above each return say what it does.'));
    const before = await frame.locator('[data-testid="message"][data-role="assistant"]').count();
    await sendPrompt(frame, 'What did you change?');
    await waitForNewReply(frame, before);
    const last = server.requests.filter((r) => r.path === '/v1/messages').at(-1)!.json as { messages: Array<{ role: string; content: unknown }> };
    assert.deepEqual(last.messages.map((m) => m.role), ['user', 'assistant', 'user']);
    assert.doesNotMatch(JSON.stringify(last.messages), /tool_use|tool_result/);
    // Leave no unsaved editor behind for the suites after this one (closing would ask to save).
    await page.locator('.tab.active', { hasText: 'calc.ts' }).waitFor({ timeout: 10_000 });
    await support.runCommand(page, 'View: Revert and Close Editor');
    await page.locator('.tab', { hasText: 'calc.ts' }).waitFor({ state: 'detached', timeout: 10_000 });
    await support.runCommand(page, 'View: Close All Editors');
  });

  it('Escape while Claude is editing stops the request: the indicator goes, nothing is proposed', async () => {
    const { server, page } = world();
    await freshChat();
    writeWorkspaceFile('stop.ts', ORIGINAL);
    // A reply that streams for many seconds: long enough to stop it half-way.
    server.enqueue(toolUseReply('str_replace_based_edit_tool', { command: 'str_replace', path: 'stop.ts', old_str: '  return a + b;', new_str: `  // ${'slow '.repeat(60)}\n  return a + b;` }, { id: 'toolu_review_stop', pieceSize: 2, delayMs: 60 }));
    await openFile('stop.ts');
    await selectLines(1, 3);
    await runInlineEdit('add a long comment');
    assert.ok(await waitUntil(() => decorationShown(' token'), { timeoutMs: 15_000 }), 'the request is streaming');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Escape');
    assert.ok(await waitUntil(async () => !(await decorationShown('Claude is editing')), { timeoutMs: 10_000 }), 'the indicator goes');
    assert.equal(await page.locator('.codelens-decoration a', { hasText: /Accept/ }).count(), 0, 'nothing to review');
    assert.doesNotMatch((await page.locator('.monaco-editor .view-lines').first().innerText()), /slow/);
    assert.equal(readWorkspaceFile('stop.ts'), ORIGINAL);
    await world().support.runCommand(page, 'View: Close All Editors');
  });
});
