/**
 * The chat webview's entry point (bundled to dist/webview.js): acquires the VS Code API, builds the
 * app and says `ready`; the host answers with `init` and streams the rest.
 */
import { ChatApp } from './app';
import type { VsCodeApi } from './vscodeApi';

declare function acquireVsCodeApi(): VsCodeApi;

new ChatApp(window, acquireVsCodeApi()).start();
