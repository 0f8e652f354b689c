import assert from 'node:assert/strict';
import { resolveInWorkspace } from '../../../src/common/edits/pathGuard';
import type { PathGuardFs, ResolvedPath } from '../../../src/common/edits/pathGuard';

/**
 * A fake file system: `links` maps a path prefix to where it really points; `dangling` maps a link
 * path to its readlink text (the link exists, its target need not).
 */
function fakeFs(existing: string[], links: Record<string, string> = {}, dangling: Record<string, string> = {}): PathGuardFs {
  const set = new Set(existing);
  return {
    readlink: (p) => dangling[p],
    realpath(p) {
      if (!set.has(p)) return undefined;
      for (const [from, to] of Object.entries(links)) {
        if (p === from || p.startsWith(from + '/')) return to + p.slice(from.length);
      }
      return p;
    },
  };
}

const accepted = (r: ReturnType<typeof resolveInWorkspace>): ResolvedPath => {
  assert.ok(r.ok, r.ok ? '' : r.reason);
  return r;
};
const refused = (r: ReturnType<typeof resolveInWorkspace>, pattern: RegExp): void => {
  assert.equal(r.ok, false, 'expected the path to be refused');
  if (!r.ok) {
    assert.match(r.reason, pattern);
    assert.match(r.reason, /Nothing was read or changed\.$/);
  }
};

describe('edits/pathGuard', () => {
  const fs = fakeFs(['/ws', '/ws/src', '/ws/src/a.ts', '/ws2', '/ws2/b.ts']);

  it('accepts workspace-relative paths', () => {
    assert.deepEqual(accepted(resolveInWorkspace('src/a.ts', ['/ws'], fs)), { ok: true, absolute: '/ws/src/a.ts', relative: 'src/a.ts', root: '/ws' });
    assert.equal(accepted(resolveInWorkspace('./src/../src/a.ts', ['/ws'], fs)).absolute, '/ws/src/a.ts');
    assert.equal(accepted(resolveInWorkspace('.', ['/ws'], fs)).relative, '');
  });

  it('accepts absolute paths inside a root and picks that root', () => {
    const r = accepted(resolveInWorkspace('/ws2/b.ts', ['/ws', '/ws2'], fs));
    assert.equal(r.root, '/ws2');
    assert.equal(r.relative, 'b.ts');
  });

  it('picks a root by folder name in a multi-root workspace', () => {
    const r = accepted(resolveInWorkspace('ws2/b.ts', ['/ws', '/ws2'], fs));
    assert.equal(r.absolute, '/ws2/b.ts');
    assert.equal(accepted(resolveInWorkspace('src/a.ts', ['/ws', '/ws2'], fs)).absolute, '/ws/src/a.ts');
  });

  it('accepts names that merely start with two dots', () => {
    assert.equal(accepted(resolveInWorkspace('..hidden', ['/ws'], fs)).absolute, '/ws/..hidden');
  });

  it('refuses .. escapes', () => {
    refused(resolveInWorkspace('../etc/passwd', ['/ws'], fs), /leaves the workspace folder \/ws/);
    refused(resolveInWorkspace('src/../../ws2/b.ts', ['/ws'], fs), /leaves the workspace/);
    refused(resolveInWorkspace('..', ['/ws'], fs), /leaves the workspace/);
  });

  it('refuses absolute paths outside every root, including sibling prefixes', () => {
    refused(resolveInWorkspace('/etc/passwd', ['/ws'], fs), /outside the workspace folders \(\/ws\)/);
    refused(resolveInWorkspace('/ws-other/x', ['/ws'], fs), /outside the workspace/);
    refused(resolveInWorkspace('/ws/../etc/passwd', ['/ws'], fs), /outside the workspace/);
  });

  it('refuses a path whose symlink leads outside', () => {
    const linked = fakeFs(['/ws', '/ws/link', '/ws/link/secret'], { '/ws/link': '/home/user/.ssh' });
    refused(resolveInWorkspace('link/secret', ['/ws'], linked), /resolves \(through a symbolic link\) to \/home\/user\/\.ssh\/secret/);
  });

  it('refuses creating a file under a symlinked directory that leads outside', () => {
    const linked = fakeFs(['/ws', '/ws/link'], { '/ws/link': '/etc' });
    refused(resolveInWorkspace('link/new/file.txt', ['/ws'], linked), /The folder \/ws\/link that would hold link\/new\/file\.txt resolves/);
  });

  it('accepts symlinks that stay inside, and a workspace root that is itself a symlink', () => {
    const inside = fakeFs(['/ws', '/ws/alias', '/ws/alias/a.ts'], { '/ws/alias': '/ws/src' });
    accepted(resolveInWorkspace('alias/a.ts', ['/ws'], inside));
    const rootLink = fakeFs(['/ws', '/ws/a.ts'], { '/ws': '/data/ws' });
    accepted(resolveInWorkspace('a.ts', ['/ws'], rootLink));
    accepted(resolveInWorkspace('not/yet/there.ts', ['/ws'], rootLink));
  });

  it('refuses empty paths, NUL bytes, non-strings, and an empty workspace', () => {
    refused(resolveInWorkspace('', ['/ws'], fs), /empty/);
    refused(resolveInWorkspace('   ', ['/ws'], fs), /empty/);
    refused(resolveInWorkspace('a\0.ts', ['/ws'], fs), /NUL byte/);
    refused(resolveInWorkspace(42, ['/ws'], fs), /must be a string/);
    refused(resolveInWorkspace('a.ts', [], fs), /No workspace folder is open/);
  });

  describe('dangling symbolic links', () => {
    const existing = ['/ws', '/ws/src', '/home', '/home/u'];
    it('refuses a dangling link whose target is outside, for view and create alike', () => {
      const fs = fakeFs(existing, {}, { '/ws/key': '/home/u/.ssh/id_rsa', '/ws/rel': '../home/u/new.txt' });
      refused(resolveInWorkspace('key', ['/ws'], fs), /key resolves \(through a symbolic link\) to \/home\/u\/\.ssh\/id_rsa, outside/);
      refused(resolveInWorkspace('rel', ['/ws'], fs), /to \/home\/u\/new\.txt, outside/);
    });
    it('follows a chain of links, through a dangling folder link too', () => {
      const fs = fakeFs(existing, {}, { '/ws/a': '/ws/b', '/ws/b': '/tmp/out', '/ws/dir': '/elsewhere/d' });
      refused(resolveInWorkspace('a', ['/ws'], fs), /to \/tmp\/out, outside/);
      refused(resolveInWorkspace('dir/new.ts', ['/ws'], fs), /The folder \/ws\/dir that would hold dir\/new\.ts resolves .* to \/elsewhere\/d, outside/);
    });
    it('accepts a dangling link that stays inside the workspace', () => {
      const fs = fakeFs(existing, {}, { '/ws/later': 'src/not-yet.ts', '/ws/hop': '/ws/later' });
      assert.equal(accepted(resolveInWorkspace('later', ['/ws'], fs)).absolute, '/ws/later');
      accepted(resolveInWorkspace('hop', ['/ws'], fs));
    });
    it('refuses a link loop', () => {
      const fs = fakeFs(existing, {}, { '/ws/x': '/ws/y', '/ws/y': '/ws/x' });
      refused(resolveInWorkspace('x', ['/ws'], fs), /loop of symbolic links/);
    });
  });

  it('refuses when the workspace folder does not exist', () => {
    refused(resolveInWorkspace('a.ts', ['/gone'], fakeFs([])), /does not exist/);
  });

  describe('win32 paths', () => {
    const winFs: PathGuardFs = { realpath: (p) => (/^C:\\ws(\\|$)/i.test(p) ? p : undefined), readlink: () => undefined };
    it('accepts paths inside the root regardless of case and separators', () => {
      const r = accepted(resolveInWorkspace('src/a.ts', ['C:\\ws'], winFs));
      assert.equal(r.absolute, 'C:\\ws\\src\\a.ts');
      assert.equal(r.relative, 'src/a.ts');
      accepted(resolveInWorkspace('c:\\WS\\src\\a.ts', ['C:\\ws'], winFs));
    });
    it('refuses other drives, escapes, and alternate data streams', () => {
      refused(resolveInWorkspace('D:\\ws\\a.ts', ['C:\\ws'], winFs), /outside the workspace/);
      refused(resolveInWorkspace('..\\x', ['C:\\ws'], winFs), /leaves the workspace/);
      refused(resolveInWorkspace('a.ts:secret', ['C:\\ws'], winFs), /alternate data stream/);
    });
  });
});
