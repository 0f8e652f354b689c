/**
 * The chat webview in headless Chromium, shared by the benches that drive it: dist/webview.js and
 * media/chat.css served from a fake origin into a page with the same CSP as the real view, a
 * stubbed `acquireVsCodeApi`, a frame-callback timer around requestAnimationFrame (the app draws
 * from frame callbacks), a long-task observer and a CSP violation log.
 *
 * Needs `node esbuild.js` first (dist/webview.js) and Chromium at /usr/bin/chromium.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const ORIGIN = 'http://webview.bench';
const NONCE = 'benchnonce';

export type PageFiles = Record<string, { body: string; type: string }>;

function pageHtml(): string {
  const csp = `default-src 'none'; script-src 'nonce-${NONCE}'; style-src ${ORIGIN}; img-src ${ORIGIN} https: data:; font-src ${ORIGIN}`;
  // The stub runs before the bundle: the VS Code API, a frame-callback timer around
  // requestAnimationFrame, the long-task observer and a CSP violation log (the app must not need
  // inline styles).
  const stub = `
    window.__posted = [];
    window.__violations = [];
    window.__frames = { count: 0, total: 0, max: 0 };
    window.__longTasks = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || e.sample || '')));
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: 'longtask', buffered: true });
    const raf = window.requestAnimationFrame.bind(window);
    window.__raf = raf;
    window.requestAnimationFrame = (cb) => raf((t) => {
      const start = performance.now();
      try { cb(t); } finally {
        const d = performance.now() - start;
        const f = window.__frames; f.count++; f.total += d; if (d > f.max) f.max = d;
      }
    });
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => undefined, setState: () => undefined });
  `;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" href="${ORIGIN}/chat.css"></head>
<body><div id="app"></div>
<script nonce="${NONCE}">${stub}</script>
<script nonce="${NONCE}" src="${ORIGIN}/webview.js"></script></body></html>`;
}

/**
 * The page's files, or why the bench cannot run (Chromium or the bundle missing), as a line to
 * print in place of its figures.
 */
export function webviewFiles(root: string): PageFiles | string {
  const bundle = path.join(root, 'dist', 'webview.js');
  if (!fs.existsSync(CHROMIUM)) return `skipped: Chromium is not installed at ${CHROMIUM} (apt-get install -y chromium)`;
  if (!fs.existsSync(bundle)) return `skipped: ${bundle} is missing; run \`node esbuild.js\` first`;
  return {
    'index.html': { body: pageHtml(), type: 'text/html' },
    'webview.js': { body: fs.readFileSync(bundle, 'utf8'), type: 'text/javascript' },
    'chat.css': { body: fs.readFileSync(path.join(root, 'media', 'chat.css'), 'utf8'), type: 'text/css' },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}

/** Serves the files from the fake origin into `page` and waits for the view to be up. */
export async function loadWebview(page: Page, files: PageFiles): Promise<void> {
  await page.route(`${ORIGIN}/**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(1) || 'index.html';
    const file = files[name];
    return file ? route.fulfill({ status: 200, body: file.body, contentType: file.type }) : route.fulfill({ status: 404, body: '' });
  });
  await page.goto(`${ORIGIN}/index.html`);
  await page.waitForSelector('[data-testid="prompt"]');
}
