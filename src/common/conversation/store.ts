/**
 * Conversations on disk: one `<id>.json` per conversation plus `index.json` (the history list and
 * the conversation open last), in a directory the host chooses (its global storage).
 *
 * - Every write is atomic and durable: the text goes to `<file>.<random>.tmp` (owner-only), is
 *   flushed, then renamed over the file, so a crash leaves either the old file or the new one,
 *   never a mix. Temp files a crash left behind are removed on the first listing.
 * - Writes of one conversation are serialized (a promise chain per id), as are index updates, so
 *   two saves never interleave and the last save wins.
 * - A conversation file that cannot be read (corrupt, or from a newer version) is skipped with a
 *   warning and never overwritten or deleted: a save that would overwrite it goes to a new id.
 * - The index is derived data: when it is missing or corrupt it is rebuilt from the files. It is
 *   re-read before each change so two windows sharing the directory lose as little as possible.
 * - A turn saved while streaming loads back as stopped and interrupted (see serialization.ts).
 *
 * Debouncing saves is the caller's job. The file handling lives in `storeFiles.ts`, the index
 * format in `storeIndex.ts`; this file decides what is read, written and rebuilt when.
 */
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConversationSummary } from '../protocol';
import type { Conversation } from './model';
import { newConversationId } from './conversation';
import { parseConversation, serializeConversation } from './serialization';
import { AtomicWriter, isNotFound, KeyedQueue, readIfExists, removeStaleTemps, type StoreFs } from './storeFiles';
import { formatIndex, INDEX_FILE, INDEX_VERSION, isValidConversationId, parseIndex, sortSummaries, summaryOf, type IndexData } from './storeIndex';

export interface StoreOptions {
  /** Told about files skipped or left alone; the host logs it. */
  onWarning?: (message: string, error?: unknown) => void;
  /** Makes ids for conversations moved off a corrupt file (tests make them predictable). */
  newId?: () => string;
  /** Temp files older than this (epoch ms; default: this process's start) are left from crashes. */
  staleBefore?: number;
}

// The index's key in the queue: not a valid id, so it never collides with a conversation's.
const INDEX_KEY = '\u0000index';

/** One directory of conversation files and their index. */
export class ConversationStore {
  private readonly queue = new KeyedQueue();
  private readonly writer: AtomicWriter;
  /** Ids whose file this store wrote or read successfully: safe to overwrite without a check. */
  private readonly known = new Set<string>();
  private indexDirty = false;
  private readonly warn: (message: string, error?: unknown) => void;
  private readonly newId: () => string;
  private readonly staleBefore: number;
  private tempsCleaned = false;

  constructor(
    private readonly dir: string,
    private readonly fs: StoreFs = nodeFs,
    options: StoreOptions = {},
  ) {
    this.warn = options.onWarning ?? (() => undefined);
    this.newId = options.newId ?? newConversationId;
    this.staleBefore = options.staleBefore ?? performance.timeOrigin;
    this.writer = new AtomicWriter(dir, fs);
  }

  /** The history, newest first, from the index (rebuilt from the files when needed). */
  list(): Promise<ConversationSummary[]> {
    return this.queue.run(INDEX_KEY, async () => {
      // Once per store (the host lists at startup): temp files interrupted saves left behind.
      if (!this.tempsCleaned) {
        this.tempsCleaned = true;
        const removed = await removeStaleTemps(this.fs, this.dir, this.staleBefore).catch((error: unknown): string[] => {
          this.warn('Could not look for stale temp files.', error);
          return [];
        });
        if (removed.length > 0) this.warn(`Removed temp files left by interrupted saves: ${removed.join(', ')}.`);
      }
      return sortSummaries((await this.readIndex()).conversations);
    });
  }

  /** Rebuilds the index from the conversation files, skipping unreadable ones; keeps `lastOpenId`. */
  rebuildIndex(): Promise<ConversationSummary[]> {
    return this.queue.run(INDEX_KEY, async () => {
      const previous = await this.readIndexFile().catch(() => undefined);
      return sortSummaries((await this.rebuild(previous?.lastOpenId)).conversations);
    });
  }

  /** A conversation, or undefined when it does not exist or cannot be read (with a warning). */
  load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) {
      return Promise.resolve(undefined);
    }
    return this.queue.run(id, () => this.loadUnlocked(id));
  }

  /**
   * Writes a conversation and updates the index. If `<id>.json` holds a file this store cannot
   * read, that file is left alone and the conversation gets a new id, written back into
   * `conversation.id`. Resolves to the id it was saved under.
   */
  save(conversation: Conversation): Promise<string> {
    const id = conversation.id;
    if (!isValidConversationId(id)) {
      return Promise.reject(new Error(`Not a valid conversation id: ${JSON.stringify(id)}`));
    }
    return this.queue.run(id, () => this.saveUnlocked(conversation));
  }

  /** Deletes a conversation. An unreadable file is left on disk (only its index entry goes). */
  async delete(id: string): Promise<void> {
    if (!isValidConversationId(id)) {
      return;
    }
    await this.queue.run(id, async () => {
      const text = await this.readText(id);
      if (text !== undefined && !this.parses(id, text)) {
        this.warn(`Kept the unreadable conversation file ${this.file(id)}; only its history entry was removed.`);
      } else if (text !== undefined) {
        await this.fs.unlink(this.file(id)).catch((error: unknown) => {
          if (!isNotFound(error)) {
            throw error;
          }
        });
      }
      this.known.delete(id);
    });
    await this.updateIndex((index) => {
      index.conversations = index.conversations.filter((entry) => entry.id !== id);
      if (index.lastOpenId === id) {
        delete index.lastOpenId;
      }
    });
  }

  /**
   * Renames a conversation on disk and resolves to it, or to undefined if it cannot be loaded.
   * The host must rename its open copy too, or its next save writes the old title back.
   */
  rename(id: string, title: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) {
      return Promise.resolve(undefined);
    }
    return this.queue.run(id, async () => {
      const conversation = await this.loadUnlocked(id);
      if (!conversation) {
        return undefined;
      }
      // The title is metadata: renaming does not move the conversation up the history.
      conversation.title = title;
      await this.saveUnlocked(conversation);
      return conversation;
    });
  }

  /** The conversation open when the window closed, if it is still in the history. */
  getLastOpenId(): Promise<string | undefined> {
    return this.queue.run(INDEX_KEY, async () => {
      const index = await this.readIndex();
      const id = index.lastOpenId;
      return id !== undefined && index.conversations.some((entry) => entry.id === id) ? id : undefined;
    });
  }

  /** Remembers which conversation is open, so a reload reopens it. */
  setLastOpenId(id: string | undefined): Promise<void> {
    return this.updateIndex((index) => {
      if (id === undefined) {
        delete index.lastOpenId;
      } else {
        index.lastOpenId = id;
      }
    });
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  private async loadUnlocked(id: string): Promise<Conversation | undefined> {
    const text = await this.readText(id);
    if (text === undefined) {
      return undefined;
    }
    try {
      const conversation = parseConversation(text);
      // The file name is the id: a copied or renamed file must not save over its origin.
      conversation.id = id;
      this.known.add(id);
      return conversation;
    } catch (error) {
      this.warn(`Skipped the unreadable conversation file ${this.file(id)}.`, error);
      return undefined;
    }
  }

  private async saveUnlocked(conversation: Conversation): Promise<string> {
    if (!this.known.has(conversation.id)) {
      const existing = await this.readText(conversation.id);
      if (existing !== undefined && !this.parses(conversation.id, existing)) {
        const moved = this.newId();
        this.warn(`Left the unreadable file ${this.file(conversation.id)} alone; saving the conversation as ${moved}.`);
        conversation.id = moved;
      }
    }
    const id = conversation.id;
    await this.writer.write(this.file(id), serializeConversation(conversation));
    this.known.add(id);
    const summary = summaryOf(id, conversation);
    await this.updateIndex((index) => {
      index.conversations = [summary, ...index.conversations.filter((entry) => entry.id !== id)];
    }).catch((error: unknown) => {
      // The conversation is safe on disk; the index is derived, so rebuild it on the next read.
      this.indexDirty = true;
      this.warn('Could not update the conversation index; it will be rebuilt.', error);
    });
    return id;
  }

  private parses(id: string, text: string): boolean {
    try {
      parseConversation(text);
      return true;
    } catch (error) {
      this.warn(`The conversation file ${this.file(id)} is unreadable.`, error);
      return false;
    }
  }

  private readText(id: string): Promise<string | undefined> {
    return readIfExists(this.fs, this.file(id));
  }

  private updateIndex(change: (index: IndexData) => void): Promise<void> {
    return this.queue.run(INDEX_KEY, async () => {
      const index = await this.readIndex();
      change(index);
      await this.writeIndex(index);
    });
  }

  /** The index from disk, rebuilt when it is missing, corrupt or known to be stale. */
  private async readIndex(): Promise<IndexData> {
    if (this.indexDirty) {
      const previous = await this.readIndexFile().catch(() => undefined);
      return this.rebuild(previous?.lastOpenId);
    }
    try {
      const index = await this.readIndexFile();
      if (index) {
        return index;
      }
    } catch (error) {
      this.warn('The conversation index is unreadable; rebuilding it from the conversation files.', error);
    }
    return this.rebuild(undefined);
  }

  /** The parsed index; undefined when missing; throws when corrupt. */
  private async readIndexFile(): Promise<IndexData | undefined> {
    const text = await readIfExists(this.fs, path.join(this.dir, INDEX_FILE));
    return text === undefined ? undefined : parseIndex(text);
  }

  private async rebuild(lastOpenId: string | undefined): Promise<IndexData> {
    let names: string[];
    try {
      names = await this.fs.readdir(this.dir);
    } catch (error) {
      if (!isNotFound(error)) {
        throw error;
      }
      names = [];
    }
    const conversations: ConversationSummary[] = [];
    for (const name of names.sort()) {
      const id = name.endsWith('.json') ? name.slice(0, -'.json'.length) : '';
      if (!isValidConversationId(id)) {
        continue;
      }
      const conversation = await this.loadUnlocked(id).catch((error: unknown) => {
        this.warn(`Skipped the conversation file ${this.file(id)}.`, error);
        return undefined;
      });
      if (conversation) {
        conversations.push(summaryOf(id, conversation));
      }
    }
    const index: IndexData = { version: INDEX_VERSION, conversations };
    if (lastOpenId !== undefined && conversations.some((entry) => entry.id === lastOpenId)) {
      index.lastOpenId = lastOpenId;
    }
    await this.writeIndex(index);
    this.indexDirty = false;
    return index;
  }

  private async writeIndex(index: IndexData): Promise<void> {
    await this.writer.write(path.join(this.dir, INDEX_FILE), formatIndex(index));
  }
}
