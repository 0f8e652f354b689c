/**
 * Conversations on disk: one `<id>.json` per conversation plus `index.json` (the history and the
 * conversation open last) in the host's global storage, shared by every window (each its own
 * extension host and its own store).
 *
 * - Writes are atomic and durable, owner-only (`storeFiles.ts`); one writer at a time per file
 *   across windows, under `<id>.lock` (`storeLock.ts`); within a window, queued per id.
 * - A save is a compare-and-swap on the file's revision (`storeStamp.ts`): if another window
 *   wrote the file since this conversation object last read or wrote it, the save merges
 *   (`storeMerge.ts`) into the object instead of overwriting, and says so. Renames and deletes
 *   take the same lock. A copy of a conversation another window deleted is saved under a new id
 *   (the delete stands, nothing of this window's is lost) and the save says so.
 * - An unreadable file (corrupt, or from a newer version) is never overwritten or deleted.
 * - The index (`storeIndexFile.ts`) is derived data: changed by deltas under its own lock, rebuilt
 *   when damaged, reconciled with the files on the first listing. Debouncing is the caller's job.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConversationSummary } from '../protocol';
import type { Conversation } from './model';
import { newConversationId } from './conversation';
import { parseConversation, serializeConversation } from './serialization';
import { AtomicWriter, isNotFound, KeyedQueue, readIfExists, type StoreFs } from './storeFiles';
import { isValidConversationId, summaryOf } from './storeIndex';
import { IndexFile } from './storeIndexFile';
import { FileLocks, type HeldLock, type LockOptions } from './storeLock';
import { mergeFromDisk } from './storeMerge';
import { readStamp, sameStamp, stampText, type FileStamp } from './storeStamp';

export interface StoreOptions {
  /** Told about files skipped or left alone; the host logs it. */
  onWarning?: (message: string, error?: unknown) => void;
  /** Makes ids for conversations moved off a corrupt or deleted file (tests make them predictable). */
  newId?: () => string;
  /** Temp files older than this (epoch ms; default: this process's start) are left from crashes. */
  staleBefore?: number;
  /** Names this window in the files it writes and the locks it takes (default: random). */
  writerId?: string;
  /** Lock timing (tests shorten it) and the process check. */
  lock?: Omit<LockOptions, 'onWarning'>;
  now?: () => number;
}

/**
 * What a save did besides writing: `merged` took turns (or a title) another window had saved into
 * the caller's object; `recreated` saved a conversation another window deleted under a new id;
 * `moved` saved under a new id beside a file this code cannot read.
 */
export type SaveChange = 'none' | 'merged' | 'recreated' | 'moved';
export interface SaveOutcome {
  /** The id it was saved under (also written into `conversation.id`). */
  id: string;
  change: SaveChange;
}

/** What {@link ConversationStore.refresh} found on disk. */
export type RefreshOutcome = 'unchanged' | 'merged' | 'deleted';

/** The file as a conversation object last read or wrote it: its stamp, and its text (the merge base). */
type Synced = { stamp: FileStamp; text: string };

/** One directory of conversation files and their index. */
export class ConversationStore {
  private readonly queue = new KeyedQueue();
  private readonly writer: AtomicWriter;
  private readonly locks: FileLocks;
  private readonly index: IndexFile;
  /** Per conversation object (not per id: an export's or a rename's copy must not move the open one's base). */
  private readonly synced = new WeakMap<Conversation, Synced>();
  private readonly warn: (message: string, error?: unknown) => void;
  private readonly newId: () => string;
  readonly writerId: string;

  constructor(
    private readonly dir: string,
    private readonly fs: StoreFs = nodeFs,
    options: StoreOptions = {},
  ) {
    this.warn = options.onWarning ?? (() => undefined);
    this.newId = options.newId ?? newConversationId;
    this.writerId = options.writerId ?? randomBytes(8).toString('hex');
    const now = options.now ?? Date.now;
    this.writer = new AtomicWriter(dir, fs);
    this.locks = new FileLocks(dir, fs, this.writerId, { ...options.lock, now: options.lock?.now ?? now, onWarning: (message) => this.warn(message) });
    this.index = new IndexFile({
      dir,
      fs,
      writer: this.writer,
      locks: this.locks,
      warn: (message, error) => this.warn(message, error),
      now,
      staleBefore: options.staleBefore ?? performance.timeOrigin,
      readSummary: (id) => this.readSummary(id),
    });
  }

  /** The history, newest first. The first call cleans up after crashes and reconciles the index. */
  list(): Promise<ConversationSummary[]> {
    return this.index.list();
  }

  /** Rebuilds the index from the conversation files, skipping unreadable ones; keeps `lastOpenId`. */
  rebuildIndex(): Promise<ConversationSummary[]> {
    return this.index.rebuild();
  }

  /** A conversation, or undefined when it does not exist or cannot be read (with a warning). */
  load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) return Promise.resolve(undefined);
    return this.queue.run(id, async () => (await this.read(id))?.conversation);
  }

  /**
   * Saves a conversation (a compare-and-swap, merging another window's changes into it; see the
   * file comment) and updates the index. Resolves to the id it was saved under and what happened.
   */
  async save(conversation: Conversation): Promise<SaveOutcome> {
    const id = conversation.id;
    if (!isValidConversationId(id)) throw new Error(`Not a valid conversation id: ${JSON.stringify(id)}`);
    return this.queue.run(id, async () => {
      await this.writer.ready();
      const outcome = await this.locks.with(id, (lock) => this.saveLocked(conversation, lock));
      await this.updateIndex(outcome.id, conversation);
      return outcome;
    });
  }

  /** Deletes a conversation. An unreadable file is left on disk (only its index entry goes). */
  async delete(id: string): Promise<void> {
    if (!isValidConversationId(id)) return;
    await this.queue.run(id, async () => {
      await this.writer.ready();
      await this.locks.with(id, async () => {
        const text = await this.readText(id);
        if (text === undefined) return;
        if (!this.parseFile(id, text)) this.warn(`Kept the unreadable conversation file ${this.file(id)}; only its history entry was removed.`);
        else await this.fs.unlink(this.file(id)).catch((error: unknown) => (isNotFound(error) ? undefined : Promise.reject(error)));
      });
    });
    await this.index.update((index) => {
      index.conversations = index.conversations.filter((entry) => entry.id !== id);
      if (index.lastOpenId === id) delete index.lastOpenId;
    });
  }

  /**
   * Renames a conversation on disk (under its lock, on the file as it is now) and resolves to it,
   * or to undefined if it cannot be loaded. The host renames its open copy too; that copy's next
   * save keeps the title it has, and takes the disk's turns.
   */
  rename(id: string, title: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) return Promise.resolve(undefined);
    return this.queue.run(id, async () => {
      await this.writer.ready();
      const renamed = await this.locks.with(id, async (lock) => {
        const current = await this.read(id);
        if (!current) return undefined;
        // The title is metadata: renaming does not move the conversation up the history.
        current.conversation.title = title;
        await this.write(current.conversation, current.stamp.revision + 1, lock);
        return current.conversation;
      });
      if (renamed) await this.updateIndex(id, renamed);
      return renamed;
    });
  }

  /**
   * Takes into `conversation` (an object this store loaded or saved) what other windows saved to
   * its file since, as a save would, without writing. `deleted`: the file is gone.
   */
  refresh(conversation: Conversation): Promise<RefreshOutcome> {
    const id = conversation.id;
    if (!isValidConversationId(id)) return Promise.resolve('unchanged');
    return this.queue.run(id, async () => {
      const synced = this.synced.get(conversation);
      if (!synced) return 'unchanged';
      const text = await this.readText(id);
      if (text === undefined) return 'deleted';
      // The stamp first: an unchanged file (the usual case) is not parsed.
      const stamp = readStamp(text);
      if (sameStamp(stamp, synced.stamp)) return 'unchanged';
      const disk = this.parseFile(id, text);
      if (!disk) return 'unchanged';
      const took = mergeFromDisk(conversation, disk, synced.text);
      this.synced.set(conversation, { stamp, text });
      return took ? 'merged' : 'unchanged';
    });
  }

  /** The conversation open when the window closed, if it is still in the history. */
  async getLastOpenId(): Promise<string | undefined> {
    const index = await this.index.read();
    const id = index.lastOpenId;
    return id !== undefined && index.conversations.some((entry) => entry.id === id) ? id : undefined;
  }

  /** Remembers which conversation is open, so a reload reopens it. */
  setLastOpenId(id: string | undefined): Promise<void> {
    return this.index.update((index) => {
      if (id === undefined) delete index.lastOpenId;
      else index.lastOpenId = id;
    });
  }

  private file(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }

  /** Under the lock of `conversation.id`: compare the file's stamp, merge if it moved on, write. */
  private async saveLocked(conversation: Conversation, lock: HeldLock): Promise<SaveOutcome> {
    const id = conversation.id;
    const synced = this.synced.get(conversation);
    const text = await this.readText(id);
    if (text === undefined) {
      if (!synced) {
        await this.write(conversation, 1, lock);
        return { id, change: 'none' };
      }
      this.warn(`The conversation ${id} was deleted in another window; saved this window's copy as a new conversation.`);
      return this.saveElsewhere(conversation, 'recreated');
    }
    const stamp = readStamp(text);
    if (synced && sameStamp(synced.stamp, stamp)) {
      await this.write(conversation, stamp.revision + 1, lock);
      return { id, change: 'none' };
    }
    let disk: Conversation;
    try {
      disk = parseConversation(text);
    } catch (error) {
      this.warn(`Left the unreadable file ${this.file(id)} alone; saving the conversation under a new id.`, error);
      return this.saveElsewhere(conversation, 'moved');
    }
    const took = mergeFromDisk(conversation, disk, synced?.text);
    await this.write(conversation, stamp.revision + 1, lock);
    return { id, change: took ? 'merged' : 'none' };
  }

  /** Writes the conversation under a new id (fresh and random: no other window can hold its lock). */
  private async saveElsewhere(conversation: Conversation, change: 'recreated' | 'moved'): Promise<SaveOutcome> {
    conversation.id = this.newId();
    this.synced.delete(conversation);
    await this.write(conversation, 1, undefined);
    return { id: conversation.id, change };
  }

  private async write(conversation: Conversation, revision: number, lock: HeldLock | undefined): Promise<void> {
    const stamp: FileStamp = { revision, writerId: this.writerId };
    const text = stampText(serializeConversation(conversation), stamp);
    await this.writer.write(this.file(conversation.id), text, lock ? () => lock.verify() : undefined);
    this.synced.set(conversation, { stamp, text });
  }

  private async updateIndex(id: string, conversation: Conversation): Promise<void> {
    await this.index.upsert(summaryOf(id, conversation)).catch((error: unknown) => {
      // The conversation is safe on disk; the index is derived, so rebuild it on the next read.
      this.index.markDirty();
      this.warn('Could not update the conversation index; it will be rebuilt.', error);
    });
  }

  /** The file's conversation, stamp and text; undefined when missing or unreadable (with a warning). */
  private async read(id: string, options = { track: true }): Promise<{ conversation: Conversation; stamp: FileStamp; text: string } | undefined> {
    const text = await this.readText(id);
    const conversation = text === undefined ? undefined : this.parseFile(id, text);
    if (text === undefined || !conversation) return undefined;
    const stamp = readStamp(text);
    if (options.track) this.synced.set(conversation, { stamp, text });
    return { conversation, stamp, text };
  }

  /** The conversation in a file's text; undefined (with a warning) when unreadable. */
  private parseFile(id: string, text: string): Conversation | undefined {
    try {
      const conversation = parseConversation(text);
      // The file name is the id: a copied or renamed file must not save over its origin.
      conversation.id = id;
      return conversation;
    } catch (error) {
      this.warn(`Skipped the unreadable conversation file ${this.file(id)}.`, error);
      return undefined;
    }
  }

  private async readSummary(id: string): Promise<ConversationSummary | undefined> {
    const current = await this.read(id, { track: false }).catch((error: unknown) => {
      this.warn(`Skipped the conversation file ${this.file(id)}.`, error);
      return undefined;
    });
    return current ? summaryOf(id, current.conversation) : undefined;
  }

  private readText(id: string): Promise<string | undefined> {
    return readIfExists(this.fs, this.file(id));
  }
}
