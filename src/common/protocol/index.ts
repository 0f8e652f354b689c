/**
 * The host <-> webview protocol, the one thing the host and the webview share. Import it from here
 * (`common/protocol`), not from the files inside: the webview's lint rule allows only this path.
 */
export type {
  BlockOp,
  ChatControls,
  ChatState,
  ContextChip,
  ConversationSummary,
  ConversationTotals,
  HostToWebview,
  ModelOption,
  TurnCost,
  TurnStatus,
  ViewError,
  ViewTurn,
  WebviewToHost,
} from './messages';
export type { ControlKey, HostKind, WebviewKind } from './kinds';
export { CONTROL_KEYS, HOST_TO_WEBVIEW_KINDS, WEBVIEW_TO_HOST_KINDS, isControlKey, isHostKind, isWebviewKind } from './kinds';
export { isHostMessage, parseWebviewMessage } from './validate';
export { applyBlockOps } from './blockOps';
