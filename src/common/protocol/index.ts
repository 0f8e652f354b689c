/**
 * The host <-> webview protocol, the one thing the host and the webview share. Import it from here
 * (`common/protocol`), not from the files inside: the webview's lint rule allows only this path.
 */
export type {
  ApiKeyState,
  AttachmentChip,
  AuthHeader,
  AttachmentKind,
  BlockOp,
  ChatControls,
  ChatState,
  ContextChip,
  ContextMeterState,
  ConversationSummary,
  ConversationTotals,
  HostToWebview,
  ModelOption,
  ProviderId,
  SetupProvider,
  SetupView,
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
export { BURST, FRAME_MS, FramePacer } from './pacing';
// The content blocks travel inside the messages; re-exported so the webview needs no path into
// the API client (it may import nothing from src/common but this folder and the leaf guards).
export type { Citation, ContentBlock, StopReason, Usage } from '../anthropic/types';
