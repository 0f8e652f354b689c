/**
 * Startup: the index reconciled with the files, and what a crashed window left behind (a temp
 * file, a lock, an index behind its files) cleaned up by the next window to start.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { hostname } from 'node:os';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendUserTurn, createConversation } from '../../../src/common/conversation/conversation';
import type { Conversation } from '../../../src/common/conversation/model';
import { serializeConversation } from '../../../src/common/conversation/serialization';
import { ConversationStore } from '../../../src/common/conversation/store';
import type { StoreFs } from '../../../src/common/conversation/storeFiles';

function conversation(id: string, title: string, updatedAt: number): Conversation {
  const c = createConversation({ model: 'claude-sonnet-5', id, title, now: 1 });
  appendUserTurn(c, { content: [{ type: 'text', text: `about ${title}` }], now: 2 });
  c.updatedAt = updatedAt;
  return c;
}

/** node:fs/promises that counts the reads of each file name. */
function countingFs(reads: Map<string, number>): StoreFs {
  return {
    ...fs,
    readFile: (f, e) => {
      reads.set(path.basename(f), (reads.get(path.basename(f)) ?? 0) + 1);
      return fs.readFile(f, e);
    },
  };
}

describe('ConversationStore: startup', () => {
  let dir: string;
  let warnings: string[];
  const options = () => ({ onWarning: (m: string) => warnings.push(m), staleBefore: Date.now() + 1000 });
  const at = (ms: number) => new Date(ms);

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-startup-'));
    warnings = [];
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('reconciles the index with the files: drops entries without files, adds files without entries, takes titles and times from changed files', async () => {
    const earlier = new ConversationStore(dir, fs, options());
    await earlier.save(conversation('a', 'A', 100));
    await earlier.save(conversation('b', 'B', 200));
    await earlier.save(conversation('c', 'C', 300));
    await earlier.setLastOpenId('c');
    // Meanwhile, outside the index: c's file goes, d's file comes, b's file is saved again
    // (renamed, newer) by a window that died before updating the index.
    await fs.unlink(path.join(dir, 'c.json'));
    await fs.writeFile(path.join(dir, 'd.json'), serializeConversation(conversation('d', 'D', 250)));
    await fs.writeFile(path.join(dir, 'b.json'), serializeConversation(conversation('b', 'B renamed', 400)));
    // Times set, not waited for: the entries were written a minute ago, a's file before that, b's after.
    const indexFile = path.join(dir, 'index.json');
    const stale = JSON.parse(await fs.readFile(indexFile, 'utf8')) as { conversations: Array<{ savedAt: number }> };
    for (const entry of stale.conversations) entry.savedAt = Date.now() - 60_000;
    await fs.writeFile(indexFile, JSON.stringify(stale));
    await fs.utimes(path.join(dir, 'a.json'), at(Date.now() - 120_000), at(Date.now() - 120_000));
    await fs.utimes(path.join(dir, 'b.json'), at(Date.now() - 30_000), at(Date.now() - 30_000));

    const reads = new Map<string, number>();
    const started = new ConversationStore(dir, countingFs(reads), options());
    assert.deepEqual(
      (await started.list()).map((s) => [s.id, s.title, s.updatedAt]),
      [
        ['b', 'B renamed', 400],
        ['d', 'D', 250],
        ['a', 'A', 100],
      ],
    );
    assert.equal(reads.get('a.json'), undefined, 'a file unchanged since its entry was written is not read');
    assert.equal(reads.get('b.json'), 1);
    assert.equal(await started.getLastOpenId(), undefined, 'the last open conversation is gone');
    // The index file itself was fixed, so the next start reads only what changes after this.
    const index = JSON.parse(await fs.readFile(indexFile, 'utf8')) as { conversations: Array<{ id: string; title: string }> };
    assert.deepEqual(index.conversations.map((e) => [e.id, e.title]), [['b', 'B renamed'], ['d', 'D'], ['a', 'A']]);
    reads.clear();
    await new ConversationStore(dir, countingFs(reads), options()).list();
    assert.deepEqual([...reads.keys()].filter((n) => n !== 'index.json' && n !== 'index.lock'), []);
  });

  it('reads the files without holding the index lock, and an entry another window writes meanwhile wins', async () => {
    const earlier = new ConversationStore(dir, fs, options());
    await earlier.save(conversation('a', 'A', 100));
    await fs.unlink(path.join(dir, 'index.json')); // every file must be read
    const other = new ConversationStore(dir, fs, options());
    const lockWhileReading: boolean[] = [];
    let saved = false;
    const starting = new ConversationStore(dir, {
      ...countingFs(new Map()),
      readFile: async (f, e) => {
        const text = await fs.readFile(f, e);
        if (path.basename(f) === 'a.json') {
          lockWhileReading.push((await fs.readdir(dir)).includes('index.lock'));
          // Another window renames a just after this one read it: what was read is already old.
          if (!saved) {
            saved = true;
            await other.rename('a', 'Renamed meanwhile');
          }
        }
        return text;
      },
    }, options());
    assert.deepEqual((await starting.list()).map((s) => [s.id, s.title]), [['a', 'Renamed meanwhile']]);
    assert.deepEqual(lockWhileReading, [false]);
  });

  it('reads every file once when the index predates the per-entry times, and drops unreadable files', async () => {
    await fs.writeFile(path.join(dir, 'a.json'), serializeConversation(conversation('a', 'From file', 100)));
    await fs.writeFile(path.join(dir, 'bad.json'), '{"version": 1, "conv');
    await fs.writeFile(
      path.join(dir, 'index.json'),
      JSON.stringify({ version: 1, conversations: [{ id: 'a', title: 'Stale title', model: 'm', updatedAt: 1 }, { id: 'bad', title: 'Bad', model: 'm', updatedAt: 2 }] }),
    );
    const store = new ConversationStore(dir, fs, options());
    assert.deepEqual((await store.list()).map((s) => [s.id, s.title]), [['a', 'From file']]);
    assert.ok(warnings.some((w) => w.includes('bad.json')));
    assert.ok((await fs.readdir(dir)).includes('bad.json'), 'an unreadable file is left on disk');
  });

  it('cleans up after a window that crashed mid-save: its temp file, its lock, and its index update', async () => {
    const earlier = new ConversationStore(dir, fs, options());
    const x = conversation('x', 'X', 100);
    await earlier.save(x);
    // The crash: the new text reached a temp file, the lock stayed, the index never heard of it.
    const temp = path.join(dir, 'x.json.0123456789ab.tmp');
    await fs.writeFile(temp, '{"half": ');
    await fs.utimes(temp, at(Date.now() - 60_000), at(Date.now() - 60_000));
    await fs.writeFile(path.join(dir, 'x.lock'), JSON.stringify({ token: 't', pid: 999_999, host: hostname(), owner: 'crashed', at: Date.now() - 60_000 }));

    const next = new ConversationStore(dir, fs, options());
    assert.deepEqual((await next.list()).map((s) => s.id), ['x']);
    assert.ok(!(await fs.readdir(dir)).includes('x.json.0123456789ab.tmp'));
    assert.ok(warnings.some((w) => /Removed temp files left by interrupted saves: x\.json\.0123456789ab\.tmp/.test(w)));
    const loaded = await next.load('x');
    assert.ok(loaded);
    appendUserTurn(loaded, { content: [{ type: 'text', text: 'after the crash' }], now: 500 });
    assert.deepEqual(await next.save(loaded), { id: 'x', change: 'none' });
    assert.ok(warnings.some((w) => /Broke the stale lock x\.lock/.test(w)));
    assert.deepEqual((await fs.readdir(dir)).sort(), ['index.json', 'x.json']);
  });

  it('writes conversation, index and lock files owner-only', async () => {
      const store = new ConversationStore(dir, fs, options());
      const locks: number[] = [];
      const watching = new ConversationStore(dir, {
        ...countingFs(new Map()),
        open: async (f, flags, mode) => {
          if (f.endsWith('.lock')) locks.push(mode ?? -1);
          return fs.open(f, flags, mode);
        },
      });
      await store.save(conversation('x', 'X', 1));
      await watching.rename('x', 'Y');
      assert.ok(locks.length > 0 && locks.every((mode) => mode === 0o600));
      // POSIX modes; Windows has no such bits, so the mode asked for above is what holds there.
      if (process.platform !== 'win32') {
        for (const name of ['x.json', 'index.json']) assert.equal((await fs.stat(path.join(dir, name))).mode & 0o777, 0o600, name);
      }
    });
});
