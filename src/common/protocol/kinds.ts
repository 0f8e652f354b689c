/**
 * Every message kind of the protocol, written once per direction. The unions in messages.ts are
 * checked against these lists, the host's validator is a table keyed by them, and the webview
 * checks incoming kinds against them at run time, so a kind added in one place and forgotten in
 * another fails to compile instead of being dropped silently.
 */

/** What the host sends to the webview. */
export const HOST_TO_WEBVIEW_KINDS = [
  'init',
  'turnAdded',
  'blockOps',
  'turnUpdated',
  'retrying',
  'controls',
  'history',
  'apiKey',
  'notice',
  'attachments',
  'fileSuggestions',
  'contextMeter',
  'drawThumbnail',
  'focusPrompt',
  'setup',
] as const;

/** What the webview sends to the host. */
export const WEBVIEW_TO_HOST_KINDS = [
  'ready',
  'send',
  'stop',
  'newChat',
  'retry',
  'continue',
  'cancelRetry',
  'setModel',
  'setControl',
  'openLink',
  'copyCode',
  'insertCode',
  'setApiKey',
  'openConversation',
  'renameConversation',
  'deleteConversation',
  'exportConversation',
  'pickFiles',
  'attachPath',
  'attachUris',
  'attachData',
  'removeAttachment',
  'openAttachment',
  'queryFiles',
  'draftChanged',
  'openCitation',
  'thumbnail',
  'openSetting',
  'testConnection',
  'regenerate',
  'editAndResend',
  'setupLoad',
  'setupTest',
  'setupSave',
] as const;

/** The request controls the webview may change (`setControl`); each is a setting of the same name. */
export const CONTROL_KEYS = ['effort', 'thinking', 'thinkingBudgetTokens', 'webSearch', 'webFetch', 'codeExecution'] as const;

export type HostKind = (typeof HOST_TO_WEBVIEW_KINDS)[number];
export type WebviewKind = (typeof WEBVIEW_TO_HOST_KINDS)[number];
export type ControlKey = (typeof CONTROL_KEYS)[number];

// A list lookup rather than `key in table`: inherited names such as "toString" must not pass.
function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return list.some((item) => item === value);
}

/** Whether `value` names a host -> webview message. */
export function isHostKind(value: unknown): value is HostKind {
  return isOneOf(HOST_TO_WEBVIEW_KINDS, value);
}

/** Whether `value` names a webview -> host message. */
export function isWebviewKind(value: unknown): value is WebviewKind {
  return isOneOf(WEBVIEW_TO_HOST_KINDS, value);
}

/** Whether `value` is one of the controls the webview may set. */
export function isControlKey(value: unknown): value is ControlKey {
  return isOneOf(CONTROL_KEYS, value);
}
