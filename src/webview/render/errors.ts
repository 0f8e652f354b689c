/**
 * Errors and retries: `[data-testid="error"]` with the human message, HTTP status and request id,
 * and the retry countdown the host announces before it retries on its own.
 */
import type { ViewError } from '../../common/protocol';
import { actionButton, h } from '../dom';
import type { WebviewWindow } from '../dom';

/** Kinds fixed by storing a (new) key: the key was refused, or none is set. */
const KEY_KINDS: ReadonlySet<string> = new Set(['authentication_error', 'authentication', 'missing_key']);
/**
 * Kinds that the same request can never get past, whatever is changed first: the conversation
 * itself is too large. A new chat helps; Retry would only send it again.
 */
const NEW_CHAT_KINDS: ReadonlySet<string> = new Set(['request_too_large']);
/** Kinds about the endpoint, the auth header or the key: Test Connection checks all three at once. */
const CONNECTION_KINDS: ReadonlySet<string> = new Set(['authentication_error', 'permission_error', 'not_found_error', 'not_messages_endpoint', 'redirect', 'connection_error']);

function retryButton(doc: Document): HTMLButtonElement {
  return actionButton(doc, 'retry', 'Retry', 'Send the request again', { 'data-testid': 'retry' });
}

/**
 * What the error's card offers, on the latest turn only: Set API Key where a key fixes it, Open
 * Setting where the host named the setting at fault, Test Connection where the endpoint, header or
 * key may be wrong, New chat where only a smaller conversation helps, and Retry only where sending
 * the same request again can work: a passing failure, or one with nothing better to offer. A fixed
 * error gets its Retry once the fix is in (the collapsed note, fixedElement).
 */
function errorActions(doc: Document, error: ViewError): HTMLElement {
  const actions = h(doc, 'div', { class: 'actions' });
  if (NEW_CHAT_KINDS.has(error.kind)) {
    actions.append(actionButton(doc, 'new-chat', 'New chat', 'Start a new conversation (this one is too large to send)'));
    return actions;
  }
  const keyFix = error.status === 401 || KEY_KINDS.has(error.kind);
  if (error.retryable || (!keyFix && !error.setting)) actions.append(retryButton(doc));
  if (keyFix) actions.append(actionButton(doc, 'set-api-key', 'Set API Key', 'Store a new API key'));
  if (error.setting) {
    actions.append(actionButton(doc, 'open-setting', 'Open Setting', `Open the setting ${error.setting}`, { 'data-setting': error.setting }));
  }
  if (CONNECTION_KINDS.has(error.kind)) {
    actions.append(actionButton(doc, 'test-connection', 'Test Connection', 'Test the base URL, auth header and key with one cheap request'));
  }
  return actions;
}

/** An error whose cause has since been fixed: one line ("Fixed: a key is set — Retry"), the error folded under it. */
function fixedElement(doc: Document, error: ViewError & { fixed: string }, latest: boolean): HTMLElement {
  return h(
    doc,
    'div',
    { class: 'error error-fixed', 'data-testid': 'error', 'data-kind': error.kind, 'data-fixed': 'true' },
    // The dash stays with the words, so a narrow sidebar wraps before the button, not before the dash.
    h(doc, 'div', { class: 'error-fixed-line' }, h(doc, 'span', { class: 'error-fixed-note' }, `Fixed: ${error.fixed}${latest ? ' — ' : ''}`), latest && retryButton(doc)),
    h(doc, 'details', { class: 'error-fixed-details' }, h(doc, 'summary', {}, 'The error'), h(doc, 'div', { class: 'error-message' }, error.message)),
  );
}

/** The error shown in a turn, with its actions (errorActions) on the latest turn; collapsed once fixed. */
export function errorElement(doc: Document, error: ViewError, latest: boolean): HTMLElement {
  if (error.fixed) return fixedElement(doc, { ...error, fixed: error.fixed }, latest);
  const details: string[] = [];
  if (error.status !== undefined) details.push(`HTTP ${error.status}`);
  if (error.requestId) details.push(`request id ${error.requestId}`);
  const el = h(
    doc,
    'div',
    { class: 'error', 'data-testid': 'error', role: 'alert', 'data-kind': error.kind },
    h(doc, 'div', { class: 'error-message' }, error.message),
    details.length > 0 && h(doc, 'div', { class: 'error-details' }, details.join(' · ')),
  );
  if (latest) el.append(errorActions(doc, error));
  return el;
}

/**
 * "Retrying in 3 s (attempt 2)…" with Cancel; counts down by itself and is removed by the app
 * once the request makes progress, ends, or is cancelled.
 */
export class RetryCountdown {
  readonly el: HTMLElement;
  private readonly text: HTMLElement;
  private timer: number | undefined;

  constructor(
    private readonly win: WebviewWindow,
    readonly requestId: string,
    private readonly attempt: number,
    delayMs: number,
    reason: string,
  ) {
    const doc = win.document;
    this.text = h(doc, 'span', { class: 'retry-text' });
    this.el = h(
      doc,
      'div',
      { class: 'retrying', 'data-testid': 'retrying', role: 'status' },
      this.text,
      reason && h(doc, 'span', { class: 'retry-reason' }, ` ${reason}`),
      ' ',
      actionButton(doc, 'cancel-retry', 'Cancel', 'Cancel the retry', { 'data-request-id': requestId }),
    );
    const deadline = Date.now() + delayMs;
    const tick = (): void => {
      const seconds = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
      this.text.textContent = seconds > 0 ? `Retrying in ${seconds} s (attempt ${this.attempt})…` : `Retrying now (attempt ${this.attempt})…`;
      if (seconds === 0) this.stopTimer();
    };
    tick();
    this.timer = win.setInterval(tick, 250);
  }

  /** Stops counting and removes the element. */
  dispose(): void {
    this.stopTimer();
    this.el.remove();
  }

  private stopTimer(): void {
    if (this.timer !== undefined) this.win.clearInterval(this.timer);
    this.timer = undefined;
  }
}
