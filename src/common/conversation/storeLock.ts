/**
 * Short-lived lock files that give one writer at a time across windows (each VS Code window runs
 * its own extension host, so an in-process queue cannot see the others): `<name>.lock`, created
 * with O_EXCL (`wx`), holds who took it and when. A lock is held for one read-merge-write of one
 * file (milliseconds), always released in `finally`.
 *
 * A crashed or hung holder must not block every other window forever, so a lock is broken when it
 * is older than `staleMs` or its process (on this machine) is gone. Two windows breaking one stale
 * lock at once could each think the lock is theirs; the holder therefore checks, just before its
 * write replaces the file, that the lock still carries its token ({@link HeldLock.verify}), and
 * abandons the write otherwise.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { FILE_MODE, isNotFound, readIfExists, type StoreFs } from './storeFiles';

export interface LockOptions {
  /** A lock older than this is left by a crash or a hang and is broken (default 10 s). */
  staleMs?: number;
  /** How long to wait for a live lock before giving up (default 30 s: past `staleMs`). */
  maxWaitMs?: number;
  now?: () => number;
  /** Whether a process of this machine still runs (default: `process.kill(pid, 0)`). */
  isProcessAlive?: (pid: number) => boolean;
  /** Told when a stale lock is broken. */
  onWarning?: (message: string) => void;
}

/** What a lock file says. */
interface LockInfo {
  token: string;
  pid: number;
  host: string;
  owner: string;
  at: number;
}

/** The lock is held: `verify` throws {@link LockLostError} when another writer broke it meanwhile. */
export interface HeldLock {
  verify(): Promise<void>;
}

export class LockTimeoutError extends Error {
  override readonly name = 'LockTimeoutError';
}
export class LockLostError extends Error {
  override readonly name = 'LockLostError';
}

function isAlreadyThere(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EEXIST';
}

function defaultIsProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return typeof error === 'object' && error !== null && 'code' in error && error.code === 'EPERM';
  }
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const data: unknown = JSON.parse(text);
    if (typeof data !== 'object' || data === null) return undefined;
    const { token, pid, host, owner, at } = data as Record<string, unknown>;
    if (typeof token !== 'string' || typeof pid !== 'number' || typeof host !== 'string' || typeof owner !== 'string' || typeof at !== 'number') return undefined;
    return { token, pid, host, owner, at };
  } catch {
    return undefined;
  }
}

/** The lock files of one directory, taken in the name of one writer (a window). */
export class FileLocks {
  private readonly staleMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly isProcessAlive: (pid: number) => boolean;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly dir: string,
    private readonly fs: StoreFs,
    private readonly owner: string,
    options: LockOptions = {},
  ) {
    this.staleMs = options.staleMs ?? 10_000;
    this.maxWaitMs = options.maxWaitMs ?? 30_000;
    this.now = options.now ?? Date.now;
    this.isProcessAlive = options.isProcessAlive ?? defaultIsProcessAlive;
    this.warn = options.onWarning ?? (() => undefined);
  }

  /** Runs `task` holding `<name>.lock`; the lock is released however the task ends. */
  async with<T>(name: string, task: (lock: HeldLock) => Promise<T>): Promise<T> {
    const file = path.join(this.dir, `${name}.lock`);
    const token = await this.acquire(file);
    try {
      return await task({ verify: () => this.verify(file, token) });
    } finally {
      await this.release(file, token);
    }
  }

  private async acquire(file: string): Promise<string> {
    const token = randomBytes(8).toString('hex');
    const deadline = this.now() + this.maxWaitMs;
    for (let attempt = 0; ; attempt++) {
      const info: LockInfo = { token, pid: process.pid, host: hostname(), owner: this.owner, at: this.now() };
      if (await this.tryCreate(file, info)) return token;
      if (await this.breakIfStale(file)) continue;
      if (this.now() > deadline) {
        throw new LockTimeoutError(`Another window has held ${path.basename(file)} for too long; try again.`);
      }
      // Backoff with jitter, so two waiting windows do not retry in step.
      const delay = Math.min(200, 2 ** attempt) + Math.random() * 5;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }

  /** Creates the lock file; false when it exists. */
  private async tryCreate(file: string, info: LockInfo): Promise<boolean> {
    let handle;
    try {
      handle = await this.fs.open(file, 'wx', FILE_MODE);
    } catch (error) {
      if (isAlreadyThere(error)) return false;
      throw error;
    }
    try {
      await handle.writeFile(JSON.stringify(info), 'utf8');
    } catch (error) {
      await handle.close().catch(() => undefined);
      await this.fs.unlink(file).catch(() => undefined);
      throw error;
    }
    await handle.close();
    return true;
  }

  /** Removes the lock when it is stale; true when the caller should try to take it again now. */
  private async breakIfStale(file: string): Promise<boolean> {
    const text = await readIfExists(this.fs, file);
    if (text === undefined) return true;
    const info = parseLock(text);
    let stale: boolean;
    if (info) {
      const ownerGone = info.host === hostname() && info.pid !== process.pid && !this.isProcessAlive(info.pid);
      stale = ownerGone || this.now() - info.at > this.staleMs;
    } else {
      // Empty or torn: its holder is writing it right now, or crashed while doing so.
      const stat = await this.fs.stat(file).catch(() => undefined);
      if (!stat) return true;
      stale = this.now() - stat.mtimeMs > this.staleMs;
    }
    if (!stale) return false;
    // Only if it is still the lock judged stale: another window may have broken it and taken it anew.
    if ((await readIfExists(this.fs, file)) !== text) return true;
    await this.fs.unlink(file).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
    this.warn(`Broke the stale lock ${path.basename(file)} (${info ? `taken by process ${info.pid} at ${new Date(info.at).toISOString()}` : 'unreadable'}).`);
    return true;
  }

  private async verify(file: string, token: string): Promise<void> {
    const info = parseLock((await readIfExists(this.fs, file)) ?? '');
    if (info?.token !== token) {
      throw new LockLostError(`The lock ${path.basename(file)} was taken by another window during the write; the write was abandoned.`);
    }
  }

  /** Removes the lock if it is still ours (a broken one may be another writer's now). */
  private async release(file: string, token: string): Promise<void> {
    try {
      const info = parseLock((await readIfExists(this.fs, file)) ?? '');
      if (info?.token === token) await this.fs.unlink(file);
    } catch {
      // A lock we cannot remove goes stale and is broken by the next writer.
    }
  }
}
