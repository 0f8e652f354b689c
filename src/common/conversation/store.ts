/**
 * Conversations on disk: one `<id>.json` per conversation plus `index.json` (the history list and
 * the conversation open last), in a directory the host chooses (its global storage).
 *
 * - Every write is atomic: the text goes to `<file>.<random>.tmp`, then is renamed over the file,
 *   so a crash leaves either the old file or the new one, never a mix.
 * - Writes of one conversation are serialized (a promise chain per id), as are index updates, so
 *   two saves never interleave and the last save wins.
 * - A conversation file that cannot be read (corrupt, or from a newer version) is skipped with a
 *   warning and never overwritten or deleted: a save that would overwrite it goes to a new id.
 * - The index is derived data: when it is missing or corrupt it is rebuilt from the files. It is
 *   re-read before each change so two windows sharing the directory lose as little as possible.
 * - A turn saved while streaming loads back as stopped and interrupted (see serialization.ts).
 *
 * Debouncing saves is the caller's job.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import type { ConversationSummary } from '../protocol';
import type { Conversation } from './model';
import { newConversationId } from './conversation';
import { parseConversation, serializeConversation } from './serialization';
import { stableStringify } from './stableJson';
import { titleForConversation } from './title';

/** The file operations the store uses (node:fs/promises fits; tests inject faults). */
export interface StoreFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  writeFile(file: string, data: string, encoding: 'utf8'): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string, options: { recursive: true }): Promise<unknown>;
}

export interface StoreOptions {
  /** Told about files skipped or left alone; the host logs it. */
  onWarning?: (message: string, error?: unknown) => void;
  /** Makes ids for conversations moved off a corrupt file (tests make them predictable). */
  newId?: () => string;
}

export const INDEX_FILE = 'index.json';
export const INDEX_VERSION = 1;

interface IndexData {
  version: number;
  lastOpenId?: string;
  conversations: ConversationSummary[];
}

// Ids become file names: letters, digits, `-` and `_` only, so an id from the webview cannot
// reach outside the directory; `index` is the index file's name.
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
const INDEX_KEY = '\u0000index';

/** Whether a string can be a conversation id (and so a file name). */
export function isValidConversationId(id: string): boolean {
  return ID_PATTERN.test(id) && id !== 'index';
}

/** One directory of conversation files and their index. */
export class ConversationStore {
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Ids whose file this store wrote or read successfully: safe to overwrite without a check. */
  private readonly known = new Set<string>();
  private indexDirty = false;
  private dirReady: Promise<unknown> | undefined;
  private readonly warn: (message: string, error?: unknown) => void;
  private readonly newId: () => string;

  constructor(
    private readonly dir: string,
    private readonly fs: StoreFs = nodeFs,
    options: StoreOptions = {},
  ) {
    this.warn = options.onWarning ?? (() => undefined);
    this.newId = options.newId ?? newConversationId;
  }

  /** The history, newest first, from the index (rebuilt from the files when needed). */
  list(): Promise<ConversationSummary[]> {
    return this.serialize(INDEX_KEY, async () => sortSummaries((await this.readIndex()).conversations));
  }

  /** Rebuilds the index from the conversation files, skipping unreadable ones; keeps `lastOpenId`. */
  rebuildIndex(): Promise<ConversationSummary[]> {
    return this.serialize(INDEX_KEY, async () => {
      const previous = await this.readIndexFile().catch(() => undefined);
      return sortSummaries((await this.rebuild(previous?.lastOpenId)).conversations);
    });
  }

  /** A conversation, or undefined when it does not exist or cannot be read (with a warning). */
  load(id: string): Promise<Conversation | undefined> {
    if (!isValidConversationId(id)) {
      return Promise.resolve(undefined);
    }
    return this.serialize(id, () => this.loadUnlocked(id));
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
    return this.serialize(id, () => this.saveUnlocked(conversation));
  }

  /** Deletes a conversation. An unreadable file is left on disk (only its index entry goes). */
  async delete(id: string): Promise<void> {
    if (!isValidConversationId(id)) {
      return;
    }
    await this.serialize(id, async () => {
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
    return this.serialize(id, async () => {
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
    return this.serialize(INDEX_KEY, async () => {
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
    await this.writeAtomic(this.file(id), serializeConversation(conversation));
    this.known.add(id);
    const summary: ConversationSummary = {
      id,
      title: conversation.title || titleForConversation(conversation),
      model: conversation.model,
      updatedAt: conversation.updatedAt,
    };
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

  /** The file's text; undefined when it does not exist; read errors other than that propagate. */
  private async readText(id: string): Promise<string | undefined> {
    try {
      return await this.fs.readFile(this.file(id), 'utf8');
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  private updateIndex(change: (index: IndexData) => void): Promise<void> {
    return this.serialize(INDEX_KEY, async () => {
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
    let text: string;
    try {
      text = await this.fs.readFile(path.join(this.dir, INDEX_FILE), 'utf8');
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
    return parseIndex(text);
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
        conversations.push({
          id,
          title: conversation.title || titleForConversation(conversation),
          model: conversation.model,
          updatedAt: conversation.updatedAt,
        });
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
    await this.writeAtomic(path.join(this.dir, INDEX_FILE), `${stableStringify({ ...index, conversations: sortSummaries(index.conversations) })}\n`);
  }

  /** Writes `<file>.<random>.tmp` and renames it over `file`; removes the temp file on failure. */
  private async writeAtomic(file: string, text: string): Promise<void> {
    this.dirReady ??= this.fs.mkdir(this.dir, { recursive: true });
    try {
      await this.dirReady;
    } catch (error) {
      this.dirReady = undefined;
      throw error;
    }
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await this.fs.writeFile(temp, text, 'utf8');
      await this.fs.rename(temp, file);
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  /** Runs `task` after every earlier task with the same key has settled. */
  private serialize<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.chains.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.chains.set(key, settled);
    // Forget finished chains so the map does not grow with every conversation ever saved.
    void settled.then(() => {
      if (this.chains.get(key) === settled) {
        this.chains.delete(key);
      }
    });
    return run;
  }
}

function parseIndex(text: string): IndexData {
  const data: unknown = JSON.parse(text);
  if (typeof data !== 'object' || data === null || !('conversations' in data) || !Array.isArray(data.conversations)) {
    throw new Error('The index has no conversations list.');
  }
  const conversations: ConversationSummary[] = [];
  for (const entry of data.conversations as unknown[]) {
    if (isSummary(entry) && isValidConversationId(entry.id)) {
      conversations.push({ id: entry.id, title: entry.title, model: entry.model, updatedAt: entry.updatedAt });
    }
  }
  const index: IndexData = { version: INDEX_VERSION, conversations };
  if ('lastOpenId' in data && typeof data.lastOpenId === 'string') {
    index.lastOpenId = data.lastOpenId;
  }
  return index;
}

function isSummary(value: unknown): value is ConversationSummary {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const entry = value as Record<string, unknown>;
  return typeof entry['id'] === 'string' && typeof entry['title'] === 'string' && typeof entry['model'] === 'string' && typeof entry['updatedAt'] === 'number';
}

function sortSummaries(conversations: ConversationSummary[]): ConversationSummary[] {
  return [...conversations].sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}
