/**
 * The host <-> webview messages: one discriminated union per direction, each tied to its kinds
 * list (kinds.ts) so the two cannot drift apart.
 *
 * The host validates every message that arrives from the webview with `parseWebviewMessage`
 * (validate.ts) before acting on it. The host owns all state: the webview can be destroyed and
 * rebuilt at any time, and after it says `ready` the host replays everything with `init`.
 */
import type { ContentBlock, StopReason, Usage } from '../anthropic/types';
import type { ControlKey, HostKind, WebviewKind } from './kinds';

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

/** A context block attached to a user turn by an editor command (shown as a chip). */
export interface ContextChip {
  label: string; // e.g. "src/a.ts:10-24"
  language: string;
  text: string;
}

/** What an attachment becomes in the request: a text block, an `image` block or a `document` block. */
export type AttachmentKind = 'text' | 'image' | 'document';

/**
 * One attachment as the view shows it: a chip in the composer before sending (the host holds the
 * pending list), or on the user turn that sent it. The bytes never travel back to the view; only a
 * small thumbnail for images.
 */
export interface AttachmentChip {
  /** Unique within the conversation; names the attachment in `removeAttachment` / `openAttachment`. */
  id: string;
  kind: AttachmentKind;
  /** What the chip says: the file name, `a.ts:10-24` for a selection, or "Pasted image". */
  name: string;
  /** Workspace-relative path with forward slashes, when the attachment came from a file. */
  path?: string;
  /** A short second line: size, language, line range, image dimensions. */
  detail: string;
  /** Images only: a small `data:image/...;base64,` preview (at most about 16 KB). */
  thumbnail?: string;
  /** Something the user should know about this attachment, e.g. that an image was downscaled. */
  note?: string;
}

/** The composer's token meter: the next request's input tokens against the model's context window. */
export interface ContextMeterState {
  inputTokens: number;
  contextWindow: number;
  /** True when the endpoint did not answer count_tokens and the figure is a local estimate. */
  estimated: boolean;
}

export interface ViewError {
  /** What happened and what to do, in words a person understands. */
  message: string;
  kind: string;
  status?: number;
  requestId?: string;
  retryable: boolean;
  /** The setting at fault, as its full id (`claudeMessages.baseUrl`), when the host knows it: the card offers Open Setting. */
  setting?: string;
  /**
   * What has since fixed the cause, in a few words ("a key is set", "claudeMessages.model
   * changed"): the card collapses to a one-line note with Retry.
   */
  fixed?: string;
}

export interface TurnCost {
  /** Dollars for this turn; undefined when the model's prices are unknown. */
  dollars?: number;
  serverToolRequests: number;
}

export interface ViewTurn {
  id: string;
  role: 'user' | 'assistant';
  status: TurnStatus;
  blocks: ContentBlock[];
  chips?: ContextChip[];
  /** User turns: what was attached to this message. */
  attachments?: AttachmentChip[];
  model?: string;
  stopReason?: StopReason | null;
  usage?: Usage;
  /** The reply was cut short (Stop, a broken stream): its output tokens are estimated from what arrived. */
  usageEstimated?: boolean;
  cost?: TurnCost;
  error?: ViewError;
  /** The stream broke: what is shown is what arrived. */
  interrupted?: boolean;
  /**
   * The first turn of a reply that was regenerated or retried: its earlier versions, oldest first,
   * each as one read-only turn (the pager on the reply shows them; they are never sent).
   */
  earlierVersions?: ViewTurn[];
  /** How long each thinking block took, in ms, by block index. */
  thinkingMs?: Record<number, number>;
  /** A user turn that only asks the model to go on with the reply before it (shown as part of it). */
  continueRequest?: boolean;
  /** An inline edit's note (question or reply), made outside the chat: no Edit, no Regenerate. */
  editNote?: boolean;
}

export interface ConversationTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  dollars?: number;
  /** cache reads / all prompt tokens, 0..1 */
  cacheHitRate: number;
  /** Some turn's output tokens are estimated (it was cut short). */
  estimated?: boolean;
}

export interface ConversationSummary {
  id: string;
  title: string;
  model: string;
  updatedAt: number;
  /** The first line of the first question, when the title is not just that (renamed, or cut): the history's filter searches it too. */
  question?: string;
}

export interface ModelOption {
  id: string;
  label: string;
}

export interface ChatControls {
  /** The open chat's model: saved with the conversation, changed for this chat only. */
  model: string;
  /** The `claudeMessages.model` setting: what new chats start with. */
  defaultModel: string;
  /** The same list as the Select Model command's: the endpoint's models, else the built-in ones. */
  models: ModelOption[];
  /** Shown by the model picker when the endpoint's list does not offer the chosen model. */
  modelWarning?: string;
  effort: string;
  efforts: string[];
  thinking: 'auto' | 'on' | 'off';
  thinkingChoices: Array<'auto' | 'on' | 'off'>;
  thinkingBudgetTokens: number;
  /** Whether the model takes a fixed thinking budget (older models). */
  thinkingBudgetApplies: boolean;
  webSearch: boolean;
  webFetch: boolean;
  codeExecution: boolean;
}

/**
 * Whether the chat has a key to use: one is stored, none is, or the system keychain would not hand
 * it over (locked or absent keyring), which needs other advice than "set a key".
 */
export type ApiKeyState = 'set' | 'missing' | 'unreadable';

export interface ChatState {
  conversationId: string;
  title: string;
  turns: ViewTurn[];
  totals: ConversationTotals;
  controls: ChatControls;
  apiKey: ApiKeyState;
  history: ConversationSummary[];
  /** What will be attached to the next message. */
  attachments: AttachmentChip[];
  /** The token meter, once a count or estimate exists. */
  meter?: ContextMeterState;
  /** The request streaming now, if any. */
  activeRequestId?: string;
}

/** One streamed change to a block of the streaming turn. */
export type BlockOp =
  | { op: 'append'; index: number; field: 'text' | 'thinking'; text: string }
  | { op: 'set'; index: number; block: ContentBlock };

/** How the key is sent: `x-api-key: …` or `Authorization: Bearer …` (`claudeMessages.authHeader`). */
export type AuthHeader = 'x-api-key' | 'bearer';
export type ProviderId = 'anthropic' | 'cometapi' | 'other';

/** One choice of the setup card's provider group (the presets live in common/setup). */
export interface SetupProvider {
  id: ProviderId;
  label: string;
  /** Empty for "other": the user types it. */
  baseUrl: string;
  authHeader: AuthHeader;
}

/**
 * What the setup card shows: the connection settings in force and the outcome of its last action.
 * Never the key: whether one is stored comes from `ChatState.apiKey` (CONTRACT: the key appears in
 * no webview message).
 */
export interface SetupView {
  providers: SetupProvider[];
  provider: ProviderId;
  baseUrl: string;
  authHeader: AuthHeader;
  /** The Set Up Connection command asked for the card. */
  open?: boolean;
  /** Test Connection's answer, Save's confirmation, or why the URL was refused, in words. */
  result?: { action: 'test' | 'save'; ok: boolean; message: string };
}

// ---------- host -> webview ----------

export type HostToWebview =
  | { type: 'init'; state: ChatState }
  | { type: 'turnAdded'; turn: ViewTurn; requestId?: string }
  | { type: 'blockOps'; requestId: string; turnId: string; ops: BlockOp[] }
  | { type: 'turnUpdated'; turn: ViewTurn; totals: ConversationTotals; activeRequestId?: string }
  | { type: 'retrying'; requestId: string; attempt: number; delayMs: number; reason: string }
  | { type: 'controls'; controls: ChatControls }
  | { type: 'history'; history: ConversationSummary[] }
  | { type: 'apiKey'; apiKey: ApiKeyState }
  | { type: 'notice'; level: 'info' | 'warning'; message: string }
  /** The pending attachments changed (added, removed, or sent with a message). */
  | { type: 'attachments'; items: AttachmentChip[] }
  /** The answer to `queryFiles`: workspace-relative paths, best match first. */
  | { type: 'fileSuggestions'; query: string; paths: string[] }
  | { type: 'contextMeter'; meter: ContextMeterState | undefined }
  /**
   * An attached image too large to be its own thumbnail: the view draws a small one (the host has
   * no image decoder) and answers with `thumbnail`.
   */
  | { type: 'drawThumbnail'; id: string; dataUri: string }
  /** Focus Chat Input: the caret goes to the prompt. */
  | { type: 'focusPrompt' }
  /** The setup card's content (answer to `setupLoad`, `setupTest`, `setupSave`, or the command). */
  | { type: 'setup'; setup: SetupView };

// ---------- webview -> host ----------

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'send'; text: string }
  | { type: 'stop'; requestId: string }
  | { type: 'newChat' }
  | { type: 'retry' }
  | { type: 'continue' }
  | { type: 'cancelRetry'; requestId: string }
  | { type: 'setModel'; model: string }
  | { type: 'setControl'; key: ControlKey; value: string | number | boolean }
  | { type: 'openLink'; url: string }
  /** Puts text on the clipboard: a code block, a reply as Markdown, a question. */
  | { type: 'copyCode'; code: string }
  | { type: 'insertCode'; code: string }
  | { type: 'setApiKey' }
  | { type: 'openConversation'; id: string }
  | { type: 'renameConversation'; id: string; title: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'exportConversation'; id: string; format: 'markdown' | 'json' }
  /** The paperclip button: the host opens its quick pick of workspace files. */
  | { type: 'pickFiles' }
  /** Accepting an `@` suggestion: attach this workspace-relative path. */
  | { type: 'attachPath'; path: string }
  /** Files dropped on the view from VS Code's explorer or editor tabs (`text/uri-list`). */
  | { type: 'attachUris'; uris: string[] }
  /** A pasted or dropped file's bytes (images already downscaled by the view when too large). */
  | { type: 'attachData'; name: string; mediaType: string; base64: string; note?: string; /** A small preview the view drew (data:image/…;base64). */ thumbnail?: string }
  | { type: 'removeAttachment'; id: string }
  /** Open what a chip shows (the file, or a pasted image as a preview). */
  | { type: 'openAttachment'; id: string }
  /** Typing `@query` in the prompt: the host answers with `fileSuggestions`. */
  | { type: 'queryFiles'; query: string }
  /** The prompt changed: the host recounts the next request's tokens (debounced, cancelled by the next). */
  | { type: 'draftChanged'; text: string }
  /** A citation into an attached document was clicked: open the document where it points. */
  | { type: 'openCitation'; turnId: string; blockIndex: number; citationIndex: number }
  /** The answer to `drawThumbnail`: a small raster data URI for the chip. */
  | { type: 'thumbnail'; id: string; thumbnail: string }
  /** An error card's Open Setting: the settings editor at this `claudeMessages.` setting. */
  | { type: 'openSetting'; setting: string }
  | { type: 'testConnection' }
  /** Ask the last question again: reply `turnId` (the last, ended) becomes an earlier version of the new one. */
  | { type: 'regenerate'; turnId: string }
  /** A question edited in place: its text becomes `text`, the turns after it are dropped, and it is sent. */
  | { type: 'editAndResend'; turnId: string; text: string }
  /** The setup card opened: the host answers with `setup`. */
  | { type: 'setupLoad' }
  /** Test Connection with the card's values (not yet saved) and the stored key. */
  | { type: 'setupTest'; baseUrl: string; authHeader: AuthHeader }
  /** Save the card's values as User settings. */
  | { type: 'setupSave'; baseUrl: string; authHeader: AuthHeader };

// ---------- the unions against the kinds lists ----------

/** Compiles only when every kind in `Part` is in `All` (the error names the one that is not). */
type Within<All, Part extends All> = Part;
// Both ways round for each direction: a listed kind without a union member fails the first line,
// a union member whose kind is not listed fails the second.
type _HostKindsHaveMembers = Within<HostToWebview['type'], HostKind>;
type _HostMembersListed = Within<HostKind, HostToWebview['type']>;
type _WebviewKindsHaveMembers = Within<WebviewToHost['type'], WebviewKind>;
type _WebviewMembersListed = Within<WebviewKind, WebviewToHost['type']>;
