/** Banners above the conversation: the missing-key prompt and the host's notices. */
import type { ApiKeyState } from '../../common/protocol';
import { actionButton, h } from '../dom';

/**
 * The banner for the key's state, if it needs one: the friendly "no API key yet" prompt with its
 * Set API key button, or, when the keychain failed, no button at all, since setting the key would
 * fail the same way; the host's notification says how to fix the keyring.
 */
export function apiKeyBanner(doc: Document, state: ApiKeyState): HTMLElement | undefined {
  if (state === 'set') return undefined;
  if (state === 'unreadable') {
    return h(
      doc,
      'div',
      { class: 'banner', 'data-testid': 'key-unreadable-banner', role: 'alert' },
      h(doc, 'div', { class: 'banner-text' }, 'The API key could not be read from the system keychain (is the keyring locked or not running?). Unlock or start it, then send again.'),
    );
  }
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
