import type { EditorToolContext } from '../../../src/common/edits/editorTool';
import { resolveInWorkspace } from '../../../src/common/edits/pathGuard';
import type { TextSnapshotLike } from '../../../src/common/edits/textSnapshot';
import { WorkingSet } from '../../../src/common/edits/workingSet';

/** An in-memory workspace rooted at /ws: files by absolute path, directories with their listings. */
export interface FakeWorkspace {
  files: Map<string, string>;
  dirs: Map<string, string[]>;
  ctx: EditorToolContext & { workingSet: WorkingSet };
}

/** Builds a fake workspace and a tool context over it. */
export function fakeWorkspace(
  files: Record<string, string>,
  options: { allowCreate?: boolean; dirs?: Record<string, string[]>; maxCharacters?: number; version?: number } = {},
): FakeWorkspace {
  const fileMap = new Map(Object.entries(files));
  const dirMap = new Map(Object.entries({ '/ws': [], ...options.dirs }));
  const exists = (p: string): boolean => fileMap.has(p) || dirMap.has(p);
  const ctx: EditorToolContext & { workingSet: WorkingSet } = {
    resolvePath: (p) => resolveInWorkspace(p, ['/ws'], { realpath: (q) => (exists(q) ? q : undefined), readlink: () => undefined }),
    getDocument: (r): TextSnapshotLike | undefined => {
      const text = fileMap.get(r.absolute);
      return text === undefined ? undefined : { text, version: options.version ?? 1 };
    },
    listDirectory: (r) => dirMap.get(r.absolute),
    allowCreate: options.allowCreate ?? true,
    workingSet: new WorkingSet(),
    maxCharacters: options.maxCharacters,
  };
  return { files: fileMap, dirs: dirMap, ctx };
}
