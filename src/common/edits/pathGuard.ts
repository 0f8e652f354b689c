import * as nodePath from 'node:path';

/** A path the guard accepted: where it is, and which workspace folder holds it. */
export interface ResolvedPath {
  readonly ok: true;
  /** Normalized absolute path (not symlink-resolved: the editor opens documents by this path). */
  readonly absolute: string;
  /** Path relative to `root`, with `/` separators; `''` for the root itself. */
  readonly relative: string;
  /** The workspace folder that contains the path. */
  readonly root: string;
}

/** Why a path was refused; `reason` is written for the model and says that nothing was touched. */
export interface PathError {
  readonly ok: false;
  readonly reason: string;
}

/** The file-system questions the guard asks, injected so the guard stays pure and testable. */
export interface PathGuardFs {
  /** The canonical path of `p` with symlinks resolved, or `undefined` when `p` does not exist. */
  realpath(p: string): string | undefined;
  /**
   * The target of `p` when `p` itself is a symbolic link (as written in the link, possibly
   * relative), else `undefined`. Asked for paths `realpath` could not resolve: a dangling link
   * has no real path, yet `create` would write through it.
   */
  readlink(p: string): string | undefined;
}

/** As many links as Linux follows before ELOOP; a longer chain is treated as a loop and refused. */
const MAX_LINK_HOPS = 40;

/** Options of {@link resolveInWorkspace}. */
export interface PathGuardOptions {
  /** Path flavour; guessed from the roots when absent (a drive letter or UNC prefix means win32). */
  readonly platform?: 'posix' | 'win32';
}

type PathApi = typeof nodePath.posix;

const refused = (reason: string): PathError => ({
  ok: false,
  reason: `${reason} Nothing was read or changed.`,
});

function guessPlatform(roots: readonly string[]): 'posix' | 'win32' {
  return roots.some((r) => /^[A-Za-z]:[\\/]/.test(r) || r.startsWith('\\\\')) ? 'win32' : 'posix';
}

/** True when `child` is `parent` or lies under it (lexically; win32 comparison ignores case). */
function isInside(api: PathApi, parent: string, child: string): boolean {
  const rel = api.relative(parent, child);
  // `..name` is a legal file name inside; only a whole `..` segment leaves. Across win32 drives
  // `relative` returns an absolute path.
  return !api.isAbsolute(rel) && !/^\.\.(?:[\\/]|$)/.test(rel);
}

/**
 * Resolves a path sent by the model to a file inside one of the workspace folders, or says why not.
 *
 * Accepts workspace-relative paths (in a multi-root workspace a leading folder name picks that
 * folder) and absolute paths inside a folder. Refuses empty paths, NUL bytes, `..` escapes, absolute
 * paths elsewhere, and paths whose real location (after symlinks) is outside every folder; for a file
 * that does not exist yet, the nearest existing parent is checked instead, so `create` cannot write
 * through a symlinked directory either, and a dangling symlink is followed to where it points.
 */
export function resolveInWorkspace(
  inputPath: unknown,
  workspaceRoots: readonly string[],
  fs: PathGuardFs,
  options: PathGuardOptions = {},
): ResolvedPath | PathError {
  if (typeof inputPath !== 'string') return refused('The path must be a string.');
  if (inputPath.trim() === '') return refused('The path is empty.');
  if (inputPath.includes('\0')) return refused('The path contains a NUL byte.');
  if (workspaceRoots.length === 0) return refused('No workspace folder is open, so no file can be used.');

  const platform = options.platform ?? guessPlatform(workspaceRoots);
  const api: PathApi = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const roots = workspaceRoots.map((r) => api.normalize(r));

  const located = locate(api, inputPath, roots, workspaceRoots);
  if (!located.ok) return located;
  const { candidate, root } = located;

  if (platform === 'win32') {
    // A colon after the drive letter names an NTFS alternate data stream; never a plain file.
    const afterDrive = candidate.replace(/^[A-Za-z]:/, '');
    if (afterDrive.includes(':')) return refused(`The path ${inputPath} names an alternate data stream.`);
  }

  const escape = checkRealLocation(api, fs, { inputPath, candidate, root, roots });
  if (escape) return escape;

  const relative = api.relative(root, candidate).split(api.sep).join('/');
  return { ok: true, absolute: candidate, relative, root };
}

/** Where a path points, lexically, and which (normalized) root holds it; or why it is outside. */
function locate(
  api: PathApi,
  inputPath: string,
  roots: readonly string[],
  workspaceRoots: readonly string[],
): { readonly ok: true; readonly candidate: string; readonly root: string } | PathError {
  if (api.isAbsolute(inputPath)) {
    const candidate = api.normalize(inputPath);
    // Prefer the deepest root, so nested workspace folders attribute a file to the closest one.
    const root = roots.filter((r) => isInside(api, r, candidate)).sort((a, b) => b.length - a.length)[0];
    if (root === undefined) {
      return refused(`The path ${inputPath} is outside the workspace folders (${workspaceRoots.join(', ')}).`);
    }
    return { ok: true, candidate, root };
  }
  const [first, ...rest] = inputPath.split(/[\\/]+/);
  // In a multi-root workspace, `folderName/x` means x in that folder, as VS Code shows paths.
  const named = roots.length > 1 ? roots.find((r) => api.basename(r) === first) : undefined;
  const root = named ?? roots[0] ?? '';
  const candidate = api.resolve(root, ...(named ? rest : [inputPath]));
  if (!isInside(api, root, candidate)) {
    return refused(`The path ${inputPath} leaves the workspace folder ${root} (through "..").`);
  }
  return { ok: true, candidate, root };
}

/**
 * Walks up from the candidate to the nearest existing ancestor (the path itself when it exists) and
 * checks where it really is: a symlink inside the workspace may point anywhere, and a dangling one
 * (its target missing) is followed through its readlink chain to where a write would land.
 */
function checkRealLocation(
  api: PathApi,
  fs: PathGuardFs,
  where: { readonly inputPath: string; readonly candidate: string; readonly root: string; readonly roots: readonly string[] },
): PathError | undefined {
  const { inputPath, candidate, root } = where;
  const realRoots = where.roots.map((r) => fs.realpath(r) ?? r);
  const what = (probe: string): string => (probe === candidate ? `The path ${inputPath}` : `The folder ${probe} that would hold ${inputPath}`);
  let probe = candidate;
  for (;;) {
    const real = fs.realpath(probe) ?? danglingTarget(api, fs, probe);
    if (real === LINK_LOOP) return refused(`${what(probe)} goes through a loop of symbolic links.`);
    if (real !== undefined) {
      if (realRoots.some((r) => isInside(api, r, real))) return undefined;
      return refused(`${what(probe)} resolves (through a symbolic link) to ${real}, outside the workspace.`);
    }
    const parent = api.dirname(probe);
    if (parent === probe || !isInside(api, root, parent)) {
      return refused(`The workspace folder ${root} does not exist.`);
    }
    probe = parent;
  }
}

/** Marks a link chain too long to follow. */
const LINK_LOOP = Symbol('link loop');

/**
 * Where a dangling symlink at `p` leads, or undefined when `p` is not a link. The target may itself
 * be a link, or lie under a missing folder reached through links, so each step resolves again.
 */
function danglingTarget(api: PathApi, fs: PathGuardFs, p: string): string | typeof LINK_LOOP | undefined {
  const link = fs.readlink(p);
  if (link === undefined) return undefined;
  return whereLinkLeads(api, fs, api.resolve(api.dirname(p), link), 1);
}

/** The location `p` stands for once every link on the way is followed (missing tail kept as is). */
function whereLinkLeads(api: PathApi, fs: PathGuardFs, p: string, hops: number): string | typeof LINK_LOOP {
  if (hops > MAX_LINK_HOPS) return LINK_LOOP;
  const real = fs.realpath(p);
  if (real !== undefined) return real;
  const link = fs.readlink(p);
  if (link !== undefined) return whereLinkLeads(api, fs, api.resolve(api.dirname(p), link), hops + 1);
  const parent = api.dirname(p);
  if (parent === p) return p;
  const base = whereLinkLeads(api, fs, parent, hops);
  return base === LINK_LOOP ? base : api.join(base, api.basename(p));
}
