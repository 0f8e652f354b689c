/** Banners above the conversation: the unreadable-keychain warning and the host's notices. */
import type { ApiKeyState } from '../../common/protocol';
import { actionButton, h } from '../dom';

/**
 * The banner for a keychain that failed, if it did: no button, since setting the key would fail the
 * same way; the host's notification says how to fix the keyring. A key that is simply missing gets
 * the setup card instead (setupPanel.ts), which holds the Enter API key button.
 */
export function apiKeyBanner(doc: Document, state: ApiKeyState): HTMLElement | undefined {
  if (state !== 'unreadable') return undefined;
  return h(
    doc,
    'div',
    { class: 'banner', 'data-testid': 'key-unreadable-banner', role: 'alert' },
    h(doc, 'div', { class: 'banner-text' }, 'The API key could not be read from the system keychain (is the keyring locked or not running?). Unlock or start it, then send again.'),
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
