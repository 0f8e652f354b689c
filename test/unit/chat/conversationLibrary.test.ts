import assert from 'node:assert/strict';
import { ConversationLibrary } from '../../../src/common/chat/conversationLibrary';
import { appendUserTurn, createConversation } from '../../../src/common/conversation/conversation';
import type { Conversation } from '../../../src/common/conversation/model';
import { fallbackPrices } from '../../../src/common/conversation/pricing';
import type { ConversationStore, RefreshOutcome, SaveOutcome } from '../../../src/common/conversation/store';
import type { ConversationSummary } from '../../../src/common/protocol';

type StorePort = ConstructorParameters<typeof ConversationLibrary>[0]['store'];

/** An in-memory store that records the order of its writes and can be told to fail or wait. */
class MemoryStore implements StorePort {
  readonly saved = new Map<string, Conversation>();
  readonly log: string[] = [];
  lastOpen: string | undefined;
  failSaves = false;
  gate: Promise<void> = Promise.resolve();

  list(): Promise<ConversationSummary[]> {
    return Promise.resolve([...this.saved.values()].map((c) => ({ id: c.id, title: c.title, model: c.model, updatedAt: c.updatedAt })));
  }
  load(id: string): Promise<Conversation | undefined> {
    const found = this.saved.get(id);
    return Promise.resolve(found ? structuredClone(found) : undefined);
  }
  async save(conversation: Conversation): Promise<SaveOutcome> {
    await this.gate;
    if (this.failSaves) throw new Error('disk full');
    this.log.push(`save ${conversation.id} "${conversation.title}"`);
    this.saved.set(conversation.id, structuredClone(conversation));
    return { id: conversation.id, change: 'none' };
  }
  refresh(): Promise<RefreshOutcome> {
    return Promise.resolve('unchanged');
  }
  delete(id: string): Promise<void> {
    this.log.push(`delete ${id}`);
    this.saved.delete(id);
    return Promise.resolve();
  }
  rename(id: string, title: string): ReturnType<ConversationStore['rename']> {
    this.log.push(`rename ${id} "${title}"`);
    const found = this.saved.get(id);
    if (found) found.title = title;
    return Promise.resolve(found);
  }
  getLastOpenId(): Promise<string | undefined> {
    return Promise.resolve(this.lastOpen);
  }
  setLastOpenId(id: string | undefined): Promise<void> {
    this.lastOpen = id;
    return Promise.resolve();
  }
}

function conversation(id: string, title: string): Conversation {
  const c = createConversation({ model: 'claude-sonnet-5', id, title, now: 1 });
  appendUserTurn(c, { content: [{ type: 'text', text: `about ${title}` }], id: `${id}-u`, now: 2 });
  return c;
}

function library(store: MemoryStore) {
  const histories: ConversationSummary[][] = [];
  const warnings: string[] = [];
  const lib = new ConversationLibrary({ store, prices: fallbackPrices, onHistory: (h) => histories.push(h), warn: (w) => warnings.push(w) });
  return { lib, histories, warnings };
}

describe('ConversationLibrary', () => {
  it('reports a failed save as a warning and keeps going: the next save still happens', async () => {
    const store = new MemoryStore();
    const { lib, warnings } = library(store);
    store.failSaves = true;
    await lib.save(conversation('c1', 'one'));
    assert.deepEqual(warnings, ['Could not save the conversation: disk full']);
    store.failSaves = false;
    await lib.save(conversation('c1', 'one'));
    assert.deepEqual(store.log, ['save c1 "one"']);
    assert.equal(store.lastOpen, 'c1');
  });

  it('runs a rename or delete only after the saves queued before it', async () => {
    const store = new MemoryStore();
    const { lib } = library(store);
    let release = (): void => undefined;
    store.gate = new Promise((resolve) => (release = resolve));
    const saving = lib.save(conversation('c1', 'old'));
    const renaming = lib.rename('c1', 'new');
    const deleting = lib.delete('c2');
    release();
    await Promise.all([saving, renaming, deleting]);
    assert.deepEqual(store.log, ['save c1 "old"', 'rename c1 "new"', 'delete c2']);
  });

  it('announces the history after a rename, and reload() reads it without announcing', async () => {
    const store = new MemoryStore();
    const { lib, histories } = library(store);
    await lib.save(conversation('c1', 'one'));
    await lib.reload();
    assert.deepEqual(lib.history.map((h) => h.title), ['one']);
    assert.equal(histories.length, 0);
    await lib.rename('c1', 'renamed');
    assert.deepEqual(histories.at(-1)?.map((h) => h.title), ['renamed']);
  });

  it('opens a saved conversation and remembers it; an unreadable id stays unremembered', async () => {
    const store = new MemoryStore();
    const { lib } = library(store);
    await lib.save(conversation('c1', 'one'));
    await lib.closeAll();
    assert.equal(store.lastOpen, undefined);
    assert.equal((await lib.open('missing')), undefined);
    assert.equal(store.lastOpen, undefined);
    assert.equal((await lib.open('c1'))?.title, 'one');
    assert.equal((await lib.lastOpen())?.id, 'c1');
  });

  it('exports a conversation given or read by id, as Markdown or JSON', async () => {
    const store = new MemoryStore();
    const { lib } = library(store);
    const c = conversation('c1', 'Title');
    await lib.save(c);
    const markdown = await lib.export(c, 'markdown');
    assert.match(markdown?.text ?? '', /about Title/);
    const json = await lib.export('c1', 'json');
    assert.equal((JSON.parse(json?.text ?? '{}') as { conversation?: { id?: string } }).conversation?.id, 'c1');
    assert.equal(await lib.export('missing', 'json'), undefined);
  });
});
