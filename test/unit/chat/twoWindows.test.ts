/**
 * Two chat sessions on one folder, as two VS Code windows are (each window is its own extension
 * host with its own session and store; the store is the real one). A reply is held mid-stream by a
 * gate while the other window acts.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import type { HostToWebview } from '../../../src/common/protocol';
import { harness, removeDir, replay, textOf, textReply, until, type Harness, type Script } from './fakes';

/** A reply that awaits `pause(i)` before yielding its `i`-th event. */
function pausedReply(chunks: string[], pause: (i: number) => Promise<void>): Script {
  return async function* (context) {
    let i = 0;
    for await (const item of replay(textReply(chunks))(context)) {
      await pause(i++);
      yield item;
    }
  };
}

/** A reply held after its `at`-th event until `release` is called. */
function heldReply(chunks: string[], at: number): { script: Script; reached: Promise<void>; release(): void } {
  let release!: () => void;
  let reach!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (reach = resolve));
  const script: Script = async function* (context) {
    let i = 0;
    for await (const item of replay(textReply(chunks))(context)) {
      if (i++ === at) {
        reach();
        await released;
      }
      yield item;
    }
  };
  return { script, reached, release };
}

const turnTexts = (init: Extract<HostToWebview, { type: 'init' }> | undefined) => init?.state.turns.map((t) => textOf(t.blocks));

describe('Two windows on one conversation', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map(removeDir));
  });
  async function windows(scriptsA: Script[], scriptsB: Script[]): Promise<[Harness, Harness]> {
    const a = await harness({ scripts: scriptsA, idPrefix: 'a' });
    dirs.push(a.dir);
    const b = await harness({ scripts: scriptsB, dir: a.dir, idPrefix: 'b' });
    return [a, b];
  }
  const conversationFiles = async (dir: string) => (await fs.readdir(dir)).filter((n) => n.endsWith('.json') && n !== 'index.json');

  it('both reopen the last conversation and both add to it: nothing is lost, and each view shows the other\'s turns', async () => {
    const [a, b] = await windows([replay(textReply(['answer A'])), replay(textReply(['answer A2']))], [replay(textReply(['answer B']))]);
    await a.session.send('from A');
    await b.session.restore();
    assert.equal(b.session.conversationId, a.session.conversationId);
    await b.session.send('from B');
    await a.session.send('A again');

    const expected = ['from A', 'answer A', 'from B', 'answer B', 'A again', 'answer A2'];
    assert.deepEqual(turnTexts(a.of('init').at(-1)), expected, "A's view is rebuilt with B's turns");
    assert.match(a.of('notice').at(-1)?.message ?? '', /Another window added to this conversation/);
    assert.deepEqual((await a.store.load(a.session.conversationId))?.turns.length, 6);
    assert.deepEqual(await conversationFiles(a.dir), [`${a.session.conversationId}.json`]);
  });

  it('a window regaining focus shows what the other window added meanwhile', async () => {
    const [a, b] = await windows([replay(textReply(['answer A']))], [replay(textReply(['answer B']))]);
    await a.session.send('from A');
    await b.session.restore();
    await b.session.send('from B');
    const inits = a.of('init').length;
    await a.session.syncWithOtherWindows();
    assert.equal(a.of('init').length, inits + 1);
    assert.deepEqual(turnTexts(a.of('init').at(-1)), ['from A', 'answer A', 'from B', 'answer B']);
    // Nothing new: no rebuild.
    await a.session.syncWithOtherWindows();
    assert.equal(a.of('init').length, inits + 1);
    // What A sends next goes with B's exchange: the model sees the conversation A's view shows.
    await a.session.send('A again');
    assert.equal(a.client.requests.at(-1)?.messages.length, 5);
    assert.ok(!a.of('notice').some((m) => /Another window/.test(m.message)), 'already shown: nothing to announce');
  });

  it("a reply streaming while the other window saves: the merge is saved at once, the view rebuilt when the reply ends", async () => {
    const [a, b] = await windows([replay(textReply(['answer A']))], [replay(textReply(['answer B']))]);
    let bSaved!: () => void;
    const bSaves = new Promise<void>((resolve) => (bSaved = resolve));
    let initsWhileStreaming = -1;
    // Held before event 2 until B has saved; event 2 then saves mid-stream (the interval passed);
    // held before event 3 until that save is known to have merged.
    a.client.scripts.push(pausedReply(['Half ', 'way ', 'there'], async (i) => {
      if (i === 2) {
        await bSaves;
        a.clock.now += 60_000;
      }
      if (i === 3) {
        const posted = a.posts.length;
        await until(() => a.of('notice').some((m) => /Another window/.test(m.message)));
        initsWhileStreaming = a.posts.slice(posted).filter((m) => m.type === 'init').length;
      }
    }));
    await a.session.send('from A');
    await b.session.restore();
    const sending = a.session.send('A again');
    await b.session.send('from B');
    bSaved();
    const posted = a.posts.length;
    await sending;
    assert.equal(initsWhileStreaming, 0, 'no rebuild while the reply streams into the view');
    const after = a.posts.slice(posted);
    const init = after.findIndex((m) => m.type === 'init');
    assert.ok(init > after.findLastIndex((m) => m.type === 'blockOps'), 'the view is rebuilt after the reply ended');
    assert.equal(after.filter((m) => m.type === 'init').length, 1);
    const final = after[init];
    assert.ok(final?.type === 'init');
    // B saved its exchange first, so it comes first; A's question and its answer stay together.
    assert.deepEqual(turnTexts(final), ['from A', 'answer A', 'from B', 'answer B', 'A again', 'Half way there']);
    assert.equal(final.state.activeRequestId, undefined);
    assert.equal((await b.store.load(a.session.conversationId))?.turns.length, 6);
  });

  it('a rename in the other window while this one streams and saves: one conversation, the new title and every turn', async () => {
    const held = heldReply(['Half ', 'way ', 'there'], 2);
    const [a, b] = await windows([replay(textReply(['answer A'])), held.script], []);
    await a.session.send('from A');
    const id = a.session.conversationId;
    const sending = a.session.send('A again');
    await held.reached;
    await b.session.restore();
    await b.session.rename(id, 'Renamed in B');
    a.clock.now += 60_000;
    held.release();
    await sending;
    assert.equal(a.session.state().title, 'Renamed in B');
    assert.equal(a.of('init').at(-1)?.state.title, 'Renamed in B');
    assert.deepEqual(await conversationFiles(a.dir), [`${id}.json`]);
    const saved = await b.store.load(id);
    assert.equal(saved?.title, 'Renamed in B');
    assert.deepEqual(saved?.turns.map((t) => textOf(t.content)), ['from A', 'answer A', 'A again', 'Half way there']);
    assert.deepEqual((await b.store.list()).map((s) => [s.id, s.title]), [[id, 'Renamed in B']]);
  });

  it('a rename of the open conversation in the same window while it streams: kept, one file, no other-window notice', async () => {
    const held = heldReply(['Half ', 'way ', 'there'], 2);
    const [a] = await windows([replay(textReply(['answer A'])), held.script], []);
    await a.session.send('from A');
    const id = a.session.conversationId;
    const sending = a.session.send('A again');
    await held.reached;
    a.clock.now += 60_000;
    const renaming = a.session.rename(id, 'My title');
    held.release();
    await Promise.all([sending, renaming]);
    const saved = await a.store.load(id);
    assert.equal(saved?.title, 'My title');
    assert.deepEqual(saved?.turns.map((t) => textOf(t.content)), ['from A', 'answer A', 'A again', 'Half way there']);
    assert.deepEqual(await conversationFiles(a.dir), [`${id}.json`]);
    assert.ok(!a.of('notice').some((m) => /Another window/.test(m.message)));
  });

  it('a delete in the other window while this one streams: saved as a new conversation, the delete stands, the user is told', async () => {
    const held = heldReply(['Half ', 'way ', 'there'], 2);
    const [a, b] = await windows([replay(textReply(['answer A'])), held.script], []);
    await a.session.send('from A');
    const id = a.session.conversationId;
    const sending = a.session.send('A again');
    await held.reached;
    await b.session.restore();
    await b.session.delete(id);
    held.release();
    await sending;
    await until(() => a.of('init').at(-1)?.state.conversationId !== id);
    const newId = a.session.conversationId;
    assert.notEqual(newId, id);
    assert.match(a.of('notice').at(-1)?.message ?? '', /deleted in another window; it was saved again as a new conversation/);
    assert.deepEqual(turnTexts(a.of('init').at(-1)), ['from A', 'answer A', 'A again', 'Half way there']);
    assert.deepEqual(await conversationFiles(a.dir), [`${newId}.json`]);
    assert.deepEqual((await b.store.list()).map((s) => s.id), [newId]);
    assert.deepEqual(a.of('history').at(-1)?.history.map((s) => s.id), [newId]);
  });

  it('a reply regenerated in one window shows in the other with its versions, and the replaced reply does not come back', async () => {
    const [a, b] = await windows([replay(textReply(['first'])), replay(textReply(['second']))], [replay(textReply(['B asks on']))]);
    await a.session.send('Q');
    await b.session.restore();
    await a.session.turnActions.regenerate(a.session.openConversation.turns.at(-1)?.id ?? '');
    await b.session.syncWithOtherWindows();
    const shown = b.of('init').at(-1)?.state.turns;
    assert.deepEqual(shown?.map((t) => textOf(t.blocks)), ['Q', 'second']);
    assert.deepEqual(shown?.at(-1)?.earlierVersions?.map((v) => textOf(v.blocks)), ['first']);
    await b.session.send('more');
    await a.session.syncWithOtherWindows();
    assert.deepEqual(a.session.state().turns.map((t) => textOf(t.blocks)), ['Q', 'second', 'more', 'B asks on'], 'B\'s save did not bring the replaced reply back');
    assert.deepEqual(b.client.requests.at(-1)?.messages.map((m) => textOf(m.content)), ['Q', 'second', 'more']);
  });
});
