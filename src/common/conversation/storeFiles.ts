/**
 * The file handling under the conversation store (`store.ts`): atomic writes, reads that treat a
 * missing file as absent rather than as an error, and per-key serialization of tasks. Knows nothing
 * of conversations.
 */
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

/** An open file, as `node:fs/promises` hands it out: written once, flushed, closed. */
export interface StoreFileHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The file operations the store uses (node:fs/promises fits; tests observe them and inject faults). */
export interface StoreFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  /** `wx` makes a new file with `mode` (failing if it exists); `r` opens a directory to flush it. */
  open(file: string, flags: 'wx' | 'r', mode?: number): Promise<StoreFileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string, options: { recursive: true; mode: number }): Promise<unknown>;
  chmod(file: string, mode: number): Promise<void>;
  stat(file: string): Promise<{ readonly mtimeMs: number }>;
}

/** Conversations are private: files readable by their owner only, and the folder too. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** The temp files {@link AtomicWriter} makes: `<file>.<12 hex digits>.tmp`. */
const TEMP_FILE = /\.[0-9a-f]{12}\.tmp$/;

/** Whether an fs error means the file or directory does not exist. */
export function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT';
}

/** The file's text; undefined when it does not exist; read errors other than that propagate. */
export async function readIfExists(fs: StoreFs, file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (error) {
    if (isNotFound(error)) {
      return undefined;
    }
    throw error;
  }
}

/**
 * Atomic, durable writes into one directory, created on the first write (owner-only, 0700): the
 * text goes to `<file>.<random>.tmp` (0600), is flushed to disk, then renamed over the file, and the
 * directory is flushed so the rename survives a power cut. A crash leaves either the old file or
 * the new one, never a mix, and a file never reaches the name half-written.
 */
export class AtomicWriter {
  private dirReady: Promise<unknown> | undefined;

  constructor(
    private readonly dir: string,
    private readonly fs: StoreFs,
  ) {}

  /** Makes the directory (owner-only) if it is not there yet; a failure is retried next time. */
  async ready(): Promise<void> {
    this.dirReady ??= this.prepareDir();
    try {
      await this.dirReady;
    } catch (error) {
      // Try again on the next write (the directory may become creatable).
      this.dirReady = undefined;
      throw error;
    }
  }

  /**
   * Writes the temp file and renames it over `file`; removes the temp file on failure.
   * `beforeRename` runs once the text is flushed, just before it replaces the file: a writer
   * holding a lock checks there that the lock is still its own (it throws to abandon the write).
   */
  async write(file: string, text: string, beforeRename?: () => Promise<void>): Promise<void> {
    await this.ready();
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await this.fs.open(temp, 'wx', FILE_MODE);
      try {
        await handle.writeFile(text, 'utf8');
        // Flushed before the rename: otherwise a crash can leave the new name on empty blocks.
        await handle.sync();
      } finally {
        await handle.close();
      }
      await beforeRename?.();
      await this.fs.rename(temp, file);
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
    await this.syncDir();
  }

  private async prepareDir(): Promise<void> {
    await this.fs.mkdir(this.dir, { recursive: true, mode: DIR_MODE });
    // mkdir leaves an existing folder's mode alone; tighten one made by an older version. Best
    // effort: a folder we may write in but not chmod (another owner) still gets 0600 files.
    await this.fs.chmod(this.dir, DIR_MODE).catch(() => undefined);
  }

  /**
   * Flushes the directory entry of the rename. Windows cannot open a directory for this (EPERM or
   * EISDIR), and there the rename is as durable as the platform makes it, so a failure is ignored.
   */
  private async syncDir(): Promise<void> {
    try {
      const handle = await this.fs.open(this.dir, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      // See above: not every platform can flush a directory.
    }
  }
}

/**
 * Deletes the temp files an interrupted write left in `dir` (a crash between write and rename):
 * only names of the temp pattern, and only those last modified before `before` (the start of this
 * process), so a write another window is making right now is left alone.
 * @returns the names removed
 */
export async function removeStaleTemps(fs: StoreFs, dir: string, before: number): Promise<string[]> {
  const names = await fs.readdir(dir).catch((error: unknown) => {
    if (isNotFound(error)) return [];
    throw error;
  });
  const removed: string[] = [];
  for (const name of names.filter((n) => TEMP_FILE.test(n))) {
    const file = path.join(dir, name);
    const stale = await fs.stat(file).then((s) => s.mtimeMs < before, () => false);
    if (stale && (await fs.unlink(file).then(() => true, () => false))) removed.push(name);
  }
  return removed;
}

/** Runs tasks one after another per key, so two writes of one file never interleave. */
export class KeyedQueue {
  private readonly chains = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task with the same key has settled (failed ones included). */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
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
