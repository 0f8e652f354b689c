import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MessagesRequest, ToolResultBlock } from '../../src/common/anthropic/types';
import { textReply, toolUseReply } from '../server/server';
import { openChat, setApiKeyThroughCommand } from './chatView';
import { openFile, placeCaret, readWorkspaceFile, runInlineEdit, saveActiveEditor, selectLines, writeWorkspaceFile } from './editor';
import { waitUntil } from './waitFor';
import { world } from './world';

const ORIGINAL = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

/** The editor's visible text; Monaco renders spaces as no-break spaces. */
async function editorText(): Promise<string> {
  return (await world().page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

describe('inline edit', () => {
  before(async () => {
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-edit-key');
  });

  it('turns str_replace tool calls into a reviewed edit; accept and save write the expected text', async () => {
    const { server, page } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    writeWorkspaceFile('math.ts', ORIGINAL);
    server.enqueue(
      // The default model (Sonnet 5.5) thinks before its tool call: the thinking goes back signed.
      toolUseReply('str_replace_based_edit_tool', { command: 'str_replace', path: 'math.ts', old_str: '  return a + b;', new_str: '  // Adds two numbers.\n  return a + b;' }, { id: 'toolu_e2e_1', thinking: 'A comment above the return says it.' }),
      textReply('Added a comment above the return.'),
    );
    await openFile('math.ts');
    await selectLines(1, 3);
    await runInlineEdit('add a comment');

    await page.locator('.monaco-editor .view-lines', { hasText: '// Adds two numbers.' }).first().waitFor({ timeout: 30_000 });
    const accept = page.locator('.codelens-decoration a', { hasText: /Accept/ }).first();
    await accept.waitFor({ timeout: 15_000 });
    await page.screenshot({ path: `${world().screenshotsDir}/inline-edit-review.png` });
    assert.equal(readWorkspaceFile('math.ts'), ORIGINAL, 'nothing is written before accept and save');

    const requests = server.requests.filter((r) => r.path === '/v1/messages');
    assert.equal(requests.length, 2, 'one request with the tool call, one with its result');
    const first = requests[0]!.json as MessagesRequest;
    assert.ok(first.tools?.some((t) => t.type === 'text_editor_20250728' && t.name === 'str_replace_based_edit_tool'));
    const second = requests[1]!.json as MessagesRequest;
    assert.equal(second.model, 'claude-sonnet-5-5');
    const reply = second.messages.at(-2)!.content as Array<{ type: string; signature?: string }>;
    assert.equal(reply[0]?.type, 'thinking', 'the thinking block goes back with the tool call');
    assert.ok(reply[0]?.signature, 'with its signature');
    const results = second.messages.at(-1)!.content as ToolResultBlock[];
    assert.equal(results[0]?.type, 'tool_result');
    assert.equal(results[0]?.tool_use_id, 'toolu_e2e_1');
    assert.ok(!results[0]?.is_error, String(results[0]?.content));

    await accept.click();
    await page.locator('.codelens-decoration a', { hasText: /Accept/ }).first().waitFor({ state: 'detached', timeout: 10_000 });
    await saveActiveEditor();
    const expected = 'export function add(a: number, b: number): number {\n  // Adds two numbers.\n  return a + b;\n}\n';
    // Read again until it matches: a read that meets VS Code's write half-way sees a short file.
    await waitUntil(() => readWorkspaceFile('math.ts') === expected, { timeoutMs: 10_000 });
    assert.equal(readWorkspaceFile('math.ts'), expected);
  });

  it('reject restores the exact original text', async () => {
    const { server, page } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    const crlf = 'const x = 1;\r\nconst y = 2;'; // CRLF, no trailing newline
    writeWorkspaceFile('crlf.ts', crlf);
    server.enqueue(
      toolUseReply('str_replace_based_edit_tool', { command: 'str_replace', path: 'crlf.ts', old_str: 'const y = 2;', new_str: 'const y = 3;' }),
      textReply('Changed y.'),
    );
    await openFile('crlf.ts');
    await runInlineEdit('set y to 3');
    await page.locator('.monaco-editor .view-lines', { hasText: 'const y = 3;' }).first().waitFor({ timeout: 30_000 });
    await page.locator('.codelens-decoration a', { hasText: /Reject/ }).first().click();
    await page.locator('.monaco-editor .view-lines', { hasText: 'const y = 2;' }).first().waitFor({ timeout: 10_000 });
    await saveActiveEditor();
    // As above, a read may meet the write half-way; once whole, the file must be the original.
    await waitUntil(() => readWorkspaceFile('crlf.ts') === crlf, { timeoutMs: 10_000 });
    assert.equal(readWorkspaceFile('crlf.ts'), crlf, 'byte for byte, CRLF and all');
    assert.match(await editorText(), /const y = 2;/);
  });
});

/**
 * Whether the editor shows the review's key hint. It is decoration text, drawn by a CSS `::after`
 * rule, so it is read from computed styles rather than from the DOM's text.
 */
async function keyHintShown(): Promise<boolean> {
  return world().page.evaluate(() =>
    [...document.querySelectorAll('.monaco-editor .view-lines span')].some((el) => getComputedStyle(el, '::after').content.includes('Esc to reject')),
  );
}

describe('inline edit under review: Escape, auto save and Undo', () => {
  const settingsFile = (): string => path.join(world().workspace, '.vscode', 'settings.json');

  before(async () => {
    await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-edit-key');
    // The web build's default: auto save shortly after each change.
    fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
    fs.writeFileSync(settingsFile(), JSON.stringify({ 'files.autoSave': 'afterDelay', 'files.autoSaveDelay': 200 }));
  });

  after(() => {
    fs.rmSync(path.join(world().workspace, '.vscode'), { recursive: true, force: true });
  });

  it('Escape with a selection keeps the edit; Escape in a hunk rejects it, restores the file on disk and offers Undo', async () => {
    const { server, page } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 5 });
    writeWorkspaceFile('auto.ts', ORIGINAL);
    const proposed = ORIGINAL.replace('  return a + b;', '  // Sum.\n  return a + b;');
    server.enqueue(
      toolUseReply('str_replace_based_edit_tool', { command: 'str_replace', path: 'auto.ts', old_str: '  return a + b;', new_str: '  // Sum.\n  return a + b;' }, { id: 'toolu_e2e_auto' }),
      textReply('Added a comment.'),
    );
    await openFile('auto.ts');
    await selectLines(1, 3);
    await runInlineEdit('add a comment');
    const acceptLens = page.locator('.codelens-decoration a', { hasText: /Accept/ }).first();
    await acceptLens.waitFor({ timeout: 30_000 });
    // Auto save writes the proposal (VS Code offers no way for an extension to hold it back).
    assert.ok(await waitUntil(() => readWorkspaceFile('auto.ts') === proposed, { timeoutMs: 15_000 }), 'auto save wrote the proposal');

    // A selection over the proposed lines: Escape only clears the selection. Toasts go first: the
    // workbench's Escape hides them before the editor sees the key.
    await world().support.runCommand(page, 'Notifications: Clear All Notifications');
    await page.locator('.notification-toast').first().waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.tab.active', { hasText: 'auto.ts' }).waitFor({ timeout: 10_000 });
    await page.locator('.monaco-editor .view-lines').first().click();
    await selectLines(2, 3);
    await page.locator('.statusbar-item', { hasText: /selected/ }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Escape');
    await page.locator('.statusbar-item', { hasText: /selected/ }).first().waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok(await acceptLens.isVisible(), 'the edit is still under review');
    assert.match(await editorText(), /\/\/ Sum\./);

    // The caret inside the hunk (line 2), nothing selected: the line shows the keys, Escape rejects
    // and says so.
    assert.equal(await keyHintShown(), false, 'no key hint while the selection covers the hunk');
    await placeCaret(2);
    assert.ok(await waitUntil(keyHintShown, { timeoutMs: 10_000 }), 'the caret line shows the review keys');
    await page.keyboard.press('Escape');
    const toast = page.locator('.notification-toast', { hasText: 'rejected the proposed change in auto.ts' });
    await toast.waitFor({ timeout: 15_000 });
    assert.match(await toast.innerText(), /Auto save had written the proposal to disk; the original text is saved back/);
    assert.ok(await waitUntil(() => readWorkspaceFile('auto.ts') === ORIGINAL, { timeoutMs: 15_000 }), 'the original is back on disk');
    await page.screenshot({ path: `${world().screenshotsDir}/inline-edit-rejected-undo.png` });

    // Undo puts the proposal back under review; Ctrl+Enter in the hunk accepts it.
    await toast.locator('a.monaco-button, .monaco-button', { hasText: 'Undo' }).first().click();
    await acceptLens.waitFor({ timeout: 15_000 });
    assert.match(await editorText(), /\/\/ Sum\./);
    await placeCaret(2);
    assert.ok(await waitUntil(keyHintShown, { timeoutMs: 10_000 }), 'the caret line shows the review keys');
    await page.keyboard.press('Control+Enter');
    await acceptLens.waitFor({ state: 'detached', timeout: 10_000 });
    assert.ok(await waitUntil(() => readWorkspaceFile('auto.ts') === proposed, { timeoutMs: 15_000 }), 'auto save wrote the proposal');
  });
});
