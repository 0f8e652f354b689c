/**
 * The webview's copy of the host's ChatState. The host owns the state; this copy is replaced by
 * every `init` and kept current by the other messages, so the view can always be rebuilt from it.
 * Nothing here touches the DOM.
 */
import { assertNever } from '../common/guards';
import { applyBlockOps } from '../common/protocol';
import type { ChatState, ConversationTotals, HostToWebview, ViewTurn } from '../common/protocol';

/** Deep copy, so appends to the mirror never write into a message object someone else holds. */
function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Holds the mirrored ChatState and applies host messages to it. */
export class ChatStore {
  private current: ChatState | undefined;

  /** The state, once `init` has arrived. */
  get state(): ChatState | undefined {
    return this.current;
  }

  /** Whether a response is streaming now (the host says so through `activeRequestId`). */
  get streaming(): boolean {
    return this.current?.activeRequestId !== undefined;
  }

  /** Finds a turn by id. */
  turn(id: string): ViewTurn | undefined {
    return this.current?.turns.find((t) => t.id === id);
  }

  /** The text of the latest user turn that has some (for ArrowUp recall after a rebuild). */
  lastUserText(): string {
    const turns = this.current?.turns ?? [];
    for (let i = turns.length - 1; i >= 0; i--) {
      const turn = turns[i];
      const text = turn?.role === 'user' ? turn.blocks.find((b) => b.type === 'text')?.['text'] : undefined;
      if (typeof text === 'string' && text) return text;
    }
    return '';
  }

  /**
   * Applies one host message. Returns false for messages that need state first (anything before
   * `init`), which the caller drops: the host replays everything with `init` after `ready`.
   */
  apply(message: HostToWebview): boolean {
    if (message.type === 'init') {
      this.current = copy(message.state);
      return true;
    }
    const state = this.current;
    if (!state) return false;
    switch (message.type) {
      case 'turnAdded': {
        const turn = copy(message.turn);
        const at = state.turns.findIndex((t) => t.id === turn.id);
        if (at >= 0) state.turns[at] = turn;
        else state.turns.push(turn);
        if (message.requestId !== undefined) state.activeRequestId = message.requestId;
        return true;
      }
      case 'blockOps': {
        const turn = state.turns.find((t) => t.id === message.turnId);
        if (!turn) return false;
        state.activeRequestId = message.requestId;
        applyBlockOps(turn.blocks, message.ops);
        return true;
      }
      case 'turnUpdated': {
        const turn = copy(message.turn);
        const at = state.turns.findIndex((t) => t.id === turn.id);
        if (at >= 0) state.turns[at] = turn;
        else state.turns.push(turn);
        this.setTotals(message.totals);
        state.activeRequestId = message.activeRequestId;
        return true;
      }
      case 'controls':
        state.controls = copy(message.controls);
        return true;
      case 'history':
        state.history = copy(message.history);
        return true;
      case 'apiKey':
        state.apiKey = message.apiKey;
        return true;
      case 'retrying':
        state.activeRequestId = message.requestId;
        return true;
      case 'notice':
        return true;
      case 'attachments':
        state.attachments = copy(message.items);
        return true;
      case 'contextMeter':
        if (message.meter) state.meter = copy(message.meter);
        else delete state.meter;
        return true;
      // For the composer only (the `@` answer, drawing a thumbnail, the caret): nothing to keep.
      case 'fileSuggestions': case 'drawThumbnail': case 'focusPrompt': case 'setup':
        return true;
      default:
        return assertNever(message);
    }
  }

  private setTotals(totals: ConversationTotals): void {
    if (this.current) this.current.totals = copy(totals);
  }
}
