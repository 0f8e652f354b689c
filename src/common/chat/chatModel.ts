/**
 * Which model a chat runs on. Each conversation keeps its own (`Conversation.model`, saved with
 * it): a choice made from the chat's model chip or Select Model applies to that chat only, so a
 * change in one window never switches the model under a conversation open in another (the store's
 * merge keeps whichever window changed it, storeMerge.ts). A new chat starts from the
 * `claudeMessages.model` setting, and follows that setting while it is still empty and nobody
 * chose a model for it: whoever edits the setting before asking anything expects it to apply.
 */
import type { Conversation } from '../conversation/model';

export class ChatModelChoice {
  /** Whether a model was chosen for the open chat in this window (not only inherited from the setting). */
  private chosen = false;

  /** A new chat: it follows the setting again until a model is chosen for it. */
  reset(): void {
    this.chosen = false;
  }

  /** Sets the chat's model; true when it changed. The history order stays (no `updatedAt` bump). */
  choose(conversation: Conversation, model: string): boolean {
    this.chosen = true;
    if (conversation.model === model) return false;
    conversation.model = model;
    return true;
  }

  /** The setting may have changed: an empty chat nobody chose a model for takes it. True when it changed. */
  followDefault(conversation: Conversation, defaultModel: string): boolean {
    if (this.chosen || conversation.turns.length > 0 || conversation.model === defaultModel) return false;
    conversation.model = defaultModel;
    return true;
  }
}
