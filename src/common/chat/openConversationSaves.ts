/**
 * Saving the session's open conversation, and showing what other windows saved to it. Each VS
 * Code window runs its own session on the same conversation files; the store merges rather than
 * overwrites (see `../conversation/store.ts`), and this class turns a save or a check that took
 * something from another window into a view rebuild (`init`) and a notice. The view is rebuilt
 * only when no reply is streaming into it: one that streams now gets its rebuild when it ends.
 */
import type { Conversation } from '../conversation/model';
import type { SaveChange } from '../conversation/store';
import type { ConversationLibrary } from './conversationLibrary';

export interface OpenConversationHost {
  /** The open conversation now (it changes when another is opened). */
  conversation(): Conversation;
  /** The reply streaming into it now, if one is. */
  liveReply(): { syncLive(): void } | undefined;
  /** Rebuilds the view from the open conversation. */
  reinit(): void;
  notice(level: 'info' | 'warning', message: string): void;
}

/**
 * Whether the conversation is one question whose every reply failed (or is still on its way)
 * before anything arrived: no history entry is worth that. The question stays on screen; a reply
 * that arrives, in part or whole, makes it worth saving.
 */
export function holdsOnlyAFailedQuestion(conversation: Conversation): boolean {
  const [first, ...replies] = conversation.turns;
  // Earlier versions (retried replies) count as replies too.
  const all = [...(first?.earlierReplies ?? []).flat(), ...replies];
  return first?.role === 'user' && all.every((turn) => turn.role === 'assistant' && turn.content.length === 0 && (turn.status === 'error' || turn.status === 'streaming'));
}

export class OpenConversationSaves {
  private reinitPending = false;

  constructor(
    private readonly library: ConversationLibrary,
    private readonly host: OpenConversationHost,
  ) {}

  /** Saves the open conversation (with the streaming reply as far as it has arrived). */
  persist(): Promise<void> {
    const conversation = this.host.conversation();
    this.syncLive();
    if (conversation.turns.length === 0 || holdsOnlyAFailedQuestion(conversation)) return this.library.settled();
    return this.library.save(conversation).then((outcome) => {
      if (outcome && conversation === this.host.conversation()) this.afterSave(outcome.change);
    });
  }

  /** The history, and the open conversation unless a reply streams into it, take in other windows' saves. */
  async syncWithOtherWindows(): Promise<void> {
    await this.library.refresh();
    const conversation = this.host.conversation();
    if (this.syncLive() || conversation.turns.length === 0) return;
    const outcome = await this.library.refreshOpen(conversation);
    if (outcome === 'merged' && conversation === this.host.conversation()) this.showMerged();
  }

  /** A reply ended: the rebuild it held back, if any, happens now. */
  replyEnded(): void {
    if (this.reinitPending) this.host.reinit();
  }

  /** The view was rebuilt (for any reason): nothing is pending any more. */
  reinitDone(): void {
    this.reinitPending = false;
  }

  private afterSave(change: SaveChange): void {
    if (change === 'merged') this.host.notice('info', 'Another window added to this conversation; its turns are shown here too.');
    if (change === 'recreated') {
      this.host.notice('warning', 'This conversation was deleted in another window; it was saved again as a new conversation, so nothing here is lost.');
    }
    if (change === 'merged' || change === 'recreated') this.showMerged();
  }

  /** Whether a reply is streaming; if so, copies what has arrived into the conversation. */
  private syncLive(): boolean {
    const live = this.host.liveReply();
    live?.syncLive();
    return live !== undefined;
  }

  private showMerged(): void {
    if (this.syncLive()) this.reinitPending = true;
    else this.host.reinit();
  }
}
