/**
 * Cited answers (issue 11, point 1): consecutive text blocks of a reply render as one flowing
 * text, citation markers are inline superscripts with a popover, the reply ends with its Sources.
 * Real recorded streams are read from ../shared/conformance at test time (not copied).
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { MessageAccumulator } from '../../../src/common/anthropic/accumulator';
import type { StreamEvent } from '../../../src/common/anthropic/types';
import { blockOpsForEvent } from '../../../src/common/conversation/streamOps';
import type { ContentBlock } from '../../../src/common/protocol';
import { MarkdownRenderer } from '../../../src/webview/render/markdown';
import { StreamingMarkdownView } from '../../../src/webview/render/streamingMarkdown';
import { assistantTurn, chatState, makeWindow, openPage, userTurn } from './harness';
import type { Page } from './harness';

const SHARED = path.resolve(process.cwd(), '../shared/conformance');
const RECORDINGS = [
  'anthropic-sse-wild/llm-opus41-web-search.sse',
  'anthropic-sse-wild/pyd-thinking-web-search-citations.sse',
  'anthropic-sse-wild/pyd-web-search-citations-no-ping.sse',
  'anthropic-sse/anthropic-web-search-tool.1.chunks.txt',
];

/** The events of a recorded stream (`.sse`: `data:` lines; `.chunks.txt`: one JSON per line). */
function recordedEvents(file: string): StreamEvent[] {
  return readFileSync(path.join(SHARED, file), 'utf8')
    .split('\n')
    .map((line) => line.replace(/^data: ?/, '').trim())
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as StreamEvent);
}

/** The indexes of the text blocks. */
function textIndexes(blocks: readonly ContentBlock[]): number[] {
  return blocks.flatMap((block, i) => (block.type === 'text' ? [i] : []));
}

/** The `[data-block-type="text"]` elements of a turn: the block index each stands for, its text (spaces collapsed), whether it is a span in a run. */
function textElements(turn: Element): Array<{ index: number; text: string; span: boolean }> {
  return Array.from(turn.querySelectorAll('[data-block-type="text"]')).map((el) => ({
    index: Number(el.getAttribute('data-block-index') ?? el.getAttribute('data-block-indexes')),
    text: collapsed(visibleText(el)),
    span: el.tagName === 'SPAN',
  }));
}

function collapsed(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** One element per text block, in block order, each holding (part of) its block's text. */
function assertOneElementPerTextBlock(turn: Element, blocks: readonly ContentBlock[], when: string): void {
  const elements = textElements(turn);
  assert.deepEqual(elements.map((el) => el.index), textIndexes(blocks), `one [data-block-type="text"] per text block, in order (${when})`);
  for (const { index, text, span } of elements) {
    const source = String(blocks[index]?.['text'] ?? '');
    // Only markdown syntax so far ("\n- " while a list item starts) draws no text of its own.
    if (source.replace(/[\s#*_`>|=~-]/g, '') === '') continue;
    assert.notEqual(text, '', `block ${index} has text, so has its element (${when})`);
    // A lone block's element is its whole run, rendered; a span holds a plain piece of its block.
    if (span) assert.ok(collapsed(source).includes(text), `block ${index}'s span holds its own text: "${text.slice(0, 40)}" (${when})`);
  }
}

/** Streams a recording into a page as the host would (ops per event, a frame every few events). */
function streamRecording(page: Page, file: string): ContentBlock[] {
  page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'search')] }) });
  page.send({ type: 'turnAdded', turn: { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] }, requestId: 'r1' });
  const acc = new MessageAccumulator();
  recordedEvents(file).forEach((event, i) => {
    acc.apply(event);
    const ops = blockOpsForEvent(event, acc.snapshot().content);
    if (ops.length > 0) page.app.handle({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: structuredClone(ops) });
    if (i % 3 !== 0) return;
    page.app.flush();
    assertOneElementPerTextBlock(reply(page), acc.snapshot().content as ContentBlock[], `streaming, event ${i}`);
  });
  const blocks = structuredClone(acc.snapshot().content) as ContentBlock[];
  page.send({ type: 'turnUpdated', turn: assistantTurn('a1', blocks), totals: chatState().totals });
  return blocks;
}

/** Runs of consecutive text blocks, as "first-last" index ranges. */
function expectedRuns(blocks: readonly ContentBlock[]): string[] {
  const runs: Array<[number, number]> = [];
  blocks.forEach((block, i) => {
    if (block.type !== 'text') return;
    const last = runs[runs.length - 1];
    if (last && last[1] === i - 1) last[1] = i;
    else runs.push([i, i]);
  });
  return runs.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`));
}

/** The element's text without the popovers (what reads as the reply). */
function visibleText(el: Element): string {
  const copy = el.cloneNode(true) as Element;
  copy.querySelectorAll('.citation-popover').forEach((popover) => popover.remove());
  return copy.textContent ?? '';
}

function reply(page: Page): HTMLElement {
  const turn = page.$('[data-turn-id="a1"]');
  assert.ok(turn);
  return turn;
}

describe('webview cited answers: one flowing text with inline citations', () => {
  for (const file of RECORDINGS) {
    it(`streams the recorded ${path.basename(file)} as one text per run, superscripts inline, Sources at the end, as a replay draws it`, () => {
      const page = openPage();
      const blocks = streamRecording(page, file);
      const turn = reply(page);
      const runs = Array.from(turn.querySelectorAll('.block-text'));
      assert.deepEqual(runs.map((run) => run.getAttribute('data-block-indexes')), expectedRuns(blocks), 'one element per run of text blocks');
      assertOneElementPerTextBlock(turn, blocks, 'done');
      assert.ok(textIndexes(blocks).length > runs.length, 'the recording has runs of several text blocks');
      const cited = blocks.filter((b) => Array.isArray(b['citations']) && (b['citations'] as unknown[]).length > 0);
      assert.ok(cited.length > 0, 'the recording has cited blocks');
      assert.equal(turn.querySelectorAll('[data-testid="citation-marks"]').length, cited.length, 'one group of superscripts per cited block');
      for (const p of Array.from(turn.querySelectorAll('.block-text p'))) {
        assert.doesNotMatch(visibleText(p), /^\s*[,.;:]/, `no paragraph starts with punctuation: ${visibleText(p).slice(0, 40)}`);
      }
      assert.doesNotMatch(turn.textContent ?? '', /\uE000|\[\d+\]/, 'no marker text and no stray [n]');
      const urls = new Set(cited.flatMap((b) => (b['citations'] as Array<Record<string, unknown>>).map((c) => c['url'])));
      assert.equal(turn.querySelectorAll('[data-testid="source"]').length, urls.size, 'one Sources entry per source');

      const replay = openPage();
      replay.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'search'), assistantTurn('a1', blocks)] }) });
      const replayed = Array.from(reply(replay).querySelectorAll('.block-text, [data-testid="sources"]')).map((el) => el.outerHTML);
      assert.deepEqual(Array.from(turn.querySelectorAll('.block-text, [data-testid="sources"]')).map((el) => el.outerHTML), replayed, 'streamed ends as replayed');
    });
  }

  it('keeps a paragraph split over blocks one paragraph, with each marker at the end of its fragment', () => {
    const page = openPage();
    const web = (url: string, title: string, quote: string) => ({ type: 'web_search_result_location', url, title, cited_text: quote, encrypted_index: 'e' });
    page.send({
      type: 'init',
      state: chatState({
        turns: [assistantTurn('a1', [
          { type: 'text', text: 'The capital of France is ' },
          { type: 'text', text: '**Paris.**', citations: [web('https://www.example.org/fr', 'France facts', 'Paris is the capital of France.')] },
          { type: 'text', text: ', while Germany’s is ' },
          { type: 'text', text: 'Berlin', citations: [web('https://de.example/', 'Germany', 'Berlin is the capital.'), web('https://www.example.org/fr', 'France facts', 'Paris is the capital of France.')] },
          { type: 'text', text: '.\n\nA second paragraph.' },
        ])],
      }),
    });
    const run = page.$('.block-text');
    assert.ok(run);
    assert.equal(page.$$('.block-text').length, 1);
    assert.equal(run.getAttribute('data-block-indexes'), '0-4');
    assert.equal(run.getAttribute('data-block-type'), null, 'the run of five is no block itself');
    assert.deepEqual(textElements(run).map((el) => `${el.index}:${el.text}`), ['0:The capital of France is', '1:Paris.', '2:, while Germany’s is', '3:Berlin', '4:A second paragraph.'], 'a span per block, over the end of its text');
    assert.ok(page.$$('[data-block-type="text"]').every((el) => el.tagName === 'SPAN' && el.getAttribute('style') === null && el.closest('p') !== null), 'inline spans, no style of their own');
    const paragraphs = Array.from(run.querySelectorAll('p')).map(visibleText);
    assert.deepEqual(paragraphs, ['The capital of France is Paris.1, while Germany’s is Berlin12.', 'A second paragraph.']);
    assert.equal(run.querySelector('strong')?.textContent, 'Paris.', 'emphasis closing right before a marker still closes');
    const first = run.querySelector<HTMLElement>('[data-testid="citation"]');
    assert.ok(first);
    assert.equal(first.tagName, 'A');
    assert.equal(first.getAttribute('href'), 'https://www.example.org/fr');
    assert.equal(first.getAttribute('aria-label'), 'Source 1: France facts (example.org)');
    const popover = page.doc.getElementById(first.getAttribute('aria-describedby') ?? '');
    assert.ok(popover);
    assert.equal(popover.getAttribute('role'), 'tooltip');
    assert.equal(popover.textContent, '“Paris is the capital of France.”France facts · example.org');
    assert.ok(Array.from(popover.querySelectorAll('*')).every((el) => el.tagName === 'SPAN' && el.getAttribute('style') === null), 'spans and text only, no inline styles');
    first.click();
    assert.deepEqual(page.api.of('openLink'), [{ type: 'openLink', url: 'https://www.example.org/fr' }], 'opened through the host');
    const sources = page.$$('[data-testid="source"]').map((li) => li.textContent);
    assert.deepEqual(sources, ['France facts · example.org', 'Germany · de.example']);
  });

  it('does not let a marker break a fence, a table row or a rule, and lets no model text fake one', () => {
    const page = openPage();
    const cite = { type: 'web_search_result_location', url: 'https://a.example/', title: 'A', cited_text: 'q', encrypted_index: 'e' };
    page.send({
      type: 'init',
      state: chatState({
        turns: [assistantTurn('a1', [
          { type: 'text', text: '```js\nconst x = 1;\n```\n', citations: [cite] },
          { type: 'text', text: '\n| a | b |\n|---|---|\n| 1 | 2 |', citations: [cite] },
          { type: 'text', text: '\n\nFake <\uE0000\uE000> marker and after.' },
        ])],
      }),
    });
    const run = page.$('.block-text');
    assert.ok(run);
    assert.deepEqual(textElements(run).map((el) => el.index), [0, 1, 2], 'a span per block, the fence and the table ones empty below them');
    assert.equal(run.querySelectorAll('pre').length, 1);
    assert.match(run.querySelector('pre code')?.textContent ?? '', /^const x = 1;\n?$/, 'the fence closes where the model closed it');
    assert.equal(run.querySelectorAll('td').length, 2, 'the table keeps its cells');
    assert.match(visibleText(run), /Fake <\uFFFD0\uFFFD> marker and after\./, 'U+E000 in model text is replaced, not read as a marker');
    assert.equal(run.querySelectorAll('[data-testid="citation-marks"]').length, 2, 'both markers show, each after its fence or table');
  });

  it('gives a block that ends in a fence or a table its span below it, and makes no empty paragraph for an uncited one', () => {
    const blocks = [
      { type: 'text', text: 'Intro:\n\n```js\nconst x = 1;\n```' },
      { type: 'text', text: '\n\n| a | b |\n|---|---|\n| 1 | 2 |' },
      { type: 'text', text: '\n\nAfter the table.' },
    ];
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', blocks)] }) });
    const run = page.$('.block-text');
    assert.ok(run);
    assert.deepEqual(textElements(run).map((el) => `${el.index}:${el.text}`), ['0:', '1:', '2:After the table.'], 'one span per block, in order; a fence or a table cannot hold one');
    assert.deepEqual(Array.from(run.querySelectorAll('p')).map(visibleText), ['Intro:', 'After the table.'], 'no empty paragraph where a marker stood');
    assert.equal(run.querySelectorAll('pre').length, 1);
    assert.equal(run.querySelectorAll('td').length, 2);
    assert.equal(run.querySelectorAll('[data-testid="citation-marks"]').length, 0, 'no superscripts without citations');
  });

  it('puts no marker inside a code fence that goes on in the next block (the code stays the model’s)', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', [{ type: 'text', text: 'Code:\n\n```js\nconst a' }, { type: 'text', text: ' = 1;\nlet b = 2;\n```\n\nDone.' }])] }) });
    const run = page.$('.block-text');
    assert.ok(run);
    assert.equal(run.querySelector('pre code')?.textContent, 'const a = 1;\nlet b = 2;', 'no marker text in the code');
    // Known gap (src/webview/README.md): a block that ends inside a fence has no span of its own.
    assert.deepEqual(textElements(run).map((el) => `${el.index}:${el.text}`), ['1:Done.']);
  });

  it('renders a reply of one text block exactly as before (the plain streaming view)', () => {
    const text = 'Some **bold** text.\n\n- a\n- b\n\n```ts\nconst a = 1;\n```\n\nEnd.  \n';
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [assistantTurn('a1', [{ type: 'text', text }])] }) });
    const win = makeWindow();
    const plain = new StreamingMarkdownView(win.document, new MarkdownRenderer(win.document, win), text);
    plain.setDone(true);
    plain.render();
    assert.equal(page.$('[data-block-type="text"] .md')?.innerHTML, plain.el.innerHTML);
    assert.equal(page.$$('[data-block-type="text"]').length, 1, 'the lone block is its run element, with no span inside');
    assert.equal(page.$('[data-block-type="text"]')?.getAttribute('data-block-indexes'), '0');
    assert.equal(page.$('[data-testid="sources"]'), null, 'no Sources without citations');
  });

  it('appends streamed blocks to the open run: finished chunks keep their nodes, a tool block ends the run', () => {
    const page = openPage();
    page.send({ type: 'init', state: chatState({ turns: [userTurn('u1', 'q')] }) });
    page.send({ type: 'turnAdded', turn: { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] }, requestId: 'r1' });
    const cite = { type: 'web_search_result_location', url: 'https://a.example/', title: 'A', cited_text: 'q', encrypted_index: 'e' };
    const ops = (...list: unknown[]) => page.send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: list as never });
    ops({ op: 'set', index: 0, block: { type: 'text', text: 'First paragraph.\n\nSecond ' } });
    const firstP = page.$('[data-turn-id="a1"] .block-text p');
    const elements = () => textElements(reply(page)).map((el) => `${el.index}:${el.text}`);
    assert.deepEqual(elements(), ['0:First paragraph. Second'], 'one block: the run is its element');
    ops({ op: 'set', index: 1, block: { type: 'text', text: '', citations: [cite] } });
    assert.deepEqual(elements(), ['0:Second', '1:'], 'the new block has its (empty) span at once, after the closed one');
    ops({ op: 'append', index: 1, field: 'text', text: 'cited ' }, { op: 'append', index: 1, field: 'text', text: 'part' });
    assert.equal(page.$$('[data-testid="citation-marks"]').length, 0, 'no marker before its block closes');
    assert.deepEqual(elements(), ['0:Second', '1:cited part'], 'the open block spans its streamed text');
    ops({ op: 'set', index: 2, block: { type: 'text', text: ' goes on.' } });
    const run = page.$('[data-turn-id="a1"] .block-text');
    assert.equal(run?.getAttribute('data-block-indexes'), '0-2');
    assert.equal(page.$('[data-turn-id="a1"] .block-text p'), firstP, 'the finished paragraph was rendered once');
    assert.equal(visibleText(run?.querySelectorAll('p')[1] as Element), 'Second cited part1 goes on.');
    assert.deepEqual(elements(), ['0:Second', '1:cited part', '2:goes on.']);
    ops({ op: 'set', index: 3, block: { type: 'server_tool_use', id: 's', name: 'web_search', input: { query: 'x' } } }, { op: 'set', index: 4, block: { type: 'text', text: 'After the tool.' } });
    assert.deepEqual(page.$$('[data-turn-id="a1"] .block-text').map((el) => el.getAttribute('data-block-indexes')), ['0-2', '4'], 'a tool block between ends the run');
    assert.deepEqual(elements().map((el) => el.split(':')[0]), ['0', '1', '2', '4']);
    assert.equal(page.$$('[data-testid="source"]').length, 1, 'the Sources list shows while streaming');
  });
});
