/**
 * The index file (`index.json`) of the conversation store: read freely (every write is an atomic
 * rename), changed only under `index.lock`, one read-change-write at a time, so two windows
 * updating it at once both keep their entries. Each change is a delta (add this entry, drop that
 * one) applied to the index as it is on disk at that moment, never a copy of a list read earlier.
 *
 * The index is derived from the conversation files: missing or corrupt, it is rebuilt from them,
 * and at startup (the first listing) it is reconciled with them: entries without a file are
 * dropped, files without an entry are added, and a file changed after its entry was written (a
 * save whose index update never happened) gives its entry its own title and time again. The files
 * are read before the lock is taken (reading many can take longer than a lock may be held), and
 * what was found is applied under it as a delta, entries written meanwhile by others winning.
 */
import * as path from 'node:path';
import type { ConversationSummary } from '../protocol';
import { isNotFound, KeyedQueue, readIfExists, removeStaleTemps, type AtomicWriter, type StoreFs } from './storeFiles';
import type { FileLocks } from './storeLock';
import { formatIndex, historyOf, INDEX_FILE, INDEX_VERSION, isValidConversationId, parseIndex, type IndexData, type IndexEntry } from './storeIndex';

export interface IndexFileOptions {
  dir: string;
  fs: StoreFs;
  writer: AtomicWriter;
  locks: FileLocks;
  warn(message: string, error?: unknown): void;
  now(): number;
  /** Temp files older than this (epoch ms) were left by crashes. */
  staleBefore: number;
  /** The summary of a conversation file; undefined when it is missing or unreadable. */
  readSummary(id: string): Promise<ConversationSummary | undefined>;
}

const INDEX_LOCK = 'index';
const QUEUE_KEY = 'index';

/** What reading the files found: each id read (undefined: unreadable) and every id with a file. */
interface FromFiles {
  readAt: number;
  read: Map<string, IndexEntry | undefined>;
  ids: Set<string>;
  /** The index read before (its entries stand in if the file is gone when the lock is taken). */
  before: IndexData | undefined;
}

export class IndexFile {
  private readonly queue = new KeyedQueue();
  private dirty = false;
  private started = false;

  constructor(private readonly options: IndexFileOptions) {}

  /** The history, newest first. The first call also cleans up after crashes and reconciles. */
  list(): Promise<ConversationSummary[]> {
    return this.queue.run(QUEUE_KEY, async () => {
      if (!this.started) {
        this.started = true;
        await this.removeStaleTemps();
        return historyOf((await this.applyFiles(await this.readFiles({ everyFile: false }))).conversations);
      }
      return historyOf((await this.readUnqueued()).conversations);
    });
  }

  /** Rebuilds the index from the files alone, keeping `lastOpenId`. */
  rebuild(): Promise<ConversationSummary[]> {
    return this.queue.run(QUEUE_KEY, async () => historyOf((await this.applyFiles(await this.readFiles({ everyFile: true }))).conversations));
  }

  /** Applies `change` to the index as it is on disk now, under the lock. */
  update(change: (index: IndexData) => void): Promise<void> {
    return this.queue.run(QUEUE_KEY, async () => {
      await this.readUnqueued();
      await this.locked((index) => {
        const current = index ?? { version: INDEX_VERSION, conversations: [] };
        change(current);
        return Promise.resolve(current);
      });
    });
  }

  /** Adds or replaces the entry of a conversation just written. */
  upsert(summary: ConversationSummary): Promise<void> {
    const entry: IndexEntry = { ...summary, savedAt: this.options.now() };
    return this.update((index) => {
      index.conversations = [entry, ...index.conversations.filter((e) => e.id !== summary.id)];
    });
  }

  /** An update failed: the next read rebuilds the index from the files. */
  markDirty(): void {
    this.dirty = true;
  }

  /** The index for reading: from disk, or rebuilt when missing, corrupt or dirty. */
  read(): Promise<IndexData> {
    return this.queue.run(QUEUE_KEY, () => this.readUnqueued());
  }

  private async readUnqueued(): Promise<IndexData> {
    if (!this.dirty) {
      // A corrupt index is reported by readFiles, which reads it again.
      const index = await this.readFile().catch(() => undefined);
      if (index) return index;
    }
    return this.applyFiles(await this.readFiles({ everyFile: true }));
  }

  /** Runs `make` under the index lock with the index on disk (undefined when missing or corrupt) and writes what it returns. */
  private async locked(make: (index: IndexData | undefined) => Promise<IndexData>): Promise<IndexData> {
    const { locks, writer, dir } = this.options;
    // The lock file goes in the folder, so the folder must be there first.
    await writer.ready();
    return locks.with(INDEX_LOCK, async (lock) => {
      const index = await this.readFile().catch(() => undefined);
      const next = await make(index);
      await writer.write(path.join(dir, INDEX_FILE), formatIndex(next), () => lock.verify());
      this.dirty = false;
      return next;
    });
  }

  private async readFile(): Promise<IndexData | undefined> {
    const text = await readIfExists(this.options.fs, path.join(this.options.dir, INDEX_FILE));
    return text === undefined ? undefined : parseIndex(text);
  }

  private async conversationIds(): Promise<string[]> {
    const names = await this.options.fs.readdir(this.options.dir).catch((error: unknown) => {
      if (isNotFound(error)) return [];
      throw error;
    });
    return names
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
      .filter(isValidConversationId)
      .sort();
  }

  /**
   * Reads the conversation files, without the lock: all of them (`everyFile`, or when there is no
   * usable index), else those without an entry or changed since their entry was written.
   */
  private async readFiles(options: { everyFile: boolean }): Promise<FromFiles> {
    const readAt = this.options.now();
    const before = this.dirty
      ? undefined
      : await this.readFile().catch((error: unknown) => {
          this.options.warn('The conversation index is unreadable; rebuilding it from the conversation files.', error);
          return undefined;
        });
    const entries = new Map((before?.conversations ?? []).map((entry) => [entry.id, entry]));
    const ids = await this.conversationIds();
    const read = new Map<string, IndexEntry | undefined>();
    for (const id of ids) {
      const savedAt = entries.get(id)?.savedAt;
      if (!options.everyFile && savedAt !== undefined && !(await this.changedSince(id, savedAt))) continue;
      const summary = await this.options.readSummary(id);
      read.set(id, summary ? { ...summary, savedAt: readAt } : undefined);
    }
    return { readAt, read, ids: new Set(ids), before: options.everyFile ? undefined : before };
  }

  /** Under the lock: what the files said, applied to the index as it is now (see the file comment). */
  private applyFiles(found: FromFiles): Promise<IndexData> {
    return this.locked(async (current) => {
      const base = current ?? found.before ?? { version: INDEX_VERSION, conversations: [] };
      const entries = new Map(base.conversations.map((entry) => [entry.id, entry]));
      for (const [id, entry] of found.read) {
        // Written by a save since the files were read: newer than what was read.
        if ((entries.get(id)?.savedAt ?? -Infinity) > found.readAt) continue;
        if (entry) entries.set(id, entry);
        else entries.delete(id);
      }
      for (const id of entries.keys()) {
        // An entry without a file: dropped, unless a save made the file after the listing.
        if (!found.ids.has(id) && !(await this.exists(id))) entries.delete(id);
      }
      for (const id of found.ids) {
        // A file the listing found and nothing read (an entry trusted), whose entry is gone now.
        if (!entries.has(id) && !found.read.has(id)) {
          const summary = await this.options.readSummary(id);
          if (summary) entries.set(id, { ...summary, savedAt: this.options.now() });
        }
      }
      const index: IndexData = { version: INDEX_VERSION, conversations: [...entries.values()] };
      const lastOpenId = current?.lastOpenId ?? found.before?.lastOpenId;
      if (lastOpenId !== undefined && entries.has(lastOpenId)) index.lastOpenId = lastOpenId;
      return index;
    });
  }

  /** Whether the file was modified after `savedAt` (its entry is written after the file). */
  private async changedSince(id: string, savedAt: number): Promise<boolean> {
    const stat = await this.options.fs.stat(path.join(this.options.dir, `${id}.json`)).catch(() => undefined);
    return stat === undefined || stat.mtimeMs > savedAt;
  }

  private async exists(id: string): Promise<boolean> {
    return (await this.options.fs.stat(path.join(this.options.dir, `${id}.json`)).catch(() => undefined)) !== undefined;
  }

  private async removeStaleTemps(): Promise<void> {
    const { fs, dir, staleBefore, warn } = this.options;
    const removed = await removeStaleTemps(fs, dir, staleBefore).catch((error: unknown): string[] => {
      warn('Could not look for stale temp files.', error);
      return [];
    });
    if (removed.length > 0) warn(`Removed temp files left by interrupted saves: ${removed.join(', ')}.`);
  }
}
