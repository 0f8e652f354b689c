/**
 * Errors and retries: `[data-testid="error"]` with the human message, HTTP status and request id,
 * and the retry countdown the host announces before it retries on its own.
 */
import type { ViewError } from '../../common/protocol';
import { actionButton, h } from '../dom';
import type { WebviewWindow } from '../dom';

/** The error shown in a turn; Retry (and Set API key for auth failures) only on the latest turn. */
export function errorElement(doc: Document, error: ViewError, latest: boolean): HTMLElement {
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
  if (latest) {
    const actions = h(doc, 'div', { class: 'actions' }, actionButton(doc, 'retry', 'Retry', 'Send the request again', { 'data-testid': 'retry' }));
    if (error.status === 401 || error.kind === 'authentication') {
      actions.append(actionButton(doc, 'set-api-key', 'Set API key', 'Store a new API key'));
    }
    el.append(actions);
  }
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
