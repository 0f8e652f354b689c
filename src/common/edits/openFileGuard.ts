import * as nodePath from 'node:path';
import type { PathError, ResolvedPath } from './pathGuard';

/**
 * The path rule with no workspace folder open. Treating the active file's folder as the workspace
 * would let the model read its neighbours without review (for a file in the home folder, `~/.ssh`),
 * so the tool may touch the one document the user opened, and nothing else.
 */

const refused = (reason: string): PathError => ({ ok: false, reason: `${reason} Nothing was read or changed.` });

/**
 * Accepts `inputPath` only when it names `openFile`: its absolute path, or a path relative to its
 * folder that leads to it (usually the bare file name). Anything else, its folder included, is
 * refused with a reason the model can act on. Windows paths compare case-insensitively.
 */
export function resolveOpenFileOnly(inputPath: unknown, openFile: string): ResolvedPath | PathError {
  if (typeof inputPath !== 'string') return refused('The path must be a string.');
  if (inputPath.trim() === '') return refused('The path is empty.');
  if (inputPath.includes('\0')) return refused('The path contains a NUL byte.');
  const win32 = /^[A-Za-z]:[\\/]/.test(openFile) || openFile.startsWith('\\\\');
  const api = win32 ? nodePath.win32 : nodePath.posix;
  const file = api.normalize(openFile);
  const folder = api.dirname(file);
  const candidate = api.isAbsolute(inputPath) ? api.normalize(inputPath) : api.resolve(folder, inputPath);
  const same = win32 ? candidate.toLowerCase() === file.toLowerCase() : candidate === file;
  if (!same) {
    return refused(`No workspace folder is open, so only the open file ${file} can be viewed or edited, not ${inputPath}. Ask the user to open a folder to work with other files.`);
  }
  return { ok: true, absolute: file, relative: api.basename(file), root: folder };
}
