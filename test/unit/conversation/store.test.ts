import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Conversation } from '../../../src/common/conversation/model';
import { appendUserTurn, createConversation, startAssistantTurn, updateAssistantTurn } from '../../../src/common/conversation/conversation';
import { serializeConversation } from '../../../src/common/conversation/serialization';
import { ConversationStore } from '../../../src/common/conversation/store';
import type { StoreFs } from '../../../src/common/conversation/storeFiles';
import { INDEX_FILE } from '../../../src/common/conversation/storeIndex';
import { seededRandom } from '../anthropic/helpers';
import { richResponse } from './fixtures';

function conversation(id: string, title: string, updatedAt = 1000): Conversation {
  const c = createConversation({ model: 'claude-sonnet-5', id, title, now: 1 });
  appendUserTurn(c, { content: [{ type: 'text', text: `Question for ${title}` }], now: 2 });
  c.updatedAt = updatedAt;
  return c;
}

/** What a test may hook: the store's fs operations, and the write of a temp file's text. */
type Hooks = Partial<StoreFs> & { writeFile?: (file: string, data: string, encoding: 'utf8') => Promise<void> };

/** node:fs/promises with hooks to inject faults and delays. */
function hookedFs(hooks: Hooks): StoreFs {
  const { writeFile } = hooks;
  return {
    readFile: hooks.readFile ?? ((f, e) => fs.readFile(f, e)),
    open: hooks.open ?? (async (f, flags, mode) => {
      const handle = await fs.open(f, flags, mode);
      // The text goes through the hook (to the same path) while the handle is still flushed and closed.
      return writeFile ? { writeFile: (d, e) => writeFile(f, d, e), sync: () => handle.sync(), close: () => handle.close() } : handle;
    }),
    rename: hooks.rename ?? ((a, b) => fs.rename(a, b)),
    unlink: hooks.unlink ?? ((f) => fs.unlink(f)),
    readdir: hooks.readdir ?? ((d) => fs.readdir(d)),
    mkdir: hooks.mkdir ?? ((d, o) => fs.mkdir(d, o)),
    chmod: hooks.chmod ?? ((f, m) => fs.chmod(f, m)),
    stat: hooks.stat ?? ((f) => fs.stat(f)),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ConversationStore', () => {
  let dir: string;
  let warnings: string[];
  const options = () => ({ onWarning: (message: string) => warnings.push(message), newId: () => `moved-${warnings.length}` });

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cm-store-'));
    warnings = [];
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('saves, loads and lists conversations, newest first, and remembers the open one across reloads', async () => {
    const store = new ConversationStore(dir, fs, options());
    const a = conversation('a', 'First', 100);
    const b = conversation('b', 'Second', 200);
    assert.equal((await store.save(a)).id, 'a');
    await store.save(b);
    await store.setLastOpenId('a');
    assert.deepEqual(await store.load('a'), a);
    const reloaded = new ConversationStore(dir, fs, options());
    assert.deepEqual(await reloaded.list(), [
      { id: 'b', title: 'Second', model: 'claude-sonnet-5', updatedAt: 200, question: 'Question for Second' },
      { id: 'a', title: 'First', model: 'claude-sonnet-5', updatedAt: 100, question: 'Question for First' },
    ]);
    assert.equal(await reloaded.getLastOpenId(), 'a');
    const file = JSON.parse(await fs.readFile(path.join(dir, 'a.json'), 'utf8')) as { version: number };
    assert.equal(file.version, 1);
    assert.deepEqual(warnings, []);
  });

  it('keeps the old file whole when a write fails before the rename (no partial file is visible)', async () => {
    const good = new ConversationStore(dir, fs, options());
    const c = conversation('c', 'Old title');
    await good.save(c);
    const before = await fs.readFile(path.join(dir, 'c.json'), 'utf8');

    const crashingRename = new ConversationStore(dir, hookedFs({ rename: () => Promise.reject(new Error('crash during rename')) }), options());
    c.title = 'New title';
    await assert.rejects(crashingRename.save(c), /crash during rename/);
    assert.equal(await fs.readFile(path.join(dir, 'c.json'), 'utf8'), before);

    const halfWrite = new ConversationStore(
      dir,
      hookedFs({
        writeFile: async (f, d, e) => {
          if (!f.endsWith('.tmp')) return fs.writeFile(f, d, e);
          await fs.writeFile(f, d.slice(0, d.length / 2), e);
          throw new Error('disk full');
        },
      }),
      options(),
    );
    await assert.rejects(halfWrite.save(c), /disk full/);
    assert.equal(await fs.readFile(path.join(dir, 'c.json'), 'utf8'), before);
    assert.equal((await new ConversationStore(dir, fs, options()).load('c'))?.title, 'Old title');
    // Temp files of the failed writes are cleaned up.
    assert.deepEqual((await fs.readdir(dir)).filter((n) => n.endsWith('.tmp')), []);
  });

  it('rebuilds the index from the files when index.json is deleted or corrupt', async () => {
    const store = new ConversationStore(dir, fs, options());
    await store.save(conversation('a', 'A', 1));
    await store.save(conversation('b', 'B', 2));
    await fs.unlink(path.join(dir, INDEX_FILE));
    const afterDelete = new ConversationStore(dir, fs, options());
    assert.deepEqual(
      (await afterDelete.list()).map((s) => s.id),
      ['b', 'a'],
    );
    assert.ok(await fs.stat(path.join(dir, INDEX_FILE)));

    await fs.writeFile(path.join(dir, INDEX_FILE), '{"conversations": [tru');
    const afterCorrupt = new ConversationStore(dir, fs, options());
    assert.deepEqual(
      (await afterCorrupt.list()).map((s) => s.id),
      ['b', 'a'],
    );
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] ?? '', /index is unreadable/);
  });

  it('skips a corrupt conversation file with a warning and never overwrites or deletes it', async () => {
    const garbage = '{"version": 1, "conversation": {"id": "bad", "tur';
    await fs.writeFile(path.join(dir, 'bad.json'), garbage);
    const store = new ConversationStore(dir, fs, options());
    await store.save(conversation('ok', 'Fine'));
    assert.deepEqual(
      (await store.rebuildIndex()).map((s) => s.id),
      ['ok'],
    );
    assert.ok(warnings.some((w) => w.includes('bad.json')));
    assert.equal(await store.load('bad'), undefined);

    const c = conversation('bad', 'Would overwrite');
    const { id: savedAs } = await store.save(c);
    assert.notEqual(savedAs, 'bad');
    assert.equal(c.id, savedAs);
    assert.equal((await store.load(savedAs))?.title, 'Would overwrite');
    await store.delete('bad');
    assert.equal(await fs.readFile(path.join(dir, 'bad.json'), 'utf8'), garbage);
  });

  it('does not overwrite a file written by a newer version', async () => {
    const future = JSON.stringify({ version: 99, conversation: { id: 'f' } });
    await fs.writeFile(path.join(dir, 'f.json'), future);
    const store = new ConversationStore(dir, fs, options());
    assert.equal(await store.load('f'), undefined);
    assert.notEqual((await store.save(conversation('f', 'x'))).id, 'f');
    assert.equal(await fs.readFile(path.join(dir, 'f.json'), 'utf8'), future);
  });

  it('loads a turn saved while streaming as stopped and interrupted, with what had arrived', async () => {
    const store = new ConversationStore(dir, fs, options());
    const c = conversation('s', 'Streaming');
    const turn = startAssistantTurn(c, { model: 'claude-sonnet-5' });
    updateAssistantTurn(c, turn.id, { content: richResponse() });
    await store.save(c);
    const loaded = await new ConversationStore(dir, fs, options()).load('s');
    const last = loaded?.turns[1];
    assert.ok(last?.role === 'assistant');
    assert.equal(last.status, 'stopped');
    assert.equal(last.interrupted, true);
    assert.deepEqual(last.content, richResponse());
  });

  it('serializes concurrent saves of one conversation: no interleaving, the last save wins', async () => {
    const inFlight = new Map<string, number>();
    let maxInFlight = 0;
    const target = (file: string) => file.replace(/\.[0-9a-f]+\.tmp$/, '');
    // Random delays shuffle the writes; seeded, so a failing interleaving happens again on rerun.
    const random = seededRandom(0x5704e);
    const store = new ConversationStore(
      dir,
      hookedFs({
        writeFile: async (f, d, e) => {
          // Lock files are written too; only the temp files of the conversation's writes count here.
          if (!f.endsWith('.tmp')) return fs.writeFile(f, d, e);
          const t = target(f);
          const n = (inFlight.get(t) ?? 0) + 1;
          inFlight.set(t, n);
          maxInFlight = Math.max(maxInFlight, n);
          await sleep(random() * 5);
          await fs.writeFile(f, d, e);
        },
        rename: async (a, b) => {
          await sleep(random() * 5);
          await fs.rename(a, b);
          inFlight.set(b, (inFlight.get(b) ?? 1) - 1);
        },
      }),
      options(),
    );
    const c = conversation('x', 'v0');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const version = structuredClone(c);
        version.title = `v${i}`;
        return store.save(version);
      }),
    );
    assert.equal(maxInFlight, 1);
    assert.equal((await store.load('x'))?.title, 'v9');
    assert.equal((await store.list()).find((s) => s.id === 'x')?.title, 'v9');
  });

  it('keeps the first line of the first question for the filter only when the title is not just that', async () => {
    const store = new ConversationStore(dir, fs, options());
    const plain = createConversation({ model: 'claude-sonnet-5', id: 'p', title: 'What is a monad?', now: 1 });
    appendUserTurn(plain, { content: [{ type: 'text', text: 'What is a monad?' }], now: 2 });
    const long = createConversation({ model: 'claude-sonnet-5', id: 'l', title: '', now: 3 });
    const question = `Please explain ${'very '.repeat(30)}carefully\nsecond line`;
    appendUserTurn(long, { content: [{ type: 'text', text: question }], now: 4 });
    await store.save(plain);
    await store.save(long);
    const listed = await new ConversationStore(dir, fs, options()).list();
    assert.equal(listed.find((s) => s.id === 'p')?.question, undefined, 'the title says it already');
    const entry = listed.find((s) => s.id === 'l');
    assert.ok(entry?.title.endsWith('…'), 'the title is cut');
    assert.equal(entry?.question, `Please explain ${'very '.repeat(30)}carefully`, 'the whole first line (up to 200 characters)');
  });

  it('deletes and renames through the index', async () => {
    const store = new ConversationStore(dir, fs, options());
    await store.save(conversation('a', 'A', 10));
    await store.save(conversation('b', 'B', 20));
    await store.setLastOpenId('a');
    const renamed = await store.rename('b', 'Better name');
    assert.equal(renamed?.title, 'Better name');
    assert.equal(renamed?.updatedAt, 20);
    assert.deepEqual(await store.list(), [
      { id: 'b', title: 'Better name', model: 'claude-sonnet-5', updatedAt: 20, question: 'Question for B' },
      { id: 'a', title: 'A', model: 'claude-sonnet-5', updatedAt: 10, question: 'Question for A' },
    ]);
    await store.delete('a');
    await assert.rejects(fs.stat(path.join(dir, 'a.json')));
    assert.deepEqual(
      (await store.list()).map((s) => s.id),
      ['b'],
    );
    assert.equal(await store.getLastOpenId(), undefined);
  });

  it('refuses ids that are not plain file names', async () => {
    const store = new ConversationStore(dir, fs, options());
    await assert.rejects(store.save(conversation('../escape', 'x')), /Not a valid conversation id/);
    await assert.rejects(store.save(conversation('index', 'x')), /Not a valid conversation id/);
    assert.equal(await store.load('../../etc/passwd'), undefined);
    await fs.writeFile(path.join(dir, 'ok.json'), serializeConversation(conversation('other-id', 'Copied')));
    // The file name is the id, whatever the file says.
    assert.equal((await store.load('ok'))?.id, 'ok');
  });
});
