/** Banners above the conversation: the missing-key prompt and the host's notices. */
import { actionButton, h } from '../dom';

/** The friendly "no API key yet" banner with its Set API key button. */
export function apiKeyBanner(doc: Document): HTMLElement {
  return h(
    doc,
    'div',
    { class: 'banner', 'data-testid': 'api-key-banner', role: 'status' },
    h(doc, 'div', { class: 'banner-text' }, 'Claude Messages needs an API key to talk to Claude. It is kept in VS Code’s Secret Storage, never in settings.'),
    actionButton(doc, 'set-api-key', 'Set API key', 'Set the API key', { 'data-testid': 'set-api-key', class: 'button primary' }),
  );
}

/** A notice from the host, dismissable. */
export function noticeElement(doc: Document, level: 'info' | 'warning', message: string): HTMLElement {
  return h(
    doc,
    'div',
    { class: `notice notice-${level}`, 'data-testid': 'notice', 'data-level': level, role: level === 'warning' ? 'alert' : 'status' },
    h(doc, 'span', { class: 'notice-text' }, message),
    actionButton(doc, 'dismiss-notice', '✕', 'Dismiss', { class: 'icon-button' }),
  );
}
