/**
 * Two windows on one folder: two ConversationStore instances on one temp dir, as two VS Code
 * windows (two extension hosts) are. Interleavings are forced with gates on the file operations,
 * not with sleeps: a gate holds one window inside its locked write while the other acts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import { hostname } from 'node:os';
import * as os from 'node:os';
import * as path from 'node:path';
import { appendUserTurn, createConversation, startAssistantTurn, updateAssistantTurn } from '../../../src/common/conversation/conversation';
import type { Conversation } from '../../../src/common/conversation/model';
import { ConversationStore, type StoreOptions } from '../../../src/common/conversation/store';
import type { StoreFs } from '../../../src/common/conversation/storeFiles';
import { LockLostError, LockTimeoutError } from '../../../src/common/conversation/storeLock';
import { readStamp } from '../../../src/common/conversation/storeStamp';
import { seededRandom } from '../anthropic/helpers';

function conversation(id: string, title: string): Conversation {
  const c = createConversation({ model: 'claude-sonnet-5', id, title, now: 1 });
  appendUserTurn(c, { content: [{ type: 'text', text: 'first question' }], id: 'u0', now: 2 });
  return c;
}

function ask(c: Conversation, id: string, text: string, now = 10): void {
  appendUserTurn(c, { content: [{ type: 'text', text }], id, now });
}

const texts = (c: Conversation | undefined) => (c?.turns ?? []).map((t) => (t.content[0] && 'text' in t.content[0] ? t.content[0].text : `<${t.id}>`));

/** A gate: `wait` resolves once `open` was called. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

/**
 * node:fs/promises that, when flushing a temp file of `<target>`, first calls `onFlush` and awaits
 * what it returns: the window is then inside its lock, its new text written but not yet checked
 * against the lock or renamed over the file. `onLockTry` sees each attempt to create a lock file.
 */
function pausingFs(target: string, onFlush: () => Promise<void>, onLockTry: (created: boolean) => void = () => undefined): StoreFs {
  return {
    ...fs,
    open: async (f, flags, mode) => {
      const isLock = f.endsWith('.lock');
      const handle = await fs.open(f, flags, mode).catch((error: unknown) => {
        if (isLock) onLockTry(false);
        throw error;
      });
      if (isLock) onLockTry(true);
      if (!path.basename(f).startsWith(`${target}.`) || !f.endsWith('.tmp')) return handle;
      return {
        writeFile: (d, e) => handle.writeFile(d, e),
        sync: async () => {
          await onFlush();
          await handle.sync();
        },
        close: () => handle.close(),
      };
    },
  };
}

/** Resolves once `predicate` holds, checking every 5 ms. */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  assert.ok(predicate(), 'the condition never held');
}

describe('ConversationStore: two windows on one folder', () => {
  let dir: string;
  let warnings: string[];
  const options = (writerId: string, extra: StoreOptions = {}): StoreOptions => ({ onWarning: (m) => warnings.push(m), writerId, newId: () => `new-${writerId}`, ...extra });
  const files = async () => (await fs.readdir(dir)).filter((n) => n.endsWith('.json') && n !== 'index.json').sort();
  const onDisk = (id: string) => new ConversationStore(dir, fs, options('reader')).load(id);

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-windows-'));
    warnings = [];
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('stamps each write with a revision one higher and the window that wrote it', async () => {
    const a = new ConversationStore(dir, fs, options('A'));
    const c = conversation('x', 'X');
    await a.save(c);
    assert.deepEqual(readStamp(await fs.readFile(path.join(dir, 'x.json'), 'utf8')), { revision: 1, writerId: 'A' });
    const b = new ConversationStore(dir, fs, options('B'));
    await b.rename('x', 'Y');
    assert.deepEqual(readStamp(await fs.readFile(path.join(dir, 'x.json'), 'utf8')), { revision: 2, writerId: 'B' });
    // The stamp is envelope data: the conversation reads back without it.
    assert.deepEqual(Object.keys((await onDisk('x')) ?? {}).sort(), ['createdAt', 'id', 'model', 'title', 'turns', 'updatedAt']);
  });

  it('two windows appending to one conversation: both turns are kept, and the second window is told', async () => {
    const a = new ConversationStore(dir, fs, options('A'));
    const b = new ConversationStore(dir, fs, options('B'));
    await a.save(conversation('x', 'X'));
    const inA = await a.load('x');
    const inB = await b.load('x');
    assert.ok(inA && inB);
    ask(inA, 'ua', 'from A', 10);
    ask(inB, 'ub', 'from B', 11);
    assert.deepEqual(await a.save(inA), { id: 'x', change: 'none' });
    assert.deepEqual(await b.save(inB), { id: 'x', change: 'merged' });
    // B's own object now holds A's turn too (the view is rebuilt from it), B's after A's.
    assert.deepEqual(texts(inB), ['first question', 'from A', 'from B']);
    assert.deepEqual(texts(await onDisk('x')), ['first question', 'from A', 'from B']);
    // A's next save keeps B's turn rather than writing its older copy over it.
    ask(inA, 'ua2', 'A again', 12);
    assert.deepEqual(await a.save(inA), { id: 'x', change: 'merged' });
    assert.deepEqual(texts(await onDisk('x')), ['first question', 'from A', 'from B', 'A again']);
    assert.deepEqual(await files(), ['x.json']);
    assert.deepEqual((await a.list()).map((s) => s.id), ['x']);
  });

  it('a save waits for the other window\'s locked write and then merges instead of overwriting it', async () => {
    const paused = gate();
    const reached = gate();
    const a = new ConversationStore(dir, pausingFs('x.json', async () => { reached.open(); await paused.wait; }), options('A'));
    let refusedLocks = 0;
    const b = new ConversationStore(dir, pausingFs('', () => Promise.resolve(), (created) => { if (!created) refusedLocks++; }), options('B'));
    await new ConversationStore(dir, fs, options('seed')).save(conversation('x', 'X'));
    const inA = (await a.load('x'))!;
    const inB = (await b.load('x'))!;
    ask(inA, 'ua', 'from A');
    ask(inB, 'ub', 'from B');
    const savingA = a.save(inA);
    await reached.wait; // A holds x.lock, its text flushed, not renamed yet
    let bDone = false;
    const savingB = b.save(inB).then((outcome) => { bDone = true; return outcome; });
    // B cannot get in while A holds the lock: its attempts to take it are refused, and it waits.
    await until(() => refusedLocks >= 3);
    assert.equal(bDone, false, 'B must wait for the lock');
    paused.open();
    assert.equal((await savingA).change, 'none');
    assert.equal((await savingB).change, 'merged');
    assert.deepEqual(texts(await onDisk('x')), ['first question', 'from A', 'from B']);
    assert.ok(!(await fs.readdir(dir)).some((n) => n.endsWith('.lock') || n.endsWith('.tmp')), 'locks released, temps gone');
  });

  describe('a rename in one window while the other saves a turn: one file, the rename and the turn', () => {
    it('rename first, then the queued save', async () => {
      const a = new ConversationStore(dir, fs, options('A'));
      const b = new ConversationStore(dir, fs, options('B'));
      const open = conversation('x', 'Old name');
      await b.save(open); // B has it open
      await a.rename('x', 'New name'); // A's history panel
      ask(open, 'ub', 'from B');
      const outcome = await b.save(open);
      assert.deepEqual(outcome, { id: 'x', change: 'merged' });
      assert.equal(open.title, 'New name', "B's open copy takes the rename (its view shows it)");
      const saved = await onDisk('x');
      assert.equal(saved?.title, 'New name');
      assert.deepEqual(texts(saved), ['first question', 'from B']);
      assert.deepEqual(await files(), ['x.json']);
      assert.deepEqual((await a.list()).map((s) => [s.id, s.title]), [['x', 'New name']]);
      // And B's later saves do not write the old title back.
      ask(open, 'ub2', 'B again', 20);
      await b.save(open);
      assert.equal((await onDisk('x'))?.title, 'New name');
    });

    it('the save holding the lock while the rename waits for it', async () => {
      const paused = gate();
      const reached = gate();
      const b = new ConversationStore(dir, pausingFs('x.json', async () => { reached.open(); await paused.wait; }), options('B'));
      const a = new ConversationStore(dir, fs, options('A'));
      const open = conversation('x', 'Old name');
      await new ConversationStore(dir, fs, options('seed')).save(structuredClone(open));
      const inB = (await b.load('x'))!;
      ask(inB, 'ub', 'from B');
      const saving = b.save(inB);
      await reached.wait;
      const renaming = a.rename('x', 'New name');
      paused.open();
      await saving;
      await renaming;
      const saved = await onDisk('x');
      assert.equal(saved?.title, 'New name');
      assert.deepEqual(texts(saved), ['first question', 'from B']);
      assert.deepEqual(await files(), ['x.json']);
      // B's next save merges the rename in and keeps it.
      ask(inB, 'ub2', 'B again', 20);
      assert.equal((await b.save(inB)).change, 'merged');
      assert.equal(inB.title, 'New name');
      assert.deepEqual((await a.list()).map((s) => [s.id, s.title]), [['x', 'New name']]);
    });

    it('in the same window: a rename of the open conversation between its saves keeps both and reports no other window', async () => {
      const a = new ConversationStore(dir, fs, options('A'));
      const open = conversation('x', 'Old name');
      await a.save(open);
      open.title = 'New name'; // the session renames its copy first, then the store's file
      await a.rename('x', 'New name');
      ask(open, 'ua', 'more');
      assert.deepEqual(await a.save(open), { id: 'x', change: 'none' });
      assert.equal((await onDisk('x'))?.title, 'New name');
      assert.deepEqual(texts(await onDisk('x')), ['first question', 'more']);
      assert.deepEqual(await files(), ['x.json']);
    });
  });

  it('a reply streaming in one window keeps streaming into its own object when the other window saved meanwhile', async () => {
    const a = new ConversationStore(dir, fs, options('A'));
    const b = new ConversationStore(dir, fs, options('B'));
    const inA = conversation('x', 'X');
    const reply = startAssistantTurn(inA, { model: 'claude-sonnet-5', id: 'r1', now: 3 });
    updateAssistantTurn(inA, 'r1', { content: [{ type: 'text', text: 'Hel' }] });
    await a.save(inA);
    // B opens it: the streaming reply reads back as stopped and interrupted there.
    const inB = (await b.load('x'))!;
    const bReply = inB.turns[1];
    assert.ok(bReply?.role === 'assistant' && bReply.status === 'stopped');
    ask(inB, 'ub', 'from B', 20);
    await b.save(inB);
    updateAssistantTurn(inA, 'r1', { content: [{ type: 'text', text: 'Hello there' }] });
    assert.equal((await a.save(inA)).change, 'merged');
    assert.equal(inA.turns[1], reply, 'the same turn object: the stream goes on writing into it');
    assert.equal(reply.status, 'streaming');
    const saved = await onDisk('x');
    assert.deepEqual(texts(saved), ['first question', 'Hello there', 'from B']);
  });

  describe('a delete in one window while the other streams', () => {
    it("the other window's next save does not bring the deleted id back: it saves as a new conversation and says so", async () => {
      const a = new ConversationStore(dir, fs, options('A'));
      const b = new ConversationStore(dir, fs, options('B'));
      const inB = conversation('x', 'X');
      await b.save(inB);
      await a.delete('x');
      ask(inB, 'ub', 'streamed on in B');
      assert.deepEqual(await b.save(inB), { id: 'new-B', change: 'recreated' });
      assert.equal(inB.id, 'new-B');
      assert.deepEqual(await files(), ['new-B.json']);
      assert.deepEqual(texts(await onDisk('new-B')), ['first question', 'streamed on in B']);
      assert.deepEqual((await a.list()).map((s) => s.id), ['new-B']);
      assert.ok(warnings.some((w) => /deleted in another window/.test(w)));
      // A copy that was never saved or read is simply new: nothing to recreate.
      assert.deepEqual(await b.save(conversation('fresh', 'F')), { id: 'fresh', change: 'none' });
    });

    it('refresh() says the open conversation is gone', async () => {
      const a = new ConversationStore(dir, fs, options('A'));
      const b = new ConversationStore(dir, fs, options('B'));
      const inB = conversation('x', 'X');
      await b.save(inB);
      assert.equal(await b.refresh(inB), 'unchanged');
      await a.delete('x');
      assert.equal(await b.refresh(inB), 'deleted');
    });
  });

  it('refresh() takes the other window\'s turns into the open copy without writing', async () => {
    const a = new ConversationStore(dir, fs, options('A'));
    const b = new ConversationStore(dir, fs, options('B'));
    const inA = conversation('x', 'X');
    await a.save(inA);
    const inB = (await b.load('x'))!;
    ask(inB, 'ub', 'from B');
    await b.save(inB);
    const before = await fs.readFile(path.join(dir, 'x.json'), 'utf8');
    assert.equal(await a.refresh(inA), 'merged');
    assert.deepEqual(texts(inA), ['first question', 'from B']);
    assert.equal(await fs.readFile(path.join(dir, 'x.json'), 'utf8'), before);
    assert.equal(await a.refresh(inA), 'unchanged');
    // Having taken B's revision in, A's next save is a plain write, not a merge.
    ask(inA, 'ua', 'from A', 30);
    assert.deepEqual(await a.save(inA), { id: 'x', change: 'none' });
    assert.deepEqual(texts(await onDisk('x')), ['first question', 'from B', 'from A']);
  });

  it('concurrent index updates from two windows lose no entries', async () => {
    const random = seededRandom(0x1dec5);
    const jitter = (): StoreFs => ({
      ...pausingFs('', () => Promise.resolve()),
      readFile: async (f, e) => {
        await new Promise((resolve) => setTimeout(resolve, random() * 4));
        return fs.readFile(f, e);
      },
      rename: async (a, b) => {
        await new Promise((resolve) => setTimeout(resolve, random() * 4));
        await fs.rename(a, b);
      },
    });
    const a = new ConversationStore(dir, jitter(), options('A'));
    const b = new ConversationStore(dir, jitter(), options('B'));
    // An index exists, so each update is a read-change-write of it (not a rebuild from the files).
    await a.save(conversation('seed', 'Seed'));
    const saves = Array.from({ length: 12 }, (_, i) => [a.save(conversation(`a${i}`, `A ${i}`)), b.save(conversation(`b${i}`, `B ${i}`))]).flat();
    await Promise.all(saves);
    // The index file as the two windows left it (a new window's first listing would reconcile it).
    const index = JSON.parse(await fs.readFile(path.join(dir, 'index.json'), 'utf8')) as { conversations: Array<{ id: string }> };
    assert.equal(index.conversations.length, 25);
    assert.equal((await a.list()).length, 25);
  });

  describe('locks', () => {
    const lockFile = () => path.join(dir, 'x.lock');
    const writeLock = (info: object) => fs.writeFile(lockFile(), JSON.stringify({ token: 'other', owner: 'W', host: hostname(), ...info }));

    it('breaks a lock older than the stale limit (a crashed window) and saves', async () => {
      await fs.mkdir(dir, { recursive: true });
      await writeLock({ pid: process.pid, at: Date.now() - 60_000 });
      const a = new ConversationStore(dir, fs, options('A', { lock: { staleMs: 10_000 } }));
      assert.equal((await a.save(conversation('x', 'X'))).id, 'x');
      assert.ok(warnings.some((w) => /Broke the stale lock x\.lock/.test(w)));
      assert.ok(!(await fs.readdir(dir)).includes('x.lock'));
    });

    it("breaks a fresh lock whose process on this machine is gone, and keeps another live window's", async () => {
      await writeLock({ pid: 4242, at: Date.now() });
      const dead = new ConversationStore(dir, fs, options('A', { lock: { isProcessAlive: (pid) => pid !== 4242 } }));
      assert.equal((await dead.save(conversation('x', 'X'))).id, 'x');

      await writeLock({ pid: 4242, at: Date.now() });
      const alive = new ConversationStore(dir, fs, options('B', { lock: { isProcessAlive: () => true, maxWaitMs: 100 } }));
      const c = conversation('x', 'X');
      ask(c, 'ub', 'from B');
      await assert.rejects(alive.save(c), LockTimeoutError);
      assert.equal(JSON.parse(await fs.readFile(lockFile(), 'utf8')).token, 'other', 'a live lock is left alone');
      assert.deepEqual(texts(await onDisk('x')), ['first question']);
    });

    it('abandons a write whose lock another window broke meanwhile, leaving the file as it was', async () => {
      const paused = gate();
      const reached = gate();
      const a = new ConversationStore(dir, pausingFs('x.json', async () => { reached.open(); await paused.wait; }), options('A'));
      await new ConversationStore(dir, fs, options('seed')).save(conversation('x', 'X'));
      const before = await fs.readFile(path.join(dir, 'x.json'), 'utf8');
      const c = (await a.load('x'))!;
      ask(c, 'ua', 'from A');
      const saving = a.save(c);
      await reached.wait;
      await writeLock({ pid: process.pid, at: Date.now() }); // someone judged A's lock stale and took it
      paused.open();
      await assert.rejects(saving, LockLostError);
      assert.equal(await fs.readFile(path.join(dir, 'x.json'), 'utf8'), before);
      assert.equal(JSON.parse(await fs.readFile(lockFile(), 'utf8')).token, 'other', "A does not remove the other window's lock");
      assert.ok(!(await fs.readdir(dir)).some((n) => n.endsWith('.tmp')));
    });
  });
});
