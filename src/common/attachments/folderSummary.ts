/**
 * Attaching a folder attaches its text files, up to a limit; this says what was left out, so the
 * user knows the model did not see those files.
 */

/** The most files one folder attaches. */
export const FOLDER_MAX_FILES = 20;

export interface FolderResult {
  /** The folder as the user knows it (workspace-relative). */
  folder: string;
  attached: number;
  /** Files that are images or PDFs (a folder attaches text only). */
  notText: readonly string[];
  /** Files refused (binary, too large, unreadable). */
  refused: readonly string[];
  /** Files not looked at because the limit was reached. */
  overLimit: number;
}

function names(paths: readonly string[]): string {
  const shown = paths.slice(0, 3).map((p) => p.split('/').pop() ?? p);
  return paths.length > 3 ? `${shown.join(', ')} and ${paths.length - 3} more` : shown.join(', ');
}

/** The message for a folder, or undefined when every file in it was attached. */
export function folderSummary(result: FolderResult): string | undefined {
  const left: string[] = [];
  if (result.overLimit > 0) left.push(`${result.overLimit} more ${result.overLimit === 1 ? 'file' : 'files'} over the limit of ${FOLDER_MAX_FILES} files per folder`);
  if (result.notText.length > 0) left.push(`${result.notText.length} image or PDF ${result.notText.length === 1 ? 'file' : 'files'} (${names(result.notText)}; attach them one by one)`);
  if (result.refused.length > 0) left.push(`${result.refused.length} ${result.refused.length === 1 ? 'file' : 'files'} that could not be attached (${names(result.refused)}: binary, too large or unreadable)`);
  if (result.attached === 0 && left.length === 0) return `${result.folder} has no text files to attach.`;
  if (left.length === 0) return undefined;
  return `Attached ${result.attached} text ${result.attached === 1 ? 'file' : 'files'} from ${result.folder}; left out ${left.join(', ')}.`;
}
