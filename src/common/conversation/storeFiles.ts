/**
 * The file handling under the conversation store (`store.ts`): atomic writes, reads that treat a
 * missing file as absent rather than as an error, and per-key serialization of tasks. Knows nothing
 * of conversations.
 */
import { randomBytes } from 'node:crypto';

/** The file operations the store uses (node:fs/promises fits; tests inject faults). */
export interface StoreFs {
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  writeFile(file: string, data: string, options: { encoding: 'utf8'; mode: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
  readdir(dir: string): Promise<string[]>;
  mkdir(dir: string, options: { recursive: true; mode: number }): Promise<unknown>;
}

/**
 * Conversations hold the user's code and questions: the files are readable by their owner only
 * (the modes apply on POSIX systems; Windows ignores them and the profile folder's ACL applies).
 */
export const OWNER_ONLY_FILE = 0o600;
export const OWNER_ONLY_DIR = 0o700;

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
 * Atomic writes into one directory, created on the first write: the text goes to
 * `<file>.<random>.tmp`, then is renamed over the file, so a crash leaves either the old file or the
 * new one, never a mix.
 */
export class AtomicWriter {
  private dirReady: Promise<unknown> | undefined;

  constructor(
    private readonly dir: string,
    private readonly fs: StoreFs,
  ) {}

  /** Writes the temp file and renames it over `file`; removes the temp file on failure. */
  async write(file: string, text: string): Promise<void> {
    this.dirReady ??= this.fs.mkdir(this.dir, { recursive: true, mode: OWNER_ONLY_DIR });
    try {
      await this.dirReady;
    } catch (error) {
      // Try again on the next write (the directory may become creatable).
      this.dirReady = undefined;
      throw error;
    }
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      // The temp file is created with the mode, and the rename keeps it, so the text is never readable by others.
      await this.fs.writeFile(temp, text, { encoding: 'utf8', mode: OWNER_ONLY_FILE });
      await this.fs.rename(temp, file);
    } catch (error) {
      await this.fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }
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
