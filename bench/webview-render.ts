/**
 * Streaming render cost of the chat webview in Chromium: dist/webview.js in a page with the same
 * CSP as the real view, a stubbed `acquireVsCodeApi`, `init`, then N tokens of realistic markdown
 * (prose, lists, tables, code fences) streamed as `blockOps`, one message per frame like the host sends them, then
 * the final `turnUpdated`. For N = 50,000 and 100,000 tokens it prints the wall time, the time
 * spent drawing (the webview's frame callbacks and message handlers, which draw a sparse stream at
 * once; forced layout included), the longest of those, the longest main-thread task
 * (PerformanceObserver 'longtask'), and the ratio of render times 100k/50k. Then the view is
 * rebuilt from an `init` holding the finished reply (as after it was hidden or reloaded), and it
 * prints how long until every block is back and the longest task meanwhile. Goals: no task over
 * 50 ms, streaming or rebuilding; ratio <= ~2.0 (linear).
 *
 * Needs `node esbuild.js` first (dist/webview.js) and Chromium at /usr/bin/chromium.
 */
import * as os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { startTaskTrace, stopTaskTrace } from './taskTrace';
import type { TaskFigures } from './taskTrace';
import { launchChromium, loadWebview, webviewFiles } from './webviewPage';
import type { PageFiles } from './webviewPage';

const SIZES = [50_000, 100_000];
/**
 * Tokens per `blockOps` message, one message per frame: 80 tokens a frame is ~4,800 tokens/s,
 * many times faster than a model streams, so every frame has real work to do.
 */
const TOKENS_PER_MESSAGE = 80;

/** Sections of a plausible long reply; repeated with numbers so no two are identical. */
function section(i: number): string {
  const parts = [
    `## Step ${i}: reading the module\n\nThe function \`load${i}\` reads the configuration, validates it and returns a frozen object. ` +
      `It is called from [the activation code](https://example.com/src/extension.ts#L${i}) once per window, so the cost is paid once. ` +
      `Note that **errors are collected**, not thrown, which keeps the *first* failure from hiding the others.\n\n`,
    `- Parse the file with the tolerant parser (comments and trailing commas allowed).\n- Check every key against the schema; unknown keys produce a warning.\n` +
      `- Merge defaults, user settings and workspace settings, in that order.\n  Workspace values win only for keys marked \`scope: window\`.\n- Freeze the result.\n\n`,
    '```typescript\n' +
      `export function load${i}(text: string): Readonly<Config> {\n` +
      '  const errors: string[] = [];\n' +
      '  const raw = parse(text, errors, { allowTrailingComma: true });\n' +
      '  for (const [key, value] of Object.entries(raw)) {\n' +
      '    if (!(key in schema)) errors.push(`unknown key ${key}`);\n' +
      '    else if (typeof value !== schema[key].type) errors.push(`${key}: expected ${schema[key].type}`);\n' +
      '  }\n' +
      '  return Object.freeze({ ...defaults, ...raw, errors });\n' +
      '}\n```\n\n',
    `| option | default | meaning |\n|---|---|---|\n| \`retries\` | ${i % 5} | how many times to retry |\n| \`timeout\` | ${1000 + i} | milliseconds |\n\n`,
    `1. Run the tests.\n2. Read the failures from the bottom up: the first assertion is usually the cause.\n3. Fix one thing at a time.\n\n`,
    '```python\n' + `def step_${i}(items):\n    """Return the items that changed."""\n    return [item for item in items if item.version > ${i}]\n` + '```\n\n',
    `> A quoted note for step ${i}: keep the public surface small, and document why, not what.\n\n`,
    `In short, step ${i} turns the raw settings into a value the rest of the extension can trust, and the checks above make sure a bad file is reported rather than half-applied.\n\n`,
  ];
  return parts.join('');
}

/** Splits text into ~4-character tokens (a word piece with its leading space), like a tokenizer. */
function tokenize(text: string, limit: number, into: string[]): void {
  const re = /\s*[^\s]{1,4}|\s+/g;
  for (const match of text.matchAll(re)) {
    if (into.length >= limit) return;
    into.push(match[0]);
  }
}

/** N tokens of reply, grouped into the text of each `blockOps` message. */
function batches(tokens: number): string[] {
  const all: string[] = [];
  for (let i = 1; all.length < tokens; i++) tokenize(section(i), tokens, all);
  const out: string[] = [];
  for (let i = 0; i < all.length; i += TOKENS_PER_MESSAGE) out.push(all.slice(i, i + TOKENS_PER_MESSAGE).join(''));
  return out;
}

interface RunResult {
  wallMs: number;
  frameMs: number;
  frames: number;
  longestFrameMs: number;
  longestTaskMs: number;
  longTasks: number;
  violations: string[];
  chars: number;
  domText: number;
  rebuild: RebuildResult;
}

/** The view rebuilt from `init` holding the finished reply (as after the view was hidden or reloaded). */
interface RebuildResult {
  /** Handling `init` itself (a synchronous task). */
  initMs: number;
  /** Until every block of the reply was drawn. */
  doneMs: number;
  frames: number;
  /** The longest piece of the app's work (the `init` handler or one frame callback). */
  longestWorkMs: number;
  /** The longest main-thread task the browser reported (PerformanceObserver 'longtask', > 50 ms only). */
  longestTaskMs: number;
  longTasks: number;
  domText: number;
}

/** Streams the batches into the page, rebuilds the view from the whole reply, and measures (runs in the page). */
async function drive(batchTexts: string[]): Promise<RunResult> {
  interface BenchWindow {
    __frames: { count: number; total: number; max: number };
    /** [startTime, duration] of every long task since the page opened. */
    __longTasks: Array<[number, number]>;
    __violations: string[];
    __raf: (cb: () => void) => number;
  }
  const w = window as unknown as BenchWindow;
  // A message's handler may draw at once (a sparse stream): its time counts as render work too.
  const send = (data: unknown): void => {
    const started = performance.now();
    window.dispatchEvent(new MessageEvent('message', { data }));
    const took = performance.now() - started;
    const f = w.__frames;
    f.count++;
    f.total += took;
    if (took > f.max) f.max = took;
  };
  const nextFrame = (): Promise<void> => new Promise((resolve) => w.__raf(() => resolve()));
  // A check of its own task, after the frame: not counted in the frame's work.
  const afterFrame = async (): Promise<void> => {
    await nextFrame();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const controls = {
    model: 'claude-sonnet-5', models: [{ id: 'claude-sonnet-5', label: 'Claude Sonnet 5' }], effort: 'default', efforts: ['default'],
    thinking: 'auto', thinkingChoices: ['auto', 'on', 'off'], thinkingBudgetTokens: 8000, thinkingBudgetApplies: false, webSearch: false, webFetch: false,
  };
  const totals = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0, cacheHitRate: 0 };
  send({
    type: 'init',
    state: {
      conversationId: 'bench', title: 'Bench', totals, controls, apiKey: 'set', history: [],
      turns: [{ id: 'u1', role: 'user', status: 'done', blocks: [{ type: 'text', text: 'Walk me through the configuration loader.' }] }],
    },
  });
  await nextFrame();
  await nextFrame();
  w.__frames = { count: 0, total: 0, max: 0 };
  performance.mark('bench-stream');
  const start = performance.now();
  send({ type: 'turnAdded', turn: { id: 'a1', role: 'assistant', status: 'streaming', blocks: [] }, requestId: 'r1' });
  send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'set', index: 0, block: { type: 'text', text: '' } }] });
  // One message per frame, as the host sends them (it batches a frame's deltas into one).
  for (const text of batchTexts) {
    send({ type: 'blockOps', requestId: 'r1', turnId: 'a1', ops: [{ op: 'append', index: 0, field: 'text', text }] });
    await nextFrame();
  }
  const full = batchTexts.join('');
  send({
    type: 'turnUpdated',
    turn: {
      id: 'a1', role: 'assistant', status: 'done', stopReason: 'end_turn', blocks: [{ type: 'text', text: full }],
      usage: { input_tokens: 20, output_tokens: batchTexts.length * 80 },
    },
    totals,
  });
  await nextFrame();
  await nextFrame();
  const wallMs = performance.now() - start;
  const streamed = { ...w.__frames };
  // Long-task entries are delivered asynchronously; give the observer a moment.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const chunkSelector = '[data-turn-id="a1"] .md-chunk';
  const text = document.querySelector('[data-role="assistant"] [data-block-type="text"]')?.textContent ?? '';
  const chunks = document.querySelectorAll(chunkSelector).length;

  // The rebuild: the same reply from `init`, drawn (in slices, over frames) until every block is back.
  w.__frames = { count: 0, total: 0, max: 0 };
  performance.mark('bench-rebuild');
  const rebuildStart = performance.now();
  send({
    type: 'init',
    state: {
      conversationId: 'bench', title: 'Bench', totals, controls, apiKey: 'set', history: [],
      turns: [{ id: 'a1', role: 'assistant', status: 'done', stopReason: 'end_turn', blocks: [{ type: 'text', text: full }] }],
    },
  });
  const initMs = performance.now() - rebuildStart;
  let rebuildFrames = 0;
  while (document.querySelectorAll(chunkSelector).length < chunks && rebuildFrames < 5000) {
    await afterFrame();
    rebuildFrames++;
  }
  const doneMs = performance.now() - rebuildStart;
  await new Promise((resolve) => setTimeout(resolve, 100));
  // A task belongs to the span it ends in (the task that starts the rebuild began before it).
  const tasksFrom = (from: number, to: number): number[] => w.__longTasks.filter(([at, d]) => at + d > from && at + d <= to).map(([, duration]) => duration);
  const streamTasks = tasksFrom(start, rebuildStart);
  const rebuildTasks = tasksFrom(rebuildStart, Infinity);
  return {
    wallMs,
    frameMs: streamed.total,
    frames: streamed.count,
    longestFrameMs: streamed.max,
    longestTaskMs: Math.max(0, ...streamTasks),
    longTasks: streamTasks.length,
    violations: w.__violations,
    chars: full.length,
    domText: text.length,
    rebuild: {
      initMs, doneMs, frames: rebuildFrames, longestWorkMs: w.__frames.max,
      longestTaskMs: Math.max(0, ...rebuildTasks), longTasks: rebuildTasks.length,
      domText: (document.querySelector('[data-role="assistant"] [data-block-type="text"]')?.textContent ?? '').length,
    },
  };
}

async function run(browser: Browser, page: Page, files: PageFiles, tokens: number): Promise<RunResult & { cpu: TaskFigures[] }> {
  await loadWebview(page, files);
  await startTaskTrace(browser, page);
  const result = await page.evaluate(drive, batches(tokens));
  const cpu = await stopTaskTrace(browser, [{ from: 'bench-stream', to: 'bench-rebuild' }, { from: 'bench-rebuild' }]);
  return { ...result, cpu };
}

const cpuLine = (figures: TaskFigures | undefined): string =>
  figures ? `longest task by CPU time ${fmt(figures.longestCpuMs)} (wall ${fmt(figures.longestWallMs)}), ${figures.overBudget} over 50 ms of CPU` : 'no trace';

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

/** Prints the webview streaming render figures for 50k and 100k tokens. */
export async function benchWebviewRender(): Promise<void> {
  const load = os.loadavg()[0] ?? 0;
  console.log(`webview render: streaming markdown into dist/webview.js in headless Chromium (load average ${load.toFixed(1)} on ${os.cpus().length} CPUs; task times are wall-clock and grow with load)`);
  const files = webviewFiles(process.cwd());
  if (typeof files === 'string') {
    console.log(`  ${files}`);
    return;
  }
  const browser = await launchChromium();
  try {
    const results = new Map<number, RunResult & { cpu: TaskFigures[] }>();
    for (const tokens of SIZES) {
      // A fresh page per size, so one run's DOM and heap do not weigh on the next.
      const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
      const page = await context.newPage();
      const result = await run(browser, page, files, tokens);
      await context.close();
      results.set(tokens, result);
      const r = result.rebuild;
      console.log(
        `  ${tokens.toLocaleString('en-US')} tokens (${(result.chars / 1024).toFixed(0)} KB, ${Math.ceil(tokens / TOKENS_PER_MESSAGE)} blockOps): ` +
          `wall ${fmt(result.wallMs)}, render ${fmt(result.frameMs)} in ${result.frames} draws (message handlers and frame callbacks), ` +
          `longest draw ${fmt(result.longestFrameMs)}, longest task ${result.longTasks > 0 ? fmt(result.longestTaskMs) : 'none over 50 ms'} ` +
          `(${result.longTasks} long tasks), ${cpuLine(result.cpu[0])}, CSP violations ${result.violations.length}${result.violations.length ? `: ${result.violations.slice(0, 3).join('; ')}` : ''}` +
          `${result.domText < result.chars * 0.8 ? ' [WARNING: rendered text is shorter than the reply]' : ''}`,
      );
      console.log(
        `    rebuild from init: init handler ${fmt(r.initMs)}, all drawn after ${fmt(r.doneMs)} (${r.frames} frames), longest piece of work ${fmt(r.longestWorkMs)}, ` +
          `longest task ${r.longTasks > 0 ? fmt(r.longestTaskMs) : 'none over 50 ms'} (${r.longTasks} long tasks), ${cpuLine(result.cpu[1])} (goal: none over 50 ms)` +
          `${r.domText !== result.domText ? ` [WARNING: rebuilt text is ${r.domText} characters, streamed ${result.domText}]` : ''}`,
      );
    }
    const small = results.get(SIZES[0] ?? 0);
    const large = results.get(SIZES[1] ?? 0);
    if (small && large) {
      const longest = Math.max(small.longestTaskMs, large.longestTaskMs, small.longestFrameMs, large.longestFrameMs);
      const rebuildLongest = Math.max(small.rebuild.longestTaskMs, large.rebuild.longestTaskMs, small.rebuild.longestWorkMs, large.rebuild.longestWorkMs);
      const cpu = (span: number): number => Math.max(small.cpu[span]?.longestCpuMs ?? NaN, large.cpu[span]?.longestCpuMs ?? NaN);
      console.log(
        `  ratio 100k/50k: render ${(large.frameMs / small.frameMs).toFixed(2)}, wall ${(large.wallMs / small.wallMs).toFixed(2)} (goal <= ~2.0); ` +
          `longest main-thread work ${fmt(longest)} while streaming, ${fmt(rebuildLongest)} while rebuilding (wall clock); ` +
          `longest task by CPU time ${fmt(cpu(0))} while streaming, ${fmt(cpu(1))} while rebuilding (goal <= 50 ms)`,
      );
    }
  } finally {
    await browser.close();
  }
}
