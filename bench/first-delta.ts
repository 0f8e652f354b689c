/**
 * First delta to DOM: the time from the test server writing a reply's first `text_delta` to that
 * text being in the chat webview's DOM, end to end, over RUNS runs. The project's strict test server
 * (test/server) streams the SSE; the real client (src/common/anthropic) and the real ChatSession /
 * ConversationTranscript (src/common/chat, with the host's frame timer) turn it into host -> view
 * messages; they are delivered into Chromium running dist/webview.js (page.evaluate dispatching a
 * `message` event, in order, as VS Code's postMessage does); a MutationObserver in the page stamps
 * when the text appears. One clock: epoch ms (`performance.timeOrigin + performance.now()`) on
 * both sides, the server stamping when the delta's bytes were handed to the socket.
 *
 * In the same run, alternating with it, a minimal pipeline: a raw socket reads the same kind of
 * reply from the same server, and the first delta's text goes through the same delivery into a
 * blank page as `textContent`. Its median is the floor this machine sets; the ratio says how far
 * above it the extension is. Goal (issue 11): median <= 20 ms.
 */
import * as fs from 'node:fs/promises';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { MessagesClient } from '../src/common/anthropic/client';
import { ChatSession } from '../src/common/chat/chatSession';
import { ConversationLibrary } from '../src/common/chat/conversationLibrary';
import { frameTimer } from '../src/common/chat/frameTimer';
import type { ChatBackend } from '../src/common/chat/ports';
import { toViewError } from '../src/common/chat/viewError';
import { fallbackPrices } from '../src/common/conversation/pricing';
import { ConversationStore } from '../src/common/conversation/store';
import type { ChatControls, HostToWebview } from '../src/common/protocol';
import { startTestServer, textReply } from '../test/server/server';
import type { TestServer } from '../test/server/server';
import { launchChromium, loadWebview, webviewFiles } from './webviewPage';

const RUNS = 20;
const GOAL_MS = 20;
const MODEL = 'claude-sonnet-5';
const ANTHROPIC_VERSION = '2023-06-01';
/** Between events, as the test server's default reply paces them (a model's streaming pace). */
const EVENT_DELAY_MS = 15;

const CONTROLS: ChatControls = {
  model: MODEL, models: [{ id: MODEL, label: 'Claude Sonnet 5' }], effort: 'default', efforts: ['default'],
  thinking: 'auto', thinkingChoices: ['auto', 'on', 'off'], thinkingBudgetTokens: 8000, thinkingBudgetApplies: false,
  webSearch: false, webFetch: false, codeExecution: false, defaultModel: MODEL,
};

/** A reply whose first text delta is `marker`, then some markdown. */
function reply(marker: string): ReturnType<typeof textReply> {
  const text = `${marker} is the first word. Then **a short paragraph** with \`code\` and a list:\n\n- one\n- two\n\nand a closing line.`;
  return textReply(text, { delayMs: EVENT_DELAY_MS });
}

/** Host -> page delivery: one `message` event per post, in order, a structured copy as postMessage makes. */
class PageChannel {
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  constructor(private readonly page: Page) {}

  post(message: unknown): void {
    if (this.closed) return;
    const copy = JSON.parse(JSON.stringify(message)) as unknown;
    this.chain = this.chain.then(() => this.page.evaluate((data) => void window.dispatchEvent(new MessageEvent('message', { data })), copy));
  }

  drained(): Promise<void> {
    return this.chain;
  }

  /** Drops what is posted from now on (the page is about to close). */
  close(): void {
    this.closed = true;
  }
}

/** Starts watching for `marker` in the page's text at `selector`; `seenAt()` waits for the stamp. */
async function watchFor(page: Page, selector: string, marker: string): Promise<() => Promise<number>> {
  await page.evaluate(([sel, text]) => {
    const w = window as unknown as { __seenAt?: number };
    w.__seenAt = undefined;
    const observer = new MutationObserver(() => {
      if (!(document.querySelector(sel)?.textContent ?? '').includes(text)) return;
      w.__seenAt = performance.timeOrigin + performance.now();
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  }, [selector, marker] as const);
  return async () => {
    const handle = await page.waitForFunction(() => (window as unknown as { __seenAt?: number }).__seenAt, undefined, { timeout: 10_000 });
    return (await handle.jsonValue()) as number;
  };
}

/** The extension's pipeline: a chat session whose view is the page. */
async function extensionPipeline(server: TestServer, page: Page, dir: string): Promise<{ session: ChatSession; channel: PageChannel }> {
  const channel = new PageChannel(page);
  const post = (message: HostToWebview): void => channel.post(message);
  const client = new MessagesClient({ baseUrl: server.url, apiKey: server.config.apiKey ?? 'test-key', authHeader: 'x-api-key', anthropicVersion: ANTHROPIC_VERSION, betas: [], maxRetries: 0 });
  const backend: ChatBackend = {
    createClient: () => Promise.resolve(client),
    buildRequest: (model, messages) => ({ body: { model, max_tokens: 1024, stream: true, messages }, warnings: [] }),
    defaultModel: () => MODEL,
    cacheTtl: () => undefined,
    maxToolRounds: () => 1,
    acceptsPrefill: () => false,
    toViewError,
    warn: () => undefined,
  };
  const library = new ConversationLibrary({ store: new ConversationStore(dir), prices: fallbackPrices, onHistory: (history) => post({ type: 'history', history }), warn: () => undefined });
  let ids = 0;
  const session = new ChatSession({
    backend,
    view: { post, schedule: frameTimer(), paceClock: () => performance.now(), controls: () => CONTROLS, apiKey: () => 'set' },
    library,
    prices: fallbackPrices,
    clock: { newId: () => `bench${++ids}`, now: () => Date.now() },
  });
  return { session, channel };
}

/** One run of the extension's pipeline: a new chat, one question, the reply's first delta timed. */
async function extensionRun(server: TestServer, page: Page, pipeline: { session: ChatSession; channel: PageChannel }, marker: string): Promise<number> {
  await pipeline.session.newChat();
  await pipeline.channel.drained();
  const seenAt = await watchFor(page, '[data-role="assistant"] [data-block-type="text"]', marker);
  server.enqueue(reply(marker));
  const sent = server.replies.length;
  await pipeline.session.send('Say something.');
  await pipeline.channel.drained();
  return (await seenAt()) - firstDeltaAt(server, sent);
}

/** One run of the minimal pipeline: raw socket -> the same delivery -> textContent. */
async function minimalRun(server: TestServer, page: Page, marker: string): Promise<number> {
  const channel = new PageChannel(page);
  const seenAt = await watchFor(page, '#raw', marker);
  server.enqueue(reply(marker));
  const sent = server.replies.length;
  await rawFirstDelta(server, (text) => channel.post({ text }));
  await channel.drained();
  return (await seenAt()) - firstDeltaAt(server, sent);
}

function firstDeltaAt(server: TestServer, index: number): number {
  const at = server.replies[index]?.firstTextDeltaAt;
  if (at === undefined) throw new Error(`the test server sent no text_delta for request ${index}`);
  return at;
}

/** Streams a reply over a plain socket and hands the first text_delta's text to `onText`. */
function rawFirstDelta(server: TestServer, onText: (text: string) => void): Promise<void> {
  const body = JSON.stringify({ model: MODEL, max_tokens: 1024, stream: true, messages: [{ role: 'user', content: 'Say something.' }] });
  return new Promise((resolve, reject) => {
    const request = http.request(`${server.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': server.config.apiKey ?? 'test-key', 'anthropic-version': ANTHROPIC_VERSION },
    }, (response) => {
      let buffer = '';
      let found = false;
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        if (found) return;
        buffer += chunk;
        const match = /^data: (\{"type":"content_block_delta".*"text_delta".*)$/m.exec(buffer);
        if (!match?.[1]) return;
        found = true;
        onText((JSON.parse(match[1]) as { delta: { text: string } }).delta.text);
      });
      response.on('end', () => resolve());
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

const fmt = (ms: number): string => `${ms.toFixed(1)} ms`;

function summary(values: readonly number[]): string {
  return `median ${fmt(percentile(values, 50))}, p90 ${fmt(percentile(values, 90))}, min ${fmt(Math.min(...values))}, max ${fmt(Math.max(...values))}`;
}

/** Prints first-delta-to-DOM figures for the extension and for the minimal pipeline. */
export async function benchFirstDelta(): Promise<void> {
  console.log(`first delta to DOM: test server -> client -> ChatSession -> Chromium (dist/webview.js), ${RUNS} runs, events ${EVENT_DELAY_MS} ms apart (load average ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} CPUs)`);
  const files = webviewFiles(process.cwd());
  if (typeof files === 'string') {
    console.log(`  ${files}`);
    return;
  }
  const server = await startTestServer();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-bench-'));
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    await loadWebview(page, files);
    // A context (window) of its own: a second tab would be in the background, where Chromium
    // runs no animation frames.
    const minimalPage = await (await browser.newContext()).newPage();
    await minimalPage.setContent('<!DOCTYPE html><html><body><div id="raw"></div></body></html>');
    await minimalPage.evaluate(() => window.addEventListener('message', (event: MessageEvent<{ text: string }>) => {
      const el = document.getElementById('raw');
      if (el) el.textContent = event.data.text;
    }));
    const pipeline = await extensionPipeline(server, page, dir);
    // One unmeasured run each: the first reply pays for cold code on both sides.
    await minimalRun(server, minimalPage, 'Warmup');
    await extensionRun(server, page, pipeline, 'Warmup');
    const extension: number[] = [];
    const minimal: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      minimal.push(await minimalRun(server, minimalPage, `Marker${i}`));
      extension.push(await extensionRun(server, page, pipeline, `Marker${i}`));
    }
    const refused = server.takeRefused();
    const ratio = percentile(extension, 50) / percentile(minimal, 50);
    console.log(`  extension:        ${summary(extension)}`);
    console.log(`  minimal pipeline: ${summary(minimal)}`);
    console.log(`  ratio of medians ${ratio.toFixed(1)}x; extension median ${fmt(percentile(extension, 50))} (goal <= ${GOAL_MS} ms)${refused.length ? `; REFUSED by the test server: ${refused.map((r) => r.message).join('; ')}` : ''}`);
    await pipeline.session.newChat();
    await pipeline.channel.drained();
    pipeline.channel.close();
  } finally {
    await browser.close();
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
}
