import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { AtomicWriter, OWNER_ONLY_DIR, OWNER_ONLY_FILE, type StoreFs } from '../../../src/common/conversation/storeFiles';

describe('AtomicWriter: owner-only files', () => {
  let root: string;
  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-writer-'));
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('asks for owner-only modes on the directory and on every file it writes', async () => {
    const modes: Array<[string, number]> = [];
    const recording: StoreFs = {
      readFile: (f, e) => fs.readFile(f, e),
      writeFile: (f, d, o) => {
        modes.push(['file', o.mode]);
        return fs.writeFile(f, d, o);
      },
      rename: (a, b) => fs.rename(a, b),
      unlink: (f) => fs.unlink(f),
      readdir: (d) => fs.readdir(d),
      mkdir: (d, o) => {
        modes.push(['dir', o.mode]);
        return fs.mkdir(d, o);
      },
    };
    const dir = path.join(root, 'store');
    await new AtomicWriter(dir, recording).write(path.join(dir, 'a.json'), '{}');
    assert.deepEqual(modes, [['dir', 0o700], ['file', 0o600]]);
  });

  it('leaves files and the directory unreadable by others on POSIX systems', async () => {
    const dir = path.join(root, 'store');
    const file = path.join(dir, 'a.json');
    await new AtomicWriter(dir, fs).write(file, '{"secret": "code"}');
    assert.equal(await fs.readFile(file, 'utf8'), '{"secret": "code"}');
    // Windows has no POSIX modes (the profile folder's ACL protects the files there).
    if (process.platform === 'win32') return;
    assert.equal((await fs.stat(file)).mode & 0o777, OWNER_ONLY_FILE);
    assert.equal((await fs.stat(dir)).mode & 0o777 & ~OWNER_ONLY_DIR, 0);
  });
});
