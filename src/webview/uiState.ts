/**
 * UI-only state (draft, scroll position, folded blocks, history panel, last prompt), kept by VS Code
 * through `getState`/`setState` so it survives the webview being destroyed and rebuilt. It never
 * holds conversation content beyond the user's own draft and last prompt.
 */
import type { VsCodeApi } from './vscodeApi';
import { isRecord } from '../common/guards';

export interface UiState {
  /** The conversation the scroll position belongs to. */
  conversationId: string;
  draft: string;
  /** The message list's scrollTop when the reader was not following the bottom. */
  scrollTop: number;
  /** Whether the reader was at the bottom (auto-scroll on). */
  stick: boolean;
  /** Fold state the reader chose, by `${turnId}:${key}`; absent means the default. */
  open: Record<string, boolean>;
  historyOpen: boolean;
  lastPrompt: string;
}

const EMPTY: UiState = { conversationId: '', draft: '', scrollTop: 0, stick: true, open: {}, historyOpen: false, lastPrompt: '' };

/** Reads a saved state defensively: whatever VS Code hands back is checked field by field. */
export function parseUiState(raw: unknown): UiState {
  if (!isRecord(raw)) return { ...EMPTY, open: {} };
  const open: Record<string, boolean> = {};
  if (isRecord(raw.open)) {
    for (const [key, value] of Object.entries(raw.open)) if (typeof value === 'boolean') open[key] = value;
  }
  return {
    conversationId: typeof raw.conversationId === 'string' ? raw.conversationId : '',
    draft: typeof raw.draft === 'string' ? raw.draft : '',
    scrollTop: typeof raw.scrollTop === 'number' && Number.isFinite(raw.scrollTop) ? raw.scrollTop : 0,
    stick: typeof raw.stick === 'boolean' ? raw.stick : true,
    open,
    historyOpen: raw.historyOpen === true,
    lastPrompt: typeof raw.lastPrompt === 'string' ? raw.lastPrompt : '',
  };
}

/** The UI state plus its persistence. */
export class UiStore {
  readonly state: UiState;

  constructor(private readonly api: VsCodeApi) {
    this.state = parseUiState(api.getState());
  }

  /** Changes some fields and saves. */
  update(patch: Partial<UiState>): void {
    Object.assign(this.state, patch);
    this.save();
  }

  /** Remembers whether a foldable element is open. */
  setOpen(key: string, open: boolean): void {
    this.state.open[key] = open;
    this.save();
  }

  /** The reader's fold choice for `key`, if they made one. */
  isOpen(key: string): boolean | undefined {
    return this.state.open[key];
  }

  /** Forgets fold choices of turns that no longer exist (a new conversation was loaded). */
  keepOpenFor(turnIds: ReadonlySet<string>): void {
    for (const key of Object.keys(this.state.open)) {
      if (!turnIds.has(key.slice(0, key.indexOf(':')))) delete this.state.open[key];
    }
    this.save();
  }

  save(): void {
    this.api.setState(this.state);
  }
}
