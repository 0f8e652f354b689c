/**
 * Each chat keeps its own model (src/common/chat/chatModel.ts): the session sends the
 * conversation's model, a choice from the chat's chip applies to that chat only and is saved with
 * it, a new chat starts from the `claudeMessages.model` setting (and follows it while empty and
 * unchosen), and two windows on one conversation keep whichever changed it.
 */
import assert from 'node:assert/strict';
import { harness, harnessesRemovedAfterEach, MODEL, removeDir, replay, textReply, type Harness } from './fakes';

const HAIKU = 'claude-haiku-5-5';
const OPUS = 'claude-opus-5-5';

describe('ChatSession: the chat’s own model', () => {
  const make = harnessesRemovedAfterEach();

  it('a new chat starts from the setting, and its requests use it', async () => {
    const h = await make({ scripts: [replay(textReply(['hi']))] });
    assert.equal(h.session.openConversation.model, MODEL);
    assert.equal(h.session.state().controls.model, MODEL);
    await h.session.send('hello');
    assert.equal(h.client.requests[0]?.model, MODEL);
  });

  it('a model chosen for the chat is what the next request sends, while the setting stays the default', async () => {
    let setting = MODEL;
    const h = await make({ scripts: [replay(textReply(['one'])), replay(textReply(['two']))], defaultModel: () => setting });
    await h.session.send('first');
    h.session.setModel(HAIKU);
    assert.equal(h.of('controls').at(-1)?.controls.model, HAIKU, 'the chip redraws from the answer');
    await h.session.send('second');
    assert.deepEqual(h.client.requests.map((r) => r.model), [MODEL, HAIKU]);
    assert.equal(setting, MODEL, 'the setting is not written by the session');
    // Another window (or the user) changing the default does not switch a chat already under way.
    setting = OPUS;
    h.session.refreshControls();
    assert.equal(h.session.openConversation.model, HAIKU);
    assert.equal(h.of('controls').at(-1)?.controls.model, HAIKU);
  });

  it('the chosen model is saved with the conversation and comes back with it; a new chat starts from the setting again', async () => {
    const h = await make({ scripts: [replay(textReply(['one']))] });
    await h.session.send('first');
    const id = h.session.conversationId;
    h.session.setModel(OPUS);
    await h.session.newChat();
    assert.equal((await h.store.load(id))?.model, OPUS, 'saved at once, before any other send');
    assert.equal(h.session.openConversation.model, MODEL, 'a new chat: the setting');
    await h.session.open(id);
    assert.equal(h.session.openConversation.model, OPUS);
    assert.equal(h.of('init').at(-1)?.state.controls.model, OPUS, 'the view shows the chat’s model');
  });

  it('an empty chat follows the setting until a model is chosen for it', async () => {
    let setting = MODEL;
    const h = await make({ scripts: [replay(textReply(['one']))], defaultModel: () => setting });
    setting = OPUS;
    h.session.refreshControls();
    assert.equal(h.session.openConversation.model, OPUS, 'nothing asked yet: the new default applies');
    h.session.setModel(HAIKU);
    setting = MODEL;
    h.session.refreshControls();
    assert.equal(h.session.openConversation.model, HAIKU, 'chosen here: kept');
    await h.session.send('go');
    assert.equal(h.client.requests[0]?.model, HAIKU);
    await h.session.newChat();
    setting = OPUS;
    h.session.refreshControls();
    assert.equal(h.session.openConversation.model, OPUS, 'a new chat follows the setting again');
  });

  it('Select Model (the setting and the open chat) and the chip give the same request', async () => {
    let setting = MODEL;
    const h = await make({ scripts: [replay(textReply(['one'])), replay(textReply(['two']))], defaultModel: () => setting });
    await h.session.send('first');
    // What the command does: write the setting, then set the open chat's model.
    setting = OPUS;
    h.session.setModel(OPUS);
    await h.session.send('second');
    assert.equal(h.client.requests[1]?.model, OPUS);
    await h.session.newChat();
    assert.equal(h.session.openConversation.model, OPUS, 'and new chats start from it');
  });
});

describe('Two windows: a chat’s model', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map(removeDir));
  });

  async function windows(): Promise<[Harness, Harness]> {
    const a = await harness({ scripts: [replay(textReply(['A'])), replay(textReply(['A2']))], idPrefix: 'a' });
    dirs.push(a.dir);
    const b = await harness({ scripts: [replay(textReply(['B']))], dir: a.dir, idPrefix: 'b' });
    return [a, b];
  }

  it('a model changed in one window reaches the other window’s copy of that chat only, and a save there keeps it', async () => {
    const [a, b] = await windows();
    await a.session.send('from A');
    await b.session.restore();
    await b.session.newChat();
    await b.session.open(a.session.conversationId);
    b.session.setModel(HAIKU);
    await b.session.send('from B');
    await a.session.syncWithOtherWindows();
    assert.equal(a.session.openConversation.model, HAIKU, 'A takes the change B made to this chat');
    await a.session.send('A again');
    assert.equal(a.client.requests.at(-1)?.model, HAIKU);
    assert.equal((await a.store.load(a.session.conversationId))?.model, HAIKU, 'A’s save did not undo it');
  });

  it('a model chosen in this window wins over an older one on disk', async () => {
    const [a, b] = await windows();
    await a.session.send('from A');
    await b.session.restore();
    b.session.setModel(HAIKU);
    await b.session.send('from B');
    a.session.setModel(OPUS);
    await a.session.send('A again');
    assert.equal(a.session.openConversation.model, OPUS);
    assert.equal(a.client.requests.at(-1)?.model, OPUS);
    assert.equal((await a.store.load(a.session.conversationId))?.model, OPUS);
  });
});
