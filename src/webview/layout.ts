/** The page skeleton: toolbar, history, banners, the message log, totals and the composer. */
import { h } from './dom';

/** The fixed elements the app fills in. */
export interface Layout {
  root: HTMLElement;
  historyToggle: HTMLButtonElement;
  toolbar: HTMLElement;
  historySlot: HTMLElement;
  banners: HTMLElement;
  notices: HTMLElement;
  log: HTMLElement;
  turns: HTMLElement;
  empty: HTMLElement;
  retrySlot: HTMLElement;
  jump: HTMLButtonElement;
  totals: HTMLElement;
  composerSlot: HTMLElement;
}

/** Builds the skeleton inside `root` (replacing whatever was there). */
export function buildLayout(doc: Document, root: HTMLElement): Layout {
  const historyToggle = h(doc, 'button', {
    type: 'button',
    class: 'icon-button history-toggle',
    'data-testid': 'history-toggle',
    title: 'Show conversation history',
    'aria-label': 'Show conversation history',
    'aria-expanded': 'false',
  }, 'History');
  // The one New Chat of the view. VS Code's own chat, Copilot and Continue put theirs at the top
  // of the view; the contract wants it inside the webview (data-testid="new-chat"), so it sits
  // here, first in the toolbar, and the view's title bar no longer repeats it (package.json).
  // Posted through click delegation (clicks.ts `new-chat`), like the error card's New chat.
  const newChat = h(doc, 'button', {
    type: 'button',
    class: 'icon-button new-chat',
    'data-testid': 'new-chat',
    'data-action': 'new-chat',
    title: 'New chat (Claude Messages: New Chat)',
    'aria-label': 'New chat',
  }, '+ New chat');
  const toolbar = h(doc, 'div', { class: 'toolbar' }, newChat, historyToggle);
  const historySlot = h(doc, 'div', { class: 'history-slot' });
  const banners = h(doc, 'div', { class: 'banners' });
  const notices = h(doc, 'div', { class: 'notices', 'aria-live': 'polite' });
  const turns = h(doc, 'div', { class: 'turns' });
  const empty = h(doc, 'div', { class: 'empty-state', 'data-testid': 'empty-state' }, 'Ask Claude about your code. Type @ to attach a workspace file, paste an image, drop files here with Shift held, or select code and run “Explain Selection” to bring it here with its file and lines.');
  const retrySlot = h(doc, 'div', { class: 'retry-slot' });
  const log = h(doc, 'main', { class: 'log', 'data-testid': 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: 0 }, empty, turns, retrySlot);
  const jump = h(doc, 'button', { type: 'button', class: 'jump-latest button', 'data-testid': 'jump-latest', title: 'Jump to the latest message', 'aria-label': 'Jump to the latest message' }, '↓ Latest');
  const totals = h(doc, 'div', { class: 'totals', 'data-testid': 'totals', 'aria-label': 'Conversation totals' });
  const composerSlot = h(doc, 'div', { class: 'composer-slot' });
  // The composer comes right after the toolbar in the page, so it is the first Tab stop after the
  // toolbar's controls (not after every button of a long conversation); CSS `order` still draws
  // it at the bottom (media/chat.css, "page order").
  root.replaceChildren(
    toolbar,
    h(doc, 'footer', { class: 'footer' }, totals, composerSlot),
    historySlot,
    banners,
    notices,
    h(doc, 'div', { class: 'log-wrap' }, log, jump),
  );
  root.classList.add('chat');
  return { root, historyToggle, toolbar, historySlot, banners, notices, log, turns, empty, retrySlot, jump, totals, composerSlot };
}
