import * as assert from 'node:assert/strict';
import { invalidRequestReply, textReply, thinkingReply, toolUseReply } from '../server/server';
import { newChat, openChat, screenshot, sendPrompt, setApiKeyThroughCommand, waitForNewReply, waitForStatus } from './chatView';
import { citedAnswer } from './citedAnswer';
import { probeContrast, type ContrastFigure, type ContrastTarget } from './contrastProbe';
import { THEMES, themeNamed, useTheme } from './themes';
import { world } from './world';

/** WCAG 2.2 AA: 4.5:1 for text (1.4.3), 3:1 for the edges of UI components (1.4.11). */
const TEXT_MINIMUM = 4.5;
const BORDER_MINIMUM = 3;

const REPLY = [
  'A typed **debounce** with `cancel()`; see [the MDN page on timers](https://developer.mozilla.org/en-US/docs/Web/API/setTimeout).',
  '',
  '```ts',
  '// Runs fn once the calls stop for ms milliseconds.',
  'export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms = 200) {',
  "  const label = 'debounced';",
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return { call: (...args: A) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); }, cancel: () => clearTimeout(timer), label };',
  '}',
  '```',
  '',
  '> Timers keep running after the view is gone: cancel them in `dispose()`.',
  '',
  '| Option | Default |',
  '| --- | --- |',
  '| `ms` | 200 |',
].join('\n');

/** What the issue names, each of which must be on screen and measured in every theme. */
const TARGETS: ContrastTarget[] = [
  { name: 'reply text', selector: '.block-text .md p' },
  { name: 'bold text', selector: '[data-role="assistant"] .md strong' },
  { name: 'inline code', selector: '.md :not(pre) > code' },
  { name: 'code block text', selector: '.code-block pre code' },
  { name: 'code block tokens', selector: '.code-block pre code [class*="hljs-"]' },
  { name: 'code block language', selector: '.code-lang' },
  { name: 'code block buttons', selector: '.code-action' },
  { name: 'link', selector: '.md a' },
  { name: 'quote', selector: '.md blockquote p' },
  { name: 'table cell', selector: '.md td, .md th' },
  { name: 'thinking summary', selector: '.block-thinking summary' },
  { name: 'thinking text', selector: '.block-thinking .md p, .block-thinking p' },
  { name: 'user message', selector: '[data-role="user"] .user-text' },
  { name: 'tool call', selector: '[data-block-type="tool_use"]' },
  { name: 'tool result', selector: '.tool-result' },
  { name: 'usage line', selector: '[data-testid="usage"]' },
  { name: 'error message', selector: '[data-testid="error"] .error-message' },
  { name: 'error details', selector: '[data-testid="error"] .error-details' },
  { name: 'error buttons', selector: '[data-testid="error"] button' },
  { name: 'history title', selector: '.history-title' },
  { name: 'history entry', selector: '[data-testid="history-open"]' },
  { name: 'history date', selector: '.history-meta' },
  { name: 'history buttons', selector: '[data-testid="history-item"] button:not([data-testid="history-open"])' },
  { name: 'composer text', selector: '[data-testid="prompt"]' },
  { name: 'composer placeholder', selector: '[data-testid="prompt"]', pseudo: '::placeholder' },
  { name: 'control chips', selector: '.controls .chip, .toolbar .icon-button' },
  { name: 'code block border', selector: '.code-block', kind: 'border' },
  { name: 'citation marker', selector: '.cite > .citation' },
  { name: 'citation popover', selector: '.citation-popover .citation-quote, .citation-popover .citation-source' },
  { name: 'sources list', selector: '[data-testid="sources"] .sources-title, [data-testid="source"] a, .source-domain' },
];

/** The effort chip's menu, open, with its chosen item focused. */
const MENU_TARGETS: ContrastTarget[] = [
  { name: 'chip menu note', selector: '.chip-menu:not([hidden]) .chip-menu-note' },
  { name: 'chip menu item', selector: '.chip-menu:not([hidden]) .chip-menu-item:not(:focus)' },
  { name: 'chip menu focused item', selector: '.chip-menu:not([hidden]) .chip-menu-item:focus' },
];

function row(cells: string[]): string {
  return cells.map((cell, index) => cell.padEnd([24, 6, 8, 8, 5][index] ?? 0)).join(' ');
}

function report(theme: string, figures: ContrastFigure[]): string {
  const lines = figures.map((f) => row([f.name, Number.isFinite(f.ratio) ? f.ratio.toFixed(2) : '—', f.foreground, f.background, String(f.count)]) + ` ${JSON.stringify(f.sample)}`);
  return [`Contrast in ${theme} (minimum ${TEXT_MINIMUM}:1 for text, ${BORDER_MINIMUM}:1 for borders)`, row(['element', 'ratio', 'fg', 'bg', 'count']), ...lines].join('\n');
}

describe('contrast', () => {
  it('every text in the chat reaches WCAG AA in Dark Modern, Light Modern and both High Contrast themes', async () => {
    const { server } = world();
    server.reset();
    server.configure({ apiKey: null, tokenDelayMs: 1 });
    let frame = await openChat();
    await setApiKeyThroughCommand('sk-ant-e2e-contrast-key');
    await newChat(frame);
    server.enqueue(thinkingReply('They want a cancellable debounce; keep it generic.', REPLY));
    await sendPrompt(frame, 'Write a cancellable debounce in TypeScript');
    await waitForStatus(frame, 'done');
    // A cited answer: its superscripts, a popover (shown below by focusing a marker) and its Sources.
    server.enqueue(citedAnswer());
    await sendPrompt(frame, 'How should a webview set its content security policy?');
    await frame.locator('[data-testid="sources"]').waitFor({ timeout: 30_000 });
    await waitForStatus(frame, 'done');
    // A tool call whose result is an error (the file does not exist), and the reply after it.
    server.enqueue(
      toolUseReply('str_replace_based_edit_tool', { command: 'view', path: 'missing.ts' }, { id: 'toolu_contrast_1', text: 'Let me look at the file.' }),
      textReply('There is no `missing.ts` in the workspace.'),
    );
    await sendPrompt(frame, 'What is in missing.ts?');
    await frame.locator('[data-testid="message"][data-role="assistant"]', { hasText: 'There is no' }).waitFor({ timeout: 30_000 });
    await waitForStatus(frame, 'done');
    const replies = await frame.locator('[data-testid="message"][data-role="assistant"]').count();
    // An error card: the API refuses the next request (scripted, so nothing is really refused).
    server.enqueue(invalidRequestReply('temperature: range: 0..1'));
    await sendPrompt(frame, 'Now with a temperature of 3');
    await waitForNewReply(frame, replies, 'error');
    await frame.locator('[data-testid="history-toggle"]').click();
    await frame.locator('[data-testid="history-item"]').first().waitFor();
    // The thinking block open, so its text is drawn and measured too.
    const thinking = frame.locator('.block-thinking').first();
    if ((await thinking.getAttribute('open')) === null) await thinking.locator('summary').click();

    const failures: string[] = [];
    for (const theme of THEMES) {
      frame = await useTheme(theme);
      await frame.locator('[data-testid="citation"]').first().focus();
      const result = await frame.evaluate(probeContrast, { targets: TARGETS, minimum: TEXT_MINIMUM });
      // The end of the log (the tool call and the error card) for the person reading the screenshot.
      await frame.evaluate(() => document.querySelector('.log')?.scrollTo({ top: 1e9 }));
      await screenshot(`contrast-${theme.label.toLowerCase().replace(/ /g, '-')}`, 'side-bar');
      console.log(`${report(theme.label, result.figures)}\n  (${result.sweepCount} texts swept, ${result.sweepFailures.length} below ${TEXT_MINIMUM})`);
      for (const f of result.figures) {
        const minimum = TARGETS.find((t) => t.name === f.name)?.kind === 'border' ? BORDER_MINIMUM : TEXT_MINIMUM;
        if (f.count === 0) failures.push(`${theme.label}: ${f.name} is not on screen`);
        else if (f.ratio < minimum) failures.push(`${theme.label}: ${f.name} ${f.ratio.toFixed(2)}:1 (${f.foreground} on ${f.background}, ${JSON.stringify(f.sample)})`);
      }
      // An open chip menu covers the log, so it is measured on its own (its focused item too).
      const chip = frame.locator('[data-testid="effort-select"]');
      await chip.click();
      const menu = await frame.evaluate(probeContrast, { targets: MENU_TARGETS, minimum: TEXT_MINIMUM });
      await frame.locator('[data-testid="effort-select"] + [role="menu"] [aria-checked="true"]').press('Escape');
      console.log(report(`${theme.label}, chip menu`, menu.figures));
      for (const f of menu.figures) {
        if (f.count === 0) failures.push(`${theme.label}: ${f.name} is not on screen`);
        else if (f.ratio < TEXT_MINIMUM) failures.push(`${theme.label}: ${f.name} ${f.ratio.toFixed(2)}:1 (${f.foreground} on ${f.background}, ${JSON.stringify(f.sample)})`);
      }
      for (const f of result.sweepFailures) failures.push(`${theme.label}: ${f.name} ${f.ratio.toFixed(2)}:1 (${f.foreground} on ${f.background}, ${JSON.stringify(f.sample)})`);
    }
    frame = await useTheme(themeNamed('Dark Modern'));
    await frame.locator('[data-testid="history-toggle"]').click();
    assert.deepEqual(failures, [], `below WCAG AA:\n${failures.join('\n')}`);
  });
});
