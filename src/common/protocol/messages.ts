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
  model?: string;
  stopReason?: StopReason | null;
  usage?: Usage;
  /** The reply was cut short (Stop, a broken stream): its output tokens are estimated from what arrived. */
  usageEstimated?: boolean;
  cost?: TurnCost;
  error?: ViewError;
  /** The stream broke: what is shown is what arrived. */
  interrupted?: boolean;
  /** A failed reply that was retried: shown collapsed as an earlier attempt. */
  superseded?: boolean;
  /** How long each thinking block took, in ms, by block index. */
  thinkingMs?: Record<number, number>;
  /** A user turn that only asks the model to go on with the reply before it (shown as part of it). */
  continueRequest?: boolean;
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
  model: string;
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
  /** The request streaming now, if any. */
  activeRequestId?: string;
}

/** One streamed change to a block of the streaming turn. */
export type BlockOp =
  | { op: 'append'; index: number; field: 'text' | 'thinking'; text: string }
  | { op: 'set'; index: number; block: ContentBlock };

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
  | { type: 'notice'; level: 'info' | 'warning'; message: string };

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
  | { type: 'copyCode'; code: string }
  | { type: 'insertCode'; code: string }
  | { type: 'setApiKey' }
  | { type: 'openConversation'; id: string }
  | { type: 'renameConversation'; id: string; title: string }
  | { type: 'deleteConversation'; id: string }
  | { type: 'exportConversation'; id: string; format: 'markdown' | 'json' }
  | { type: 'openSetting'; setting: string }
  | { type: 'testConnection' };

// ---------- the unions against the kinds lists ----------

/** Compiles only when every kind in `Part` is in `All` (the error names the one that is not). */
type Within<All, Part extends All> = Part;
// Both ways round for each direction: a listed kind without a union member fails the first line,
// a union member whose kind is not listed fails the second.
type _HostKindsHaveMembers = Within<HostToWebview['type'], HostKind>;
type _HostMembersListed = Within<HostKind, HostToWebview['type']>;
type _WebviewKindsHaveMembers = Within<WebviewToHost['type'], WebviewKind>;
type _WebviewMembersListed = Within<WebviewKind, WebviewToHost['type']>;
