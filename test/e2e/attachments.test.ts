/**
 * Attachments end to end: a text file from the Add File to Chat quick pick, a PNG and a PDF from
 * the prompt's `@` list, a large screenshot pasted into the prompt (downscaled by the view), sent
 * as content blocks the strict test server accepts; a follow-up read from the cache; the token
 * meter against the server's count_tokens; a refused file; and a reload that resends the same bytes.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Frame } from 'playwright-core';
import { countPromptTokens } from '../server/canonical';
import { eventsReply, messageEnd, messageStart, textBlockEvents, textReply } from '../server/server';
import type { RecordedRequest } from '../server/server';
import { lastAssistant, newChat, openChat, screenshot, sendPrompt, setApiKeyThroughCommand } from './chatView';
import { pdfBytes, pngBytes, pngSize } from './fixtures';
import { waitUntil } from './waitFor';
import { world } from './world';

type Block = Record<string, unknown> & { type: string };
interface Body {
  messages: Array<{ role: string; content: string | Block[] }>;
}

const theme = (process.env.E2E_THEME ?? 'Default Dark Modern').toLowerCase().replace(/\W+/g, '-');

/** A module big enough to be worth caching (the prompt-cache minimum is 512 to 4096 tokens). */
function ledgerModule(): string {
  const lines = ['// Ledger helpers.', 'export interface Entry { id: string; amount: number; memo: string }', ''];
  for (let i = 0; i < 120; i++) {
    lines.push(`export function post${i}(entries: Entry[], id: string, amount: number): Entry[] {`, `  return [...entries, { id, amount: amount * ${i + 1}, memo: 'posting ${i}' }];`, '}', '');
  }
  return lines.join('\n');
}

function messagesRequests(): RecordedRequest[] {
  return world().server.requests.filter((r) => r.path === '/v1/messages');
}

function userContent(request: RecordedRequest | undefined, index = -1): Block[] {
  const users = (request?.json as Body | undefined)?.messages.filter((m) => m.role === 'user') ?? [];
  const content = users.at(index)?.content;
  return Array.isArray(content) ? content : [];
}

function source(block: Block | undefined): Record<string, unknown> {
  return (block?.['source'] ?? {}) as Record<string, unknown>;
}

async function doneCount(frame: Frame, n: number): Promise<void> {
  await frame.waitForFunction((count) => document.querySelectorAll('[data-testid="message"][data-role="assistant"][data-status="done"]').length >= count, n, { timeout: 30_000 });
}

/** The palette's Add File to Chat: type the name, Enter attaches the highlighted file. */
async function attachWithQuickPick(name: string): Promise<void> {
  const { page, support } = world();
  await support.runCommand(page, 'Claude Messages: Add File to Chat');
  const input = page.locator('.quick-input-widget input[placeholder^="Type to find a workspace file"]');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await input.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Types `@query` in the empty prompt, moves to `path` with ArrowDown and accepts it with Enter. */
async function attachWithMention(frame: Frame, query: string, path: string, shot?: string): Promise<void> {
  const prompt = frame.locator('[data-testid="prompt"]');
  await prompt.click();
  await prompt.pressSequentially(`@${query}`);
  // The list for this very query: an answer to the first keystrokes may still be shown for a moment.
  const option = frame.locator(`[data-testid="file-suggestions"][data-query="${query}"] [role="option"][data-path="${path}"]`);
  await option.waitFor({ timeout: 15_000 });
  for (let i = 0; i < 12 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await prompt.press('ArrowDown');
  if (shot) await screenshot(shot);
  await prompt.press('Enter');
  assert.equal(await prompt.inputValue(), '', 'the @query left the prompt');
}

/** Pastes a PNG into the prompt as the clipboard would hand it over (a File in a ClipboardEvent). */
async function pasteImage(frame: Frame, png: Buffer): Promise<void> {
  await frame.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    const prompt = document.querySelector('[data-testid="prompt"]');
    prompt?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, png.toString('base64'));
}

/**
 * Waits until the meter shows the server's count_tokens answer for the latest count request that
 * `which` picks (the server answers the same estimate as `countPromptTokens`), and returns both.
 */
async function meterShowsServerCount(frame: Frame, which: (body: Body) => boolean): Promise<{ shown: string | null; expected: number | undefined; matched: boolean }> {
  const { server } = world();
  const meter = frame.locator('[data-testid="context-meter"]');
  let expected: number | undefined;
  const matched = await waitUntil(async () => {
    const last = server.requests.filter((r) => r.path === '/v1/messages/count_tokens' && which(r.json as Body)).at(-1);
    expected = last ? countPromptTokens(last.json as Record<string, unknown>) : undefined;
    return expected !== undefined && (await meter.getAttribute('data-input-tokens')) === String(expected);
  }, { timeoutMs: 20_000 });
  return { shown: await meter.getAttribute('data-input-tokens'), expected, matched };
}

function composerKinds(frame: Frame): Promise<string[]> {
  return frame.locator('.composer [data-testid="attachment"]').evaluateAll((chips) => chips.map((c) => c.getAttribute('data-kind') ?? ''));
}

describe('attachments', () => {
  let frame: Frame;

  before(async () => {
    const { server, workspace } = world();
    server.configure({ apiKey: null });
    fs.writeFileSync(path.join(workspace, 'ledger.ts'), ledgerModule());
    fs.writeFileSync(path.join(workspace, 'chart.png'), pngBytes(64, 40));
    fs.writeFileSync(path.join(workspace, 'report.pdf'), pdfBytes('Quarterly report: revenue grew 12 percent.'));
    // Larger than the default limit (claudeMessages.attachmentMaxBytes, 10 MB) without writing 11 MB: a sparse file.
    fs.writeFileSync(path.join(workspace, 'huge.log'), '');
    fs.truncateSync(path.join(workspace, 'huge.log'), 11 * 1024 * 1024);
    frame = await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-attach-key');
  });

  it('sends a quick-picked text file, an @-picked PNG and PDF and a pasted screenshot as text, image and document blocks', async () => {
    const { server } = world();
    await newChat(frame);
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 2 });

    await attachWithQuickPick('ledger.ts');
    await frame.locator('.composer [data-testid="attachment"][data-kind="text"]').waitFor();
    await attachWithMention(frame, 'chart', 'chart.png');
    await attachWithMention(frame, 'rep', 'report.pdf', `attachments-at-list-${theme}`);
    const screenshotPng = pngBytes(3000, 2000);
    await pasteImage(frame, screenshotPng);
    const note = frame.locator('.composer [data-testid="attachment"][data-kind="image"] [data-testid="attachment-note"]');
    await note.waitFor({ timeout: 20_000 });
    assert.match(await note.innerText(), /Downscaled from 3000×2000 to 2576×1717/);
    assert.deepEqual(await composerKinds(frame), ['text', 'image', 'document', 'image']);
    assert.equal(await frame.locator('.composer img.attachment-thumb').count(), 2, 'the small PNG shows its own thumbnail, the pasted screenshot the one the view drew');
    const pastedThumb = await frame.locator('.composer [data-testid="attachment"][data-kind="image"]').nth(1).locator('img.attachment-thumb').getAttribute('src');
    assert.match(pastedThumb ?? '', /^data:image\/jpeg;base64,/);
    const withAll = await meterShowsServerCount(frame, (body) => (body.messages.at(-1)?.content as Block[]).filter((b) => b.type !== 'text').length === 3);
    assert.ok(withAll.matched, `the meter counts the attachments: it shows ${withAll.shown}, the server counted ${withAll.expected}`);
    await screenshot(`attachments-composer-${theme}`);

    server.enqueue(textReply('The ledger posts entries; the chart has four bands; the report says revenue grew.'));
    await sendPrompt(frame, 'What do these files show?');
    await doneCount(frame, 1);
    assert.deepEqual(await composerKinds(frame), [], 'sent: the composer is empty again');
    const user = frame.locator('[data-testid="message"][data-role="user"]').last();
    assert.deepEqual(await user.locator('[data-testid="attachment"]').evaluateAll((c) => c.map((e) => e.getAttribute('data-kind'))), ['text', 'image', 'document', 'image']);
    assert.equal(await user.locator('.attachment-remove').count(), 0);
    // The next request: the history with the reply, and the draft now empty (not the question again).
    const afterReply = await meterShowsServerCount(frame, (body) => body.messages.some((m) => m.role === 'assistant') && !JSON.stringify(body.messages.at(-1)).includes('What do these files show?'));
    assert.ok(afterReply.matched, `after the reply the meter counts the next request: it shows ${afterReply.shown}, the server counted ${afterReply.expected}`);
    await screenshot(`attachments-sent-turn-${theme}`);

    const content = userContent(messagesRequests().at(-1));
    console.log(`      request user turn blocks: ${content.map((b) => (b.type === 'text' ? 'text' : `${b.type} ${String(source(b)['media_type'])}`)).join(', ')}`);
    const text = content.find((b) => b.type === 'text' && String(b['text']).includes('ledger.ts'));
    assert.ok(text, 'the text file is a labelled text block');
    assert.match(String(text['text']), /export function post119/);
    const images = content.filter((b) => b.type === 'image');
    assert.deepEqual(images.map((b) => [source(b)['type'], source(b)['media_type']]), [['base64', 'image/png'], ['base64', 'image/png']]);
    assert.deepEqual(pngSize(Buffer.from(String(source(images[1])['data']), 'base64')), { width: 2576, height: 1717 }, 'the pasted screenshot arrived downscaled');
    const pdf = content.find((b) => b.type === 'document');
    assert.deepEqual([source(pdf)['type'], source(pdf)['media_type'], pdf?.['title']], ['base64', 'application/pdf', 'report.pdf']);
    assert.equal(Buffer.from(String(source(pdf)['data']), 'base64').toString('latin1').slice(0, 8), '%PDF-1.4');
    assert.equal(content.at(-1)?.['text'], 'What do these files show?', 'the question comes after the attachments');
  });

  it('answers a follow-up with the attachments read from the cache', async () => {
    const { server } = world();
    server.enqueue(textReply('Yes: post0 through post119 each add one entry.'));
    await sendPrompt(frame, 'Does every post function add one entry?');
    await doneCount(frame, 2);
    const follow = userContent(messagesRequests().at(-1), 0);
    assert.deepEqual(follow.map((b) => b.type), userContent(messagesRequests().at(-2), 0).map((b) => b.type), 'the first turn is sent again as it was');
    const usage = server.replies.filter((r) => r.path === '/v1/messages').at(-1)?.usage;
    assert.ok(usage);
    const read = usage.cache_read_input_tokens ?? 0;
    const prompt = usage.input_tokens + read + (usage.cache_creation_input_tokens ?? 0);
    console.log(`      follow-up: ${read} of ${prompt} prompt tokens read from the cache (${((read / prompt) * 100).toFixed(1)}%)`);
    assert.ok(read > 0, 'the follow-up read the attachments from the cache');
  });

  it('names the PDF and its page in a citation, and opens the PDF from it', async () => {
    const { server, page, support } = world();
    const citation = { type: 'page_location', document_index: 0, document_title: 'report.pdf', start_page_number: 1, end_page_number: 2, cited_text: 'Quarterly report: revenue grew 12 percent.' };
    server.enqueue(eventsReply([messageStart(), ...textBlockEvents(0, 'Revenue grew 12 percent.', [citation]), ...messageEnd('end_turn')]));
    await sendPrompt(frame, 'What does the report say? Cite it.');
    await doneCount(frame, 3);
    const link = lastAssistant(frame).locator('[data-testid="citation"][data-citation-kind="page_location"]');
    assert.equal(await link.innerText(), '1', 'an inline number');
    assert.equal(await link.getAttribute('aria-label'), 'Source 1: open report.pdf, p. 1');
    assert.match(await lastAssistant(frame).locator('[data-testid="source"]').innerText(), /^report\.pdf, p\. 1$/, 'the Sources list names the document and page');
    await link.click();
    await page.locator('.tab[aria-label*="report.pdf"], .tab:has-text("report.pdf")').first().waitFor({ timeout: 15_000 });
    await support.runCommand(page, 'View: Close All Editors');
  });

  it('shows the server’s count_tokens answer for the draft in the meter', async () => {
    const draft = 'How many entries does post7 add?';
    const prompt = frame.locator('[data-testid="prompt"]');
    await prompt.click();
    await prompt.pressSequentially(draft);
    const meter = frame.locator('[data-testid="context-meter"]');
    const { shown, expected, matched } = await meterShowsServerCount(frame, (body) => JSON.stringify(body.messages.at(-1) ?? {}).includes(draft));
    assert.ok(matched, `the meter shows ${shown}, the server counted ${expected}`);
    assert.equal(await meter.getAttribute('data-estimated'), 'false');
    assert.match(await meter.innerText(), /^[\d.]+k? \/ [\d.]+[kM] tokens$/);
    console.log(`      meter: ${await meter.innerText()} (data-input-tokens=${shown}, count_tokens answered ${expected})`);
    await prompt.fill('');
  });

  it('attaches a file dropped from VS Code (a uri-list), and removes it with its chip’s button', async () => {
    const uri = pathToFileURL(path.join(world().workspace, 'ledger.ts')).href;
    await frame.evaluate((dropped) => {
      const data = new DataTransfer();
      data.setData('text/uri-list', dropped);
      data.setData('application/vnd.code.uri-list', dropped);
      const target = document.querySelector('[data-testid="messages"]');
      for (const type of ['dragenter', 'dragover', 'drop']) target?.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true, shiftKey: true }));
    }, uri);
    const chip = frame.locator('.composer [data-testid="attachment"][data-kind="text"]');
    await chip.waitFor({ timeout: 15_000 });
    assert.equal(await chip.locator('.attachment-name').innerText(), 'ledger.ts');
    await chip.locator('.attachment-remove').focus();
    await frame.locator('.composer .attachment-remove').press('Enter');
    await chip.waitFor({ state: 'detached', timeout: 15_000 });
    assert.deepEqual(await composerKinds(frame), []);
  });

  it('refuses a file over the size limit with its message, and sends nothing', async () => {
    const before = messagesRequests().length;
    await attachWithMention(frame, 'huge', 'huge.log');
    const notice = frame.locator('[data-testid="notice"]', { hasText: 'huge.log' });
    await notice.waitFor({ timeout: 15_000 });
    assert.match(await notice.innerText(), /huge\.log is too large to attach: 11(\.0)? MB, and the limit is 10(\.0)? MB/);
    assert.deepEqual(await composerKinds(frame), [], 'nothing attached');
    assert.equal(messagesRequests().length, before, 'nothing sent');
    await notice.locator('[data-action="dismiss-notice"]').click();
  });

  it('restores the chips after a window reload, and the next request resends the same bytes', async function (this: Mocha.Context) {
    this.timeout(240_000);
    const { page, server } = world();
    const first = userContent(messagesRequests().at(-1), 0);
    await page.reload();
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    frame = await openChat();
    const user = frame.locator('[data-testid="message"][data-role="user"]').first();
    await user.locator('[data-testid="attachment"]').first().waitFor({ timeout: 90_000 });
    assert.deepEqual(await user.locator('[data-testid="attachment"]').evaluateAll((c) => c.map((e) => e.getAttribute('data-kind'))), ['text', 'image', 'document', 'image']);
    server.enqueue(textReply('Still the same files.'));
    await sendPrompt(frame, 'And after the reload?');
    await doneCount(frame, 4);
    const again = userContent(messagesRequests().at(-1), 0);
    const bytes = (blocks: Block[]) => blocks.filter((b) => b.type !== 'text').map((b) => `${b.type}:${String(source(b)['data'])}`);
    assert.equal(bytes(again).length, 3);
    assert.deepEqual(bytes(again), bytes(first), 'the same base64, block for block');
  });
});
