import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConversationStore } from '../../../src/common/conversation/store';
import { AtomicWriter, DIR_MODE, FILE_MODE, removeStaleTemps, type StoreFs } from '../../../src/common/conversation/storeFiles';

/** node:fs/promises that records each operation (temp names shortened to `<file>.tmp`). */
function recordingFs(log: string[], faults: { fileSync?: Error; dirOpen?: Error } = {}): StoreFs {
  const short = (p: string) => path.basename(p).replace(/\.[0-9a-f]{12}\.tmp$/, '.tmp');
  return {
    readFile: (f, e) => fs.readFile(f, e),
    async open(f, flags, mode) {
      log.push(`open ${short(f)} ${flags}${mode === undefined ? '' : ` ${mode.toString(8)}`}`);
      if (flags === 'r' && faults.dirOpen) throw faults.dirOpen;
      const handle = await fs.open(f, flags, mode);
      return {
        writeFile: async (d, e) => { log.push(`write ${short(f)}`); await handle.writeFile(d, e); },
        sync: async () => {
          log.push(`sync ${short(f)}`);
          if (flags === 'wx' && faults.fileSync) throw faults.fileSync;
          await handle.sync();
        },
        close: async () => { log.push(`close ${short(f)}`); await handle.close(); },
      };
    },
    rename: async (a, b) => { log.push(`rename ${short(a)} ${short(b)}`); await fs.rename(a, b); },
    unlink: async (f) => { log.push(`unlink ${short(f)}`); await fs.unlink(f); },
    readdir: (d) => fs.readdir(d),
    mkdir: async (d, o) => { log.push(`mkdir ${short(d)} ${o.mode.toString(8)}`); return fs.mkdir(d, o); },
    chmod: async (f, m) => { log.push(`chmod ${short(f)} ${m.toString(8)}`); await fs.chmod(f, m); },
    stat: (f) => fs.stat(f),
  };
}

describe('conversation/storeFiles', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-files-'));
    dir = path.join(root, 'store');
  });
  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('writes owner-only, flushes the file before the rename and the folder after it', async () => {
    const log: string[] = [];
    await new AtomicWriter(dir, recordingFs(log)).write(path.join(dir, 'a.json'), '{"x":1}');
    assert.deepEqual(log, [
      'mkdir store 700', 'chmod store 700',
      'open a.json.tmp wx 600', 'write a.json.tmp', 'sync a.json.tmp', 'close a.json.tmp',
      'rename a.json.tmp a.json',
      'open store r', 'sync store', 'close store',
    ]);
    assert.equal(await fs.readFile(path.join(dir, 'a.json'), 'utf8'), '{"x":1}');
    if (process.platform !== 'win32') {
      // POSIX modes; Windows has no such bits, so the call order above is what holds there.
      assert.equal((await fs.stat(path.join(dir, 'a.json'))).mode & 0o777, FILE_MODE);
      assert.equal((await fs.stat(dir)).mode & 0o777, DIR_MODE);
    }
  });

  it('tightens a folder an older version made with wider permissions', async () => {
    await fs.mkdir(dir, { mode: 0o755 });
    await new AtomicWriter(dir, recordingFs([])).write(path.join(dir, 'a.json'), 'x');
    if (process.platform !== 'win32') assert.equal((await fs.stat(dir)).mode & 0o777, DIR_MODE);
    assert.equal(await fs.readFile(path.join(dir, 'a.json'), 'utf8'), 'x');
  });

  it('still succeeds where a folder cannot be flushed (Windows refuses to open one)', async () => {
    const log: string[] = [];
    await new AtomicWriter(dir, recordingFs(log, { dirOpen: Object.assign(new Error('EISDIR'), { code: 'EISDIR' }) })).write(path.join(dir, 'a.json'), 'x');
    assert.equal(await fs.readFile(path.join(dir, 'a.json'), 'utf8'), 'x');
    assert.equal(log.at(-1), 'open store r');
  });

  it('leaves the old file and no temp file when the flush fails', async () => {
    await fs.mkdir(dir);
    await fs.writeFile(path.join(dir, 'a.json'), 'old');
    const log: string[] = [];
    await assert.rejects(new AtomicWriter(dir, recordingFs(log, { fileSync: new Error('EIO') })).write(path.join(dir, 'a.json'), 'new'), /EIO/);
    assert.equal(await fs.readFile(path.join(dir, 'a.json'), 'utf8'), 'old');
    assert.deepEqual(await fs.readdir(dir), ['a.json']);
    assert.deepEqual(log.slice(-3), ['sync a.json.tmp', 'close a.json.tmp', 'unlink a.json.tmp']);
  });

  describe('stale temp files', () => {
    const old = new Date(Date.UTC(2020, 0, 1));
    const startedAt = Date.UTC(2024, 0, 1);
    async function seed(): Promise<void> {
      await fs.mkdir(dir);
      const files = ['a.json', 'a.json.0123456789ab.tmp', 'index.json.abcdefabcdef.tmp', 'notes.tmp', 'a.json.xyz.tmp'];
      for (const name of files) {
        await fs.writeFile(path.join(dir, name), '{}');
        await fs.utimes(path.join(dir, name), old, old);
      }
      // Written after this process started: another window's save in progress.
      await fs.writeFile(path.join(dir, 'b.json.fedcba987654.tmp'), '{');
    }

    it('removes only temp-pattern files older than the process', async () => {
      await seed();
      const removed = await removeStaleTemps(recordingFs([]), dir, startedAt);
      assert.deepEqual(removed.sort(), ['a.json.0123456789ab.tmp', 'index.json.abcdefabcdef.tmp']);
      assert.deepEqual((await fs.readdir(dir)).sort(), ['a.json', 'a.json.xyz.tmp', 'b.json.fedcba987654.tmp', 'notes.tmp']);
      assert.deepEqual(await removeStaleTemps(recordingFs([]), path.join(root, 'missing'), startedAt), []);
    });

    it('are cleaned by the store on its first listing, with a warning', async () => {
      await seed();
      const warnings: string[] = [];
      const store = new ConversationStore(dir, recordingFs([]), { onWarning: (m) => warnings.push(m), staleBefore: startedAt });
      await store.list();
      assert.ok(!(await fs.readdir(dir)).includes('a.json.0123456789ab.tmp'));
      assert.ok((await fs.readdir(dir)).includes('b.json.fedcba987654.tmp'));
      assert.equal(warnings.filter((w) => /Removed temp files left by interrupted saves/.test(w)).length, 1);
    });
  });
});
