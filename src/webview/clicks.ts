/**
 * Click delegation for the whole page. Views render buttons that carry their action in
 * `data-action` (dom.ts `actionButton`) instead of each holding a listener, so a view can be
 * redrawn any number of times without leaking handlers; one listener here turns the action into
 * a host message. Links never navigate: web links are posted as `openLink` for the host to open.
 */
import type { WebviewWindow } from './dom';
import { isWebUrl } from './format';
import type { Post } from './vscodeApi';

/** What clicks on a message do that stays in the page (the host is told only when something is sent). */
export interface MessageClicks {
  /** The Markdown of a turn, for Copy. */
  text(turnId: string): string;
  /** Edit on a question: open its inline editor. */
  edit(turnId: string): void;
  /** The version pager of a reply. */
  page(turnId: string, direction: 'version-prev' | 'version-next'): void;
}

/** Listens to every click in `win`'s document, in the capture phase so links are stopped first. */
export function delegateClicks(win: WebviewWindow, post: Post, messages: MessageClicks): void {
  const doc = win.document;
  doc.addEventListener('click', (event) => onClick(win, post, event, messages), true);
  // Middle-click and the like would open links outside the host's control.
  doc.addEventListener('auxclick', (event) => {
    if (event.target instanceof win.Element && event.target.closest('a')) event.preventDefault();
  }, true);
}

function onClick(win: WebviewWindow, post: Post, event: MouseEvent, messages: MessageClicks): void {
  const target = event.target;
  if (!(target instanceof win.Element)) return;
  const link = target.closest('a');
  if (link) {
    event.preventDefault();
    const href = link.getAttribute('href');
    if (isWebUrl(href)) post({ type: 'openLink', url: new URL(href).href });
    return;
  }
  const button = target.closest<HTMLElement>('[data-action]');
  if (!button || (button instanceof win.HTMLButtonElement && button.disabled)) return;
  const action = button.getAttribute('data-action');
  const turnId = button.getAttribute('data-turn-id') ?? '';
  if (action === 'copy-message') {
    post({ type: 'copyCode', code: messages.text(turnId) });
    button.classList.add('copied');
    win.setTimeout(() => button.classList.remove('copied'), 1200);
  } else if (action === 'edit-message') messages.edit(turnId);
  else if (action === 'version-prev' || action === 'version-next') messages.page(turnId, action);
  else if (action === 'regenerate') {
    post({ type: 'regenerate', turnId });
    // The reply (and this button) is redrawn: the focus waits in the prompt, as after a message.
    win.document.querySelector<HTMLElement>('[data-testid="prompt"]')?.focus();
  }
  else runAction(win, post, button);
}

function runAction(win: WebviewWindow, post: Post, button: HTMLElement): void {
  const action = button.getAttribute('data-action');
  switch (action) {
    case 'copy-code':
    case 'insert-code': {
      const code = button.closest('.code-block')?.querySelector('pre code')?.textContent ?? '';
      post(action === 'copy-code' ? { type: 'copyCode', code } : { type: 'insertCode', code });
      if (action === 'copy-code') flash(win, button, 'Copied');
      return;
    }
    case 'retry':
      post({ type: 'retry' });
      return;
    case 'continue':
      post({ type: 'continue' });
      return;
    case 'cancel-retry':
      post({ type: 'cancelRetry', requestId: button.getAttribute('data-request-id') ?? '' });
      return;
    case 'set-api-key':
      post({ type: 'setApiKey' });
      return;
    case 'new-chat':
      post({ type: 'newChat' });
      return;
    case 'open-setting':
      post({ type: 'openSetting', setting: button.getAttribute('data-setting') ?? '' });
      return;
    case 'test-connection':
      post({ type: 'testConnection' });
      return;
    case 'dismiss-notice':
      button.closest('.notice')?.remove();
      return;
    case 'pick-files':
      post({ type: 'pickFiles' });
      return;
    case 'open-attachment':
    case 'remove-attachment': {
      const id = button.getAttribute('data-attachment-id') ?? '';
      post(action === 'open-attachment' ? { type: 'openAttachment', id } : { type: 'removeAttachment', id });
      return;
    }
    case 'open-citation':
      post({
        type: 'openCitation',
        turnId: button.getAttribute('data-turn-id') ?? '',
        blockIndex: Number(button.getAttribute('data-block-index')),
        citationIndex: Number(button.getAttribute('data-citation-index')),
      });
      return;
  }
}

/** Briefly relabels a button ("Copied"). */
function flash(win: WebviewWindow, button: HTMLElement, label: string): void {
  const original = button.textContent ?? '';
  button.textContent = label;
  win.setTimeout(() => {
    button.textContent = original;
  }, 1200);
}
