import type { ResolvedPath } from './pathGuard';
import type { Eol } from './textSnapshot';

/** What the engine knows about one file during a request. */
export interface WorkingFile {
  readonly target: ResolvedPath;
  /** The document text when first read in this request; `undefined` when the file did not exist. */
  readonly originalText: string | undefined;
  /** The document version when first read, so the host can rebase onto later user changes. */
  readonly baseVersion: number | undefined;
  /** Line-ending style new text is written with. */
  readonly eol: Eol;
  /** Whether the file exists in the working copy (it existed, or a `create` of this request made it). */
  readonly exists: boolean;
  /** The text with every tool call of this request applied so far (`''` while it does not exist). */
  readonly text: string;
}

/**
 * The working copy of every file the tool touched during one request. Tool calls in one assistant
 * turn apply one after another, so the second `str_replace` on a file must see the first one's
 * result even though nothing has been written to the editor yet.
 */
export class WorkingSet {
  private readonly files = new Map<string, WorkingFile>();

  /** Windows paths compare case-insensitively, so `C:\\ws\\a.ts` and `c:\\WS\\A.ts` share one copy. */
  private static key(target: ResolvedPath): string {
    return /^(?:[A-Za-z]:|\\\\)/.test(target.absolute) ? target.absolute.toLowerCase() : target.absolute;
  }

  /** The working copy of `target`, if this request has read or written it. */
  get(target: ResolvedPath): WorkingFile | undefined {
    return this.files.get(WorkingSet.key(target));
  }

  /**
   * Records the first read of `target` (`originalText` undefined: the file does not exist) and
   * returns the working copy; later calls return what is already known, edits included.
   */
  open(target: ResolvedPath, originalText: string | undefined, eol: Eol, baseVersion?: number): WorkingFile {
    const known = this.files.get(WorkingSet.key(target));
    if (known) return known;
    const file: WorkingFile = {
      target,
      originalText,
      baseVersion,
      eol,
      exists: originalText !== undefined,
      text: originalText ?? '',
    };
    this.files.set(WorkingSet.key(target), file);
    return file;
  }

  /** Sets the working text of a file previously {@link open}ed; it exists from then on. */
  update(target: ResolvedPath, text: string): WorkingFile {
    const known = this.files.get(WorkingSet.key(target));
    if (!known) throw new Error(`${target.absolute} was not opened in this working set.`);
    const file: WorkingFile = { ...known, exists: true, text };
    this.files.set(WorkingSet.key(target), file);
    return file;
  }

  /** Files created or whose working text differs from what was read, in first-touched order. */
  changedFiles(): WorkingFile[] {
    return [...this.files.values()].filter((f) => f.exists && f.originalText !== f.text);
  }
}
