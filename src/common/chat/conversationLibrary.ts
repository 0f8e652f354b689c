/**
 * The saved conversations: the history list the view shows, loading, saving, renaming, deleting
 * and exporting. Apart from the open conversation (the session), which uses it to save.
 *
 * Saves are chained so two writes of one conversation never interleave, and a rename or delete
 * waits for the saves queued before it. Another window may save the same conversation: the store
 * merges rather than overwrites, and a save says when it took something from the other window.
 */
import type { Conversation } from '../conversation/model';
import { conversationToJson, conversationToMarkdown } from '../conversation/export';
import type { PriceLookup } from '../conversation/pricing';
import type { ConversationStore, RefreshOutcome, SaveOutcome } from '../conversation/store';
import type { ConversationSummary } from '../protocol';

export type ExportFormat = 'markdown' | 'json';

export interface ConversationLibraryOptions {
  store: Pick<ConversationStore, 'list' | 'load' | 'save' | 'delete' | 'rename' | 'refresh' | 'getLastOpenId' | 'setLastOpenId'>;
  prices: PriceLookup;
  /** The history changed (a save, rename or delete): the view's list follows. */
  onHistory(history: ConversationSummary[]): void;
  warn(message: string): void;
}

export class ConversationLibrary {
  private summaries: ConversationSummary[] = [];
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly options: ConversationLibraryOptions) {}

  /** The history as last read. */
  get history(): ConversationSummary[] {
    return this.summaries;
  }

  /** Reads the history again without announcing it (the caller replays the whole view). */
  async reload(): Promise<void> {
    this.summaries = await this.options.store.list();
  }

  /** Reads the history again and announces it. */
  async refresh(): Promise<void> {
    await this.reload();
    this.options.onHistory(this.summaries);
  }

  /** The conversation that was open when the window closed, if it can still be read. */
  async lastOpen(): Promise<Conversation | undefined> {
    const lastId = await this.options.store.getLastOpenId();
    return lastId ? this.options.store.load(lastId) : undefined;
  }

  /** Loads a conversation and remembers it as the open one; undefined when it cannot be read. */
  async open(id: string): Promise<Conversation | undefined> {
    await this.saving;
    const loaded = await this.options.store.load(id);
    if (loaded) await this.options.store.setLastOpenId(id);
    return loaded;
  }

  /** No conversation is open (a new chat that has nothing to save yet). */
  async closeAll(): Promise<void> {
    await this.saving;
    await this.options.store.setLastOpenId(undefined);
  }

  /**
   * Saves `conversation` as it is now and remembers it as the open one. A failed save is reported,
   * not thrown (it resolves to undefined): the conversation stays in memory and the next save
   * tries again.
   */
  save(conversation: Conversation): Promise<SaveOutcome | undefined> {
    const saved = this.saving
      .then(async () => {
        const outcome = await this.options.store.save(conversation);
        await this.options.store.setLastOpenId(outcome.id);
        return outcome;
      })
      .catch((error: unknown) => {
        this.options.warn(`Could not save the conversation: ${error instanceof Error ? error.message : String(error)}`);
        return undefined;
      });
    this.saving = saved.then(() => undefined);
    return saved;
  }

  /** Takes what other windows saved of `conversation` into it, after the queued saves. */
  async refreshOpen(conversation: Conversation): Promise<RefreshOutcome> {
    await this.saving;
    return this.options.store.refresh(conversation);
  }

  /** Waits for every queued save. */
  settled(): Promise<void> {
    return this.saving;
  }

  async rename(id: string, title: string): Promise<void> {
    await this.saving;
    await this.options.store.rename(id, title);
    await this.refresh();
  }

  /** Deletes it after the queued saves; the caller reads the history again ({@link reload} or {@link refresh}). */
  async delete(id: string): Promise<void> {
    await this.saving;
    await this.options.store.delete(id);
  }

  /** The conversation (given, or read by id) as Markdown or JSON; undefined when it cannot be read. */
  async export(source: Conversation | string, format: ExportFormat): Promise<{ title: string; text: string } | undefined> {
    const conversation = typeof source === 'string' ? await this.options.store.load(source) : source;
    if (!conversation) return undefined;
    const text = format === 'markdown' ? conversationToMarkdown(conversation, this.options.prices) : conversationToJson(conversation);
    return { title: conversation.title, text };
  }
}
